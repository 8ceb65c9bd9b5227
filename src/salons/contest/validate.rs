//! Contest input, checked without I/O: the organisers' settings (score form, method, award
//! tiers), the entry order, a judge's address, a state move and a judge's score.

use serde::{Deserialize, Serialize};

use super::model::{ContestAward, ContestCriterion, ContestMethod, ContestState};
use crate::error::{AppError, AppResult, FieldErrors};

/// Most criteria on a score form.
pub const MAX_CRITERIA: usize = 20;
/// Most award tiers.
pub const MAX_AWARDS: usize = 10;
/// Most points or weight of a criterion.
pub const MAX_POINTS: i64 = 1000;
/// Longest name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest description or comment, in characters.
pub const MAX_TEXT: usize = 2000;
/// Most judge totals the trimmed mean may drop on each side.
pub const MAX_TRIM: i64 = 5;

/// One criterion as the organisers send it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestCriterionInput {
    /// Chinese name (one of the two languages is enough).
    #[serde(default)]
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// What judges look at (optional), Chinese.
    #[serde(default)]
    pub description_zh: String,
    /// What judges look at (optional), English.
    #[serde(default)]
    pub description_en: String,
    /// Most points a judge may give: a whole number from 1 to 1000 (e.g. 10 or 20).
    #[serde(default)]
    pub max: i64,
    /// Weight in the total, 1 to 1000; weights summing to 100 read as percentages.
    #[serde(default)]
    pub weight: i64,
}

/// One award tier as the organisers send it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestAwardInput {
    /// Chinese name (一等奖).
    #[serde(default)]
    pub name_zh: String,
    /// English name (First prize).
    #[serde(default)]
    pub name_en: String,
    /// How many talks receive it (1 to 100).
    #[serde(default)]
    pub count: i64,
}

/// The contest's settings (they replace the stored ones).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestInput {
    /// Only papers of this track of the venue enter (none: every accepted paper of the venue).
    #[serde(default)]
    pub track_id: Option<i64>,
    /// `trimmed_mean` (default), `mean` or `median`.
    #[serde(default)]
    pub method: String,
    /// For the trimmed mean: how many highest and how many lowest judge totals are dropped
    /// (0 to 5, default 1).
    #[serde(default = "one")]
    pub trim: i64,
    /// The score form in order; at least one criterion. Fixed once a judge has scored.
    #[serde(default)]
    pub criteria: Vec<ContestCriterionInput>,
    /// Award tiers, highest first.
    #[serde(default)]
    pub awards: Vec<ContestAwardInput>,
}

fn one() -> i64 {
    1
}

/// Checked settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestSpec {
    /// Track restriction.
    pub track_id: Option<i64>,
    /// Method.
    pub method: ContestMethod,
    /// Trim.
    pub trim: i32,
    /// Score form.
    pub criteria: Vec<ContestCriterion>,
    /// Award tiers.
    pub awards: Vec<ContestAward>,
}

fn names(f: &mut FieldErrors, list: &str, i: usize, zh: &str, en: &str, missing: &str) {
    let key = |field: &str| crate::web::rows::key(list, i, field);
    if zh.is_empty() && en.is_empty() {
        f.insert(key("name_zh"), missing.into());
    }
    for (field, text) in [("name_zh", zh), ("name_en", en)] {
        if text.chars().count() > MAX_NAME {
            f.insert(key(field), "contest.name_too_long".into());
        }
    }
}

