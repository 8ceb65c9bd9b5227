//! The registration pages' forms (the organisers' settings with category and question rows,
//! a registrant's details) and their conversion to the API's inputs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Category, Form, Question};
use super::validate::{CategoryInput, RegisterInput, RegistrationFormInput};
use crate::error::{AppError, FieldErrors};
use crate::venues::forms::QuestionRow;
use crate::web::rows::{Kept, Row, Rows, checkbox, renumber};

/// A category row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CategoryRow {
    /// The stored category's id (hidden), empty for a new row.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub invited_only: bool,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for CategoryRow {
    fn is_blank(&self) -> bool {
        self.name_zh.trim().is_empty() && self.name_en.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The settings form as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub opens_at: String,
    #[serde(default)]
    pub closes_at: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub approval: bool,
    #[serde(default)]
    pub offer_hours: String,
    #[serde(default)]
    pub fee_note_zh: String,
    #[serde(default)]
    pub fee_note_en: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub categories: Rows<CategoryRow>,
    #[serde(default)]
    pub questions: Rows<QuestionRow>,
}

fn number(f: &mut FieldErrors, name: &str, v: &str) -> Option<i64> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    let n = v.parse::<i64>().ok();
    if n.is_none() {
        f.insert(name.into(), "validation.number_invalid".into());
    }
    n
}

fn small(f: &mut FieldErrors, name: &str, v: &str) -> Option<i32> {
    number(f, name, v).map(|n| i32::try_from(n).unwrap_or(i32::MAX))
}

/// The API input a page form gives, and where its rows came from.
pub struct Converted<T> {
    /// The input.
    pub input: T,
    kept: Vec<Kept>,
}

impl<T> Converted<T> {
    /// Makes the shared validation's errors name the form's rows.
    pub fn renumber(&self, err: AppError) -> AppError {
        renumber(err, &self.kept.iter().collect::<Vec<_>>())
    }
}

impl SettingsForm {
    /// Converts to the API input; blank and removed rows are left out. `target` is the track
    /// or session id the scope needs.
    pub fn to_input(&self) -> Result<Converted<RegistrationFormInput>, AppError> {
        let mut f = FieldErrors::new();
        let target = number(&mut f, "target", &self.target);
        let capacity = small(&mut f, "capacity", &self.capacity);
        let offer_hours = small(&mut f, "offer_hours", &self.offer_hours);
        let version = small(&mut f, "version", &self.version);
        let (categories, kept_c) = self.categories.kept("categories", |i, c| CategoryInput {
            id: number(&mut f, &crate::web::rows::key("categories", i, "id"), &c.id),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            invited_only: c.invited_only,
        });
        let (questions, kept_q) = self.questions.kept("questions", |i, q| q.input(&mut f, i));
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        let scope = self.scope.trim().to_string();
        Ok(Converted {
            input: RegistrationFormInput {
                track_id: (scope == "track").then_some(target).flatten(),
                session_id: (scope == "session").then_some(target).flatten(),
                scope,
                title_zh: self.title_zh.clone(),
                title_en: self.title_en.clone(),
                opens_at: self.opens_at.clone(),
                closes_at: self.closes_at.clone(),
                capacity,
                approval: self.approval,
                offer_hours,
                fee_note_zh: self.fee_note_zh.clone(),
                fee_note_en: self.fee_note_en.clone(),
                categories,
                questions,
                version,
            },
            kept: vec![kept_c, kept_q],
        })
    }

    /// The form showing a stored registration form (times in the venue's zone).
    pub fn of(form: &Form, categories: &[Category], questions: &[Question], tz: chrono_tz::Tz) -> SettingsForm {
        let local = |t: Option<chrono::NaiveDateTime>| t.map(|t| crate::venues::deadline::utc_to_local_input(t, tz)).unwrap_or_default();
        SettingsForm {
            scope: form.scope.as_str().into(),
            target: form.track_id.or(form.session_id).map(|t| t.to_string()).unwrap_or_default(),
            title_zh: form.title_zh.clone(),
            title_en: form.title_en.clone(),
            opens_at: local(form.opens_at),
            closes_at: local(form.closes_at),
            capacity: form.capacity.map(|c| c.to_string()).unwrap_or_default(),
            approval: form.approval,
            offer_hours: form.offer_hours.to_string(),
            fee_note_zh: form.fee_note_zh.clone(),
            fee_note_en: form.fee_note_en.clone(),
            version: form.version.to_string(),
            categories: Rows::of(categories, |c| CategoryRow {
                id: c.id.to_string(),
                name_zh: c.name_zh.clone(),
                name_en: c.name_en.clone(),
                invited_only: c.invited_only,
                remove: false,
            }),
            questions: Rows::of(questions, |q| {
                QuestionRow::of_parts(q.kind.as_str(), q.required, &q.label_zh, &q.label_en, &q.options)
            }),
        }
    }
}

/// A registrant's details as posted (answers come as `q<id>` fields).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RegisterForm {
    #[serde(default)]
    pub category_id: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_latin: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub birth_year: String,
    /// Salons: the viewpoint.
    #[serde(default)]
    pub viewpoint: String,
    /// Salons: the field.
    #[serde(default)]
    pub field: String,
    /// Everything else posted: the `q<id>` answers.
    #[serde(flatten)]
    pub rest: BTreeMap<String, String>,
}

impl RegisterForm {
    /// Converts to the API input.
    pub fn to_input(&self) -> Result<RegisterInput, AppError> {
        let mut f = FieldErrors::new();
        let category_id = number(&mut f, "category_id", &self.category_id);
        let birth_year = small(&mut f, "birth_year", &self.birth_year);
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        let answers = self
            .rest
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix('q')
                    .filter(|id| id.parse::<i64>().is_ok())
                    .map(|id| (id.to_string(), v.clone()))
            })
            .collect();
        Ok(RegisterInput {
            category_id,
            name_zh: Some(self.name_zh.clone()),
            name_latin: Some(self.name_latin.clone()),
            institution: Some(self.institution.clone()),
            country: Some(self.country.clone()),
            birth_year,
            answers,
            viewpoint: Some(self.viewpoint.clone()),
            field: Some(self.field.clone()),
        })
    }

    /// The form prefilled from the profile.
    pub fn of_profile(u: &crate::auth::User) -> RegisterForm {
        let country = if crate::web::code_names::country(&u.country, crate::web::i18n::Lang::En).is_some() {
            u.country.to_uppercase()
        } else {
            String::new()
        };
        RegisterForm {
            name_zh: u.name_zh.clone(),
            name_latin: u.name_latin.clone(),
            institution: u.affiliation.clone(),
            country,
            birth_year: u.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            ..Default::default()
        }
    }
}
