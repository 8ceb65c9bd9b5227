//! What minutes readers get: the public minutes (no anonymous speaker anywhere), the writers'
//! working copy with every statement's review, and a speaker's own statements in review.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{Attribution, MinutesStatus, ReviewState, Statement, StatementKind};
use super::validate::MinutesIntroCount;

/// A statement as the public reads it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesPublicStatement {
    /// Viewpoint or dissent.
    pub kind: StatementKind,
    /// Chinese text, verbatim.
    pub text_zh: String,
    /// English text, verbatim.
    pub text_en: String,
    /// The speaker's name; absent for an anonymous statement ("a participant").
    pub speaker: Option<String>,
}

/// Published minutes.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesPublic {
    /// The salon's URL name.
    pub venue: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// The salon's Chinese name.
    pub salon_zh: String,
    /// The salon's English name.
    pub salon_en: String,
    /// First day of the salon.
    pub starts_on: Option<chrono::NaiveDate>,
    /// Last day of the salon.
    pub ends_on: Option<chrono::NaiveDate>,
    /// Where it was held.
    pub place: String,
    /// The lead scientists' names.
    pub lead_scientists: Vec<String>,
    /// Chinese introduction.
    pub intro_zh: String,
    /// English introduction.
    pub intro_en: String,
    /// Main viewpoints in order.
    pub viewpoints: Vec<MinutesPublicStatement>,
    /// Dissenting views in order, exactly as entered.
    pub dissents: Vec<MinutesPublicStatement>,
    /// Chinese consensus and outlook.
    pub outlook_zh: String,
    /// English consensus and outlook.
    pub outlook_en: String,
    /// When published (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub published_at: Option<NaiveDateTime>,
}

/// The public form of statements: names only where the speaker chose to be named.
pub fn public_statements(
    list: &[Statement],
    name_of: &dyn Fn(&Statement) -> String,
) -> (Vec<MinutesPublicStatement>, Vec<MinutesPublicStatement>) {
    let mut viewpoints = Vec::new();
    let mut dissents = Vec::new();
    for s in list {
        let p = MinutesPublicStatement {
            kind: s.kind,
            text_zh: s.text_zh.clone(),
            text_en: s.text_en.clone(),
            speaker: (s.attribution == Attribution::Named).then(|| name_of(s)),
        };
        match s.kind {
            StatementKind::Viewpoint => viewpoints.push(p),
            StatementKind::Dissent => dissents.push(p),
        }
    }
    (viewpoints, dissents)
}

/// A statement with its review, as writers and its own speaker read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesStatementView {
    /// Id.
    pub id: i64,
    /// Place in the list (1 is first).
    pub position: i32,
    /// Viewpoint or dissent.
    pub kind: StatementKind,
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
    /// The speaker's account (none for someone outside the list).
    pub speaker_id: Option<i64>,
    /// The speaker's name.
    pub speaker: String,
    /// Named or anonymous, as the speaker chose.
    pub attribution: Attribution,
    /// The stored review state.
    pub review: ReviewState,
    /// Unanswered after the deadline: counts as approved by silence.
    pub silent: bool,
    /// The speaker's comment with a change request.
    pub review_comment: String,
    /// The speaker's proposed Chinese wording.
    pub proposed_zh: String,
    /// The speaker's proposed English wording.
    pub proposed_en: String,
    /// The writers' answer to a declined change request.
    pub writer_reply: String,
    /// When the speaker last answered (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub reviewed_at: Option<NaiveDateTime>,
    /// Whether writers may delete it (an approved dissent only its speaker withdraws).
    pub deletable: bool,
}

/// Someone who may be named as a statement's speaker.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesParticipant {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
}

/// A rapporteur of the salon.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesRapporteur {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Address.
    pub email: String,
}

/// The writers' working copy.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesDraft {
    /// The salon's URL name.
    pub venue: String,
    /// Draft, in review or published.
    pub status: MinutesStatus,
    /// Whether the minutes exist yet (false: nothing saved, the titles are the salon's).
    pub begun: bool,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Chinese introduction.
    pub intro_zh: String,
    /// English introduction.
    pub intro_en: String,
    /// Introduction lengths against the suggested 200 to 600 characters.
    pub intro_counts: Vec<MinutesIntroCount>,
    /// Chinese consensus and outlook.
    pub outlook_zh: String,
    /// English consensus and outlook.
    pub outlook_en: String,
    /// Review deadline (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub review_deadline: Option<NaiveDateTime>,
    /// The deadline in the salon's time zone, as readers read it.
    pub deadline_local: String,
    /// Whether the deadline has passed.
    pub deadline_passed: bool,
    /// Statements in order.
    pub statements: Vec<MinutesStatementView>,
    /// Who may be named as a speaker.
    pub participants: Vec<MinutesParticipant>,
    /// The rapporteurs (shown to chairs).
    pub rapporteurs: Vec<MinutesRapporteur>,
    /// Why publication is not possible now (a message), none when it is.
    pub publish_blocker: Option<String>,
    /// Whether the reader chairs the salon.
    pub chair: bool,
}

/// A speaker's statements in review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesOwnReview {
    /// The salon's URL name.
    pub venue: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Chinese introduction.
    pub intro_zh: String,
    /// English introduction.
    pub intro_en: String,
    /// Review deadline (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub review_deadline: Option<NaiveDateTime>,
    /// The deadline in the salon's time zone.
    pub deadline_local: String,
    /// Only the reader's own statements.
    pub statements: Vec<MinutesStatementView>,
}