/// Checks the settings; errors name `criteria[i].field`, `awards[i].field`, `method`, `trim`.
pub fn settings(input: &ContestInput) -> AppResult<ContestSpec> {
    let mut f = FieldErrors::new();
    let method = ContestMethod::parse(input.method.trim());
    if method.is_none() {
        f.insert("method".into(), "contest.method_invalid".into());
    }
    if !(0..=MAX_TRIM).contains(&input.trim) {
        f.insert("trim".into(), "contest.trim_invalid".into());
    }
    if input.criteria.is_empty() {
        f.insert("criteria".into(), "contest.criteria_missing".into());
    }
    if input.criteria.len() > MAX_CRITERIA {
        f.insert("criteria".into(), "contest.too_many_criteria".into());
    }
    if input.awards.len() > MAX_AWARDS {
        f.insert("awards".into(), "contest.too_many_awards".into());
    }
    let mut criteria = Vec::new();
    for (i, c) in input.criteria.iter().enumerate() {
        let (zh, en) = (c.name_zh.trim(), c.name_en.trim());
        names(&mut f, "criteria", i, zh, en, "contest.criterion_name_missing");
        for (field, text) in [("description_zh", &c.description_zh), ("description_en", &c.description_en)] {
            if text.trim().chars().count() > MAX_TEXT {
                f.insert(crate::web::rows::key("criteria", i, field), "contest.text_too_long".into());
            }
        }
        if !(1..=MAX_POINTS).contains(&c.max) {
            f.insert(crate::web::rows::key("criteria", i, "max"), "contest.max_invalid".into());
        }
        if !(1..=MAX_POINTS).contains(&c.weight) {
            f.insert(crate::web::rows::key("criteria", i, "weight"), "contest.weight_invalid".into());
        }
        criteria.push(ContestCriterion {
            name_zh: zh.into(),
            name_en: en.into(),
            description_zh: c.description_zh.trim().into(),
            description_en: c.description_en.trim().into(),
            max: c.max.clamp(1, MAX_POINTS) as u32,
            weight: c.weight.clamp(1, MAX_POINTS) as u32,
        });
    }
    let mut awards = Vec::new();
    for (i, a) in input.awards.iter().enumerate() {
        let (zh, en) = (a.name_zh.trim(), a.name_en.trim());
        names(&mut f, "awards", i, zh, en, "contest.award_name_missing");
        if !(1..=100).contains(&a.count) {
            f.insert(crate::web::rows::key("awards", i, "count"), "contest.count_invalid".into());
        }
        awards.push(ContestAward {
            name_zh: zh.into(),
            name_en: en.into(),
            count: a.count.clamp(1, 100) as u32,
        });
    }
    match (f.is_empty(), method) {
        (true, Some(method)) => Ok(ContestSpec {
            track_id: input.track_id,
            method,
            trim: input.trim as i32,
            criteria,
            awards,
        }),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// The score form offered in one click: innovation 30, research quality 30, presentation 20,
/// answering questions 20 (points out of the weight, so a judge's total reads out of 100).
pub fn default_criteria() -> Vec<ContestCriterionInput> {
    let c = |zh: &str, en: &str, dzh: &str, den: &str, points: i64| ContestCriterionInput {
        name_zh: zh.into(),
        name_en: en.into(),
        description_zh: dzh.into(),
        description_en: den.into(),
        max: points,
        weight: points,
    };
    vec![
        c(
            "学术创新性",
            "Innovation",
            "问题与方法的新颖程度",
            "How new the question and the approach are",
            30,
        ),
        c(
            "研究质量",
            "Research quality",
            "方法严谨、证据充分",
            "Sound method, convincing evidence",
            30,
        ),
        c(
            "表达",
            "Presentation",
            "结构清晰、语言准确、时间把握",
            "Clear structure and language, keeping to time",
            20,
        ),
        c(
            "答辩",
            "Answering questions",
            "回答问题准确、有深度",
            "Accurate, thoughtful answers",
            20,
        ),
    ]
}

/// The award tiers a new contest starts with: 一等奖 ×1, 二等奖 ×2, 三等奖 ×3.
pub fn default_awards() -> Vec<ContestAward> {
    vec![
        ContestAward {
            name_zh: "一等奖".into(),
            name_en: "First prize".into(),
            count: 1,
        },
        ContestAward {
            name_zh: "二等奖".into(),
            name_en: "Second prize".into(),
            count: 2,
        },
        ContestAward {
            name_zh: "三等奖".into(),
            name_en: "Third prize".into(),
            count: 3,
        },
    ]
}

/// The contest's entries in talk order.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestEntriesInput {
    /// Submission ids of accepted papers, first talk first; papers left out leave the contest.
    #[serde(default)]
    pub submissions: Vec<i64>,
}

/// A judge to name, by the address of their account.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestJudgeInput {
    /// The judge's account address.
    #[serde(default)]
    pub email: String,
}

/// The judge's address, checked.
pub fn judge(input: &ContestJudgeInput) -> AppResult<String> {
    crate::values::Email::parse(input.email.trim())
        .map(|e| e.as_str().to_string())
        .ok_or_else(|| AppError::field("email", "contest.judge_email"))
}

