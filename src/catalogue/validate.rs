//! Checking edition input (pure): title, year, dates, aggregation rules, texts and indicators.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::model::{Bilingual, IndicatorSource, Texts};
use super::votes;
use crate::auth::roles;
use crate::error::AppResult;
use crate::error::{AppError, FieldErrors};

/// An indicator as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct IndicatorInput {
    /// Code: lower-case letters, digits and underscores.
    #[serde(default)]
    pub code: String,
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// Whether a higher value is better (default true).
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    /// Where its values come from (default `manual`).
    #[serde(default)]
    pub source: IndicatorSource,
}

fn yes() -> bool {
    true
}

/// An edition as the committee enters it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct EditionInput {
    /// Field code (fixed once created).
    #[serde(default)]
    pub field: String,
    /// Year, e.g. 2026 (fixed once created).
    #[serde(default)]
    pub year: Option<i32>,
    /// URL name; made from field and year when empty.
    #[serde(default)]
    pub slug: String,
    /// Title in Chinese, e.g. 计算领域高质量科技期刊分级目录 2026.
    #[serde(default)]
    pub title_zh: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: String,
    /// Last day for nominations, `YYYY-MM-DD` (ends 23:59 China Standard Time).
    #[serde(default)]
    pub nomination_closes: String,
    /// Last day for the panel's votes, `YYYY-MM-DD`.
    #[serde(default)]
    pub evaluation_closes: String,
    /// Days of public notice (1–90, default 15).
    #[serde(default)]
    pub notice_days: Option<i32>,
    /// `median` (default) or `mean`.
    #[serde(default)]
    pub method: String,
    /// Largest listed share of the field's register, percent (1–100, default 50).
    #[serde(default)]
    pub max_share_pct: Option<i32>,
    /// Most journals in T1 (none: no quota).
    #[serde(default)]
    pub quota_t1: Option<i32>,
    /// Most journals in T2.
    #[serde(default)]
    pub quota_t2: Option<i32>,
    /// Most journals in T3.
    #[serde(default)]
    pub quota_t3: Option<i32>,
    /// Fewest votes for a journal to be listed (1–100, default 1).
    #[serde(default)]
    pub min_votes: Option<i32>,
    /// Definitions of T1, T2, T3 (default: the society documents' wording).
    #[serde(default)]
    pub tiers: Vec<Bilingual>,
    /// Evaluation criteria (default: content quality, publishing standards, academic reputation).
    #[serde(default)]
    pub criteria: Vec<Bilingual>,
    /// Indicators in priority order (left out when changing an edition: kept as they are).
    #[serde(default)]
    pub indicators: Option<Vec<IndicatorInput>>,
}

/// A checked edition.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionSpec {
    /// Field code.
    pub field: String,
    /// Year.
    pub year: i32,
    /// URL name.
    pub slug: crate::values::Slug,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Nominations close (UTC).
    pub nomination_closes: Option<NaiveDateTime>,
    /// Votes are due (UTC).
    pub evaluation_closes: Option<NaiveDateTime>,
    /// Notice length.
    pub notice_days: i32,
    /// Aggregation method.
    pub method: String,
    /// Share limit.
    pub max_share_pct: i32,
    /// Quotas.
    pub quotas: [Option<i32>; 3],
    /// Minimum votes.
    pub min_votes: i32,
    /// Texts as JSON.
    pub rules: String,
    /// Indicators.
    pub indicators: Vec<IndicatorInput>,
}

/// The end of a day in China Standard Time, in UTC: deadlines are whole days.
pub fn day_end_utc(d: NaiveDate) -> NaiveDateTime {
    let local = d.and_hms_opt(23, 59, 59).unwrap_or_default();
    chrono_tz::Asia::Shanghai
        .from_local_datetime(&local)
        .single()
        .map(|t| t.naive_utc())
        .unwrap_or(local)
}

