//! Checking venue and call-for-papers input (pure, no I/O).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::deadline;
use crate::error::{AppError, FieldErrors};

/// Anonymity modes of a call.
pub const ANONYMITY: [&str; 3] = [
    super::model::Anonymity::DoubleBlind.as_str(),
    super::model::Anonymity::SingleBlind.as_str(),
    super::model::Anonymity::Open.as_str(),
];
/// Kinds of extra questions.
pub const QUESTION_KINDS: [&str; 3] = super::questions::KINDS;

/// A track as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TrackInput {
    /// URL name, e.g. `young-scientists`.
    #[serde(default)]
    pub slug: String,
    /// `track` or `forum`.
    #[serde(default)]
    pub kind: String,
    /// Chinese name.
    #[serde(default)]
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Age limit of the presenting author, for forums.
    #[serde(default)]
    pub age_limit: Option<i32>,
}

/// A topic as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TopicInput {
    /// Chinese name.
    #[serde(default)]
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
}

/// What describes a venue, the same in the API body and the organiser's form.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct VenueDetails {
    /// URL name: lower-case letters, digits and hyphens.
    #[serde(default)]
    pub slug: String,
    /// `conference` or `forum`.
    #[serde(default)]
    pub kind: String,
    /// Chinese title.
    #[serde(default)]
    pub title_zh: String,
    /// English title.
    #[serde(default)]
    pub title_en: String,
    /// Chinese description.
    #[serde(default)]
    pub description_zh: String,
    /// English description.
    #[serde(default)]
    pub description_en: String,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    #[serde(default)]
    pub ends_on: String,
    /// City and hall.
    #[serde(default)]
    pub place: String,
    /// Link for online participation.
    #[serde(default)]
    pub online_url: String,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    #[serde(default)]
    pub timezone: String,
}

/// A venue as submitted by an organiser.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct VenueInput {
    /// Slug, kind, titles, descriptions, dates, place, link and time zone.
    #[serde(flatten)]
    pub details: VenueDetails,
    /// Forum age limit in years.
    #[serde(default)]
    pub age_limit: Option<i32>,
    /// Tracks and forum tracks.
    #[serde(default)]
    pub tracks: Vec<TrackInput>,
    /// Topics.
    #[serde(default)]
    pub topics: Vec<TopicInput>,
    /// URL name of the edition before this one (a conference series), or empty.
    #[serde(default)]
    pub previous_edition: String,
}

/// A checked venue.
#[derive(Debug, Clone)]
pub struct VenueSpec {
    /// The input, trimmed.
    pub input: VenueInput,
    /// The URL name.
    pub slug: crate::values::Slug,
    /// Parsed first day.
    pub starts_on: Option<NaiveDate>,
    /// Parsed last day.
    pub ends_on: Option<NaiveDate>,
}

fn slug_ok(s: &str) -> bool {
    crate::values::Slug::parse(s).is_some()
}

fn too_long(f: &mut FieldErrors, name: &str, v: &str, max: usize) {
    if v.chars().count() > max {
        f.insert(name.into(), "validation.too_long".into());
    }
    crate::text::check_sized(f, name, v, max);
}

fn date(f: &mut FieldErrors, name: &str, v: &str) -> Option<NaiveDate> {
    if v.trim().is_empty() {
        return None;
    }
    let d = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
    if d.is_none() {
        f.insert(name.into(), "validation.date_invalid".into());
    }
    d
}

fn age_ok(a: Option<i32>) -> bool {
    a.is_none_or(|a| (18..=100).contains(&a))
}

