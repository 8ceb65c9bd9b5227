//! What readers get back about registration, shared by the API and the pages: a form with its
//! state, a registration as its registrant or the organisers see it, and the organisers' list.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::figures::{self, CategoryCount, Spread};
use super::model::{Category, Fee, Form, FormScope, Question, RegStatus, Registration};
use super::store;
use super::validate::ListFilter;
use super::window::{self, Window};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::venues::model::{QuestionKind, Venue};
use crate::venues::validate::OptionText;

/// A question of a registration form.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegistrationQuestion {
    /// Id (answers are keyed by it).
    pub id: i64,
    /// `text`, `choice` or `checkbox`.
    pub kind: QuestionKind,
    /// Chinese wording.
    pub label_zh: String,
    /// English wording.
    pub label_en: String,
    /// Options of a choice.
    pub choices: Vec<OptionText>,
    /// Whether an answer is required.
    pub required: bool,
}

impl RegistrationQuestion {
    fn of(q: &Question) -> Self {
        RegistrationQuestion {
            id: q.id,
            kind: q.kind,
            label_zh: q.label_zh.clone(),
            label_en: q.label_en.clone(),
            choices: crate::venues::questions::options(&q.options),
            required: q.required,
        }
    }
}

/// A registration form with its state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegistrationFormView {
    /// Id.
    pub id: i64,
    /// The venue's URL name.
    pub venue_slug: String,
    /// What it admits to.
    pub scope: FormScope,
    /// The track, for track forms.
    pub track_id: Option<i64>,
    /// The programme session, for session forms.
    pub session_id: Option<i64>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Opening (UTC).
    #[serde(with = "crate::web::utc::option")]
    #[schema(value_type = Option<String>)]
    pub opens_at: Option<NaiveDateTime>,
    /// Closing (UTC).
    #[serde(with = "crate::web::utc::option")]
    #[schema(value_type = Option<String>)]
    pub closes_at: Option<NaiveDateTime>,
    /// Opening in the venue's zone, as written.
    pub opens_local: String,
    /// Closing in the venue's zone.
    pub closes_local: String,
    /// The venue's zone.
    pub timezone: String,
    /// Whether it takes registrations now.
    pub window: Window,
    /// Places for open registration (`null`: unlimited).
    pub capacity: Option<i32>,
    /// Places held.
    pub taken: i32,
    /// Places left (`null`: unlimited).
    pub places_left: Option<i32>,
    /// Whether organisers approve each registration.
    pub approval: bool,
    /// Hours to confirm an offered place.
    pub offer_hours: i32,
    /// Fee information in Chinese.
    pub fee_note_zh: String,
    /// Fee information in English.
    pub fee_note_en: String,
    /// Categories.
    pub categories: Vec<Category>,
    /// Extra questions.
    pub questions: Vec<RegistrationQuestion>,
    /// Version (send it back when changing the form).
    pub version: i32,
}

/// A form as everyone sees it.
pub fn form_view(conn: &mut AnyConnection, venue: &Venue, f: &Form, now: NaiveDateTime) -> AppResult<RegistrationFormView> {
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
    let local = |t: Option<NaiveDateTime>| t.map(|t| crate::venues::deadline::display(t, tz)).unwrap_or_default();
    Ok(RegistrationFormView {
        id: f.id,
        venue_slug: venue.slug.clone(),
        scope: f.scope,
        track_id: f.track_id,
        session_id: f.session_id,
        title_zh: f.title_zh.clone(),
        title_en: f.title_en.clone(),
        opens_at: f.opens_at,
        closes_at: f.closes_at,
        opens_local: local(f.opens_at),
        closes_local: local(f.closes_at),
        timezone: venue.timezone.clone(),
        window: window::of(f, now),
        capacity: f.capacity,
        taken: f.taken,
        places_left: f.capacity.map(|c| (c - f.taken).max(0)),
        approval: f.approval,
        offer_hours: f.offer_hours,
        fee_note_zh: f.fee_note_zh.clone(),
        fee_note_en: f.fee_note_en.clone(),
        categories: store::categories(conn, f.id)?,
        questions: store::questions(conn, f.id)?.iter().map(RegistrationQuestion::of).collect(),
        version: f.version,
    })
}

/// The venue's forms.
pub fn forms(conn: &mut AnyConnection, venue: &Venue, now: NaiveDateTime) -> AppResult<Vec<RegistrationFormView>> {
    store::forms_of(conn, venue.id)?
        .iter()
        .map(|f| form_view(conn, venue, f, now))
        .collect()
}