/// A whole-day deadline typed as `YYYY-MM-DD` (empty: none), ending at midnight China time;
/// `validation.date_invalid` on `name` otherwise.
pub fn day(f: &mut FieldErrors, name: &str, v: &str) -> Option<NaiveDateTime> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    // Accept a full date-time as sent back by the API, keeping only its day (cut by characters:
    // a byte index could fall inside a multi-byte character and panic).
    let head: String = v.chars().take(10).collect();
    match NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
        Ok(d) => Some(day_end_utc(d)),
        Err(_) => {
            f.insert(name.into(), "validation.date_invalid".into());
            None
        }
    }
}

fn range(f: &mut FieldErrors, name: &str, v: Option<i32>, min: i32, max: i32, default: i32) -> i32 {
    match v {
        None => default,
        Some(n) if (min..=max).contains(&n) => n,
        Some(_) => {
            f.insert(name.into(), format!("validation.{name}_range"));
            default
        }
    }
}

fn texts(f: &mut FieldErrors, name: &str, v: &[Bilingual], want: Option<usize>, default: Vec<Bilingual>) -> Vec<Bilingual> {
    if v.is_empty() {
        return default;
    }
    if want.is_some_and(|n| v.len() != n) || v.len() > 20 {
        f.insert(name.into(), format!("validation.{name}_texts"));
    }
    for (i, t) in v.iter().enumerate() {
        let at = |field: &str| crate::web::rows::key(name, i, field);
        if t.zh.trim().is_empty() && t.en.trim().is_empty() {
            f.insert(at("zh"), "validation.row_name_required".into());
        }
        for (field, text) in [("zh", &t.zh), ("en", &t.en)] {
            if text.chars().count() > 500 {
                f.insert(at(field), "validation.too_long".into());
            }
            crate::text::check(f, &at(field), text, true);
        }
    }
    v.iter()
        .map(|t| Bilingual {
            zh: t.zh.trim().into(),
            en: t.en.trim().into(),
        })
        .collect()
}

