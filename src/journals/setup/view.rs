//! What readers get back: the whole set-up for the editorial office, and the author-facing
//! part (guidelines, checklist, file rules, open sections) for everyone once submissions open.

use chrono::{Datelike, NaiveDateTime, Utc};
use serde::Serialize;

use super::model::{ReviewMode, Section, SettingsRow, SourceFiles};
use super::store;
use super::validate::{ChecklistItem, SetupInput, SetupSpec, setup as check_setup};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::journals::model::Journal;
use crate::review::forms::model::{Field, journal_form};

/// A journal's settings in force: the saved ones, or the defaults.
#[derive(Debug, Clone)]
pub struct Current {
    /// The settings.
    pub spec: SetupSpec,
    /// The review form.
    pub form: Vec<Field>,
    /// Whether the editors changed the default form.
    pub custom_form: bool,
    /// When last saved (none: never).
    pub updated_at: Option<NaiveDateTime>,
}

fn from_row(r: SettingsRow) -> AppResult<Current> {
    let checklist: Vec<ChecklistItem> = serde_json::from_str(&r.checklist).map_err(|e| AppError::caused("stored checklist", e))?;
    let (form, custom_form) = match &r.review_form {
        Some(json) => (
            serde_json::from_str(json).map_err(|e| AppError::caused("stored review form", e))?,
            true,
        ),
        None => (journal_form(), false),
    };
    Ok(Current {
        spec: SetupSpec {
            enabled: r.enabled,
            review_mode: r.review_mode,
            section_editors_decide: r.section_editors_decide,
            guidelines_zh: r.guidelines_zh,
            guidelines_en: r.guidelines_en,
            checklist,
            source_files: r.source_files,
            max_file_mb: r.max_file_mb,
            response_days: r.response_days,
            review_days: r.review_days,
            remind_before_days: r.remind_before_days,
            remind_after_days: r.remind_after_days,
            doi_prefix: r.doi_prefix,
            doi_pattern: r.doi_pattern,
            licence_url: r.licence_url,
        },
        form,
        custom_form,
        updated_at: Some(r.updated_at),
    })
}

/// The settings in force for the journal.
pub fn current(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Current> {
    match store::settings(conn, journal_id)? {
        Some(row) => from_row(row),
        None => Ok(Current {
            spec: check_setup(&SetupInput::default())?,
            form: journal_form(),
            custom_form: false,
            updated_at: None,
        }),
    }
}

/// Someone named on a page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = JournalPerson)]
pub struct Person {
    /// Account id.
    pub user_id: i64,
    /// Name to show.
    pub name: String,
    /// E-mail.
    pub email: String,
}

/// A section with its editors.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = JournalSection)]
pub struct SectionView {
    /// The section.
    #[serde(flatten)]
    pub section: Section,
    /// Its section editors.
    pub editors: Vec<Person>,
}

/// The editorial set-up, for the journal's editorial office.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EditorialSetup {
    /// The journal.
    pub journal_id: i64,
    /// Taking manuscripts.
    pub enabled: bool,
    /// Review mode.
    pub review_mode: ReviewMode,
    /// Section editors decide (otherwise they recommend).
    pub section_editors_decide: bool,
    /// Author guidelines, Chinese.
    pub guidelines_zh: String,
    /// English.
    pub guidelines_en: String,
    /// Submission checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Word sources beside the PDF.
    pub source_files: SourceFiles,
    /// Largest file, MiB.
    pub max_file_mb: i32,
    /// Days to answer an invitation.
    pub response_days: i32,
    /// Days to review.
    pub review_days: i32,
    /// Reminder before a due date, days (0: none).
    pub remind_before_days: i32,
    /// Reminder after a missed due date, days (0: none).
    pub remind_after_days: i32,
    /// DOI prefix (empty: no DOIs).
    pub doi_prefix: String,
    /// DOI pattern.
    pub doi_pattern: String,
    /// What a DOI will look like (volume 12, issue 3, 7th article, this year), when a prefix is set.
    pub doi_example: Option<String>,
    /// Licence URL.
    pub licence_url: String,
    /// The review form.
    pub review_form: Vec<Field>,
    /// Whether the editors changed the default form.
    pub review_form_custom: bool,
    /// Sections in order.
    pub sections: Vec<SectionView>,
    /// Accounts that may be made section editors (they hold the `section_editor` role).
    pub section_editor_choices: Vec<Person>,
    /// Last saved (UTC); none until the editors save.
    #[serde(with = "crate::web::utc::option")]
    pub updated_at: Option<NaiveDateTime>,
}

