//! The expert's ballot: every journal of the field with nominations and indicators; a tier and a
//! comment per journal, submitted together; the deadline (China Standard Time, with the time
//! left); drafts kept as the expert types (`static/xuehui.js` posts the form to
//! `/vote/draft`; without JavaScript the "save draft" button does) and never counted until
//! submitted; conflicts declared from the same page.

use actix_web::{HttpResponse, web};
use chrono::{NaiveDateTime, TimeZone, Utc};
use tera::Context;

use crate::auth::CurrentUser;
use crate::catalogue::{ballot, policy, store, votes};
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash_result, redirect};

/// `GET /catalogues/{slug}/vote`.
pub async fn ballot_page(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (e, b) = state
        .db
        .run(move |c| {
            let e = store::by_slug(c, &slug)?;
            policy::require_expert(c, &user.user, e.id)?;
            let b = ballot::build(c, &e, user.user.id, Utc::now().naive_utc())?;
            Ok((e, b))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("e", &e);
    ctx.insert("b", &b);
    ctx.insert("texts", &e.texts());
    if let Some(closes) = e.evaluation_closes {
        ctx.insert("closes_local", &cst(closes));
        ctx.insert("closes_utc", &closes.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        ctx.insert("left", &time_left(Utc::now().naive_utc(), closes));
    }
    ctx.insert("draft_saved_local", &b.draft_saved_at.map(cst));
    page.render(&state, "catalogue/vote.html", ctx)
}

/// A UTC time as shown on the ballot: China Standard Time, where catalogue deadlines are set.
fn cst(t: NaiveDateTime) -> String {
    chrono_tz::Asia::Shanghai.from_utc_datetime(&t).format("%Y-%m-%d %H:%M").to_string()
}

/// Time left until `closes`: (days, hours, minutes), or `None` once it has passed.
fn time_left(now: NaiveDateTime, closes: NaiveDateTime) -> Option<(i64, i64, i64)> {
    let left = closes - now;
    if left < chrono::Duration::zero() {
        return None;
    }
    let minutes = left.num_minutes();
    Some((minutes / (24 * 60), minutes / 60 % 24, minutes % 60))
}

/// The ballot's lines as posted: journal, chosen tier, comment, and whether either differs
/// from the submitted vote the page showed (`was_<journal>`, `wasc_<journal>`).
fn posted_lines(form: &[(String, String)]) -> Vec<(i64, String, String, bool)> {
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    form.iter()
        .filter_map(|(k, chosen)| {
            let id = k.strip_prefix("v_").and_then(|n| n.parse::<i64>().ok())?;
            let comment = get(&format!("c_{id}"));
            let changed = get(&format!("was_{id}")) != chosen || get(&format!("wasc_{id}")).trim() != comment.trim();
            Some((id, chosen.clone(), comment.to_string(), changed))
        })
        .collect()
}

/// `POST /catalogues/{slug}/vote/draft`: keeps the ballot as typed without submitting it
/// (experts on the panel only; 404 for anyone else). Lines equal to the submitted vote drop
/// their draft. Script requests (`Accept: application/json`) get `{"saved_at", "drafts"}`;
/// the form's "save draft" button is sent back to the ballot.
pub async fn save_draft(
    state: web::Data<AppState>,
    page: Page,
    req: actix_web::HttpRequest,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let lines = posted_lines(&form);
    let s2 = slug.clone();
    let now = Utc::now().naive_utc();
    let result = state
        .db
        .tx(move |c| {
            let e = store::by_slug(c, &s2)?;
            policy::require_expert(c, &user.user, e.id)?;
            let conflicts = crate::catalogue::panel::conflicts_of(c, e.id, user.user.id)?;
            for (journal, tier, comment, changed) in &lines {
                if conflicts.contains(journal) {
                    continue;
                }
                let draft = changed.then_some((tier.as_str(), comment.as_str()));
                votes::save_draft(c, &e, user.user.id, *journal, draft, now)?;
            }
            Ok(votes::drafts(c, e.id, user.user.id)?.len())
        })
        .await;
    let wants_json = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    if wants_json {
        let drafts = result?;
        return Ok(HttpResponse::Ok().json(serde_json::json!({
            "saved_at": now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "saved_local": cst(now),
            "drafts": drafts,
        })));
    }
    flash_result(&page.session, result.map(|_| ()), "catalogue.draft_saved")?;
    Ok(redirect(&format!("/catalogues/{slug}/vote")))
}

/// `POST /catalogues/{slug}/vote`: `v_<journal>` is the chosen tier ("" for none yet) and
/// `was_<journal>` the submitted vote, `c_<journal>` / `wasc_<journal>` the comment; only
/// changed rows are written, and the expert's drafts are cleared.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let mut changes = Vec::new();
    for (id, chosen, comment, changed) in posted_lines(&form) {
        if changed {
            changes.push((id, super::super::validate::vote_of(Some(&chosen)), comment));
        }
    }
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = store::by_slug(c, &s2)?;
            policy::require_expert(c, &user.user, e.id)?;
            let now = Utc::now().naive_utc();
            for (journal, vote, comment) in changes {
                votes::cast(c, &e, user.user.id, journal, vote?, &comment, now)?;
            }
            // The ballot as submitted is now the votes: its drafts are done with.
            votes::clear_drafts(c, e.id, user.user.id)
        })
        .await;
    flash_result(&page.session, result, "catalogue.votes_saved")?;
    Ok(redirect(&format!("/catalogues/{slug}/vote")))
}

/// `POST /catalogues/{slug}/conflicts`: the expert declares a conflict with a journal.
pub async fn declare(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<super::super::validate::ConflictInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = store::by_slug(c, &s2)?;
            let input = super::super::validate::ConflictInput { expert: None, ..form };
            super::super::service::declare(c, &user.user, e.id, &input)
        })
        .await;
    flash_result(&page.session, result, "catalogue.conflict_saved")?;
    Ok(redirect(&format!("/catalogues/{slug}/vote")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_counts_days_hours_and_minutes_until_the_deadline() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let closes = now + chrono::Duration::days(2) + chrono::Duration::hours(3) + chrono::Duration::minutes(15);
        assert_eq!(time_left(now, closes), Some((2, 3, 15)));
        assert_eq!(time_left(closes, closes), Some((0, 0, 0)));
        assert_eq!(time_left(closes + chrono::Duration::seconds(1), closes), None);
    }

    #[test]
    fn posted_lines_mark_what_differs_from_the_submitted_vote() {
        let form: Vec<(String, String)> = [
            ("v_1", "T1"),
            ("was_1", "T1"),
            ("c_1", " same "),
            ("wasc_1", "same"),
            ("v_2", "T2"),
            ("was_2", ""),
            ("c_2", ""),
            ("wasc_2", ""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let lines = posted_lines(&form);
        assert_eq!(lines.len(), 2);
        assert!(!lines[0].3, "unchanged");
        assert!(lines[1].3, "a new vote");
    }
}
