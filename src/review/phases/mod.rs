//! The review phase of a venue: review deadline and reminder days, when reviewers see each
//! other's reviews and the discussion, whether authors see the reviews, the author-response
//! window with its length limit, and the decision labels.

pub mod api;
pub mod pages;
pub mod reminders;

use chrono::{NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::AnyConnection;
use crate::db::schema::review_phases;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::venues::deadline;

/// A decision a chair can give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DecisionLabel {
    /// Stable key (`accept_oral`, `reject`, ...).
    pub key: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Whether it accepts the paper.
    pub accept: bool,
}

/// Labels every venue has.
pub fn standard_labels() -> Vec<DecisionLabel> {
    let l = |key: &str, zh: &str, en: &str, accept| DecisionLabel {
        key: key.into(),
        zh: zh.into(),
        en: en.into(),
        accept,
    };
    vec![
        l("accept_oral", "接收（口头报告）", "Accept (oral)", true),
        l("accept_poster", "接收（墙报）", "Accept (poster)", true),
        l("reject", "拒稿", "Reject", false),
    ]
}

/// A venue's review phase.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Phases {
    /// Reviews can be submitted and changed until then (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub review_deadline: Option<NaiveDateTime>,
    /// Reminders go out this many days before the deadline.
    pub reminder_days: Vec<i32>,
    /// Reviewers see other reviews and the discussion only after submitting their own.
    pub discussion_after_review: bool,
    /// Authors see the author-visible fields of submitted reviews.
    pub reviews_to_authors: bool,
    /// Author response opens (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub rebuttal_opens: Option<NaiveDateTime>,
    /// Author response closes (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub rebuttal_deadline: Option<NaiveDateTime>,
    /// Longest author response, in characters.
    pub rebuttal_max_chars: i32,
    /// The venue's own labels besides the standard ones.
    pub custom_labels: Vec<DecisionLabel>,
    /// Last change; reminder jobs carry it so that stale ones do nothing.
    #[serde(skip)]
    #[serde(default, with = "crate::web::utc::option")]
    pub stamp: Option<NaiveDateTime>,
}

impl Default for Phases {
    fn default() -> Self {
        Phases {
            review_deadline: None,
            reminder_days: vec![7, 2],
            discussion_after_review: true,
            reviews_to_authors: false,
            rebuttal_opens: None,
            rebuttal_deadline: None,
            rebuttal_max_chars: 5000,
            custom_labels: vec![],
            stamp: None,
        }
    }
}

impl Phases {
    /// Whether reviews may be submitted or changed at `now`.
    pub fn reviews_open(&self, now: NaiveDateTime) -> bool {
        self.review_deadline.is_none_or(|d| now <= d)
    }

    /// Whether authors may write their response at `now`.
    pub fn rebuttal_open(&self, now: NaiveDateTime) -> bool {
        matches!((self.rebuttal_opens, self.rebuttal_deadline), (Some(a), Some(b)) if a <= now && now <= b)
    }

    /// Whether authors read the reviews: released by the chairs, or the response has opened.
    pub fn released_to_authors(&self, now: NaiveDateTime) -> bool {
        self.reviews_to_authors || self.rebuttal_opens.is_some_and(|a| a <= now)
    }

    /// Standard and custom decision labels.
    pub fn labels(&self) -> Vec<DecisionLabel> {
        let mut all = standard_labels();
        all.extend(self.custom_labels.iter().cloned());
        all
    }
}

