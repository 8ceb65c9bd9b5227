//! Checks what editors and reviewers send before anything is stored: invitations, due dates,
//! declines, reviews and thanks.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::Recommendation;
use crate::error::{AppError, FieldErrors};
use crate::review::forms::model::Answers;

/// Latest due date, in days from today.
pub const MAX_DUE_DAYS: i64 = 365;

/// An editor's invitation of one reviewer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReviewerInviteInput)]
pub struct InviteInput {
    /// E-mail address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
    /// Answer due (`YYYY-MM-DD`); empty: the journal's response time from today.
    #[serde(default)]
    pub response_due: String,
    /// Review due (`YYYY-MM-DD`); empty: the journal's review time from today.
    #[serde(default)]
    pub review_due: String,
    /// A personal note added to the invitation mail.
    #[serde(default)]
    pub message: String,
    /// Invite although possible conflicts of interest were found (see the check operation).
    #[serde(default)]
    pub confirm_conflicts: bool,
}

/// A checked invitation.
#[derive(Debug, Clone)]
pub struct InviteSpec {
    /// Lower-cased address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Institution.
    pub affiliation: String,
    /// Answer due.
    pub response_due: NaiveDate,
    /// Review due.
    pub review_due: NaiveDate,
    /// Personal note.
    pub message: String,
    /// Conflicts were seen and accepted.
    pub confirm_conflicts: bool,
}

/// The journal's default times, in days.
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    /// Days to answer.
    pub response_days: i32,
    /// Days to review.
    pub review_days: i32,
}

fn date(f: &mut FieldErrors, name: &str, v: &str, default: NaiveDate, today: NaiveDate) -> NaiveDate {
    let v = v.trim();
    if v.is_empty() {
        return default;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) if d < today => {
            f.insert(name.into(), "journal_review.due_past".into());
            default
        }
        Ok(d) if d > today + Duration::days(MAX_DUE_DAYS) => {
            f.insert(name.into(), "journal_review.due_far".into());
            default
        }
        Ok(d) => d,
        Err(_) => {
            f.insert(name.into(), "journal_review.due_invalid".into());
            default
        }
    }
}

/// Checks both due dates: each from today to a year ahead, the review not before the answer.
fn dues(f: &mut FieldErrors, response: &str, review: &str, d: Defaults, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let response_due = date(f, "response_due", response, today + Duration::days(d.response_days as i64), today);
    let review_due = date(f, "review_due", review, today + Duration::days(d.review_days as i64), today);
    if review_due < response_due && !f.contains_key("review_due") {
        f.insert("review_due".into(), "journal_review.review_before_response".into());
    }
    (response_due, review_due)
}

/// Checks an invitation; empty dates take the journal's defaults from `today`.
pub fn invite(input: &InviteInput, d: Defaults, today: NaiveDate) -> Result<InviteSpec, AppError> {
    let mut f = FieldErrors::new();
    let email = crate::auth::validate::email(&input.email, &mut f);
    let name = crate::text::field(&mut f, "name", &input.name, 200);
    if name.is_empty() {
        f.insert("name".into(), "journal_review.name_required".into());
    }
    let affiliation = crate::text::field(&mut f, "affiliation", &input.affiliation, 300);
    let message = crate::text::field(&mut f, "message", &input.message, 5_000);
    let (response_due, review_due) = dues(&mut f, &input.response_due, &input.review_due, d, today);
    AppError::unless_fields(
        f,
        InviteSpec {
            email,
            name,
            affiliation,
            response_due,
            review_due,
            message,
            confirm_conflicts: input.confirm_conflicts,
        },
    )
}

/// New due dates for an invitation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DueInput {
    /// Answer due (`YYYY-MM-DD`).
    pub response_due: String,
    /// Review due (`YYYY-MM-DD`).
    pub review_due: String,
}

/// Checks new due dates (both are needed).
pub fn due(input: &DueInput, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), AppError> {
    let mut f = FieldErrors::new();
    for (name, v) in [("response_due", &input.response_due), ("review_due", &input.review_due)] {
        if v.trim().is_empty() {
            f.insert(name.into(), "journal_review.due_invalid".into());
        }
    }
    let d = Defaults {
        response_days: 0,
        review_days: 0,
    };
    let dates = dues(&mut f, &input.response_due, &input.review_due, d, today);
    AppError::unless_fields(f, dates)
}