/// Checks a venue.
pub fn venue(input: &VenueInput) -> Result<VenueSpec, AppError> {
    let mut f = FieldErrors::new();
    let mut v = input.clone();
    let d = &mut v.details;
    for s in [
        &mut d.slug,
        &mut d.kind,
        &mut d.title_zh,
        &mut d.title_en,
        &mut d.place,
        &mut d.online_url,
        &mut d.timezone,
        &mut d.starts_on,
        &mut d.ends_on,
    ] {
        *s = s.trim().to_string();
    }
    let slug = crate::values::Slug::parse(&d.slug);
    if slug.is_none() {
        f.insert("slug".into(), "validation.slug_invalid".into());
    }
    if super::model::VenueKind::parse(&d.kind).is_none() {
        f.insert("kind".into(), "validation.kind_invalid".into());
    }
    if d.title_zh.is_empty() && d.title_en.is_empty() {
        f.insert("title_en".into(), "validation.title_required".into());
    }
    too_long(&mut f, "title_zh", &d.title_zh, 300);
    too_long(&mut f, "title_en", &d.title_en, 300);
    too_long(&mut f, "description_zh", &d.description_zh, 20_000);
    too_long(&mut f, "description_en", &d.description_en, 20_000);
    too_long(&mut f, "place", &d.place, 300);
    let starts_on = date(&mut f, "starts_on", &d.starts_on);
    let ends_on = date(&mut f, "ends_on", &d.ends_on);
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        f.insert("ends_on".into(), "validation.ends_before_start".into());
    }
    if deadline::parse_tz(&d.timezone).is_none() {
        f.insert("timezone".into(), "validation.timezone_invalid".into());
    }
    if !d.online_url.is_empty() && !(url::Url::parse(&d.online_url).is_ok_and(|u| u.scheme() == "https" || u.scheme() == "http")) {
        f.insert("online_url".into(), "validation.url_invalid".into());
    }
    v.previous_edition = v.previous_edition.trim().to_string();
    if !v.previous_edition.is_empty() && !slug_ok(&v.previous_edition) {
        f.insert("previous_edition".into(), "validation.slug_invalid".into());
    }
    if !age_ok(v.age_limit) {
        f.insert("age_limit".into(), "validation.age_limit".into());
    }
    let mut seen = std::collections::HashSet::new();
    for (i, t) in v.tracks.iter_mut().enumerate() {
        let at = |field: &str| crate::web::rows::key("tracks", i, field);
        t.slug = t.slug.trim().to_string();
        t.kind = t.kind.trim().to_string();
        t.name_zh = t.name_zh.trim().to_string();
        t.name_en = t.name_en.trim().to_string();
        if !slug_ok(&t.slug) {
            f.insert(at("slug"), "validation.slug_invalid".into());
        } else if !seen.insert(t.slug.clone()) {
            f.insert(at("slug"), "validation.track_slug_taken".into());
        }
        if super::model::TrackKind::parse(&t.kind).is_none() {
            f.insert(at("kind"), "validation.track_kind".into());
        }
        if t.name_zh.is_empty() && t.name_en.is_empty() {
            f.insert(at("name_zh"), "validation.row_name_required".into());
        }
        if !age_ok(t.age_limit) {
            f.insert(at("age_limit"), "validation.age_limit".into());
        }
        too_long(&mut f, &at("name_zh"), &t.name_zh, 300);
        too_long(&mut f, &at("name_en"), &t.name_en, 300);
    }
    for (i, t) in v.topics.iter_mut().enumerate() {
        let at = |field: &str| crate::web::rows::key("topics", i, field);
        t.name_zh = t.name_zh.trim().to_string();
        t.name_en = t.name_en.trim().to_string();
        if t.name_zh.is_empty() && t.name_en.is_empty() {
            f.insert(at("name_zh"), "validation.row_name_required".into());
        }
        too_long(&mut f, &at("name_zh"), &t.name_zh, 300);
        too_long(&mut f, &at("name_en"), &t.name_en, 300);
    }
    if v.tracks.len() > crate::web::rows::MAX_ROWS {
        f.insert("tracks".into(), "validation.too_many".into());
    }
    if v.topics.len() > crate::web::rows::MAX_ROWS {
        f.insert("topics".into(), "validation.too_many".into());
    }
    match slug {
        Some(slug) if f.is_empty() => Ok(VenueSpec {
            input: v,
            slug,
            starts_on,
            ends_on,
        }),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, utoipa::ToSchema)]
pub struct OptionText {
    /// Chinese text.
    #[serde(default)]
    pub zh: String,
    /// English text.
    #[serde(default)]
    pub en: String,
}

/// An extra question as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct QuestionInput {
    /// `text`, `choice` or `checkbox`.
    #[serde(default)]
    pub kind: String,
    /// Chinese wording.
    #[serde(default)]
    pub label_zh: String,
    /// English wording.
    #[serde(default)]
    pub label_en: String,
    /// Options of a `choice`.
    #[serde(default)]
    pub options: Vec<OptionText>,
    /// Whether an answer is required.
    #[serde(default)]
    pub required: bool,
}

