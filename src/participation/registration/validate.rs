//! Checking registration input (pure): the organisers' form settings, a registrant's details
//! and answers, fee records, guest invitations and the list's filters.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::model::{Category, Fee, FormScope, Question, RegStatus};
use crate::error::{AppError, FieldErrors};
use crate::values::Email;
use crate::venues::questions;
use crate::venues::validate::QuestionInput;

fn too_long(f: &mut FieldErrors, name: &str, v: &str, max: usize) {
    if v.chars().count() > max {
        f.insert(name.into(), "validation.too_long".into());
    }
    crate::text::check_sized(f, name, v, max);
}

fn done<T>(f: FieldErrors, value: T) -> Result<T, AppError> {
    AppError::unless_fields(f, value)
}

/// A category as the organisers write it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CategoryInput {
    /// The category's id when it exists already (registrations keep pointing at it).
    #[serde(default)]
    pub id: Option<i64>,
    /// Chinese name.
    #[serde(default)]
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Only through an invitation (invited speakers, guests).
    #[serde(default)]
    pub invited_only: bool,
}

/// A registration form's settings. Times are wall-clock in the venue's zone.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RegistrationFormInput {
    /// `venue` (default), `track` or `session`.
    #[serde(default)]
    pub scope: String,
    /// The track, for `track`.
    #[serde(default)]
    pub track_id: Option<i64>,
    /// The programme session, for `session`.
    #[serde(default)]
    pub session_id: Option<i64>,
    /// Chinese title (default: the venue's, track's or session's name).
    #[serde(default)]
    pub title_zh: String,
    /// English title.
    #[serde(default)]
    pub title_en: String,
    /// Opening, `YYYY-MM-DDTHH:MM`; empty: open at once.
    #[serde(default)]
    pub opens_at: String,
    /// Closing, `YYYY-MM-DDTHH:MM`; empty: until closed by hand.
    #[serde(default)]
    pub closes_at: String,
    /// Places for open registration (1 to 100000); none: unlimited. Invited people come on top.
    #[serde(default)]
    pub capacity: Option<i32>,
    /// Whether organisers approve each registration.
    #[serde(default)]
    pub approval: bool,
    /// Hours a person offered a freed place has to confirm it (1 to 720, default 48).
    #[serde(default)]
    pub offer_hours: Option<i32>,
    /// What registrants are told about fees, in Chinese.
    #[serde(default)]
    pub fee_note_zh: String,
    /// The same in English.
    #[serde(default)]
    pub fee_note_en: String,
    /// Categories, in order.
    #[serde(default)]
    pub categories: Vec<CategoryInput>,
    /// Extra questions, in order (answers stay with the question at the same position).
    #[serde(default)]
    pub questions: Vec<QuestionInput>,
    /// The form's `version` when it was loaded (changing a form someone else changed since is refused).
    #[serde(default)]
    pub version: Option<i32>,
}

/// Checked form settings.
#[derive(Debug, Clone)]
pub struct FormSpec {
    /// Scope.
    pub scope: FormScope,
    /// Track.
    pub track_id: Option<i64>,
    /// Session.
    pub session_id: Option<i64>,
    /// Titles (may be empty: the caller fills them from the scope).
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Opening (UTC).
    pub opens_at: Option<NaiveDateTime>,
    /// Closing (UTC).
    pub closes_at: Option<NaiveDateTime>,
    /// Capacity.
    pub capacity: Option<i32>,
    /// Approval.
    pub approval: bool,
    /// Offer hours.
    pub offer_hours: i32,
    /// Fee note in Chinese.
    pub fee_note_zh: String,
    /// Fee note in English.
    pub fee_note_en: String,
    /// Categories, trimmed.
    pub categories: Vec<CategoryInput>,
    /// Questions, trimmed.
    pub questions: Vec<QuestionInput>,
}

impl FormSpec {
    /// `venue`, `track:<id>` or `session:<id>`.
    pub fn scope_key(&self) -> String {
        match (self.scope, self.track_id, self.session_id) {
            (FormScope::Track, Some(t), _) => format!("track:{t}"),
            (FormScope::Session, _, Some(s)) => format!("session:{s}"),
            _ => "venue".into(),
        }
    }
}

