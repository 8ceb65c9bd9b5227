//! What reporters, the committee and the accused send, checked: every text cleaned and bounded,
//! every code one of its set, every date a day to come.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::model::{Bars, CaseState, Outcome, Role, SubjectKind};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::values::Email;

/// Longest subject line, in characters.
pub const SUBJECT_MAX: usize = 300;
/// Longest report, message, note or ruling, in characters.
pub const BODY_MAX: usize = 20_000;
/// Longest name of a person accused.
pub const NAME_MAX: usize = 200;
/// Longest sanction, in days (ten years).
pub const SANCTION_DAYS_MAX: i64 = 3653;

/// A report of suspected misconduct.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegrityReportInput)]
pub struct ReportInput {
    /// URL name of the society whose integrity committee receives it.
    pub society: String,
    /// `paper`, `review`, `person` or `other`.
    pub subject_kind: String,
    /// What or whom it is about, in a line (a paper's title and venue, a person's name…).
    pub subject: String,
    /// What happened, with where the evidence can be found.
    pub details: String,
    /// Report without giving one's name: the committee never learns who wrote it.
    #[serde(default)]
    pub anonymous: bool,
    /// Where to send notices of replies (optional; never shown to the committee).
    #[serde(default)]
    pub contact_email: Option<String>,
}

/// A report, checked.
#[derive(Debug, Clone)]
pub struct ReportSpec {
    pub society: String,
    pub subject_kind: SubjectKind,
    pub subject: String,
    pub details: String,
    pub anonymous: bool,
    pub contact_email: Option<Email>,
}

fn required(fields: &mut FieldErrors, name: &str, value: &str, max: usize) -> String {
    let v = crate::text::field(fields, name, value, max);
    if v.is_empty() && !fields.contains_key(name) {
        fields.insert(name.into(), "validation.required".into());
    }
    v
}

/// Checks a report.
pub fn report(input: &ReportInput) -> AppResult<ReportSpec> {
    let mut fields = FieldErrors::new();
    let society = input.society.trim().to_string();
    if society.is_empty() {
        fields.insert("society".into(), "validation.required".into());
    }
    let subject_kind = SubjectKind::parse(input.subject_kind.trim());
    if subject_kind.is_none() {
        fields.insert("subject_kind".into(), "validation.integrity_subject_kind".into());
    }
    let subject = required(&mut fields, "subject", &input.subject, SUBJECT_MAX);
    let details = required(&mut fields, "details", &input.details, BODY_MAX);
    let contact_email = match input.contact_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        None => None,
        Some(e) => {
            let parsed = Email::parse(e);
            if parsed.is_none() {
                fields.insert("contact_email".into(), "validation.email_invalid".into());
            }
            parsed
        }
    };
    AppError::unless_fields(fields, ())?;
    Ok(ReportSpec {
        society,
        subject_kind: subject_kind.unwrap_or(SubjectKind::Other),
        subject,
        details,
        anonymous: input.anonymous,
        contact_email,
    })
}

/// A move of a case to its next step.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = IntegrityStepInput)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// `preliminary`, `investigation`, `hearing` or `closed`.
    pub step: String,
    /// The committee's note on the step (for the hearing: what the accused is told, required).
    #[serde(default)]
    pub note: String,
    /// The step's deadline, `YYYY-MM-DD` (required for the hearing: the day the answer is due).
    #[serde(default)]
    pub due_on: Option<String>,
}

/// A move, checked (whether the case may make it is the service's question).
#[derive(Debug, Clone)]
pub struct StepSpec {
    pub step: CaseState,
    pub note: String,
    pub due_on: Option<NaiveDate>,
}

/// A day after `today`, from `YYYY-MM-DD`; the error goes to `field`.
fn future_day(fields: &mut FieldErrors, field: &str, text: Option<&str>, today: NaiveDate) -> Option<NaiveDate> {
    let t = text.map(str::trim).filter(|t| !t.is_empty())?;
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) if d > today => Some(d),
        Ok(_) => {
            fields.insert(field.into(), "validation.date_in_future".into());
            None
        }
        Err(_) => {
            fields.insert(field.into(), "validation.date_invalid".into());
            None
        }
    }
}

