//! Role names and scopes. Roles are rows (`role_grants`), so later areas add roles without migrations.

use chrono::Utc;
use diesel::prelude::*;

use super::model::RoleGrant;
use crate::db::AnyConnection;
use crate::db::schema::role_grants;
use crate::error::AppResult;

crate::text_enum! {
    /// A role someone holds on a scope.
    pub enum Role {
        /// Runs the whole site.
        SiteAdmin = "site_admin",
        /// May create venues (site scope); granted by site administrators.
        Organiser = "organiser",
        /// Organiser / programme chair of a venue.
        Chair = "chair",
        /// Programme committee member of a venue.
        Reviewer = "reviewer",
        /// Area chair (senior reviewer) of a venue.
        AreaChair = "area_chair",
        /// Author at a venue.
        Author = "author",
        /// Managing editor of a journal: runs its editorial work with the editor-in-chief's
        /// powers, except approving the decisions of recommend-only section editors.
        Editor = "editor",
        /// Editor-in-chief of a journal.
        EditorInChief = "editor_in_chief",
        /// Section (associate) editor of a journal: handles the manuscripts of their sections.
        SectionEditor = "section_editor",
        /// Editorial assistant of a journal: checks and moves manuscripts, decides nothing.
        EditorialAssistant = "editorial_assistant",
        /// Editorial board member of a journal.
        BoardMember = "board_member",
        /// Runs a catalogue edition: rules, phases, panel, overrides, objections.
        CatalogueCommittee = "catalogue_committee",
        /// Votes on the journals of a catalogue edition.
        CatalogueExpert = "catalogue_expert",
        /// Checks participants in at a venue (given by its chairs); sees nothing else.
        CheckinHelper = "checkin_helper",
        /// Leads a salon (领衔科学家): invites participants, approves applications.
        LeadScientist = "lead_scientist",
        /// Writes a salon's minutes (纪要) with its chairs.
        Rapporteur = "rapporteur",
        /// Scores the talks of a forum's speech contest.
        ContestJudge = "contest_judge",
        /// Acts for a learned society: its salon plan, theme proposals, yearly volumes.
        SocietyStaff = "society_staff",
        /// Runs a conference evaluation round: phases, panel, entries, proposal, objections.
        EvaluationCommittee = "evaluation_committee",
        /// Scores the conferences of an evaluation round on the ballot.
        EvaluationExpert = "evaluation_expert",
        /// Receives a society's misconduct reports and runs its integrity cases (科研诚信委员会).
        IntegrityCommittee = "integrity_committee",
    }
}

crate::text_enum! {
    /// What a role is held on.
    pub enum Scope {
        /// The whole site (scope id 0).
        Site = "site",
        /// A venue.
        Venue = "venue",
        /// A journal.
        Journal = "journal",
        /// A catalogue edition.
        Edition = "edition",
        /// A learned society.
        Society = "society",
        /// A conference evaluation round.
        EvaluationRound = "evaluation_round",
    }
}

/// Runs the whole site.
pub const SITE_ADMIN: Role = Role::SiteAdmin;
/// May create venues (site scope).
pub const ORGANISER: Role = Role::Organiser;
/// Organiser / programme chair of a venue.
pub const CHAIR: Role = Role::Chair;
/// Programme committee member of a venue.
pub const REVIEWER: Role = Role::Reviewer;
/// Area chair of a venue.
pub const AREA_CHAIR: Role = Role::AreaChair;
/// Author at a venue.
pub const AUTHOR: Role = Role::Author;
/// Editor of a journal.
pub const EDITOR: Role = Role::Editor;
/// Editorial board member of a journal.
pub const BOARD_MEMBER: Role = Role::BoardMember;
/// Editor-in-chief of a journal.
pub const EDITOR_IN_CHIEF: Role = Role::EditorInChief;
/// Section editor of a journal.
pub const SECTION_EDITOR: Role = Role::SectionEditor;
/// Editorial assistant of a journal.
pub const EDITORIAL_ASSISTANT: Role = Role::EditorialAssistant;
/// Every role held on a journal: each makes its holder conflicted with the journal in catalogues.
pub const JOURNAL_ROLES: [Role; 5] = [EDITOR_IN_CHIEF, EDITOR, SECTION_EDITOR, EDITORIAL_ASSISTANT, BOARD_MEMBER];
/// Runs a catalogue edition.
pub const CATALOGUE_COMMITTEE: Role = Role::CatalogueCommittee;
/// Votes on the journals of a catalogue edition.
pub const CATALOGUE_EXPERT: Role = Role::CatalogueExpert;

