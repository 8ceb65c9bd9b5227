//! The chairs' review set-up page: the review phase (deadline, reminders, visibility, author
//! response, decision labels) and the review form editor.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::{DecisionLabel, PhasesInput};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::guard::{as_chair, venue::chaired};
use crate::review::forms::model::Field;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// Blank rows offered for new custom decision labels.
const SPARE_LABELS: usize = 2;

/// The page's context: the phase as typed (or stored) and the form's fields.
pub fn setup_context(venue: &Venue, phase: &PhasesInput, fields: &[Field], custom: bool) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("phase", phase);
    let mut labels = phase.custom_labels.clone();
    labels.extend((0..SPARE_LABELS).map(|_| DecisionLabel {
        key: String::new(),
        zh: String::new(),
        en: String::new(),
        accept: false,
    }));
    ctx.insert("labels", &labels);
    ctx.insert("fields", fields);
    ctx.insert("blank_field", &crate::review::forms::model::blank_field());
    ctx.insert("custom_form", &custom);
    ctx.insert("standard_labels", &super::standard_labels());
    ctx
}

/// Loads the stored set-up of a venue.
pub async fn stored(state: &AppState, venue: &Venue) -> AppResult<(PhasesInput, Vec<Field>, bool)> {
    let (vid, tz) = (
        venue.id,
        crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai),
    );
    state
        .db
        .run(move |c| {
            let p = super::load(c, vid)?;
            Ok((
                PhasesInput::from_phases(&p, tz),
                crate::review::forms::store::load(c, vid)?,
                crate::review::forms::store::is_custom(c, vid)?,
            ))
        })
        .await
}

/// `GET /venues/{slug}/review-setup` (chairs).
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let v = chaired(&state, &user, path.into_inner()).await?;
    let (phase, fields, custom) = stored(&state, &v).await?;
    page.render(&state, "review/setup.html", setup_context(&v, &phase, &fields, custom))
}

/// Reads the phase form (custom labels come as `label{i}_key`, `_zh`, `_en`, `_accept`).
fn parse(form: &[(String, String)]) -> PhasesInput {
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let mut labels = Vec::new();
    for i in 0..20 {
        let key = get(&format!("label{i}_key"));
        let (zh, en) = (get(&format!("label{i}_zh")), get(&format!("label{i}_en")));
        if key.trim().is_empty() && zh.trim().is_empty() && en.trim().is_empty() {
            continue;
        }
        labels.push(DecisionLabel {
            key: key.trim().to_string(),
            zh: zh.trim().to_string(),
            en: en.trim().to_string(),
            accept: !get(&format!("label{i}_accept")).is_empty(),
        });
    }
    PhasesInput {
        review_deadline: get("review_deadline"),
        reminder_days: get("reminder_days"),
        discussion_after_review: !get("discussion_after_review").is_empty(),
        reviews_to_authors: !get("reviews_to_authors").is_empty(),
        rebuttal_opens: get("rebuttal_opens"),
        rebuttal_deadline: get("rebuttal_deadline"),
        // Blank means the default; anything else must be a number in range.
        rebuttal_max_chars: match get("rebuttal_max_chars").trim() {
            "" => None,
            n => Some(n.parse().unwrap_or(-1)),
        },
        custom_labels: labels,
    }
}

/// `POST /venues/{slug}/review-phase` (chairs).
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let v = chaired(&state, &user, path.into_inner()).await?;
    let input = parse(&form);
    let tz = crate::venues::deadline::parse_tz(&v.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    let result = match super::validate(&input, tz) {
        Ok(p) => as_chair(&state, &user, v.slug.clone(), move |c, ch| super::save(c, ch.venue.id, &p))
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            flash(&page.session, "review_setup.phase_saved");
            Ok(redirect(&format!("/venues/{}/review-setup", v.slug)))
        }
        Err(e) => {
            let (_, fields, custom) = stored(&state, &v).await?;
            let ctx = setup_context(&v, &input, &fields, custom);
            page.form_errors(&state, "review/setup.html", ctx, &input, e)
        }
    }
}
