//! The contest pages' forms: the settings (criteria and award rows), the entries (one row per
//! accepted paper: in the contest or not, and its place) and a judge's score, each converted
//! to the API's input.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::validate::{ContestAwardInput, ContestCriterionInput, ContestEntriesInput, ContestInput, ContestScoreInput};
use super::view::{ContestEntries, ContestSettings};
use crate::error::AppError;
use crate::web::rows::{Kept, Row, Rows, checkbox, renumber};

/// A number as typed; what is not a whole number becomes -1, which the shared checks refuse
/// with their message.
fn number(s: &str) -> i64 {
    s.trim().parse().unwrap_or(-1)
}

/// A criterion row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CriterionRow {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub max: String,
    #[serde(default)]
    pub weight: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for CriterionRow {
    fn is_blank(&self) -> bool {
        [&self.name_zh, &self.name_en, &self.max, &self.weight]
            .iter()
            .all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// An award tier row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AwardRow {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub count: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for AwardRow {
    fn is_blank(&self) -> bool {
        [&self.name_zh, &self.name_en, &self.count].iter().all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The settings form as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ContestSettingsForm {
    /// Track id, empty for the whole venue.
    #[serde(default)]
    pub track_id: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub trim: String,
    #[serde(default)]
    pub criteria: Rows<CriterionRow>,
    #[serde(default)]
    pub awards: Rows<AwardRow>,
}

impl ContestSettingsForm {
    /// The form showing the stored settings.
    pub fn of(s: &ContestSettings) -> ContestSettingsForm {
        ContestSettingsForm {
            track_id: s.track_id.map(|t| t.to_string()).unwrap_or_default(),
            method: s.method.as_str().into(),
            trim: s.trim.to_string(),
            criteria: Rows::of(&s.criteria, |c| CriterionRow {
                name_zh: c.name_zh.clone(),
                name_en: c.name_en.clone(),
                description_zh: c.description_zh.clone(),
                description_en: c.description_en.clone(),
                max: c.max.to_string(),
                weight: c.weight.to_string(),
                remove: false,
            }),
            awards: Rows::of(&s.awards, |a| AwardRow {
                name_zh: a.name_zh.clone(),
                name_en: a.name_en.clone(),
                count: a.count.to_string(),
                remove: false,
            }),
        }
    }

    /// The API input (blank and removed rows left out) and where its rows came from.
    pub fn to_input(&self) -> (ContestInput, [Kept; 2]) {
        let (criteria, kc) = self.criteria.kept("criteria", |_, r| ContestCriterionInput {
            name_zh: r.name_zh.clone(),
            name_en: r.name_en.clone(),
            description_zh: r.description_zh.clone(),
            description_en: r.description_en.clone(),
            max: number(&r.max),
            weight: number(&r.weight),
        });
        let (awards, ka) = self.awards.kept("awards", |_, r| ContestAwardInput {
            name_zh: r.name_zh.clone(),
            name_en: r.name_en.clone(),
            count: number(&r.count),
        });
        let input = ContestInput {
            track_id: self.track_id.trim().parse().ok(),
            method: self.method.clone(),
            trim: number(&self.trim),
            criteria,
            awards,
        };
        (input, [kc, ka])
    }
}

/// Makes the shared validation's errors name the form's rows.
pub fn renumbered(err: AppError, kept: &[Kept; 2]) -> AppError {
    renumber(err, &[&kept[0], &kept[1]])
}

/// One accepted paper on the entries form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EntryRow {
    #[serde(default)]
    pub submission_id: String,
    /// In the contest.
    #[serde(default, deserialize_with = "checkbox")]
    pub include: bool,
    /// Its place in the order (1 first), as typed.
    #[serde(default)]
    pub order: String,
    /// Shown only.
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub presenter: String,
}

/// The entries form as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ContestEntriesForm {
    #[serde(default)]
    pub papers: Vec<EntryRow>,
}

impl ContestEntriesForm {
    /// Entries first (in order), then the other accepted papers.
    pub fn of(e: &ContestEntries) -> ContestEntriesForm {
        let row = |p: &super::view::ContestPaper, include: bool, order: String| EntryRow {
            submission_id: p.submission_id.to_string(),
            include,
            order,
            number: p.number.to_string(),
            title: [p.title_zh.as_str(), p.title_en.as_str()]
                .iter()
                .filter(|t| !t.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" / "),
            presenter: [p.presenter_zh.as_str(), p.presenter_latin.as_str()]
                .iter()
                .filter(|t| !t.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        };
        let mut papers: Vec<EntryRow> = e.entries.iter().map(|x| row(&x.paper, true, x.position.to_string())).collect();
        papers.extend(e.candidates.iter().map(|p| row(p, false, String::new())));
        ContestEntriesForm { papers }
    }

    /// The ticked papers by the place typed (rows without a place keep their order, after).
    pub fn to_input(&self) -> ContestEntriesInput {
        let mut ticked: Vec<(i64, usize, i64)> = self
            .papers
            .iter()
            .enumerate()
            .filter(|(_, r)| r.include)
            .filter_map(|(i, r)| {
                let id = r.submission_id.trim().parse().ok()?;
                let place = r.order.trim().parse::<i64>().unwrap_or(i64::MAX);
                Some((place, i, id))
            })
            .collect();
        ticked.sort_unstable();
        ContestEntriesInput {
            submissions: ticked.into_iter().map(|(_, _, id)| id).collect(),
        }
    }
}

/// A judge's score as posted: `p<i>` holds the points of criterion `i`, `comment` the comment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ContestScoreForm {
    /// The fields.
    #[serde(flatten)]
    pub fields: BTreeMap<String, String>,
}

impl ContestScoreForm {
    /// The form showing a judge's stored points.
    pub fn of(points: Option<&[u32]>, comment: &str) -> ContestScoreForm {
        let mut fields: BTreeMap<String, String> = points
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("p{i}"), p.to_string()))
            .collect();
        fields.insert("comment".into(), comment.into());
        ContestScoreForm { fields }
    }

    /// The API input for a form of `n` criteria.
    pub fn to_input(&self, n: usize) -> ContestScoreInput {
        ContestScoreInput {
            points: (0..n)
                .map(|i| self.fields.get(&format!("p{i}")).map_or(-1, |s| number(s)))
                .collect(),
            comment: self.fields.get("comment").cloned().unwrap_or_default(),
        }
    }

    /// The API's errors (`points[i]`) under the page's input names (`p<i>`).
    pub fn page_errors(err: AppError) -> AppError {
        match err {
            AppError::Validation { fields } => AppError::Validation {
                fields: fields
                    .into_iter()
                    .map(|(k, v)| {
                        let key = k
                            .strip_prefix("points[")
                            .and_then(|r| r.strip_suffix(']'))
                            .map_or(k.clone(), |i| format!("p{i}"));
                        (key, v)
                    })
                    .collect(),
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_follow_the_places_typed_and_leave_unticked_papers_out() {
        let row = |id: &str, include: bool, order: &str| EntryRow {
            submission_id: id.into(),
            include,
            order: order.into(),
            ..Default::default()
        };
        let f = ContestEntriesForm {
            papers: vec![row("7", true, "2"), row("8", false, "1"), row("9", true, "1"), row("10", true, "")],
        };
        assert_eq!(f.to_input().submissions, vec![9, 7, 10]);
    }

    #[test]
    fn points_not_typed_as_numbers_are_refused_beside_their_input() {
        let mut fields = BTreeMap::new();
        fields.insert("p0".to_string(), "8".to_string());
        fields.insert("p1".to_string(), "eight".to_string());
        let input = ContestScoreForm { fields }.to_input(2);
        assert_eq!(input.points, vec![8, -1]);
        let err = ContestScoreForm::page_errors(AppError::field("points[1]", "contest.points_invalid"));
        let AppError::Validation { fields } = err else { panic!() };
        assert!(fields.contains_key("p1"));
    }
}
