//! Checking what is typed for a round and an entry (pure).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::super::aggregate::GradeBands;
use crate::catalogue::validate::day;
use crate::error::{AppError, FieldErrors};

/// A new round.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRoundInput)]
pub struct RoundInput {
    /// URL name (lower-case letters, digits, dashes).
    #[serde(default)]
    pub slug: String,
    /// Title in Chinese.
    #[serde(default)]
    pub title_zh: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: String,
    /// What the round is for, Chinese.
    #[serde(default)]
    pub description_zh: String,
    /// English.
    #[serde(default)]
    pub description_en: String,
    /// The society's indicator system.
    #[serde(default)]
    pub system_id: i64,
    /// Its final version to use (default: the latest final one).
    #[serde(default)]
    pub system_version: Option<i32>,
    /// Last day for applications and self-reports (`YYYY-MM-DD`, China time).
    #[serde(default)]
    pub applications_close: String,
    /// Last day for expert scores.
    #[serde(default)]
    pub scoring_closes: String,
    /// Last day of public notice.
    #[serde(default)]
    pub notice_ends: String,
    /// How many may be designated demonstrative (1–1000, default 10).
    #[serde(default)]
    pub quota: Option<i32>,
    /// Grade bands (default 85 / 75 / 60).
    #[serde(default)]
    pub grade_bands: Option<GradeBands>,
}

/// A checked round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundSpec {
    /// URL name.
    pub slug: String,
    /// Titles.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Descriptions.
    pub description_zh: String,
    /// English description.
    pub description_en: String,
    /// The system.
    pub system_id: i64,
    /// Its version (resolved by the service when none was given: 0 here).
    pub system_version: i32,
    /// Deadlines.
    pub applications_close: Option<NaiveDateTime>,
    /// Scores due.
    pub scoring_closes: Option<NaiveDateTime>,
    /// Notice ends.
    pub notice_ends: Option<NaiveDateTime>,
    /// Quota.
    pub quota: i32,
    /// Grade bands as stored (JSON).
    pub grade_bands: String,
}

/// URL names a round may not take: the pages beside the rounds under `/evaluation`.
pub const RESERVED: [&str; 2] = ["demonstrative", "conferences"];

/// Checks a new round; every problem is named by field.
pub fn round(input: &RoundInput) -> Result<RoundSpec, AppError> {
    let mut f = FieldErrors::new();
    let slug = input.slug.trim().to_ascii_lowercase();
    if crate::values::Slug::parse(&slug).is_none() {
        f.insert("slug".into(), "validation.slug_invalid".into());
    } else if RESERVED.contains(&slug.as_str()) {
        // These name pages under /evaluation.
        f.insert("slug".into(), "evaluation.slug_taken".into());
    }
    let title_zh = crate::text::field(&mut f, "title_zh", &input.title_zh, 200);
    let title_en = crate::text::field(&mut f, "title_en", &input.title_en, 200);
    if title_zh.is_empty() && title_en.is_empty() {
        f.entry("title_zh".into()).or_insert_with(|| "evaluation.name_required".into());
    }
    let description_zh = crate::text::field(&mut f, "description_zh", &input.description_zh, 10_000);
    let description_en = crate::text::field(&mut f, "description_en", &input.description_en, 10_000);
    let applications_close = day(&mut f, "applications_close", &input.applications_close);
    let scoring_closes = day(&mut f, "scoring_closes", &input.scoring_closes);
    let notice_ends = day(&mut f, "notice_ends", &input.notice_ends);
    if let (Some(a), Some(s)) = (applications_close, scoring_closes)
        && s <= a
    {
        f.insert("scoring_closes".into(), "evaluation.deadlines_order".into());
    }
    if let (Some(s), Some(n)) = (scoring_closes, notice_ends)
        && n <= s
    {
        f.insert("notice_ends".into(), "evaluation.deadlines_order".into());
    }
    let quota = input.quota.unwrap_or(10);
    if !(1..=1000).contains(&quota) {
        f.insert("quota".into(), "evaluation.quota_invalid".into());
    }
    let bands = input.grade_bands.unwrap_or_default();
    if let Some(p) = bands.problem() {
        f.insert("grade_bands".into(), p.into());
    }
    if input.system_id <= 0 {
        f.insert("system_id".into(), "evaluation.system_unknown".into());
    }
    AppError::unless_fields(
        f,
        RoundSpec {
            slug,
            title_zh,
            title_en,
            description_zh,
            description_en,
            system_id: input.system_id,
            system_version: input.system_version.unwrap_or(0),
            applications_close,
            scoring_closes,
            notice_ends,
            quota,
            grade_bands: serde_json::to_string(&bands).unwrap_or_default(),
        },
    )
}