/// Checks a move.
pub fn step(input: &StepInput, today: NaiveDate) -> AppResult<StepSpec> {
    let mut fields = FieldErrors::new();
    // Ruling and appeal have their own forms; only these steps are moved to by hand.
    let step = CaseState::parse(input.step.trim()).filter(|s| {
        matches!(
            s,
            CaseState::Preliminary | CaseState::Investigation | CaseState::Hearing | CaseState::Closed
        )
    });
    if step.is_none() {
        fields.insert("step".into(), "validation.integrity_step".into());
    }
    let note = crate::text::field(&mut fields, "note", &input.note, BODY_MAX);
    let due_on = future_day(&mut fields, "due_on", input.due_on.as_deref(), today);
    if step == Some(CaseState::Hearing) {
        if due_on.is_none() && !fields.contains_key("due_on") {
            fields.insert("due_on".into(), "validation.required".into());
        }
        if note.is_empty() && !fields.contains_key("note") {
            fields.insert("note".into(), "validation.required".into());
        }
    }
    AppError::unless_fields(fields, ())?;
    Ok(StepSpec {
        step: step.unwrap_or(CaseState::Closed),
        note,
        due_on,
    })
}

/// A person named as accused.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = IntegrityPartyInput)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    /// Their e-mail address (sanctions and notices follow it, with or without an account).
    pub email: String,
    /// Their name.
    pub name: String,
}

/// Checks a person accused: (address, name).
pub fn party(input: &PartyInput) -> AppResult<(Email, String)> {
    let mut fields = FieldErrors::new();
    let email = Email::parse(input.email.trim());
    if email.is_none() {
        fields.insert("email".into(), "validation.email_invalid".into());
    }
    let name = required(&mut fields, "name", &input.name, NAME_MAX);
    AppError::unless_fields(fields, ())?;
    Ok((email.expect("checked above"), name))
}

/// A message from the committee, or a note for its own file.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegrityMessageInput)]
pub struct MessageInput {
    /// `reporter`, `accused` (with `party`) or `committee` (a note only the committee reads).
    pub to: String,
    /// The person accused it is for, when `to` is `accused`.
    #[serde(default)]
    pub party: Option<i64>,
    /// The text.
    pub body: String,
}

/// Checks a message: (audience, party, text).
pub fn message(input: &MessageInput) -> AppResult<(Role, Option<i64>, String)> {
    let mut fields = FieldErrors::new();
    let to = Role::parse(input.to.trim());
    if to.is_none() {
        fields.insert("to".into(), "validation.integrity_audience".into());
    }
    if to == Some(Role::Accused) && input.party.is_none() {
        fields.insert("party".into(), "validation.required".into());
    }
    let body = required(&mut fields, "body", &input.body, BODY_MAX);
    AppError::unless_fields(fields, ())?;
    let to = to.expect("checked above");
    Ok((to, input.party.filter(|_| to == Role::Accused), body))
}

/// A sanction in a ruling.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegritySanctionInput)]
pub struct SanctionInput {
    /// The person accused it is imposed on.
    pub party: i64,
    /// `submitting`, `reviewing` or `both`.
    pub bars: String,
    /// The last day it applies, `YYYY-MM-DD` (at most ten years away).
    pub until: String,
}

/// The committee's ruling at the end of the hearing.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegrityRulingInput)]
pub struct RulingInput {
    /// `misconduct` or `cleared`.
    pub outcome: String,
    /// The reasons, sent to the people accused (required).
    pub reasons: String,
    /// With misconduct: the last day to appeal, `YYYY-MM-DD` (required).
    #[serde(default)]
    pub appeal_until: Option<String>,
    /// With misconduct: sanctions, at most one per person accused.
    #[serde(default)]
    pub sanctions: Vec<SanctionInput>,
}

/// A sanction, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SanctionSpec {
    pub party: i64,
    pub bars: Bars,
    pub until: NaiveDate,
}