/// A venue's review phase (defaults when never saved).
pub fn load(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Phases> {
    type Row = (
        Option<NaiveDateTime>,
        String,
        bool,
        bool,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        i32,
        String,
        NaiveDateTime,
    );
    let row: Option<Row> = review_phases::table
        .find(venue_id)
        .select((
            review_phases::review_deadline,
            review_phases::reminder_days,
            review_phases::discussion_after_review,
            review_phases::reviews_to_authors,
            review_phases::rebuttal_opens,
            review_phases::rebuttal_deadline,
            review_phases::rebuttal_max_chars,
            review_phases::decision_labels,
            review_phases::updated_at,
        ))
        .first(conn)
        .optional()?;
    Ok(match row {
        None => Phases::default(),
        Some((deadline, days, after, to_authors, opens, closes, max, labels, stamp)) => Phases {
            review_deadline: deadline,
            reminder_days: parse_days(&days).unwrap_or_default(),
            discussion_after_review: after,
            reviews_to_authors: to_authors,
            rebuttal_opens: opens,
            rebuttal_deadline: closes,
            rebuttal_max_chars: max,
            custom_labels: serde_json::from_str(&labels).unwrap_or_default(),
            stamp: Some(stamp),
        },
    })
}

/// Reminder days as typed ("7, 2"): whole days from 1 to 60, at most five.
pub fn parse_days(text: &str) -> Option<Vec<i32>> {
    let mut days = Vec::new();
    for part in text.split([',', '，', ' ']).filter(|p| !p.trim().is_empty()) {
        let d: i32 = part.trim().parse().ok()?;
        if !(1..=60).contains(&d) {
            return None;
        }
        days.push(d);
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    (days.len() <= 5).then_some(days)
}

/// The review phase as a chair enters it: times in the venue's time zone (`YYYY-MM-DDTHH:MM`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PhasesInput {
    /// Review deadline, or empty for none.
    #[serde(default)]
    pub review_deadline: String,
    /// Days before the deadline to remind, comma separated ("7,2").
    #[serde(default)]
    pub reminder_days: String,
    /// Reviewers see the others' reviews and the discussion only after their own.
    #[serde(default)]
    pub discussion_after_review: bool,
    /// Authors see the author-visible parts of submitted reviews.
    #[serde(default)]
    pub reviews_to_authors: bool,
    /// Author response opens, or empty.
    #[serde(default)]
    pub rebuttal_opens: String,
    /// Author response closes, or empty.
    #[serde(default)]
    pub rebuttal_deadline: String,
    /// Longest response in characters.
    #[serde(default)]
    pub rebuttal_max_chars: Option<i32>,
    /// Extra decision labels.
    #[serde(default)]
    pub custom_labels: Vec<DecisionLabel>,
}

impl PhasesInput {
    /// The stored phase as the chair would see it in a form.
    pub fn from_phases(p: &Phases, tz: Tz) -> PhasesInput {
        let local = |t: Option<NaiveDateTime>| t.map(|t| deadline::utc_to_local_input(t, tz)).unwrap_or_default();
        PhasesInput {
            review_deadline: local(p.review_deadline),
            reminder_days: p.reminder_days.iter().map(i32::to_string).collect::<Vec<_>>().join(", "),
            discussion_after_review: p.discussion_after_review,
            reviews_to_authors: p.reviews_to_authors,
            rebuttal_opens: local(p.rebuttal_opens),
            rebuttal_deadline: local(p.rebuttal_deadline),
            rebuttal_max_chars: Some(p.rebuttal_max_chars),
            custom_labels: p.custom_labels.clone(),
        }
    }
}

/// Checks the chair's input.
pub fn validate(input: &PhasesInput, tz: Tz) -> Result<Phases, AppError> {
    let mut f = FieldErrors::new();
    let mut time = |name: &str, text: &str| {
        if text.trim().is_empty() {
            return None;
        }
        let t = deadline::local_to_utc(text.trim(), tz);
        if t.is_none() {
            f.insert(name.into(), "validation.datetime_invalid".into());
        }
        t
    };
    let review_deadline = time("review_deadline", &input.review_deadline);
    let rebuttal_opens = time("rebuttal_opens", &input.rebuttal_opens);
    let rebuttal_deadline = time("rebuttal_deadline", &input.rebuttal_deadline);
    let reminder_days = parse_days(&input.reminder_days).unwrap_or_else(|| {
        f.insert("reminder_days".into(), "validation.reminder_days".into());
        vec![]
    });
    match (rebuttal_opens, rebuttal_deadline) {
        (Some(a), Some(b)) if b <= a => {
            f.insert("rebuttal_deadline".into(), "validation.rebuttal_order".into());
        }
        (Some(_), None) | (None, Some(_)) if !f.contains_key("rebuttal_opens") && !f.contains_key("rebuttal_deadline") => {
            f.insert("rebuttal_deadline".into(), "validation.rebuttal_both".into());
        }
        _ => {}
    }
    let max = input.rebuttal_max_chars.unwrap_or(5000);
    if !(100..=50_000).contains(&max) {
        f.insert("rebuttal_max_chars".into(), "validation.rebuttal_max".into());
    }
    let standard: Vec<String> = standard_labels().into_iter().map(|l| l.key).collect();
    let mut seen = std::collections::HashSet::new();
    for (i, l) in input.custom_labels.iter().enumerate() {
        let ok_key =
            !l.key.is_empty() && l.key.len() <= 32 && l.key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok_key || standard.contains(&l.key) || !seen.insert(l.key.clone()) {
            f.insert(format!("custom_labels[{i}].key"), "validation.label_key".into());
        }
        if l.zh.trim().is_empty() && l.en.trim().is_empty() {
            f.insert(format!("custom_labels[{i}].name"), "validation.required".into());
        }
    }
    if input.custom_labels.len() > 10 {
        f.insert("custom_labels".into(), "validation.too_many".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(Phases {
        review_deadline,
        reminder_days,
        discussion_after_review: input.discussion_after_review,
        reviews_to_authors: input.reviews_to_authors,
        rebuttal_opens,
        rebuttal_deadline,
        rebuttal_max_chars: max,
        custom_labels: input.custom_labels.clone(),
        stamp: None,
    })
}

/// Saves the phase and schedules its reminders; returns the stored phase.
pub fn save(conn: &mut AnyConnection, venue_id: i64, p: &Phases) -> AppResult<Phases> {
    // Whole microseconds, so the stamp reads back equal on both databases.
    let now = Utc::now().naive_utc();
    let stamp = now.with_nanosecond(now.nanosecond() / 1000 * 1000).unwrap_or(now);
    diesel::delete(review_phases::table.find(venue_id)).execute(conn)?;
    diesel::insert_into(review_phases::table)
        .values((
            review_phases::venue_id.eq(venue_id),
            review_phases::review_deadline.eq(p.review_deadline),
            review_phases::reminder_days.eq(p.reminder_days.iter().map(i32::to_string).collect::<Vec<_>>().join(",")),
            review_phases::discussion_after_review.eq(p.discussion_after_review),
            review_phases::reviews_to_authors.eq(p.reviews_to_authors),
            review_phases::rebuttal_opens.eq(p.rebuttal_opens),
            review_phases::rebuttal_deadline.eq(p.rebuttal_deadline),
            review_phases::rebuttal_max_chars.eq(p.rebuttal_max_chars),
            review_phases::decision_labels.eq(serde_json::to_string(&p.custom_labels).unwrap_or_else(|_| "[]".into())),
            review_phases::updated_at.eq(stamp),
        ))
        .execute(conn)?;
    let stored = Phases {
        stamp: Some(stamp),
        ..p.clone()
    };
    reminders::schedule(conn, venue_id, &stored, now)?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_days_are_parsed_leniently_but_bounded() {
        assert_eq!(parse_days("7, 2"), Some(vec![7, 2]));
        assert_eq!(parse_days("1，3 3"), Some(vec![3, 1]));
        assert_eq!(parse_days(""), Some(vec![]));
        assert_eq!(parse_days("0"), None);
        assert_eq!(parse_days("two"), None);
        assert_eq!(parse_days("1,2,3,4,5,6"), None);
    }

    #[test]
    fn rebuttal_needs_both_ends_in_order() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let mut i = PhasesInput {
            rebuttal_opens: "2026-12-01T00:00".into(),
            ..Default::default()
        };
        let e = validate(&i, tz).unwrap_err();
        assert!(matches!(e, AppError::Validation { fields } if fields["rebuttal_deadline"] == "validation.rebuttal_both"));
        i.rebuttal_deadline = "2026-11-30T00:00".into();
        let e = validate(&i, tz).unwrap_err();
        assert!(matches!(e, AppError::Validation { fields } if fields["rebuttal_deadline"] == "validation.rebuttal_order"));
        i.rebuttal_deadline = "2026-12-05T00:00".into();
        let p = validate(&i, tz).unwrap();
        let inside = p.rebuttal_opens.unwrap() + chrono::Duration::hours(1);
        assert!(p.rebuttal_open(inside));
        assert!(!p.rebuttal_open(p.rebuttal_deadline.unwrap() + chrono::Duration::seconds(1)));
    }

    #[test]
    fn custom_labels_cannot_shadow_standard_ones() {
        let tz: Tz = "UTC".parse().unwrap();
        let i = PhasesInput {
            custom_labels: vec![DecisionLabel {
                key: "reject".into(),
                zh: "拒".into(),
                en: "No".into(),
                accept: false,
            }],
            ..Default::default()
        };
        assert!(validate(&i, tz).is_err());
    }
}