fn when(f: &mut FieldErrors, name: &str, v: &str, tz: chrono_tz::Tz) -> Option<NaiveDateTime> {
    if v.trim().is_empty() {
        return None;
    }
    let at = crate::venues::deadline::local_to_utc(v.trim(), tz);
    if at.is_none() {
        f.insert(name.into(), "validation.datetime_invalid".into());
    }
    at
}

/// Checks a form's settings; times are read in `tz`.
pub fn form(input: &RegistrationFormInput, tz: chrono_tz::Tz) -> Result<FormSpec, AppError> {
    let mut f = FieldErrors::new();
    let scope = match input.scope.trim() {
        "" => Some(FormScope::Venue),
        s => FormScope::parse(s),
    };
    let scope = scope.unwrap_or_else(|| {
        f.insert("scope".into(), "registration.scope_invalid".into());
        FormScope::Venue
    });
    let (track_id, session_id) = match scope {
        FormScope::Venue => (None, None),
        FormScope::Track => (input.track_id, None),
        FormScope::Session => (None, input.session_id),
    };
    if scope == FormScope::Track && track_id.is_none() {
        f.insert("track_id".into(), "validation.required".into());
    }
    if scope == FormScope::Session && session_id.is_none() {
        f.insert("session_id".into(), "validation.required".into());
    }
    let title_zh = input.title_zh.trim().to_string();
    let title_en = input.title_en.trim().to_string();
    too_long(&mut f, "title_zh", &title_zh, 300);
    too_long(&mut f, "title_en", &title_en, 300);
    let opens_at = when(&mut f, "opens_at", &input.opens_at, tz);
    let closes_at = when(&mut f, "closes_at", &input.closes_at, tz);
    if let (Some(o), Some(c)) = (opens_at, closes_at)
        && c <= o
    {
        f.insert("closes_at".into(), "registration.closes_before_opening".into());
    }
    if let Some(c) = input.capacity
        && !(1..=100_000).contains(&c)
    {
        f.insert("capacity".into(), "registration.capacity_range".into());
    }
    let offer_hours = input.offer_hours.unwrap_or(48);
    if !(1..=720).contains(&offer_hours) {
        f.insert("offer_hours".into(), "registration.offer_hours_range".into());
    }
    let fee_note_zh = input.fee_note_zh.trim().to_string();
    let fee_note_en = input.fee_note_en.trim().to_string();
    too_long(&mut f, "fee_note_zh", &fee_note_zh, 2000);
    too_long(&mut f, "fee_note_en", &fee_note_en, 2000);
    let mut categories = input.categories.clone();
    for (i, c) in categories.iter_mut().enumerate() {
        let at = |field: &str| crate::web::rows::key("categories", i, field);
        c.name_zh = c.name_zh.trim().to_string();
        c.name_en = c.name_en.trim().to_string();
        if c.name_zh.is_empty() && c.name_en.is_empty() {
            f.insert(at("name_zh"), "registration.category_name".into());
        }
        too_long(&mut f, &at("name_zh"), &c.name_zh, 100);
        too_long(&mut f, &at("name_en"), &c.name_en, 100);
    }
    if categories.len() > 30 {
        f.insert("categories".into(), "validation.too_many".into());
    }
    let mut seen = std::collections::HashSet::new();
    for (i, c) in categories.iter().enumerate() {
        if let Some(id) = c.id
            && !seen.insert(id)
        {
            f.insert(crate::web::rows::key("categories", i, "id"), "registration.category_twice".into());
        }
    }
    let questions = questions::check_list("questions", &input.questions, &mut f);
    done(
        f,
        FormSpec {
            scope,
            track_id,
            session_id,
            title_zh,
            title_en,
            opens_at,
            closes_at,
            capacity: input.capacity,
            approval: input.approval,
            offer_hours,
            fee_note_zh,
            fee_note_en,
            categories,
            questions,
        },
    )
}