/// A ruling, checked.
#[derive(Debug, Clone)]
pub struct RulingSpec {
    pub outcome: Outcome,
    pub reasons: String,
    pub appeal_until: Option<NaiveDate>,
    pub sanctions: Vec<SanctionSpec>,
}

/// Checks a ruling; sanctions only with misconduct.
pub fn ruling(input: &RulingInput, today: NaiveDate) -> AppResult<RulingSpec> {
    let mut fields = FieldErrors::new();
    let outcome = match input.outcome.trim() {
        "misconduct" => Some(Outcome::Misconduct),
        "cleared" => Some(Outcome::Cleared),
        _ => {
            fields.insert("outcome".into(), "validation.integrity_outcome".into());
            None
        }
    };
    let reasons = required(&mut fields, "reasons", &input.reasons, BODY_MAX);
    let misconduct = outcome == Some(Outcome::Misconduct);
    let appeal_until = future_day(&mut fields, "appeal_until", input.appeal_until.as_deref(), today);
    if misconduct && appeal_until.is_none() && !fields.contains_key("appeal_until") {
        fields.insert("appeal_until".into(), "validation.required".into());
    }
    let mut sanctions = Vec::new();
    for (i, s) in input.sanctions.iter().enumerate() {
        let name = format!("sanctions.{i}");
        if !misconduct {
            fields.insert(name, "validation.integrity_sanction_without_misconduct".into());
            continue;
        }
        let bars = Bars::parse(s.bars.trim());
        let until = future_day(&mut fields, &name, Some(&s.until), today);
        match (bars, until) {
            (None, _) => {
                fields.insert(name, "validation.integrity_bars".into());
            }
            (Some(_), Some(u)) if (u - today).num_days() > SANCTION_DAYS_MAX => {
                fields.insert(name, "validation.integrity_sanction_too_long".into());
            }
            (Some(bars), Some(until)) if sanctions.iter().all(|x: &SanctionSpec| x.party != s.party) => {
                sanctions.push(SanctionSpec {
                    party: s.party,
                    bars,
                    until,
                });
            }
            (Some(_), Some(_)) => {
                fields.insert(name, "validation.integrity_sanction_twice".into());
            }
            (Some(_), None) if !fields.contains_key(&name) => {
                fields.insert(name, "validation.required".into());
            }
            _ => {}
        }
    }
    AppError::unless_fields(fields, ())?;
    Ok(RulingSpec {
        outcome: outcome.expect("checked above"),
        reasons,
        appeal_until: appeal_until.filter(|_| misconduct),
        sanctions,
    })
}

/// An answer or appeal from a person accused, or a reply from the reporter.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegrityReplyInput)]
pub struct ReplyInput {
    /// The text.
    pub body: String,
}

/// Checks a reply.
pub fn reply(input: &ReplyInput) -> AppResult<String> {
    let mut fields = FieldErrors::new();
    let body = required(&mut fields, "body", &input.body, BODY_MAX);
    AppError::unless_fields(fields, body)
}

/// The committee's ruling on an appeal.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = IntegrityAppealRulingInput)]
#[serde(deny_unknown_fields)]
pub struct AppealRulingInput {
    /// `granted` (the finding and its sanctions are lifted) or `refused` (the ruling stands).
    pub appeal: String,
    /// The reasons (required).
    pub reasons: String,
}

/// Checks a ruling on an appeal: (granted, reasons).
pub fn appeal_ruling(input: &AppealRulingInput) -> AppResult<(bool, String)> {
    let mut fields = FieldErrors::new();
    let granted = match input.appeal.trim() {
        "granted" => Some(true),
        "refused" => Some(false),
        _ => {
            fields.insert("appeal".into(), "validation.integrity_appeal".into());
            None
        }
    };
    let reasons = required(&mut fields, "reasons", &input.reasons, BODY_MAX);
    AppError::unless_fields(fields, ())?;
    Ok((granted.expect("checked above"), reasons))
}