/// Checks participants in at a venue.
pub const CHECKIN_HELPER: Role = Role::CheckinHelper;

/// Leads a salon.
pub const LEAD_SCIENTIST: Role = Role::LeadScientist;
/// Writes a salon's minutes.
pub const RAPPORTEUR: Role = Role::Rapporteur;
/// Scores a forum's speech contest.
pub const CONTEST_JUDGE: Role = Role::ContestJudge;
/// Acts for a learned society.
pub const SOCIETY_STAFF: Role = Role::SocietyStaff;
/// Role: runs an evaluation round.
pub const EVALUATION_COMMITTEE: Role = Role::EvaluationCommittee;
/// Role: scores an evaluation round's conferences.
pub const EVALUATION_EXPERT: Role = Role::EvaluationExpert;
/// Role: a member of a society's research integrity committee.
pub const INTEGRITY_COMMITTEE: Role = Role::IntegrityCommittee;

/// Scope kind of site-wide roles.
pub const SCOPE_SITE: Scope = Scope::Site;
/// Scope kind of venue roles.
pub const SCOPE_VENUE: Scope = Scope::Venue;
/// Scope kind of journal roles.
pub const SCOPE_JOURNAL: Scope = Scope::Journal;
/// Scope kind of catalogue-edition roles.
pub const SCOPE_EDITION: Scope = Scope::Edition;
/// Scope kind of society roles.
pub const SCOPE_SOCIETY: Scope = Scope::Society;
/// Scope: an evaluation round.
pub const SCOPE_EVALUATION_ROUND: Scope = Scope::EvaluationRound;

/// Grants `role` on a scope; granting twice is harmless.
pub fn grant(conn: &mut AnyConnection, user_id: i64, role: Role, scope_kind: Scope, scope_id: i64) -> AppResult<()> {
    if has(conn, user_id, role, scope_kind, scope_id)? {
        return Ok(());
    }
    diesel::insert_into(role_grants::table)
        .values((
            role_grants::user_id.eq(user_id),
            role_grants::role.eq(role),
            role_grants::scope_kind.eq(scope_kind),
            role_grants::scope_id.eq(scope_id),
            role_grants::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Takes `role` on a scope away; revoking a role not held is harmless.
pub fn revoke(conn: &mut AnyConnection, user_id: i64, role: Role, scope_kind: Scope, scope_id: i64) -> AppResult<()> {
    diesel::delete(
        role_grants::table
            .filter(role_grants::user_id.eq(user_id))
            .filter(role_grants::role.eq(role))
            .filter(role_grants::scope_kind.eq(scope_kind))
            .filter(role_grants::scope_id.eq(scope_id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Whether the user holds `role` on the scope.
pub fn has(conn: &mut AnyConnection, user_id: i64, role: Role, scope_kind: Scope, scope_id: i64) -> AppResult<bool> {
    let n: i64 = role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::role.eq(role))
        .filter(role_grants::scope_kind.eq(scope_kind))
        .filter(role_grants::scope_id.eq(scope_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether the user is a site administrator.
pub fn is_site_admin(conn: &mut AnyConnection, user_id: i64) -> AppResult<bool> {
    has(conn, user_id, SITE_ADMIN, SCOPE_SITE, 0)
}

/// Every role the user holds.
pub fn of_user(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<RoleGrant>> {
    Ok(role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .order((role_grants::scope_kind, role_grants::scope_id, role_grants::role))
        .select(RoleGrant::as_select())
        .load(conn)?)
}

/// The accounts holding `role` on a scope, oldest grant first.
pub fn holders(conn: &mut AnyConnection, role: Role, scope_kind: Scope, scope_id: i64) -> AppResult<Vec<i64>> {
    Ok(role_grants::table
        .filter(role_grants::role.eq(role))
        .filter(role_grants::scope_kind.eq(scope_kind))
        .filter(role_grants::scope_id.eq(scope_id))
        .order(role_grants::id)
        .select(role_grants::user_id)
        .load(conn)?)
}
