//! Attaching venues and journals to a society, and detaching them. Both sides must agree: the
//! person acting is the society's staff *and* a chair of the venue (or the journal's chief or
//! managing editor); site administrators are both.

use serde::{Deserialize, Serialize};

use super::store::{self, Member};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::policy::{JournalAction, may_journal};
use crate::salons::plan::model::Society;

/// What is attached or detached: a venue's URL name, or a journal's URL name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = SocietyMemberInput)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    /// `venue` or `journal`.
    #[serde(default)]
    pub kind: String,
    /// Its URL name.
    #[serde(default)]
    pub name: String,
}

/// A society's page: its venues and journals, and who sits on its integrity committee.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SocietyMembers)]
pub struct Members {
    pub society: Society,
    /// Its venues.
    pub venues: Vec<Member>,
    /// Its journals.
    pub journals: Vec<Member>,
    /// The members of its research integrity committee.
    pub committee: Vec<crate::integrity::cases::appoint::Member>,
}

/// The society `slug` for its staff (404 for anyone else).
pub fn for_staff(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Society> {
    let s = crate::salons::plan::store::society(conn, slug)?;
    crate::guard::society::require_staff(conn, user, s.id)?;
    Ok(s)
}

/// The society's venues and journals, for its staff.
pub fn members(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Members> {
    let society = for_staff(conn, user, slug)?;
    Ok(Members {
        venues: store::venues_of(conn, society.id)?,
        journals: store::journals_of(conn, society.id)?,
        committee: crate::integrity::cases::appoint::members(conn, society.id)?,
        society,
    })
}

enum Target {
    Venue(i64, Option<i64>),
    Journal(i64, Option<i64>),
}

/// The venue or journal named in `input`, if `user` runs it; a field error otherwise (never
/// saying whether a venue one does not run exists).
fn target(conn: &mut AnyConnection, user: &User, input: &MemberInput) -> AppResult<Target> {
    let name = input.name.trim();
    let unknown = || AppError::field("name", "validation.society_member_unknown");
    match input.kind.as_str() {
        "venue" => {
            let v = crate::venues::store::by_slug(conn, name).map_err(|_| unknown())?;
            if !crate::guard::venue::may_manage(conn, user, v.id)? {
                return Err(unknown());
            }
            Ok(Target::Venue(v.id, v.society_id))
        }
        "journal" => {
            let id = crate::journals::store::id_by_slug(conn, name).map_err(|_| unknown())?;
            let role = crate::guard::journal::editorial(conn, user, id).ok().map(|e| e.role);
            if !may_journal(role, JournalAction::ChangeSetup) {
                return Err(unknown());
            }
            Ok(Target::Journal(id, crate::journals::store::get(conn, id)?.society_id))
        }
        _ => Err(AppError::field("kind", "validation.society_member_kind")),
    }
}

/// Attaches a venue or journal that `user` runs to society `slug`, which they act for. One
/// that belongs to another society must leave it first.
pub fn attach(conn: &mut AnyConnection, user: &User, slug: &str, input: &MemberInput) -> AppResult<()> {
    let society = for_staff(conn, user, slug)?;
    match target(conn, user, input)? {
        Target::Venue(_, Some(s)) | Target::Journal(_, Some(s)) if s != society.id => {
            Err(AppError::field("name", "validation.society_member_elsewhere"))
        }
        Target::Venue(id, _) => store::set_venue_society(conn, id, Some(society.id)),
        Target::Journal(id, _) => store::set_journal_society(conn, id, Some(society.id)),
    }
}

/// Detaches a venue or journal that `user` runs from society `slug`, which they act for.
pub fn detach(conn: &mut AnyConnection, user: &User, slug: &str, input: &MemberInput) -> AppResult<()> {
    let society = for_staff(conn, user, slug)?;
    match target(conn, user, input)? {
        Target::Venue(id, Some(s)) if s == society.id => store::set_venue_society(conn, id, None),
        Target::Journal(id, Some(s)) if s == society.id => store::set_journal_society(conn, id, None),
        _ => Err(AppError::field("name", "validation.society_member_unknown")),
    }
}

/// Someone to name to the integrity committee, by the address of their account.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = IntegrityCommitteeInput)]
#[serde(deny_unknown_fields)]
pub struct AppointInput {
    #[serde(default)]
    pub email: String,
}

/// Someone to remove from the integrity committee.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DismissInput {
    #[serde(default)]
    pub user_id: i64,
}
