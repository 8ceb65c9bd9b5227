//! Checking a submission's metadata against its call (pure, no I/O).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

use crate::auth::orcid;
use crate::error::{AppError, FieldErrors};
use crate::venues::model::{Question, Topic, Track};
use crate::venues::questions::{Asked, check_answers};

/// Most authors a paper may list.
pub const MAX_AUTHORS: usize = 30;

/// An author as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, utoipa::ToSchema)]
pub struct AuthorInput {
    /// Name in Chinese characters.
    #[serde(default)]
    pub name_zh: String,
    /// Name in Latin script.
    #[serde(default)]
    pub name_latin: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
    /// Country or region.
    #[serde(default)]
    pub country: String,
    /// ORCID iD.
    #[serde(default)]
    pub orcid: String,
}

impl AuthorInput {
    /// Whether every field is blank (an unused form row).
    pub fn is_blank(&self) -> bool {
        [
            &self.name_zh,
            &self.name_latin,
            &self.email,
            &self.affiliation,
            &self.country,
            &self.orcid,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// A submission's metadata as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SubmissionInput {
    /// Chinese title.
    #[serde(default)]
    pub title_zh: String,
    /// English title.
    #[serde(default)]
    pub title_en: String,
    /// Abstract.
    #[serde(default)]
    pub abstract_text: String,
    /// Keywords separated by commas (，also accepted).
    #[serde(default)]
    pub keywords: String,
    /// Track URL name; required when the venue has tracks.
    #[serde(default)]
    pub track: String,
    /// Topic ids of the venue.
    #[serde(default)]
    pub topics: Vec<i64>,
    /// Authors in order.
    #[serde(default)]
    pub authors: Vec<AuthorInput>,
    /// Index of the corresponding author in `authors`.
    #[serde(default)]
    pub corresponding: usize,
    /// Index of the presenting author in `authors`.
    #[serde(default)]
    pub presenter: usize,
    /// Answers to the extra questions: question id -> text, option index, or "yes" for a ticked checkbox.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Account ids of programme committee members the authors declare conflicts with.
    #[serde(default)]
    pub conflicts: Vec<i64>,
    /// Related submissions the authors declare (other venues or journals, titles, dates),
    /// where the venue allows dual submission when declared.
    #[serde(default)]
    pub related_submissions: String,
}

/// A checked author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorSpec {
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Lower-cased e-mail.
    pub email: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region.
    pub country: String,
    /// Normalised ORCID iD.
    pub orcid: Option<String>,
    /// Corresponding author.
    pub is_corresponding: bool,
    /// Presenting author.
    pub is_presenter: bool,
}

/// A checked submission.
#[derive(Debug, Clone, Serialize)]
pub struct SubmissionSpec {
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Normalised keywords, `a, b, c`.
    pub keywords: String,
    /// Track id.
    pub track_id: Option<i64>,
    /// Topic ids.
    pub topic_ids: Vec<i64>,
    /// Authors in order.
    pub authors: Vec<AuthorSpec>,
    /// Answers by question id.
    pub answers: BTreeMap<String, serde_json::Value>,
    /// Declared conflicts (committee members' account ids).
    pub conflicts: Vec<i64>,
    /// Declared related submissions ("" when none).
    pub related_submissions: String,
}

/// Longest declaration of related submissions, in characters.
pub const RELATED_MAX: usize = 4000;

/// What a submission is checked against.
pub struct CallContext<'a> {
    /// The tracks this call covers.
    pub tracks: &'a [Track],
    /// The venue's tracks that have a call of their own instead.
    pub other_tracks: &'a [Track],
    /// The venue's topics.
    pub topics: &'a [Topic],
    /// The call's questions.
    pub questions: &'a [Question],
    /// Account ids of the venue's committee members (who conflicts may be declared with).
    pub committee: &'a [i64],
}

fn long(f: &mut FieldErrors, name: &str, v: &str, max: usize) {
    if v.chars().count() > max {
        f.insert(name.into(), "validation.too_long".into());
    }
    crate::text::check_sized(f, name, v, max);
}