/// Checks an edition.
pub fn edition(input: &EditionInput) -> Result<EditionSpec, AppError> {
    let mut f = FieldErrors::new();
    let field = input.field.trim().to_ascii_lowercase();
    if field.is_empty() {
        f.insert("field".into(), "validation.required".into());
    }
    let year = match input.year {
        Some(y) if (2000..=2100).contains(&y) => y,
        _ => {
            f.insert("year".into(), "validation.year_invalid".into());
            0
        }
    };
    let mut slug = input.slug.trim().to_ascii_lowercase();
    if slug.is_empty() {
        slug = format!("{field}-{year}");
    }
    let slug = crate::values::Slug::parse(&slug);
    if slug.is_none() {
        f.insert("slug".into(), "validation.slug_invalid".into());
    }
    let title_zh = input.title_zh.trim().to_string();
    let title_en = input.title_en.trim().to_string();
    if title_zh.is_empty() && title_en.is_empty() {
        f.insert("title_zh".into(), "validation.title_required".into());
    }
    for (k, v) in [("title_zh", &title_zh), ("title_en", &title_en)] {
        if v.chars().count() > 200 {
            f.insert(k.into(), "validation.too_long".into());
        }
        crate::text::check(&mut f, k, v, false);
    }
    let nomination_closes = day(&mut f, "nomination_closes", &input.nomination_closes);
    let evaluation_closes = day(&mut f, "evaluation_closes", &input.evaluation_closes);
    if let (Some(n), Some(e)) = (nomination_closes, evaluation_closes)
        && e < n
    {
        f.insert("evaluation_closes".into(), "validation.evaluation_before_nomination".into());
    }
    let method = match input.method.trim() {
        "" | "median" => "median".to_string(),
        "mean" => "mean".to_string(),
        _ => {
            f.insert("method".into(), "validation.method_invalid".into());
            String::new()
        }
    };
    let notice_days = range(&mut f, "notice_days", input.notice_days, 1, 90, 15);
    let max_share_pct = range(&mut f, "max_share_pct", input.max_share_pct, 1, 100, 50);
    let min_votes = range(&mut f, "min_votes", input.min_votes, 1, 100, 1);
    let mut quotas = [None; 3];
    for (i, (k, v)) in [
        ("quota_t1", input.quota_t1),
        ("quota_t2", input.quota_t2),
        ("quota_t3", input.quota_t3),
    ]
    .into_iter()
    .enumerate()
    {
        match v {
            Some(n) if !(0..=100_000).contains(&n) => {
                f.insert(k.into(), "validation.quota_range".into());
            }
            other => quotas[i] = other,
        }
    }
    let defaults = Texts::default();
    let tiers = texts(&mut f, "tiers", &input.tiers, Some(3), defaults.tiers);
    let criteria = texts(&mut f, "criteria", &input.criteria, None, defaults.criteria);
    let mut indicators = Vec::new();
    for (k, i) in input.indicators.iter().flatten().enumerate() {
        let at = |field: &str| crate::web::rows::key("indicators", k, field);
        let code = i.code.trim().to_ascii_lowercase();
        if !((1..=40).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')) {
            f.insert(at("code"), "validation.indicator_code".into());
        } else if indicators.iter().any(|x: &IndicatorInput| x.code == code) {
            f.insert(at("code"), "validation.indicator_code_taken".into());
        }
        if i.name_zh.trim().is_empty() && i.name_en.trim().is_empty() {
            f.insert(at("name_zh"), "validation.row_name_required".into());
        }
        for (field, text) in [("name_zh", &i.name_zh), ("name_en", &i.name_en)] {
            if text.chars().count() > 200 {
                f.insert(at(field), "validation.too_long".into());
            }
            crate::text::check(&mut f, &at(field), text, false);
        }
        indicators.push(IndicatorInput {
            code,
            name_zh: i.name_zh.trim().into(),
            name_en: i.name_en.trim().into(),
            higher_is_better: i.higher_is_better,
            source: i.source,
        });
    }
    if indicators.len() > 30 {
        f.insert("indicators".into(), "validation.too_many".into());
    }
    let (true, Some(slug)) = (f.is_empty(), slug) else {
        return Err(AppError::Validation { fields: f });
    };
    let rules = serde_json::to_string(&Texts { tiers, criteria }).map_err(|e| AppError::caused("catalogue rules", e))?;
    Ok(EditionSpec {
        field,
        year,
        slug,
        title_zh,
        title_en,
        nomination_closes,
        evaluation_closes,
        notice_days,
        method,
        max_share_pct,
        quotas,
        min_votes,
        rules,
        indicators,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_with_multi_byte_characters_is_an_error_not_a_panic() {
        let mut f = super::FieldErrors::new();
        assert_eq!(super::day(&mut f, "nomination_closes", "2026-01-0日期"), None);
        assert_eq!(f.get("nomination_closes").map(String::as_str), Some("validation.date_invalid"));
        let mut f = super::FieldErrors::new();
        assert!(super::day(&mut f, "x", "2026-03-01T12:00:00").is_some() && f.is_empty());
    }

    use super::*;

    fn good() -> EditionInput {
        EditionInput {
            field: "computing".into(),
            year: Some(2026),
            title_zh: "计算领域高质量科技期刊分级目录 2026".into(),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_follow_the_society_documents() {
        let s = edition(&good()).unwrap();
        assert_eq!(
            (s.slug.as_str(), s.notice_days, s.max_share_pct, s.min_votes, s.method.as_str()),
            ("computing-2026", 15, 50, 1, "median")
        );
        let texts: Texts = serde_json::from_str(&s.rules).unwrap();
        assert_eq!(texts.tiers.len(), 3);
        assert_eq!(texts.criteria.len(), 3);
    }

    #[test]
    fn out_of_range_rules_are_named() {
        let mut i = good();
        i.max_share_pct = Some(0);
        i.notice_days = Some(365);
        i.quota_t1 = Some(-1);
        i.method = "vote".into();
        i.tiers = vec![Bilingual {
            zh: "甲".into(),
            en: "A".into(),
        }];
        i.evaluation_closes = "2026-13-01".into();
        let Err(AppError::Validation { fields }) = edition(&i) else {
            panic!()
        };
        for k in ["max_share_pct", "notice_days", "quota_t1", "method", "tiers", "evaluation_closes"] {
            assert!(fields.contains_key(k), "{k}: {fields:?}");
        }
    }

    #[test]
    fn deadlines_end_at_midnight_china_time() {
        let mut i = good();
        i.nomination_closes = "2026-03-31".into();
        let s = edition(&i).unwrap();
        assert_eq!(s.nomination_closes.unwrap().to_string(), "2026-03-31 15:59:59");
    }

    #[test]
    fn indicator_codes_must_be_unique() {
        let mut i = good();
        let ind = IndicatorInput {
            code: "if".into(),
            name_en: "Impact factor".into(),
            ..Default::default()
        };
        let bad = IndicatorInput {
            code: "Impact Factor".into(),
            ..Default::default()
        };
        i.indicators = Some(vec![ind.clone(), ind, bad]);
        i.criteria = vec![
            Bilingual {
                zh: "质量".into(),
                en: String::new(),
            },
            Bilingual::default(),
        ];
        let Err(AppError::Validation { fields }) = edition(&i) else {
            panic!()
        };
        assert_eq!(
            fields.keys().map(String::as_str).collect::<Vec<_>>(),
            [
                "criteria[1].zh",
                "indicators[1].code",
                "indicators[2].code",
                "indicators[2].name_zh"
            ]
        );
        assert_eq!(fields["indicators[1].code"], "validation.indicator_code_taken");
    }
}

/// A phase move.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PhaseInput {
    /// `nomination`, `evaluation`, `notice` or `published`: one step from the current phase.
    #[serde(default)]
    pub to: String,
    /// Required when going back.
    #[serde(default)]
    pub reason: String,
}

/// A journal of the edition's field and a reason: a nomination, or an objection.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct JournalReason {
    /// Journal id (a journal of the edition's field).
    #[serde(default)]
    pub journal: i64,
    /// Why it belongs in the catalogue, or what is wrong with its place.
    #[serde(default)]
    pub reason: String,
}

/// A vote.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteInput {
    /// `T1`, `T2`, `T3`, `none` (not listed), or null / empty to withdraw the vote. Required, so
    /// a misspelt body cannot withdraw a vote.
    #[serde(deserialize_with = "Option::deserialize")]
    #[schema(required = true)]
    pub tier: Option<String>,
    /// Optional comment.
    #[serde(default)]
    pub comment: String,
}

/// Parses a posted vote: None withdraws.
pub fn vote_of(tier: Option<&str>) -> AppResult<Option<super::tiers::Vote>> {
    match tier.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => votes::parse(t)
            .map(Some)
            .ok_or_else(|| AppError::field("tier", "validation.tier_invalid")),
    }
}

/// A declared conflict.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = CatalogueConflictInput)]
pub struct ConflictInput {
    /// Journal id.
    #[serde(default)]
    pub journal: i64,
    /// E.g. "I am on its editorial board".
    #[serde(default)]
    pub reason: String,
    /// For the committee: the expert's account id (default: the caller).
    #[serde(default)]
    pub expert: Option<i64>,
}

/// People to add to the panel or committee.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MembersInput {
    /// E-mail addresses of existing accounts, separated by commas or new lines.
    #[serde(default)]
    pub emails: String,
    /// `expert` (default) or `committee`.
    #[serde(default)]
    pub role: String,
}

/// The role named in a form: `expert` or `committee`.
pub fn role_of(s: &str) -> AppResult<roles::Role> {
    match s.trim() {
        "" | "expert" => Ok(roles::CATALOGUE_EXPERT),
        "committee" => Ok(roles::CATALOGUE_COMMITTEE),
        _ => Err(AppError::field("role", "validation.panel_role_invalid")),
    }
}

/// An override.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct OverrideInput {
    /// `T1`, `T2`, `T3` or `none`; ignored when clearing.
    #[serde(default)]
    pub tier: String,
    /// The written reason (required).
    #[serde(default)]
    pub reason: String,
}