/// A conference entering a round: a venue of xuehui by URL name, or one held outside it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationEntryInput)]
pub struct EntryInput {
    /// The venue's URL name (empty for a conference held outside xuehui).
    #[serde(default)]
    pub venue: String,
    /// Outside conferences: name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// Who organised it.
    #[serde(default)]
    pub organiser: String,
    /// When and where it was held.
    #[serde(default)]
    pub held: String,
    /// Its website (http or https).
    #[serde(default)]
    pub website: String,
}

/// A checked entry (names filled from the venue by the service).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntrySpec {
    /// The venue.
    pub venue_id: Option<i64>,
    /// Names.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Organiser.
    pub organiser: String,
    /// When and where.
    pub held: String,
    /// Website.
    pub website: String,
}

/// Checks the fields of a conference held outside xuehui.
pub fn outside(input: &EntryInput) -> Result<EntrySpec, AppError> {
    let mut f = FieldErrors::new();
    let name_zh = crate::text::field(&mut f, "name_zh", &input.name_zh, 300);
    let name_en = crate::text::field(&mut f, "name_en", &input.name_en, 300);
    if name_zh.is_empty() && name_en.is_empty() {
        f.entry("name_zh".into()).or_insert_with(|| "evaluation.name_required".into());
    }
    let organiser = crate::text::field(&mut f, "organiser", &input.organiser, 300);
    if organiser.is_empty() {
        f.entry("organiser".into()).or_insert_with(|| "validation.required".into());
    }
    let held = crate::text::field(&mut f, "held", &input.held, 300);
    let website = crate::text::field(&mut f, "website", &input.website, 500);
    if !website.is_empty() && !url::Url::parse(&website).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some()) {
        f.insert("website".into(), "validation.url_invalid".into());
    }
    AppError::unless_fields(
        f,
        EntrySpec {
            venue_id: None,
            name_zh,
            name_en,
            organiser,
            held,
            website,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> RoundInput {
        RoundInput {
            slug: "demo-2026".into(),
            title_zh: "2026 年示范性会议".into(),
            system_id: 1,
            applications_close: "2026-03-31".into(),
            scoring_closes: "2026-05-31".into(),
            notice_ends: "2026-06-30".into(),
            ..RoundInput::default()
        }
    }

    #[test]
    fn a_round_gets_defaults_and_deadlines_end_in_china_time() {
        let s = round(&good()).unwrap();
        assert_eq!((s.quota, s.system_version), (10, 0));
        assert_eq!(s.applications_close.unwrap().to_string(), "2026-03-31 15:59:59");
        assert!(s.grade_bands.contains("85"));
    }

    #[test]
    fn each_problem_is_named() {
        let mut i = good();
        i.slug = "Bad Slug".into();
        i.title_zh.clear();
        i.scoring_closes = "2026-03-01".into();
        i.quota = Some(0);
        i.grade_bands = Some(GradeBands {
            excellent: 70.0,
            good: 75.0,
            pass: 60.0,
        });
        let Err(AppError::Validation { fields }) = round(&i) else {
            panic!()
        };
        for k in ["slug", "title_zh", "scoring_closes", "quota", "grade_bands"] {
            assert!(fields.contains_key(k), "{k}: {fields:?}");
        }
    }

    #[test]
    fn an_outside_conference_needs_a_name_an_organiser_and_a_real_website() {
        let Err(AppError::Validation { fields }) = outside(&EntryInput {
            website: "javascript:alert(1)".into(),
            ..EntryInput::default()
        }) else {
            panic!()
        };
        for k in ["name_zh", "organiser", "website"] {
            assert!(fields.contains_key(k), "{k}: {fields:?}");
        }
        let ok = outside(&EntryInput {
            name_en: "Outside Symposium".into(),
            organiser: "Provincial society".into(),
            website: "https://example.org".into(),
            ..EntryInput::default()
        })
        .unwrap();
        assert_eq!(ok.venue_id, None);
    }
}