fn person(conn: &mut AnyConnection, id: i64) -> AppResult<Person> {
    let u = crate::auth::store::by_id(conn, id)?;
    Ok(Person {
        user_id: id,
        name: u.display_name(),
        email: u.email,
    })
}

/// The sections of a journal with their editors.
pub fn sections(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<SectionView>> {
    let editors = store::editors(conn, journal_id)?;
    let mut out = Vec::new();
    for section in store::sections(conn, journal_id)? {
        let mut people = Vec::new();
        for &(_, uid) in editors.iter().filter(|(s, _)| *s == section.id) {
            people.push(person(conn, uid)?);
        }
        out.push(SectionView { section, editors: people });
    }
    Ok(out)
}

/// The whole set-up.
pub fn setup(conn: &mut AnyConnection, journal: &Journal) -> AppResult<EditorialSetup> {
    let c = current(conn, journal.id)?;
    let mut choices = Vec::new();
    for id in crate::auth::roles::holders(
        conn,
        crate::auth::roles::SECTION_EDITOR,
        crate::auth::roles::SCOPE_JOURNAL,
        journal.id,
    )? {
        choices.push(person(conn, id)?);
    }
    let s = c.spec;
    let doi_example = (!s.doi_prefix.is_empty())
        .then(|| super::doi::example(&s.doi_pattern, &s.doi_prefix, &journal.slug, Utc::now().year()))
        .flatten();
    Ok(EditorialSetup {
        journal_id: journal.id,
        enabled: s.enabled,
        review_mode: s.review_mode,
        section_editors_decide: s.section_editors_decide,
        guidelines_zh: s.guidelines_zh,
        guidelines_en: s.guidelines_en,
        checklist: s.checklist,
        source_files: s.source_files,
        max_file_mb: s.max_file_mb,
        response_days: s.response_days,
        review_days: s.review_days,
        remind_before_days: s.remind_before_days,
        remind_after_days: s.remind_after_days,
        doi_prefix: s.doi_prefix,
        doi_pattern: s.doi_pattern,
        doi_example,
        licence_url: s.licence_url,
        review_form: c.form,
        review_form_custom: c.custom_form,
        sections: sections(conn, journal.id)?,
        section_editor_choices: choices,
        updated_at: c.updated_at,
    })
}

/// An open section, as authors see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OpenSection {
    /// Id (to submit to).
    pub id: i64,
    /// Code.
    pub code: String,
    /// Title, Chinese.
    pub title_zh: String,
    /// English.
    pub title_en: String,
    /// What it takes, Chinese.
    pub policy_zh: String,
    /// English.
    pub policy_en: String,
    /// Peer reviewed.
    pub peer_reviewed: bool,
}

/// What authors are told before they submit.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SubmissionGuidelines {
    /// The journal.
    pub journal_id: i64,
    /// Review mode.
    pub review_mode: ReviewMode,
    /// Author guidelines, Chinese.
    pub guidelines_zh: String,
    /// English.
    pub guidelines_en: String,
    /// What authors confirm.
    pub checklist: Vec<ChecklistItem>,
    /// Word sources beside the PDF.
    pub source_files: SourceFiles,
    /// Largest file, MiB.
    pub max_file_mb: i32,
    /// Licence of published articles.
    pub licence_url: String,
    /// Sections taking manuscripts.
    pub sections: Vec<OpenSection>,
}

/// The guidelines of a journal taking manuscripts; 404 when it takes none.
pub fn guidelines(conn: &mut AnyConnection, journal_id: i64) -> AppResult<SubmissionGuidelines> {
    let s = current(conn, journal_id)?.spec;
    if !s.enabled {
        return Err(AppError::NotFound);
    }
    let sections = store::sections(conn, journal_id)?
        .into_iter()
        .filter(|x| x.open)
        .map(|x| OpenSection {
            id: x.id,
            code: x.code,
            title_zh: x.title_zh,
            title_en: x.title_en,
            policy_zh: x.policy_zh,
            policy_en: x.policy_en,
            peer_reviewed: x.peer_reviewed,
        })
        .collect();
    Ok(SubmissionGuidelines {
        journal_id,
        review_mode: s.review_mode,
        guidelines_zh: s.guidelines_zh,
        guidelines_en: s.guidelines_en,
        checklist: s.checklist,
        source_files: s.source_files,
        max_file_mb: s.max_file_mb,
        licence_url: s.licence_url,
        sections,
    })
}