/// A call for papers as submitted; deadlines are wall-clock times in the venue's time zone.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CallInput {
    /// Optional abstract registration deadline, `YYYY-MM-DDTHH:MM` in the venue's zone.
    #[serde(default)]
    pub abstract_deadline: String,
    /// Full-paper deadline, `YYYY-MM-DDTHH:MM` in the venue's zone.
    #[serde(default)]
    pub paper_deadline: String,
    /// Unannounced grace period in minutes (0 to 1440).
    #[serde(default)]
    pub grace_minutes: i32,
    /// Maximum pages (none if absent).
    #[serde(default)]
    pub page_limit: Option<i32>,
    /// Maximum PDF size in MB (default 20).
    #[serde(default)]
    pub max_file_mb: Option<i32>,
    /// Maximum supplementary file size in MB (default 50).
    #[serde(default)]
    pub supp_max_mb: Option<i32>,
    /// `double_blind`, `single_blind` or `open`.
    #[serde(default)]
    pub anonymity: String,
    /// Only the corresponding author may edit.
    #[serde(default)]
    pub only_corresponding_edits: bool,
    /// Extra questions, in order.
    #[serde(default)]
    pub questions: Vec<QuestionInput>,
}

/// A checked call.
#[derive(Debug, Clone)]
pub struct CallSpec {
    /// Abstract deadline in UTC.
    pub abstract_deadline: Option<NaiveDateTime>,
    /// Paper deadline in UTC.
    pub paper_deadline: NaiveDateTime,
    /// Grace minutes.
    pub grace_minutes: i32,
    /// Page limit.
    pub page_limit: Option<i32>,
    /// PDF size limit, MB.
    pub max_file_mb: i32,
    /// Supplementary size limit, MB.
    pub supp_max_mb: i32,
    /// Anonymity mode.
    pub anonymity: String,
    /// Only the corresponding author edits.
    pub only_corresponding_edits: bool,
    /// Questions, trimmed.
    pub questions: Vec<QuestionInput>,
}