/// A move of the contest.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestStateInput {
    /// `open` (judges score; also to reopen a closed contest), `closed` (no more scores) or
    /// `published` (results public, award mails sent).
    #[serde(default)]
    pub state: String,
}

/// Whether the contest may go from `from` to `to`: setup → open ⇄ closed → published.
pub fn may_move(from: ContestState, to: ContestState) -> bool {
    use ContestState::{Closed, Open, Published, Setup};
    matches!((from, to), (Setup | Closed, Open) | (Open, Closed) | (Closed, Published))
}

/// A judge's score of one talk.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ContestScoreInput {
    /// Points per criterion in the form's order (whole numbers from 0 to each maximum).
    #[serde(default)]
    pub points: Vec<i64>,
    /// A comment for the organisers (optional).
    #[serde(default)]
    pub comment: String,
}

/// Checks points against the form; errors name `points[i]` (or `points` for a wrong count).
pub fn score(input: &ContestScoreInput, criteria: &[ContestCriterion]) -> AppResult<(Vec<u32>, String)> {
    let mut f = FieldErrors::new();
    if input.points.len() != criteria.len() {
        f.insert("points".into(), "contest.points_count".into());
    }
    for (i, (p, c)) in input.points.iter().zip(criteria).enumerate() {
        if *p < 0 || *p > i64::from(c.max) {
            f.insert(format!("points[{i}]"), "contest.points_invalid".into());
        }
    }
    let comment = input.comment.trim();
    if comment.chars().count() > MAX_TEXT {
        f.insert("comment".into(), "contest.text_too_long".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok((input.points.iter().map(|p| *p as u32).collect(), comment.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ContestInput {
        ContestInput {
            method: "trimmed_mean".into(),
            trim: 1,
            criteria: default_criteria(),
            ..Default::default()
        }
    }

    #[test]
    fn the_default_form_is_valid_and_its_weights_sum_to_100() {
        let s = settings(&input()).unwrap();
        assert_eq!(s.criteria.iter().map(|c| c.weight).sum::<u32>(), 100);
    }

    #[test]
    fn settings_errors_name_the_row_and_field() {
        let mut i = input();
        i.criteria[1].max = 0;
        i.criteria[2].name_zh.clear();
        i.criteria[2].name_en.clear();
        i.awards = vec![ContestAwardInput {
            name_zh: "一等奖".into(),
            count: 0,
            ..Default::default()
        }];
        i.method = "vote".into();
        let AppError::Validation { fields } = settings(&i).unwrap_err() else {
            panic!()
        };
        assert_eq!(fields["criteria[1].max"], "contest.max_invalid");
        assert_eq!(fields["criteria[2].name_zh"], "contest.criterion_name_missing");
        assert_eq!(fields["awards[0].count"], "contest.count_invalid");
        assert_eq!(fields["method"], "contest.method_invalid");
        let AppError::Validation { fields } = settings(&ContestInput {
            criteria: vec![],
            ..input()
        })
        .unwrap_err() else {
            panic!()
        };
        assert_eq!(fields["criteria"], "contest.criteria_missing");
    }

    #[test]
    fn moves_follow_setup_open_closed_published() {
        use ContestState::*;
        assert!(may_move(Setup, Open) && may_move(Open, Closed) && may_move(Closed, Open) && may_move(Closed, Published));
        assert!(!may_move(Setup, Published) && !may_move(Open, Published) && !may_move(Published, Open) && !may_move(Setup, Closed));
    }

    #[test]
    fn points_must_fit_the_form() {
        let c = settings(&input()).unwrap().criteria;
        let ok = ContestScoreInput {
            points: vec![30, 0, 20, 5],
            comment: " good ".into(),
        };
        assert_eq!(score(&ok, &c).unwrap(), (vec![30, 0, 20, 5], "good".into()));
        let AppError::Validation { fields } = score(
            &ContestScoreInput {
                points: vec![31, -1, 20, 5],
                comment: String::new(),
            },
            &c,
        )
        .unwrap_err() else {
            panic!()
        };
        assert_eq!(fields.len(), 2);
        assert!(fields.contains_key("points[0]") && fields.contains_key("points[1]"));
        assert!(score(&ContestScoreInput::default(), &c).is_err());
    }
}
