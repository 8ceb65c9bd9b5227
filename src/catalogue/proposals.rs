//! Journals proposed for the register during nomination: a scientist names a journal that is not
//! in the register yet, with its ISSN and a reason. The committee adds the journal to the register
//! (then links the proposal to it, which records the proposer's nomination) or declines it.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit;
use super::model::{Edition, ProposalStatus};
use super::nominations;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_proposals, users};
use crate::error::{AppError, AppResult, FieldErrors};

/// A proposal as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ProposalInput {
    /// The journal's name.
    #[serde(default)]
    pub name: String,
    /// Its ISSN or eISSN.
    #[serde(default)]
    pub issn: String,
    /// Its home page.
    #[serde(default)]
    pub website: String,
    /// Why it belongs in the catalogue.
    #[serde(default)]
    pub reason: String,
}

/// A proposal with its author.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = JournalProposalView)]
pub struct ProposalView {
    /// Id.
    pub id: i64,
    /// Journal name as proposed.
    pub name: String,
    /// ISSN as proposed (checked).
    pub issn: String,
    /// Home page.
    pub website: String,
    /// Reason.
    pub reason: String,
    /// `open`, `added` or `declined`.
    pub status: ProposalStatus,
    /// The register's journal, once added.
    pub journal_id: Option<i64>,
    /// Proposer's e-mail.
    pub email: String,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// Records a proposal while nominations are open. An ISSN already in the register is refused:
/// that journal can simply be nominated.
pub fn propose(conn: &mut AnyConnection, e: &Edition, user_id: i64, input: &ProposalInput, now: NaiveDateTime) -> AppResult<i64> {
    if !nominations::open(e, now) {
        return Err(AppError::Conflict("catalogue.nominations_closed".into()));
    }
    let mut f = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 300 {
        f.insert("name".into(), "validation.journal_name_required".into());
    }
    crate::text::check(&mut f, "name", name, false);
    let issn = crate::journals::identifiers::issn(&input.issn);
    if issn.is_none() {
        f.insert("issn".into(), "validation.issn".into());
    }
    let website = input.website.trim();
    if !website.is_empty() && !url::Url::parse(website).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        f.insert("website".into(), "validation.url_invalid".into());
    }
    let reason = match crate::panel::reason(&input.reason) {
        Ok(r) => r,
        Err(_) => {
            f.insert("reason".into(), "validation.reason_required".into());
            String::new()
        }
    };
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    let issn = issn.unwrap_or_default();
    let known = crate::journals::store::identifiers(conn)?
        .into_iter()
        .any(|(_, a, b, _)| a.as_deref() == Some(&issn) || b.as_deref() == Some(&issn));
    if known {
        return Err(AppError::field("issn", "validation.already_in_register"));
    }
    let id: i64 = diesel::insert_into(catalogue_proposals::table)
        .values((
            catalogue_proposals::edition_id.eq(e.id),
            catalogue_proposals::user_id.eq(user_id),
            catalogue_proposals::name.eq(name),
            catalogue_proposals::issn.eq(&issn),
            catalogue_proposals::website.eq(website),
            catalogue_proposals::reason.eq(&reason),
            catalogue_proposals::status.eq(ProposalStatus::Open),
            catalogue_proposals::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(catalogue_proposals::id)
        .get_result(conn)?;
    audit::record(
        conn,
        e.id,
        Some(user_id),
        "proposal",
        None,
        json!({"proposal": id, "name": name, "issn": issn}),
    )?;
    Ok(id)
}

/// The edition's proposals, open ones first.
pub fn list(conn: &mut AnyConnection, edition_id: i64) -> AppResult<Vec<ProposalView>> {
    type Row = (i64, String, String, String, String, String, Option<i64>, String, NaiveDateTime);
    let rows: Vec<Row> = catalogue_proposals::table
        .inner_join(users::table.on(users::id.eq(catalogue_proposals::user_id)))
        .filter(catalogue_proposals::edition_id.eq(edition_id))
        .order((catalogue_proposals::decided_at.is_not_null(), catalogue_proposals::id))
        .select((
            catalogue_proposals::id,
            catalogue_proposals::name,
            catalogue_proposals::issn,
            catalogue_proposals::website,
            catalogue_proposals::reason,
            catalogue_proposals::status,
            catalogue_proposals::journal_id,
            users::email,
            catalogue_proposals::created_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, name, issn, website, reason, status, journal_id, email, created_at)| {
            Ok(ProposalView {
                id,
                name,
                issn,
                website,
                reason,
                status: status.parse()?,
                journal_id,
                email,
                created_at,
            })
        })
        .collect()
}

/// The committee's decision on a proposal.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ResolveInput {
    /// `added` (with `journal`) or `declined`.
    #[serde(default)]
    pub status: String,
    /// The register journal it became (a journal of the edition's field), for `added`.
    #[serde(default)]
    pub journal: Option<i64>,
}

/// Links a proposal to the journal added to the register (recording the proposer's
/// nomination with their reason) or declines it.
pub fn resolve(conn: &mut AnyConnection, e: &Edition, by: i64, proposal_id: i64, input: &ResolveInput) -> AppResult<()> {
    let (user_id, reason, status): (i64, String, String) = catalogue_proposals::table
        .filter(catalogue_proposals::id.eq(proposal_id))
        .filter(catalogue_proposals::edition_id.eq(e.id))
        .select((
            catalogue_proposals::user_id,
            catalogue_proposals::reason,
            catalogue_proposals::status,
        ))
        .first(conn)?;
    if status.parse::<ProposalStatus>()? != ProposalStatus::Open {
        return Err(AppError::Conflict("catalogue.proposal_decided".into()));
    }
    let decided = ProposalStatus::parse(&input.status).filter(|s| *s != ProposalStatus::Open);
    let journal = match decided {
        Some(ProposalStatus::Added) => {
            let j = input.journal.ok_or_else(|| AppError::field("journal", "validation.required"))?;
            nominations::require_candidate(conn, e, j).map_err(|_| AppError::field("journal", "validation.not_in_field"))?;
            Some(j)
        }
        Some(_) => None,
        None => return Err(AppError::field("status", "validation.proposal_status")),
    };
    let now = Utc::now().naive_utc();
    diesel::update(catalogue_proposals::table.find(proposal_id))
        .set((
            catalogue_proposals::status.eq(input.status.as_str()),
            catalogue_proposals::journal_id.eq(journal),
            catalogue_proposals::decided_by.eq(Some(by)),
            catalogue_proposals::decided_at.eq(Some(now)),
        ))
        .execute(conn)?;
    if let Some(j) = journal {
        nominations::insert_once(conn, e.id, j, user_id, &reason)?;
    }
    audit::record(
        conn,
        e.id,
        Some(by),
        "proposal_decided",
        journal,
        json!({"proposal": proposal_id, "status": input.status}),
    )
}