/// Checks metadata; `submitter_email` must be among the authors so the submitter keeps access.
pub fn submission(input: &SubmissionInput, ctx: &CallContext, submitter_email: &str) -> Result<SubmissionSpec, AppError> {
    let mut f = FieldErrors::new();
    let title_zh = input.title_zh.trim().to_string();
    let title_en = input.title_en.trim().to_string();
    if title_zh.is_empty() && title_en.is_empty() {
        f.insert("title_en".into(), "validation.title_required".into());
    }
    long(&mut f, "title_zh", &title_zh, 500);
    long(&mut f, "title_en", &title_en, 500);
    let abstract_text = input.abstract_text.trim().to_string();
    if abstract_text.is_empty() {
        f.insert("abstract_text".into(), "validation.required".into());
    }
    long(&mut f, "abstract_text", &abstract_text, 10_000);
    let keywords: Vec<String> = input
        .keywords
        .split([',', '，', ';', '；'])
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let keywords = keywords.join(", ");
    long(&mut f, "keywords", &keywords, 500);

    let wanted = input.track.trim();
    let track_id = match ctx.tracks.iter().find(|t| t.slug == wanted) {
        Some(t) => Some(t.id),
        None if !wanted.is_empty() && ctx.other_tracks.iter().any(|t| t.slug == wanted) => {
            f.insert("track".into(), "validation.track_other_call".into());
            None
        }
        None if !ctx.tracks.is_empty() => {
            f.insert("track".into(), "validation.track_required".into());
            None
        }
        None => None,
    };
    let mut topic_ids: Vec<i64> = input.topics.clone();
    topic_ids.sort_unstable();
    topic_ids.dedup();
    if topic_ids.iter().any(|id| !ctx.topics.iter().any(|t| t.id == *id)) {
        f.insert("topics".into(), "validation.topic_unknown".into());
    }

    let authors = authors(&input.authors, input.corresponding, input.presenter, &mut f);
    if !authors.is_empty() && !authors.iter().any(|a| a.email == submitter_email.to_lowercase()) {
        f.insert("authors".into(), "validation.submitter_not_author".into());
    }

    let asked: Vec<Asked<'_>> = ctx.questions.iter().map(Question::asked).collect();
    let answers = check_answers(&asked, &input.answers, &mut f);
    let mut conflicts = input.conflicts.clone();
    conflicts.sort_unstable();
    conflicts.dedup();
    if conflicts.iter().any(|u| !ctx.committee.contains(u)) {
        f.insert("conflicts".into(), "validation.conflict_not_member".into());
    }
    let related_submissions = crate::text::field(&mut f, "related_submissions", &input.related_submissions, RELATED_MAX);
    if f.is_empty() {
        Ok(SubmissionSpec {
            title_zh,
            title_en,
            abstract_text,
            keywords,
            track_id,
            topic_ids,
            authors,
            answers,
            conflicts,
            related_submissions,
        })
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// Checks an author list; indices (field names `author{i}_…`, `corresponding`, `presenter`)
/// refer to the rows as submitted, blank ones included. Problems go into `f`.
pub fn authors(list: &[AuthorInput], corresponding: usize, presenter: usize, f: &mut FieldErrors) -> Vec<AuthorSpec> {
    let listed: Vec<(usize, &AuthorInput)> = list.iter().enumerate().filter(|(_, a)| !a.is_blank()).collect();
    if listed.is_empty() {
        f.insert("authors".into(), "validation.authors_required".into());
    }
    if listed.len() > MAX_AUTHORS {
        f.insert("authors".into(), "validation.too_many_authors".into());
    }
    let mut seen = HashSet::new();
    let mut authors = Vec::new();
    for &(i, a) in &listed {
        let key = |field: &str| format!("author{i}_{field}");
        let email = a.email.trim().to_lowercase();
        if a.name_zh.trim().is_empty() && a.name_latin.trim().is_empty() {
            f.insert(key("name_latin"), "validation.name_required".into());
        }
        if crate::values::Email::parse(&email).is_none() {
            f.insert(key("email"), "validation.email_invalid".into());
        } else if !seen.insert(email.clone()) {
            f.insert(key("email"), "validation.author_duplicate".into());
        }
        let orcid = if a.orcid.trim().is_empty() {
            None
        } else {
            let o = orcid::normalize(&a.orcid);
            if o.is_none() {
                f.insert(key("orcid"), "validation.orcid_invalid".into());
            }
            o
        };
        for (name, v, max) in [
            ("name_zh", &a.name_zh, 100),
            ("name_latin", &a.name_latin, 100),
            ("affiliation", &a.affiliation, 200),
            ("country", &a.country, 100),
        ] {
            long(f, &key(name), v.trim(), max);
        }
        authors.push(AuthorSpec {
            name_zh: a.name_zh.trim().into(),
            name_latin: a.name_latin.trim().into(),
            email,
            affiliation: a.affiliation.trim().into(),
            country: a.country.trim().into(),
            orcid,
            is_corresponding: i == corresponding,
            is_presenter: i == presenter,
        });
    }
    if !authors.is_empty() {
        if !authors.iter().any(|a| a.is_corresponding) {
            f.insert("corresponding".into(), "validation.corresponding_required".into());
        }
        if !authors.iter().any(|a| a.is_presenter) {
            f.insert("presenter".into(), "validation.presenter_required".into());
        }
    }
    authors
}

/// Whether a presenter born in `birth_year` is under `limit` in `event_year`.
pub fn under_age_limit(limit: i32, birth_year: i32, event_year: i32) -> bool {
    event_year - birth_year < limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::venues::model::QuestionKind;
    use chrono::Utc;

    fn q(id: i64, kind: &str, required: bool, options: &str) -> Question {
        Question {
            id,
            call_id: 1,
            position: 0,
            kind: QuestionKind::parse(kind).expect("known kind"),
            label_zh: "问".into(),
            label_en: "Q".into(),
            options: options.into(),
            required,
        }
    }

    fn track(id: i64, slug: &str) -> Track {
        Track {
            id,
            venue_id: 1,
            slug: slug.into(),
            kind: crate::venues::model::TrackKind::Track,
            name_zh: "x".into(),
            name_en: "x".into(),
            created_at: Utc::now().naive_utc(),
            age_limit: None,
        }
    }

    fn input() -> SubmissionInput {
        SubmissionInput {
            title_zh: "同行评议研究".into(),
            abstract_text: "完善同行评议的学术评价体系".into(),
            keywords: "同行评议，学术评价, peer review".into(),
            track: "main".into(),
            authors: vec![
                AuthorInput {
                    name_zh: "张伟".into(),
                    email: "Zhang@Example.cn".into(),
                    ..Default::default()
                },
                AuthorInput::default(),
                AuthorInput {
                    name_latin: "Ann Lee".into(),
                    email: "ann@example.org".into(),
                    orcid: "0000-0002-1825-0097".into(),
                    ..Default::default()
                },
            ],
            corresponding: 2,
            presenter: 0,
            answers: [("7".to_string(), "1".to_string())].into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_submission_is_normalised() {
        let tracks = [track(3, "main")];
        let questions = [q(7, "choice", true, r#"[{"zh":"口头","en":"Oral"},{"zh":"海报","en":"Poster"}]"#)];
        let ctx = CallContext {
            tracks: &tracks,
            other_tracks: &[],
            topics: &[],
            questions: &questions,
            committee: &[],
        };
        let s = submission(&input(), &ctx, "zhang@example.cn").unwrap();
        assert_eq!(s.keywords, "同行评议, 学术评价, peer review");
        assert_eq!(s.track_id, Some(3));
        assert_eq!(s.authors.len(), 2, "blank rows are skipped");
        assert_eq!(s.authors[0].email, "zhang@example.cn");
        assert!(s.authors[1].is_corresponding && s.authors[0].is_presenter);
        assert_eq!(s.answers["7"], serde_json::json!(1));
    }

    #[test]
    fn every_problem_is_named() {
        let tracks = [track(3, "main")];
        let questions = [q(7, "choice", true, r#"[{"zh":"a","en":"a"}]"#), q(8, "text", true, "[]")];
        let ctx = CallContext {
            tracks: &tracks,
            other_tracks: &[],
            topics: &[],
            questions: &questions,
            committee: &[],
        };
        let mut bad = input();
        bad.title_zh.clear();
        bad.track = "nope".into();
        bad.topics = vec![99];
        bad.authors[2].email = "zhang@example.cn".into();
        bad.answers.insert("7".into(), "5".into());
        let Err(AppError::Validation { fields }) = submission(&bad, &ctx, "someone@else.org") else {
            panic!()
        };
        for k in ["title_en", "track", "topics", "author2_email", "q7", "q8", "authors"] {
            assert!(fields.contains_key(k), "{k} missing from {fields:?}");
        }
    }

    #[test]
    fn a_track_with_its_own_call_is_refused_by_the_venue_wide_call() {
        let (covered, other) = ([track(3, "main")], [track(4, "forum")]);
        let ctx = CallContext {
            tracks: &covered,
            other_tracks: &other,
            topics: &[],
            questions: &[],
            committee: &[],
        };
        let mut i = input();
        i.answers.clear();
        i.track = "forum".into();
        let Err(AppError::Validation { fields }) = submission(&i, &ctx, "zhang@example.cn") else {
            panic!()
        };
        assert_eq!(fields["track"], "validation.track_other_call");
        i.track = "main".into();
        assert_eq!(submission(&i, &ctx, "zhang@example.cn").unwrap().track_id, Some(3));
    }

    #[test]
    fn age_limits() {
        assert!(under_age_limit(40, 1990, 2026));
        assert!(!under_age_limit(40, 1986, 2026));
    }
}
