//! Committee queries.

use chrono::Utc;
use diesel::prelude::*;

use super::model::{ACCEPTED, DECLINED, INVITED, Member};
use super::validate::Invitee;
use crate::auth::tokens::{hash_token, random_token};
use crate::db::AnyConnection;
use crate::db::schema::committee_members;
use crate::error::AppResult;

/// Every invitation of a venue: area chairs first, then by status and address.
pub fn list(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Member>> {
    let mut all: Vec<Member> = committee_members::table
        .filter(committee_members::venue_id.eq(venue_id))
        .select(Member::as_select())
        .load(conn)?;
    all.sort_by(|a, b| {
        (a.role != super::model::AREA_CHAIR, &a.status, &a.email).cmp(&(b.role != super::model::AREA_CHAIR, &b.status, &b.email))
    });
    Ok(all)
}

/// Accepted members of a venue in one role.
pub fn accepted(conn: &mut AnyConnection, venue_id: i64, role: super::model::CommitteeRole) -> AppResult<Vec<Member>> {
    Ok(committee_members::table
        .filter(committee_members::venue_id.eq(venue_id))
        .filter(committee_members::role.eq(role))
        .filter(committee_members::status.eq(ACCEPTED))
        .order(committee_members::id)
        .select(Member::as_select())
        .load(conn)?)
}

/// Accepted members of a venue in every role, each with their account id.
pub fn accepted_accounts(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(Member, i64)>> {
    Ok(committee_members::table
        .filter(committee_members::venue_id.eq(venue_id))
        .filter(committee_members::status.eq(ACCEPTED))
        .order((committee_members::role.desc(), committee_members::id))
        .select(Member::as_select())
        .load::<Member>(conn)?
        .into_iter()
        .filter_map(|m| m.user_id.map(|u| (m, u)))
        .collect())
}

/// One invitation of a venue (404 when it belongs to another venue).
pub fn get(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Member> {
    Ok(committee_members::table
        .filter(committee_members::venue_id.eq(venue_id))
        .filter(committee_members::id.eq(id))
        .select(Member::as_select())
        .first(conn)?)
}

/// The invitation a link token belongs to.
pub fn by_token(conn: &mut AnyConnection, token: &str) -> AppResult<Option<Member>> {
    Ok(committee_members::table
        .filter(committee_members::token_hash.eq(hash_token(token)))
        .select(Member::as_select())
        .first(conn)
        .optional()?)
}

/// The user's accepted membership of a venue, if any.
pub fn membership(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<Option<Member>> {
    Ok(committee_members::table
        .filter(committee_members::venue_id.eq(venue_id))
        .filter(committee_members::user_id.eq(user_id))
        .filter(committee_members::status.eq(ACCEPTED))
        .select(Member::as_select())
        .first(conn)
        .optional()?)
}

/// What inviting one person did.
pub enum Invited {
    /// A new invitation, with the link token to mail.
    New(Member, String),
    /// An open or declined invitation sent again with a fresh link (the old one stops working).
    Again(Member, String),
    /// Already a member: nothing sent.
    AlreadyMember(Member),
}

/// Invites one person, or invites them again.
pub fn invite(
    conn: &mut AnyConnection,
    venue_id: i64,
    who: &Invitee,
    role: super::model::CommitteeRole,
    invited_by: i64,
) -> AppResult<Invited> {
    let now = Utc::now().naive_utc();
    let token = random_token();
    let existing: Option<Member> = committee_members::table
        .filter(committee_members::venue_id.eq(venue_id))
        .filter(committee_members::email.eq(&who.email))
        .select(Member::as_select())
        .first(conn)
        .optional()?;
    match existing {
        Some(m) if m.status == ACCEPTED => Ok(Invited::AlreadyMember(m)),
        Some(m) => {
            diesel::update(committee_members::table.find(m.id))
                .set((
                    committee_members::status.eq(INVITED),
                    committee_members::role.eq(role),
                    committee_members::token_hash.eq(hash_token(&token)),
                    committee_members::invited_by.eq(Some(invited_by)),
                    committee_members::invited_at.eq(now),
                    committee_members::responded_at.eq(None::<chrono::NaiveDateTime>),
                    committee_members::decline_reason.eq(""),
                    committee_members::suggestion.eq(""),
                ))
                .execute(conn)?;
            if !who.name.is_empty() {
                diesel::update(committee_members::table.find(m.id))
                    .set(committee_members::name.eq(&who.name))
                    .execute(conn)?;
            }
            Ok(Invited::Again(get(conn, venue_id, m.id)?, token))
        }
        None => {
            let id: i64 = diesel::insert_into(committee_members::table)
                .values((
                    committee_members::venue_id.eq(venue_id),
                    committee_members::email.eq(&who.email),
                    committee_members::name.eq(&who.name),
                    committee_members::role.eq(role),
                    committee_members::status.eq(INVITED),
                    committee_members::token_hash.eq(hash_token(&token)),
                    committee_members::invited_by.eq(Some(invited_by)),
                    committee_members::invited_at.eq(now),
                ))
                .returning(committee_members::id)
                .get_result(conn)?;
            Ok(Invited::New(get(conn, venue_id, id)?, token))
        }
    }
}

/// Records an acceptance by `user_id`.
pub fn accept(conn: &mut AnyConnection, id: i64, user_id: i64) -> AppResult<()> {
    diesel::update(committee_members::table.find(id))
        .set((
            committee_members::status.eq(ACCEPTED),
            committee_members::user_id.eq(Some(user_id)),
            committee_members::responded_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a refusal with its optional reason and suggestion.
pub fn decline(conn: &mut AnyConnection, id: i64, reason: &str, suggestion: &str) -> AppResult<()> {
    diesel::update(committee_members::table.find(id))
        .set((
            committee_members::status.eq(DECLINED),
            committee_members::responded_at.eq(Some(Utc::now().naive_utc())),
            committee_members::decline_reason.eq(reason),
            committee_members::suggestion.eq(suggestion),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes an invitation.
pub fn remove(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(committee_members::table.find(id)).execute(conn)?;
    Ok(())
}

/// Sets a member's own load limits (`None`: the venue's).
pub fn set_loads(conn: &mut AnyConnection, id: i64, min: Option<i32>, max: Option<i32>) -> AppResult<()> {
    diesel::update(committee_members::table.find(id))
        .set((committee_members::min_load.eq(min), committee_members::max_load.eq(max)))
        .execute(conn)?;
    Ok(())
}