/// The moment a deadline day ends, as UTC: the end of `day` in China Standard Time, where the
/// societies this serves keep their office hours.
pub fn end_of(day: NaiveDate) -> NaiveDateTime {
    let next = day.succ_opt().unwrap_or(day).and_hms_opt(0, 0, 0).expect("midnight exists");
    next - chrono::Duration::hours(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
    }

    fn keys(e: AppError) -> Vec<(String, String)> {
        match e {
            AppError::Validation { fields } => fields.into_iter().collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_report_needs_a_known_kind_a_subject_and_details() {
        let bad = ReportInput {
            society: "s".into(),
            subject_kind: "gossip".into(),
            subject: " ".into(),
            details: String::new(),
            contact_email: Some("nobody".into()),
            ..Default::default()
        };
        let k = keys(report(&bad).unwrap_err());
        let names: Vec<&str> = k.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(names, ["contact_email", "details", "subject", "subject_kind"]);
        let good = ReportInput {
            society: "s".into(),
            subject_kind: "paper".into(),
            subject: "Paper 7".into(),
            details: "copied".into(),
            anonymous: true,
            contact_email: Some(" ".into()),
        };
        let s = report(&good).unwrap();
        assert!(s.anonymous && s.contact_email.is_none());
    }

    #[test]
    fn a_hearing_needs_a_note_and_a_day_to_come() {
        let input = StepInput {
            step: "hearing".into(),
            note: String::new(),
            due_on: Some("2027-03-01".into()),
        };
        let k = keys(step(&input, today()).unwrap_err());
        assert_eq!(
            k,
            [
                ("due_on".to_string(), "validation.date_in_future".to_string()),
                ("note".into(), "validation.required".into())
            ]
        );
        let ok = step(
            &StepInput {
                step: "preliminary".into(),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        assert_eq!((ok.step, ok.due_on), (CaseState::Preliminary, None));
    }

    #[test]
    fn ruling_and_appeal_are_not_steps_moved_to_by_hand() {
        for s in ["ruled", "appeal", "reported", "nonsense"] {
            let input = StepInput {
                step: s.into(),
                ..Default::default()
            };
            assert_eq!(
                keys(step(&input, today()).unwrap_err()),
                [("step".to_string(), "validation.integrity_step".to_string())],
                "{s}"
            );
        }
    }

    #[test]
    fn sanctions_go_with_misconduct_one_per_person_within_ten_years() {
        let s = |party, bars: &str, until: &str| SanctionInput {
            party,
            bars: bars.into(),
            until: until.into(),
        };
        let cleared = RulingInput {
            outcome: "cleared".into(),
            reasons: "no copy".into(),
            sanctions: vec![s(1, "both", "2028-01-01")],
            ..Default::default()
        };
        assert_eq!(
            keys(ruling(&cleared, today()).unwrap_err())[0].1,
            "validation.integrity_sanction_without_misconduct"
        );
        let found = RulingInput {
            outcome: "misconduct".into(),
            reasons: "copied".into(),
            appeal_until: Some("2027-04-01".into()),
            sanctions: vec![
                s(1, "both", "2028-01-01"),
                s(1, "reviewing", "2028-01-01"),
                s(2, "all", "2028-01-01"),
                s(3, "submitting", "2040-01-01"),
            ],
        };
        let k = keys(ruling(&found, today()).unwrap_err());
        let msgs: Vec<&str> = k.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "validation.integrity_sanction_twice",
                "validation.integrity_bars",
                "validation.integrity_sanction_too_long"
            ]
        );
        let ok = ruling(
            &RulingInput {
                sanctions: vec![s(1, "submitting", "2029-02-28")],
                ..found
            },
            today(),
        )
        .unwrap();
        assert_eq!(ok.sanctions[0].bars, Bars::Submitting);
        let none = RulingInput {
            outcome: "misconduct".into(),
            reasons: "copied".into(),
            ..Default::default()
        };
        assert_eq!(keys(ruling(&none, today()).unwrap_err())[0].0, "appeal_until");
    }

    #[test]
    fn a_deadline_ends_at_midnight_in_beijing() {
        let end = end_of(today());
        assert_eq!(end.to_string(), "2027-03-01 16:00:00");
    }
}