/// A registration as its registrant or the organisers see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegistrationView {
    /// Id.
    pub id: i64,
    /// Its form.
    pub form_id: i64,
    /// The form's Chinese title.
    pub form_title_zh: String,
    /// The form's English title.
    pub form_title_en: String,
    /// The venue's URL name.
    pub venue_slug: String,
    /// Where it stands.
    pub status: RegStatus,
    /// Place on the waiting list (1 = next), while waiting.
    pub waiting_position: Option<i64>,
    /// Deadline to confirm an offered place (UTC).
    #[serde(with = "crate::web::utc::option")]
    #[schema(value_type = Option<String>)]
    pub offer_until: Option<NaiveDateTime>,
    /// Came through an invitation.
    pub invited: bool,
    /// Category id.
    pub category_id: Option<i64>,
    /// Category name in Chinese.
    pub category_zh: String,
    /// Category name in English.
    pub category_en: String,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub institution: String,
    /// Country code.
    pub country: String,
    /// Answers by question id.
    pub answers: serde_json::Value,
    /// Check-in code (only while confirmed).
    pub code: Option<String>,
    /// Fee state.
    pub fee: Fee,
    /// Organisers' note on the fee.
    pub fee_note: String,
    /// Registered (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
    /// The registrant's address (organisers only).
    pub email: Option<String>,
    /// Birth year (the registrant only: organisers see ages only in aggregate).
    pub birth_year: Option<i32>,
    /// Salons: the viewpoint the applicant wants to present.
    pub viewpoint: String,
    /// Salons: the registrant's field.
    pub field: String,
    /// The reason given with the organisers' decision.
    pub decision_note: String,
}

/// Who is reading a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The registrant.
    Registrant,
    /// The venue's organisers.
    Organisers,
}

/// A registration for `reader` (`email` is the registrant's address, for organisers).
pub fn registration_view(
    conn: &mut AnyConnection,
    r: &Registration,
    form: &Form,
    categories: &[Category],
    venue_slug: &str,
    reader: Reader,
    email: Option<String>,
) -> AppResult<RegistrationView> {
    let cat = r.category_id.and_then(|c| categories.iter().find(|x| x.id == c));
    Ok(RegistrationView {
        id: r.id,
        form_id: form.id,
        form_title_zh: form.title_zh.clone(),
        form_title_en: form.title_en.clone(),
        venue_slug: venue_slug.to_string(),
        status: r.status,
        waiting_position: if r.status == RegStatus::Waiting {
            Some(store::waiting_before(conn, r)? + 1)
        } else {
            None
        },
        offer_until: r.offer_until.filter(|_| r.status == RegStatus::Offered),
        invited: r.invited,
        category_id: r.category_id,
        category_zh: cat.map(|c| c.name_zh.clone()).unwrap_or_default(),
        category_en: cat.map(|c| c.name_en.clone()).unwrap_or_default(),
        name_zh: r.name_zh.clone(),
        name_latin: r.name_latin.clone(),
        institution: r.institution.clone(),
        country: r.country.clone(),
        answers: serde_json::from_str(&r.answers).unwrap_or_default(),
        code: (r.status == RegStatus::Confirmed).then(|| r.code.clone()),
        fee: r.fee,
        fee_note: r.fee_note.clone(),
        created_at: r.created_at,
        email: if reader == Reader::Organisers { email } else { None },
        birth_year: if reader == Reader::Registrant { r.birth_year } else { None },
        viewpoint: r.viewpoint.clone(),
        field: r.field.clone(),
        decision_note: r.decision_note.clone(),
    })
}

/// A registration for its registrant, loading what it needs.
pub fn own_view(conn: &mut AnyConnection, r: &Registration, form: &Form) -> AppResult<RegistrationView> {
    let venue = crate::venues::store::by_id(conn, form.venue_id)?;
    let categories = store::categories(conn, form.id)?;
    registration_view(conn, r, form, &categories, &venue.slug, Reader::Registrant, None)
}

/// A person's registrations, newest first.
pub fn mine(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<RegistrationView>> {
    store::of_user(conn, user_id)?.iter().map(|(r, f)| own_view(conn, r, f)).collect()
}

/// The organisers' list of a form.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegistrationList {
    /// The form.
    pub form: RegistrationFormView,
    /// Registrations matching the filters, oldest first.
    pub registrations: Vec<RegistrationView>,
    /// Counts per category and status (all registrations, not only the filtered).
    pub counts: Vec<CategoryCount>,
    /// The spread of confirmed participants (ages, countries, institutions).
    pub spread: Spread,
}

/// The organisers' list.
pub fn list(conn: &mut AnyConnection, venue: &Venue, form: &Form, filter: &ListFilter, now: NaiveDateTime) -> AppResult<RegistrationList> {
    let fv = form_view(conn, venue, form, now)?;
    let rows = store::list(conn, form.id, filter)?;
    let mut registrations = Vec::with_capacity(rows.len());
    for (r, email) in &rows {
        registrations.push(registration_view(
            conn,
            r,
            form,
            &fv.categories,
            &venue.slug,
            Reader::Organisers,
            Some(email.clone()),
        )?);
    }
    let all = store::all_of(conn, form.id)?;
    let ids: Vec<i64> = fv.categories.iter().map(|c| c.id).collect();
    let year = venue
        .starts_on
        .map_or_else(|| chrono::Datelike::year(&now), |d| chrono::Datelike::year(&d));
    Ok(RegistrationList {
        counts: figures::counts(&all, &ids),
        spread: figures::spread(&all, year),
        form: fv,
        registrations,
    })
}