/// A person's registration as submitted. Names, institution, country and birth year come
/// from the profile when left out.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RegisterInput {
    /// Category id (required when the form has categories open to everyone).
    #[serde(default)]
    pub category_id: Option<i64>,
    /// Name in Chinese characters (for the badge).
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Name in Latin script (for the badge).
    #[serde(default)]
    pub name_latin: Option<String>,
    /// Institution.
    #[serde(default)]
    pub institution: Option<String>,
    /// ISO 3166 country code (`CN`).
    #[serde(default)]
    pub country: Option<String>,
    /// Birth year, optional (used only in aggregate figures).
    #[serde(default)]
    pub birth_year: Option<i32>,
    /// Answers by question id: text, option index, or "yes" for a ticked checkbox.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Salons: the viewpoint the applicant wants to present (required in an open application).
    #[serde(default)]
    pub viewpoint: Option<String>,
    /// Salons: the registrant's field (required).
    #[serde(default)]
    pub field: Option<String>,
}

/// A checked registration.
#[derive(Debug, Clone)]
pub struct RegisterSpec {
    /// Category.
    pub category_id: Option<i64>,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub institution: String,
    /// Country code, upper case, or empty.
    pub country: String,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Stored answers.
    pub answers: BTreeMap<String, serde_json::Value>,
    /// Salon viewpoint (empty elsewhere).
    pub viewpoint: String,
    /// Salon field (empty elsewhere).
    pub field: String,
}

/// What a registrant's details are checked against.
pub struct RegisterContext<'a> {
    /// The form's categories.
    pub categories: &'a [Category],
    /// Its questions.
    pub questions: &'a [Question],
    /// Whether the registrant comes with an invitation (may choose invited-only categories).
    pub invited: bool,
    /// The profile the details default to.
    pub profile: &'a crate::auth::User,
    /// This year (birth years are checked against it).
    pub year: i32,
    /// Whether the form is a salon's: the field is asked, and an open application's viewpoint.
    pub salon: bool,
}

/// Longest salon viewpoint (characters): a short abstract.
pub const VIEWPOINT_MAX: usize = 2000;

/// Checks a registrant's details and answers.
pub fn register(input: &RegisterInput, ctx: &RegisterContext<'_>) -> Result<RegisterSpec, AppError> {
    let mut f = FieldErrors::new();
    let pick = |given: &Option<String>, profile: &str| given.as_deref().unwrap_or(profile).trim().to_string();
    let name_zh = pick(&input.name_zh, &ctx.profile.name_zh);
    let name_latin = pick(&input.name_latin, &ctx.profile.name_latin);
    let institution = pick(&input.institution, &ctx.profile.affiliation);
    let profile_country = if crate::web::code_names::country(&ctx.profile.country, crate::web::i18n::Lang::En).is_some() {
        ctx.profile.country.as_str()
    } else {
        ""
    };
    let country = pick(&input.country, profile_country).to_uppercase();
    if name_zh.is_empty() && name_latin.is_empty() {
        f.insert("name_latin".into(), "registration.name_required".into());
    }
    too_long(&mut f, "name_zh", &name_zh, 100);
    too_long(&mut f, "name_latin", &name_latin, 200);
    too_long(&mut f, "institution", &institution, 300);
    if !country.is_empty() && crate::web::code_names::country(&country, crate::web::i18n::Lang::En).is_none() {
        f.insert("country".into(), "registration.country_unknown".into());
    }
    let birth_year = input.birth_year.or(ctx.profile.birth_year);
    if let Some(y) = birth_year
        && !(ctx.year - 120..=ctx.year - 5).contains(&y)
    {
        f.insert("birth_year".into(), "registration.birth_year_range".into());
    }
    let open: Vec<&Category> = ctx.categories.iter().filter(|c| ctx.invited || !c.invited_only).collect();
    let category_id = match input.category_id {
        Some(id) if open.iter().any(|c| c.id == id) => Some(id),
        Some(id) if ctx.categories.iter().any(|c| c.id == id) => {
            f.insert("category_id".into(), "registration.category_invited_only".into());
            None
        }
        Some(_) => {
            f.insert("category_id".into(), "registration.category_unknown".into());
            None
        }
        None if open.is_empty() => None,
        None => {
            f.insert("category_id".into(), "validation.required".into());
            None
        }
    };
    let asked: Vec<_> = ctx.questions.iter().map(Question::asked).collect();
    let answers = questions::check_answers(&asked, &input.answers, &mut f);
    let (viewpoint, field) = if ctx.salon {
        let viewpoint = input.viewpoint.as_deref().unwrap_or("").trim().to_string();
        let field = input.field.as_deref().unwrap_or("").trim().to_string();
        if viewpoint.is_empty() && !ctx.invited {
            f.insert("viewpoint".into(), "salon.viewpoint_required".into());
        }
        too_long(&mut f, "viewpoint", &viewpoint, VIEWPOINT_MAX);
        if field.is_empty() {
            f.insert("field".into(), "salon.field_required".into());
        }
        too_long(&mut f, "field", &field, 100);
        (viewpoint, field)
    } else {
        (String::new(), String::new())
    };
    done(
        f,
        RegisterSpec {
            category_id,
            name_zh,
            name_latin,
            institution,
            country,
            birth_year,
            answers,
            viewpoint,
            field,
        },
    )
}