/// What a reviewer may say when declining.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReviewDeclineInput)]
pub struct DeclineInput {
    /// Why (optional; a conflict of interest, no time, not my field...).
    #[serde(default)]
    pub reason: String,
    /// Someone to invite instead: name, e-mail, institution (optional).
    #[serde(default)]
    pub suggestion: String,
}

/// Trims and bounds a decline.
pub fn decline(input: &DeclineInput) -> Result<(String, String), AppError> {
    let mut f = FieldErrors::new();
    let reason = crate::text::field(&mut f, "reason", &input.reason, 2_000);
    let suggestion = crate::text::field(&mut f, "suggestion", &input.suggestion, 1_000);
    AppError::unless_fields(f, (reason, suggestion))
}

/// A review, saved as a draft or submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = JournalReviewInput)]
pub struct ReviewInput {
    /// Answers by field key of the journal's review form.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// `accept`, `minor_revision`, `major_revision`, `resubmit`, `decline` or `see_comments`.
    #[serde(default)]
    pub recommendation: String,
    /// Submit (true) or keep as a draft (false). A submitted review cannot be changed.
    #[serde(default)]
    pub submit: bool,
}

/// Parses a recommendation; needed to submit, optional in a draft.
pub fn recommendation(v: &str, submit: bool, f: &mut FieldErrors) -> Option<Recommendation> {
    match v.trim() {
        "" => {
            if submit {
                f.insert("recommendation".into(), "journal_review.recommendation_required".into());
            }
            None
        }
        s => {
            let r = Recommendation::parse(s);
            if r.is_none() {
                f.insert("recommendation".into(), "journal_review.recommendation_invalid".into());
            }
            r
        }
    }
}

/// An editor's thanks (the text is added to the standard mail).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ThankInput {
    /// A personal note, optional.
    #[serde(default)]
    pub message: String,
}

/// Trims and bounds a note.
pub fn note(v: &str) -> Result<String, AppError> {
    let mut f = FieldErrors::new();
    let s = crate::text::field(&mut f, "message", v, 5_000);
    AppError::unless_fields(f, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).expect("date")
    }

    const D: Defaults = Defaults {
        response_days: 7,
        review_days: 28,
    };

    fn input(email: &str, response: &str, review: &str) -> InviteInput {
        InviteInput {
            email: email.into(),
            name: "Ada Lovelace".into(),
            response_due: response.into(),
            review_due: review.into(),
            ..Default::default()
        }
    }

    fn fields(r: Result<InviteSpec, AppError>) -> Vec<String> {
        match r {
            Err(AppError::Validation { fields }) => fields.into_keys().collect(),
            Ok(_) => vec![],
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn empty_dates_take_the_journals_times() {
        let s = invite(&input(" Ada@Example.ORG ", "", ""), D, today()).expect("valid");
        assert_eq!(s.email, "ada@example.org");
        assert_eq!(s.response_due, NaiveDate::from_ymd_opt(2027, 3, 8).expect("date"));
        assert_eq!(s.review_due, NaiveDate::from_ymd_opt(2027, 3, 29).expect("date"));
    }

    #[test]
    fn dates_in_the_past_too_far_or_out_of_order_are_refused() {
        assert_eq!(fields(invite(&input("a@b.org", "2027-02-28", ""), D, today())), ["response_due"]);
        assert_eq!(fields(invite(&input("a@b.org", "", "2028-06-01"), D, today())), ["review_due"]);
        assert_eq!(
            fields(invite(&input("a@b.org", "2027-03-20", "2027-03-10"), D, today())),
            ["review_due"]
        );
        assert_eq!(fields(invite(&input("a@b.org", "1 March", ""), D, today())), ["response_due"]);
        assert_eq!(fields(invite(&input("not an address", "", ""), D, today())), ["email"]);
        let nameless = InviteInput {
            name: " ".into(),
            ..input("a@b.org", "", "")
        };
        assert_eq!(fields(invite(&nameless, D, today())), ["name"]);
    }

    #[test]
    fn a_recommendation_is_needed_to_submit_only() {
        let mut f = FieldErrors::new();
        assert_eq!(recommendation("", false, &mut f), None);
        assert!(f.is_empty());
        assert_eq!(recommendation("minor_revision", true, &mut f), Some(Recommendation::MinorRevision));
        assert_eq!(recommendation("", true, &mut f), None);
        assert_eq!(recommendation("maybe", false, &mut f), None);
        assert_eq!(f.len(), 1, "one key, recommendation: {f:?}");
    }
}
