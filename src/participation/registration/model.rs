//! Rows of registration: forms, their categories and questions, registrations and invitations.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{registration_categories, registration_forms, registration_invitations, registration_questions, registrations};

crate::text_enum! {
    /// What a registration form admits to.
    pub enum FormScope {
        /// The whole venue.
        Venue = "venue",
        /// One track or forum of it.
        Track = "track",
        /// One session of its programme (a workshop).
        Session = "session",
    }
}

crate::text_enum! {
    /// Where a registration stands.
    pub enum RegStatus {
        /// Waiting for the organisers' approval.
        Pending = "pending",
        /// Has a place.
        Confirmed = "confirmed",
        /// On the waiting list.
        Waiting = "waiting",
        /// Offered a freed place, to confirm before a deadline.
        Offered = "offered",
        /// Cancelled by the registrant or the organisers.
        Cancelled = "cancelled",
        /// Refused by the organisers.
        Rejected = "rejected",
        /// An offered place not confirmed in time.
        Lapsed = "lapsed",
    }
}

impl RegStatus {
    /// Whether the registration is still alive (not cancelled, refused or lapsed).
    pub fn active(self) -> bool {
        matches!(
            self,
            RegStatus::Pending | RegStatus::Confirmed | RegStatus::Waiting | RegStatus::Offered
        )
    }
}

crate::text_enum! {
    /// Whether the fee is settled (xuehui takes no payments; organisers record them).
    pub enum Fee {
        /// Not settled yet.
        Open = "open",
        /// Paid.
        Paid = "paid",
        /// Waived.
        Waived = "waived",
    }
}

crate::text_enum! {
    /// Why someone was invited to register.
    pub enum InvitationKind {
        /// The presenting author of an accepted paper.
        Speaker = "speaker",
        /// A guest the organisers named.
        Guest = "guest",
    }
}

/// A registration form of a venue, a track or a session.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = registration_forms)]
pub struct Form {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// What it admits to.
    #[diesel(deserialize_as = String)]
    pub scope: FormScope,
    /// `venue`, `track:<id>` or `session:<id>`: one form per thing.
    pub scope_key: String,
    /// The track, for track forms.
    pub track_id: Option<i64>,
    /// The draft programme session, for session forms.
    pub session_id: Option<i64>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Opening (UTC); open at once if none.
    pub opens_at: Option<NaiveDateTime>,
    /// Closing (UTC); open until the organisers close it if none.
    pub closes_at: Option<NaiveDateTime>,
    /// Places for open registration; unlimited if none.
    pub capacity: Option<i32>,
    /// Places held (confirmed or offered, not invited).
    pub taken: i32,
    /// Whether organisers approve each registration.
    pub approval: bool,
    /// Hours a person offered a freed place has to confirm it.
    pub offer_hours: i32,
    /// What registrants are told about fees, in Chinese.
    pub fee_note_zh: String,
    /// The same in English.
    pub fee_note_en: String,
    /// Changes with every edit (stale edits are refused).
    pub version: i32,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

/// A category of registrants (member, student, invited speaker).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = registration_categories)]
#[schema(as = RegistrationCategory)]
pub struct Category {
    /// Id.
    pub id: i64,
    /// Form.
    pub form_id: i64,
    /// Order.
    pub position: i32,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Only through an invitation (invited speakers, guests).
    pub invited_only: bool,
}

/// An extra question of a registration form.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = registration_questions)]
pub struct Question {
    /// Id.
    pub id: i64,
    /// Form.
    pub form_id: i64,
    /// Order.
    pub position: i32,
    /// `text`, `choice` or `checkbox`.
    #[diesel(deserialize_as = String)]
    pub kind: crate::venues::model::QuestionKind,
    /// Chinese wording.
    pub label_zh: String,
    /// English wording.
    pub label_en: String,
    /// For `choice`: JSON list of `{"zh": .., "en": ..}`.
    pub options: String,
    /// Whether an answer is required.
    pub required: bool,
}

impl Question {
    /// What the answer check needs.
    pub fn asked(&self) -> crate::venues::questions::Asked<'_> {
        crate::venues::questions::Asked {
            id: self.id,
            kind: self.kind,
            options: &self.options,
            required: self.required,
        }
    }
}

/// One person's registration on one form.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = registrations)]
pub struct Registration {
    /// Id.
    pub id: i64,
    /// Form.
    pub form_id: i64,
    /// The registrant's account.
    pub user_id: i64,
    /// Category.
    pub category_id: Option<i64>,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: RegStatus,
    /// Came through an invitation (outside the capacity).
    pub invited: bool,
    /// Holds one of the form's places (counted in `taken`).
    pub holds_place: bool,
    /// Answers by question id (JSON object).
    pub answers: String,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub institution: String,
    /// ISO 3166 country code.
    pub country: String,
    /// Birth year (optional; only for aggregate figures).
    pub birth_year: Option<i32>,
    /// Check-in code (in the QR code).
    pub code: String,
    /// When it joined the waiting list (its place in the queue).
    pub queued_at: Option<NaiveDateTime>,
    /// Deadline to confirm an offered place.
    pub offer_until: Option<NaiveDateTime>,
    /// Fee state.
    #[diesel(deserialize_as = String)]
    pub fee: Fee,
    /// Organisers' note on the fee.
    pub fee_note: String,
    /// Who recorded the fee state.
    pub fee_by: Option<i64>,
    /// When.
    pub fee_at: Option<NaiveDateTime>,
    /// Registered.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Changes with every change.
    pub version: i32,
    /// A salon application's viewpoint: the short abstract of what the applicant wants to present.
    pub viewpoint: String,
    /// The registrant's field (学科领域), for a salon's balance rules.
    pub field: String,
    /// The organisers' (or a salon's lead scientist's) reason for their decision, mailed.
    pub decision_note: String,
}

/// An invitation to register (a speaker of an accepted paper, a guest).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = registration_invitations)]
pub struct Invitation {
    /// Id.
    pub id: i64,
    /// Form.
    pub form_id: i64,
    /// Speaker or guest.
    #[diesel(deserialize_as = String)]
    pub kind: InvitationKind,
    /// Address the link was sent to.
    pub email: String,
    /// Name, as the organisers wrote it.
    pub name: String,
    /// SHA-256 of the link's token.
    pub token_hash: String,
    /// Category the invitee registers in.
    pub category_id: Option<i64>,
    /// The paper, for speakers.
    pub submission_id: Option<i64>,
    /// Who invited.
    pub invited_by: Option<i64>,
    /// Sent.
    pub created_at: NaiveDateTime,
    /// Used to register.
    pub used_at: Option<NaiveDateTime>,
    /// The registration made with it.
    pub registration_id: Option<i64>,
}
