//! The expert panel and the committee: members, conflicts of interest, voting progress.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::audit;
use super::model::Edition;
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_votes, role_grants};
use crate::error::{AppError, AppResult};
use crate::mail::Mail;
use crate::panel::{Round, conflicts};
use crate::web::AppState;

/// A panel or committee member with their progress.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = PanelMember)]
pub struct Member {
    /// Account id.
    pub user_id: i64,
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// Votes cast.
    pub votes: i64,
    /// Journals they may not vote on.
    pub conflicts: i64,
}

/// Accounts holding `role` on the edition, with progress counts.
pub fn members(conn: &mut AnyConnection, edition_id: i64, role: roles::Role) -> AppResult<Vec<Member>> {
    let ids = roles::holders(conn, role, roles::SCOPE_EDITION, edition_id)?;
    let votes: HashMap<i64, i64> = catalogue_votes::table
        .filter(catalogue_votes::edition_id.eq(edition_id))
        .group_by(catalogue_votes::user_id)
        .select((catalogue_votes::user_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let u = crate::auth::store::by_id(conn, id)?;
        let conflicts = conflicts_of(conn, edition_id, id)?.len() as i64;
        out.push(Member {
            user_id: id,
            email: u.email.clone(),
            name: u.display_name(),
            votes: votes.get(&id).copied().unwrap_or(0),
            conflicts,
        });
    }
    Ok(out)
}

/// Adds accounts, named by e-mail, to the panel or committee and tells each by mail; unknown
/// addresses are refused together, naming them.
pub fn add(conn: &mut AnyConnection, state: &AppState, edition: &Edition, by: i64, emails: &str, role: roles::Role) -> AppResult<usize> {
    let ids = crate::panel::members::accounts(conn, emails)?;
    let added = crate::panel::members::grant(conn, role, roles::SCOPE_EDITION, edition.id, &ids)?;
    for &id in &added {
        audit::record(
            conn,
            edition.id,
            Some(by),
            if role == roles::CATALOGUE_EXPERT {
                "expert_added"
            } else {
                "committee_added"
            },
            None,
            json!({"user": id}),
        )?;
        let user = crate::auth::store::by_id(conn, id)?;
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &user,
                user.mail_lang(),
                "catalogue_member",
                json!({
                    "title_zh": edition.title_zh, "title_en": edition.title_en,
                    "expert": role == roles::CATALOGUE_EXPERT,
                    "closes": edition.evaluation_closes.map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string()),
                    "link": format!("{}/catalogues/{}{}", state.config.base_url, edition.slug, if role == roles::CATALOGUE_EXPERT { "/vote" } else { "/manage" }),
                }),
            ),
        )?;
    }
    Ok(added.len())
}

/// Takes an account off the panel or committee; their votes stay in the log but no longer count.
pub fn remove(conn: &mut AnyConnection, edition_id: i64, by: i64, user_id: i64, role: roles::Role) -> AppResult<()> {
    if !roles::has(conn, user_id, role, roles::SCOPE_EDITION, edition_id)? {
        return Err(AppError::NotFound);
    }
    roles::revoke(conn, user_id, role, roles::SCOPE_EDITION, edition_id)?;
    if role == roles::CATALOGUE_EXPERT {
        diesel::delete(
            catalogue_votes::table
                .filter(catalogue_votes::edition_id.eq(edition_id))
                .filter(catalogue_votes::user_id.eq(user_id)),
        )
        .execute(conn)?;
    }
    audit::record(
        conn,
        edition_id,
        Some(by),
        if role == roles::CATALOGUE_EXPERT {
            "expert_removed"
        } else {
            "committee_removed"
        },
        None,
        json!({"user": user_id}),
    )
}

/// Journals the expert may not vote on: declared conflicts, and journals where they hold any
/// role (editor-in-chief, editor, section editor, editorial assistant, board member).
pub fn conflicts_of(conn: &mut AnyConnection, edition_id: i64, user_id: i64) -> AppResult<HashSet<i64>> {
    let mut out = conflicts::declared(conn, Round::catalogue(edition_id), user_id)?;
    out.extend(
        role_grants::table
            .filter(role_grants::user_id.eq(user_id))
            .filter(role_grants::scope_kind.eq(roles::SCOPE_JOURNAL))
            .filter(role_grants::role.eq_any(roles::JOURNAL_ROLES.map(|r| r.as_str())))
            .select(role_grants::scope_id)
            .load::<i64>(conn)?,
    );
    Ok(out)
}

/// Every conflict of the edition's panel: journal -> experts.
pub fn all_conflicts(conn: &mut AnyConnection, edition_id: i64) -> AppResult<HashMap<i64, HashSet<i64>>> {
    let mut out: HashMap<i64, HashSet<i64>> = HashMap::new();
    for uid in roles::holders(conn, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, edition_id)? {
        for j in conflicts_of(conn, edition_id, uid)? {
            out.entry(j).or_default().insert(uid);
        }
    }
    Ok(out)
}

/// Records a conflict of `user_id` with a journal (declared by the expert or by the committee).
/// A vote already cast on that journal is withdrawn.
pub fn declare_conflict(conn: &mut AnyConnection, edition_id: i64, by: i64, user_id: i64, journal_id: i64, reason: &str) -> AppResult<()> {
    let reason = crate::panel::reason(reason)?;
    conflicts::declare(conn, Round::catalogue(edition_id), user_id, journal_id, &reason)?;
    super::votes::delete(conn, edition_id, user_id, journal_id)?;
    audit::record(
        conn,
        edition_id,
        Some(by),
        "conflict",
        Some(journal_id),
        json!({"expert": user_id, "reason": reason}),
    )
}