/// Checks a call; deadlines are interpreted in `timezone`.
pub fn call(input: &CallInput, timezone: &str) -> Result<CallSpec, AppError> {
    let mut f = FieldErrors::new();
    let tz = deadline::parse_tz(timezone).unwrap_or(chrono_tz::UTC);
    let abstract_deadline = if input.abstract_deadline.trim().is_empty() {
        None
    } else {
        let d = deadline::local_to_utc(&input.abstract_deadline, tz);
        if d.is_none() {
            f.insert("abstract_deadline".into(), "validation.datetime_invalid".into());
        }
        d
    };
    let paper_deadline = deadline::local_to_utc(&input.paper_deadline, tz);
    if paper_deadline.is_none() {
        f.insert("paper_deadline".into(), "validation.datetime_invalid".into());
    }
    if let (Some(a), Some(p)) = (abstract_deadline, paper_deadline)
        && a > p
    {
        f.insert("abstract_deadline".into(), "validation.abstract_after_paper".into());
    }
    if !(0..=1440).contains(&input.grace_minutes) {
        f.insert("grace_minutes".into(), "validation.grace_range".into());
    }
    if input.page_limit.is_some_and(|p| !(1..=1000).contains(&p)) {
        f.insert("page_limit".into(), "validation.page_limit_range".into());
    }
    let max_file_mb = input.max_file_mb.unwrap_or(20);
    if !(1..=200).contains(&max_file_mb) {
        f.insert("max_file_mb".into(), "validation.size_range".into());
    }
    let supp_max_mb = input.supp_max_mb.unwrap_or(50);
    if !(1..=1000).contains(&supp_max_mb) {
        f.insert("supp_max_mb".into(), "validation.size_range".into());
    }
    let anonymity = input.anonymity.trim().to_string();
    if !ANONYMITY.contains(&anonymity.as_str()) {
        f.insert("anonymity".into(), "validation.anonymity_invalid".into());
    }
    let questions = super::questions::check_list("questions", &input.questions, &mut f);
    match (f.is_empty(), paper_deadline) {
        (true, Some(paper_deadline)) => Ok(CallSpec {
            abstract_deadline,
            paper_deadline,
            grace_minutes: input.grace_minutes,
            page_limit: input.page_limit,
            max_file_mb,
            supp_max_mb,
            anonymity,
            only_corresponding_edits: input.only_corresponding_edits,
            questions,
        }),
        _ => Err(AppError::Validation { fields: f }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good_venue() -> VenueInput {
        VenueInput {
            details: VenueDetails {
                slug: "ysf-2026".into(),
                kind: "forum".into(),
                title_zh: "青年科学家论坛".into(),
                timezone: "Asia/Shanghai".into(),
                starts_on: "2026-12-01".into(),
                ends_on: "2026-12-02".into(),
                ..Default::default()
            },
            age_limit: Some(40),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_venue_passes() {
        let spec = venue(&good_venue()).unwrap();
        assert_eq!(spec.starts_on, NaiveDate::from_ymd_opt(2026, 12, 1));
    }

    #[test]
    fn bad_venue_fields_are_named() {
        let v = VenueInput {
            details: VenueDetails {
                slug: "Bad Slug".into(),
                kind: "party".into(),
                ends_on: "2026-11-30".into(),
                timezone: "Beijing".into(),
                online_url: "ftp://x".into(),
                ..good_venue().details
            },
            age_limit: Some(5),
            ..good_venue()
        };
        let Err(AppError::Validation { fields }) = venue(&v) else {
            panic!()
        };
        for k in ["slug", "kind", "ends_on", "timezone", "online_url", "age_limit"] {
            assert!(fields.contains_key(k), "{k} missing in {fields:?}");
        }
    }

    #[test]
    fn calls_convert_deadlines_and_check_order() {
        let c = CallInput {
            abstract_deadline: "2026-11-20T23:59".into(),
            paper_deadline: "2026-11-27T23:59".into(),
            anonymity: "double_blind".into(),
            ..Default::default()
        };
        let spec = call(&c, "Asia/Shanghai").unwrap();
        assert_eq!(spec.paper_deadline.to_string(), "2026-11-27 15:59:00");
        assert_eq!(spec.max_file_mb, 20);
        let c = CallInput {
            abstract_deadline: "2026-12-20T23:59".into(),
            ..c
        };
        let Err(AppError::Validation { fields }) = call(&c, "Asia/Shanghai") else {
            panic!()
        };
        assert_eq!(fields["abstract_deadline"], "validation.abstract_after_paper");
    }

    #[test]
    fn bad_rows_are_named_by_index_and_field() {
        let v = VenueInput {
            tracks: vec![
                TrackInput {
                    slug: "main".into(),
                    kind: "track".into(),
                    name_zh: "主会场".into(),
                    ..Default::default()
                },
                TrackInput {
                    slug: "Bad Slug".into(),
                    kind: "party".into(),
                    age_limit: Some(5),
                    ..Default::default()
                },
                TrackInput {
                    slug: "main".into(),
                    kind: "forum".into(),
                    name_en: "Again".into(),
                    ..Default::default()
                },
            ],
            topics: vec![TopicInput::default()],
            ..good_venue()
        };
        let Err(AppError::Validation { fields }) = venue(&v) else {
            panic!()
        };
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "topics[0].name_zh",
                "tracks[1].age_limit",
                "tracks[1].kind",
                "tracks[1].name_zh",
                "tracks[1].slug",
                "tracks[2].slug"
            ]
        );
        assert_eq!(fields["tracks[2].slug"], "validation.track_slug_taken");
        let c = CallInput {
            paper_deadline: "2026-11-27T23:59".into(),
            anonymity: "open".into(),
            questions: vec![
                QuestionInput {
                    kind: "choice".into(),
                    label_zh: "报告形式".into(),
                    ..Default::default()
                },
                QuestionInput {
                    kind: "essay".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let Err(AppError::Validation { fields }) = call(&c, "Asia/Shanghai") else {
            panic!()
        };
        assert_eq!(
            fields.keys().map(String::as_str).collect::<Vec<_>>(),
            ["questions[0].options", "questions[1].kind", "questions[1].label_zh"]
        );
    }
}
