//! Catalogue data: editions, indicators, votes, overrides, entries, objections, audit entries.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{catalogue_editions, catalogue_indicators};
pub use crate::panel::objections::ObjectionStatus;

/// A yearly edition of a field's tiered catalogue.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = catalogue_editions)]
pub struct Edition {
    /// Id.
    pub id: i64,
    /// Society running it.
    pub society_id: Option<i64>,
    /// Field covered.
    pub field_id: i64,
    /// Year of the edition.
    pub year: i32,
    /// URL name.
    pub slug: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// `nomination`, `evaluation`, `notice` or `published`.
    pub phase: String,
    /// Nominations close.
    #[serde(default, with = "crate::web::utc::option")]
    pub nomination_closes: Option<NaiveDateTime>,
    /// The panel's votes are due.
    #[serde(default, with = "crate::web::utc::option")]
    pub evaluation_closes: Option<NaiveDateTime>,
    /// Length of the public notice.
    pub notice_days: i32,
    /// Public notice began.
    #[serde(default, with = "crate::web::utc::option")]
    pub notice_starts: Option<NaiveDateTime>,
    /// Public notice ends (objections close).
    #[serde(default, with = "crate::web::utc::option")]
    pub notice_ends: Option<NaiveDateTime>,
    /// Publication time.
    #[serde(default, with = "crate::web::utc::option")]
    pub published_at: Option<NaiveDateTime>,
    /// `median` or `mean`.
    pub method: String,
    /// Largest share of the field's register that may be listed, in percent.
    pub max_share_pct: i32,
    /// Most journals in T1.
    pub quota_t1: Option<i32>,
    /// Most journals in T2.
    pub quota_t2: Option<i32>,
    /// Most journals in T3.
    pub quota_t3: Option<i32>,
    /// Fewest votes for a journal to be listed.
    pub min_votes: i32,
    /// Tier definitions and criteria (JSON, see `Texts`).
    pub rules: String,
    /// Creator.
    pub created_by: i64,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

impl Edition {
    /// The descriptive rules.
    pub fn texts(&self) -> Texts {
        serde_json::from_str(&self.rules).unwrap_or_default()
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Bilingual {
    /// Chinese.
    #[serde(default)]
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

/// The edition's published rules in words: what each tier means and what experts judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Texts {
    /// Definitions of T1, T2 and T3.
    pub tiers: Vec<Bilingual>,
    /// Evaluation criteria.
    pub criteria: Vec<Bilingual>,
}

fn b(zh: &str, en: &str) -> Bilingual {
    Bilingual {
        zh: zh.into(),
        en: en.into(),
    }
}

impl Default for Texts {
    fn default() -> Texts {
        Texts {
            tiers: vec![
                b("国际上极少数的顶级期刊，或接近国际顶级水平", "At or near the international top"),
                b(
                    "国际上知名和非常重要的期刊，学术水平较高",
                    "Internationally known and of high academic level",
                ),
                b(
                    "国际上重要、学术界认可的期刊，学术水平良好",
                    "Recognised as good by the academic community",
                ),
            ],
            criteria: vec![
                b("内容质量", "Content quality"),
                b("出版规范", "Publishing standards"),
                b("学术声誉", "Academic reputation"),
            ],
        }
    }
}

/// An indicator of an edition.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = catalogue_indicators)]
pub struct Indicator {
    /// Id.
    pub id: i64,
    /// Edition.
    pub edition_id: i64,
    /// Priority order (ties in the ranking are broken by indicators in this order).
    pub position: i32,
    /// Code used in CSV files, e.g. `impact_factor`.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Whether a higher value is better (false for e.g. days to publication).
    pub higher_is_better: bool,
    /// Where its values come from.
    #[diesel(deserialize_as = String)]
    pub source: IndicatorSource,
}

crate::text_enum! {
    /// Where an indicator's values come from.
    #[derive(Default)]
    pub enum IndicatorSource {
        /// Typed or imported from a CSV file.
        #[default]
        Manual = "manual",
        /// Articles the journal published on this platform in the year before the edition's.
        PlatformArticles = "platform_articles",
        /// Median days from receipt to publication of those articles.
        PlatformDaysToPublication = "platform_days_to_publication",
    }
}

crate::text_enum! {
    /// Where a proposal of a journal missing from the register stands.
    pub enum ProposalStatus {
        /// Waiting for the committee.
        Open = "open",
        /// The journal was added to the register and nominated.
        Added = "added",
        /// The committee declined it.
        Declined = "declined",
    }
}

/// An objection filed during public notice.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Objection {
    /// Id.
    pub id: i64,
    /// Edition.
    pub edition_id: i64,
    /// Journal concerned.
    pub journal_id: i64,
    /// Who filed it.
    pub user_id: i64,
    /// Their reason.
    pub reason: String,
    /// `open`, `upheld` or `rejected`.
    pub status: ObjectionStatus,
    /// The committee's reason.
    pub decision_reason: String,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    #[serde(default, with = "crate::web::utc::option")]
    pub decided_at: Option<NaiveDateTime>,
    /// Filed at.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

impl Objection {
    /// The catalogue's view of a panel objection of the edition.
    pub fn of(o: crate::panel::objections::Objection) -> Objection {
        Objection {
            id: o.id,
            edition_id: o.round_id,
            journal_id: o.subject_id,
            user_id: o.user_id,
            reason: o.reason,
            status: o.status,
            decision_reason: o.decision_reason,
            decided_by: o.decided_by,
            decided_at: o.decided_at,
            created_at: o.created_at,
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    /// Id.
    pub id: i64,
    /// Edition.
    pub edition_id: i64,
    /// Who (None for the system).
    pub user_id: Option<i64>,
    /// What, e.g. `vote`, `override`, `phase`.
    pub action: String,
    /// Journal concerned.
    pub journal_id: Option<i64>,
    /// Details (JSON).
    pub detail: String,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}