/// Checks the reason given with a decision (trimmed; at most 2,000 characters).
pub fn decision_note(note: &str) -> Result<String, AppError> {
    let mut f = FieldErrors::new();
    let note = note.trim().to_string();
    too_long(&mut f, "note", &note, 2000);
    done(f, note)
}

/// The organisers' record of a fee.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct FeeInput {
    /// `open`, `paid` or `waived`.
    #[serde(default)]
    pub fee: String,
    /// A note (receipt number, reason for the waiver).
    #[serde(default)]
    pub note: String,
}

/// Checks a fee record.
pub fn fee(input: &FeeInput) -> Result<(Fee, String), AppError> {
    let mut f = FieldErrors::new();
    let fee = Fee::parse(input.fee.trim());
    if fee.is_none() {
        f.insert("fee".into(), "registration.fee_invalid".into());
    }
    let note = input.note.trim().to_string();
    too_long(&mut f, "note", &note, 500);
    done(f, (fee.unwrap_or(Fee::Open), note))
}

/// One guest to invite.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct GuestInput {
    /// Address the personal link goes to.
    #[serde(default)]
    pub email: String,
    /// Name.
    #[serde(default)]
    pub name: String,
}

/// Guests to invite, and the category they register in.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct InviteGuestsInput {
    /// The guests (at most 500).
    #[serde(default)]
    pub guests: Vec<GuestInput>,
    /// Their category.
    #[serde(default)]
    pub category_id: Option<i64>,
}

/// Checks the guest list: every address valid and named once.
pub fn guests(input: &InviteGuestsInput) -> Result<Vec<(Email, String)>, AppError> {
    let mut f = FieldErrors::new();
    let mut out: Vec<(Email, String)> = Vec::new();
    for (i, g) in input.guests.iter().enumerate() {
        let at = |field: &str| crate::web::rows::key("guests", i, field);
        let name = g.name.trim().to_string();
        too_long(&mut f, &at("name"), &name, 200);
        match Email::parse(&g.email) {
            Some(e) if out.iter().any(|(o, _)| o == &e) => {
                f.insert(at("email"), "registration.guest_twice".into());
            }
            Some(e) => out.push((e, name)),
            None => {
                f.insert(at("email"), "validation.email_invalid".into());
            }
        }
    }
    if input.guests.is_empty() {
        f.insert("guests".into(), "registration.guests_empty".into());
    }
    if input.guests.len() > 500 {
        f.insert("guests".into(), "validation.too_many".into());
    }
    done(f, out)
}

/// The organisers' list filters, as given in a query string.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A status (`confirmed`, `waiting`...).
    pub status: Option<String>,
    /// A category id.
    pub category: Option<String>,
    /// `open`, `paid` or `waived`.
    pub fee: Option<String>,
    /// Words in the name, institution or address.
    pub q: Option<String>,
}

/// Checked filters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ListFilter {
    /// Status.
    pub status: Option<RegStatus>,
    /// Category.
    pub category: Option<i64>,
    /// Fee.
    pub fee: Option<Fee>,
    /// Text.
    pub q: String,
}

/// Checks the list's filters.
pub fn filter(q: &ListQuery) -> Result<ListFilter, AppError> {
    let mut f = FieldErrors::new();
    let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let status = blank(&q.status).and_then(|s| {
        let parsed = RegStatus::parse(&s);
        if parsed.is_none() {
            f.insert("status".into(), "registration.status_invalid".into());
        }
        parsed
    });
    let category = blank(&q.category).and_then(|s| {
        let parsed = s.parse::<i64>().ok();
        if parsed.is_none() {
            f.insert("category".into(), "validation.number_invalid".into());
        }
        parsed
    });
    let fee = blank(&q.fee).and_then(|s| {
        let parsed = Fee::parse(&s);
        if parsed.is_none() {
            f.insert("fee".into(), "registration.fee_invalid".into());
        }
        parsed
    });
    let text = blank(&q.q).unwrap_or_default();
    too_long(&mut f, "q", &text, 200);
    done(
        f,
        ListFilter {
            status,
            category,
            fee,
            q: text,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> chrono_tz::Tz {
        chrono_tz::Asia::Shanghai
    }

    #[test]
    fn form_times_are_read_in_the_venue_zone_and_must_be_in_order() {
        let input = RegistrationFormInput {
            opens_at: "2027-05-01T09:00".into(),
            closes_at: "2027-04-01T09:00".into(),
            capacity: Some(0),
            offer_hours: Some(0),
            ..Default::default()
        };
        let Err(AppError::Validation { fields }) = form(&input, tz()) else {
            panic!("accepted")
        };
        assert_eq!(fields["closes_at"], "registration.closes_before_opening");
        assert_eq!(fields["capacity"], "registration.capacity_range");
        assert_eq!(fields["offer_hours"], "registration.offer_hours_range");

        let input = RegistrationFormInput {
            opens_at: "2027-05-01T09:00".into(),
            ..Default::default()
        };
        let spec = form(&input, tz()).unwrap();
        assert_eq!(spec.opens_at.unwrap().to_string(), "2027-05-01 01:00:00");
        assert_eq!(spec.offer_hours, 48);
        assert_eq!(spec.scope_key(), "venue");
    }

    #[test]
    fn a_track_form_names_its_track() {
        let input = RegistrationFormInput {
            scope: "track".into(),
            ..Default::default()
        };
        let Err(AppError::Validation { fields }) = form(&input, tz()) else {
            panic!("accepted")
        };
        assert_eq!(fields["track_id"], "validation.required");
        let input = RegistrationFormInput {
            scope: "track".into(),
            track_id: Some(4),
            ..Default::default()
        };
        assert_eq!(form(&input, tz()).unwrap().scope_key(), "track:4");
        let input = RegistrationFormInput {
            scope: "room".into(),
            ..Default::default()
        };
        assert!(form(&input, tz()).is_err());
    }

    #[test]
    fn the_list_filters_name_what_is_wrong() {
        let q = ListQuery {
            status: Some("maybe".into()),
            category: Some("x".into()),
            fee: Some("paid".into()),
            q: None,
        };
        let Err(AppError::Validation { fields }) = filter(&q) else {
            panic!("accepted")
        };
        assert_eq!(fields["status"], "registration.status_invalid");
        assert_eq!(fields["category"], "validation.number_invalid");
        assert!(!fields.contains_key("fee"));
    }

    #[test]
    fn a_guest_list_refuses_an_address_twice() {
        let input = InviteGuestsInput {
            guests: vec![
                GuestInput {
                    email: "a@example.org".into(),
                    name: "A".into(),
                },
                GuestInput {
                    email: "A@example.org".into(),
                    name: "A again".into(),
                },
                GuestInput {
                    email: "nope".into(),
                    name: String::new(),
                },
            ],
            category_id: None,
        };
        let Err(AppError::Validation { fields }) = guests(&input) else {
            panic!("accepted")
        };
        assert_eq!(fields["guests[1].email"], "registration.guest_twice");
        assert!(fields.contains_key("guests[2].email"));
    }
}
