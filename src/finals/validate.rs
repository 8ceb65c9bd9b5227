//! Inputs of the final-version phase and their checks (pure).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};
use crate::submissions::validate::{AuthorInput, AuthorSpec};
use crate::venues::deadline;

/// Licences a venue may choose; the `cc_*` ones let anyone read the final PDF.
pub const LICENCES: &[&str] = &["cc_by_4_0", "cc_by_nc_4_0", "cc_by_nc_nd_4_0", "copyright_transfer", "custom"];

/// Whether finals under `licence` are open to everyone once approved.
pub fn licence_is_open(licence: &str) -> bool {
    licence.starts_with("cc_")
}

/// The standard consent text of a licence, in Chinese and English (empty for `custom`).
pub fn standard_text(licence: &str) -> (&'static str, &'static str) {
    match licence {
        "cc_by_4_0" => (
            "本人代表全体作者确认：本文为作者原创，未侵犯他人权利；作者同意本文最终版本以知识共享署名 4.0 国际许可协议（CC BY 4.0）发布，任何人可在注明作者和出处的前提下复制、传播和改编。",
            "On behalf of all authors I confirm that the paper is the authors' original work and infringes no rights of others, and that the authors agree to publish its final version under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): anyone may copy, share and adapt it with attribution.",
        ),
        "cc_by_nc_4_0" => (
            "本人代表全体作者确认：本文为作者原创，未侵犯他人权利；作者同意本文最终版本以知识共享署名—非商业性使用 4.0 国际许可协议（CC BY-NC 4.0）发布。",
            "On behalf of all authors I confirm that the paper is the authors' original work and infringes no rights of others, and that the authors agree to publish its final version under the Creative Commons Attribution-NonCommercial 4.0 International licence (CC BY-NC 4.0).",
        ),
        "cc_by_nc_nd_4_0" => (
            "本人代表全体作者确认：本文为作者原创，未侵犯他人权利；作者同意本文最终版本以知识共享署名—非商业性使用—禁止演绎 4.0 国际许可协议（CC BY-NC-ND 4.0）发布。",
            "On behalf of all authors I confirm that the paper is the authors' original work and infringes no rights of others, and that the authors agree to publish its final version under the Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International licence (CC BY-NC-ND 4.0).",
        ),
        "copyright_transfer" => (
            "本人代表全体作者确认：本文为作者原创，未侵犯他人权利；作者将本文最终版本在论文集中的复制权、发行权和信息网络传播权转让给会议主办方，作者保留署名权及在个人主页和所在机构库中存放本文的权利。",
            "On behalf of all authors I confirm that the paper is the authors' original work and infringes no rights of others, and the authors transfer to the conference organiser the rights to reproduce, distribute and make available the final version in the proceedings; the authors keep the right to be named and to post the paper on their own and their institutions' websites.",
        ),
        _ => ("", ""),
    }
}

/// The final-version phase as submitted; times are wall-clock in the venue's zone.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = FinalPhaseInput)]
#[serde(deny_unknown_fields)]
pub struct PhaseInput {
    /// Opening, `YYYY-MM-DDTHH:MM`; empty: when the authors are told the decision.
    #[serde(default)]
    pub opens_at: String,
    /// Deadline, `YYYY-MM-DDTHH:MM`.
    #[serde(default)]
    pub deadline: String,
    /// Most pages of a final version (none if absent).
    #[serde(default)]
    pub page_limit: Option<i32>,
    /// Whether a source archive (zip) is required.
    #[serde(default)]
    pub source_required: bool,
    /// Whether a statement of changes is required.
    #[serde(default)]
    pub changes_required: bool,
    /// The template's name.
    #[serde(default)]
    pub template_name: String,
    /// Where the template is found (http or https).
    #[serde(default)]
    pub template_url: String,
    /// One of [`LICENCES`].
    #[serde(default)]
    pub licence: String,
    /// Consent text in Chinese; empty: the licence's standard text.
    #[serde(default)]
    pub consent_zh: String,
    /// Consent text in English; empty: the licence's standard text.
    #[serde(default)]
    pub consent_en: String,
}

/// A checked phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseSpec {
    /// Opening (UTC).
    pub opens_at: Option<NaiveDateTime>,
    /// Deadline (UTC).
    pub deadline: NaiveDateTime,
    /// Page limit.
    pub page_limit: Option<i32>,
    /// Source archive required.
    pub source_required: bool,
    /// Statement of changes required.
    pub changes_required: bool,
    /// Template name.
    pub template_name: String,
    /// Template address.
    pub template_url: String,
    /// Licence code.
    pub licence: String,
    /// Consent text, Chinese.
    pub consent_zh: String,
    /// Consent text, English.
    pub consent_en: String,
}

use crate::text::field as text;

/// Checks a phase; times are read in `timezone`.
pub fn phase(input: &PhaseInput, timezone: &str) -> Result<PhaseSpec, AppError> {
    let mut f = FieldErrors::new();
    let tz = deadline::parse_tz(timezone).unwrap_or(chrono_tz::UTC);
    let opens_at = if input.opens_at.trim().is_empty() {
        None
    } else {
        let d = deadline::local_to_utc(&input.opens_at, tz);
        if d.is_none() {
            f.insert("opens_at".into(), "validation.datetime_invalid".into());
        }
        d
    };
    let due = deadline::local_to_utc(&input.deadline, tz);
    if due.is_none() {
        f.insert("deadline".into(), "validation.datetime_invalid".into());
    }
    if let (Some(o), Some(d)) = (opens_at, due)
        && o >= d
    {
        f.insert("opens_at".into(), "validation.opens_after_deadline".into());
    }
    if input.page_limit.is_some_and(|p| !(1..=1000).contains(&p)) {
        f.insert("page_limit".into(), "validation.page_limit_range".into());
    }
    let template_name = text(&mut f, "template_name", &input.template_name, 200);
    let template_url = text(&mut f, "template_url", &input.template_url, 500);
    if !template_url.is_empty() && !url::Url::parse(&template_url).is_ok_and(|u| u.scheme() == "https" || u.scheme() == "http") {
        f.insert("template_url".into(), "validation.url_invalid".into());
    }
    let licence = input.licence.trim().to_string();
    if !LICENCES.contains(&licence.as_str()) {
        f.insert("licence".into(), "validation.licence_unknown".into());
    }
    let (std_zh, std_en) = standard_text(&licence);
    let mut consent_zh = text(&mut f, "consent_zh", &input.consent_zh, 20_000);
    let mut consent_en = text(&mut f, "consent_en", &input.consent_en, 20_000);
    if consent_zh.is_empty() && consent_en.is_empty() {
        if licence == "custom" {
            f.insert("consent_zh".into(), "validation.consent_text_required".into());
        }
        consent_zh = std_zh.to_string();
        consent_en = std_en.to_string();
    }
    match (f.is_empty(), due) {
        (true, Some(deadline)) => Ok(PhaseSpec {
            opens_at,
            deadline,
            page_limit: input.page_limit,
            source_required: input.source_required,
            changes_required: input.changes_required,
            template_name,
            template_url,
            licence,
            consent_zh,
            consent_en,
        }),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// The final author list as the authors send it: unchanged lists are simply confirmed, changed
/// ones wait for a chair.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorListInput {
    /// Authors in order.
    #[serde(default)]
    pub authors: Vec<AuthorInput>,
    /// Index of the corresponding author in `authors`.
    #[serde(default)]
    pub corresponding: usize,
    /// Index of the presenting author in `authors`.
    #[serde(default)]
    pub presenter: usize,
    /// Why the list changes (required when it does).
    #[serde(default)]
    pub reason: String,
}

/// A checked author list and the reason.
pub fn author_list(input: &AuthorListInput) -> Result<(Vec<AuthorSpec>, String), AppError> {
    let mut f = FieldErrors::new();
    let authors = crate::submissions::validate::authors(&input.authors, input.corresponding, input.presenter, &mut f);
    if input.authors.iter().all(AuthorInput::is_blank) {
        f.insert("authors".into(), "validation.authors_required".into());
    }
    let reason = text(&mut f, "reason", &input.reason, 2000);
    if f.is_empty() {
        Ok((authors, reason))
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// Whether two lists name the same people in the same order with the same details (the
/// presenting author may differ: choosing who presents needs no approval).
pub fn same_people(a: &[AuthorSpec], b: &[AuthorSpec]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.name_zh == y.name_zh
                && x.name_latin == y.name_latin
                && x.email == y.email
                && x.affiliation == y.affiliation
                && x.country == y.country
                && x.orcid == y.orcid
                && x.is_corresponding == y.is_corresponding
        })
}

/// A chair's verdict on a final version.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = FinalReviewInput)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// `approve` or `needs_changes`.
    pub verdict: String,
    /// What the authors should change (required with `needs_changes`).
    #[serde(default)]
    pub message: String,
}

/// A checked verdict: `Some(message)` asks for changes, `None` approves.
pub fn review(input: &ReviewInput) -> Result<Option<String>, AppError> {
    let mut f = FieldErrors::new();
    let message = text(&mut f, "message", &input.message, 5000);
    match input.verdict.as_str() {
        "approve" if f.is_empty() => Ok(None),
        "needs_changes" if message.is_empty() => Err(AppError::field("message", "validation.message_required")),
        "needs_changes" if f.is_empty() => Ok(Some(message)),
        "approve" | "needs_changes" => Err(AppError::Validation { fields: f }),
        _ => Err(AppError::field("verdict", "validation.verdict_unknown")),
    }
}

/// The corresponding author's consent.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// The signer's full name, typed as a signature.
    #[serde(default)]
    pub name: String,
    /// Must be `true`: the signer accepts the text shown.
    #[serde(default)]
    pub accept: bool,
}

/// The checked signature name.
pub fn consent(input: &ConsentInput) -> Result<String, AppError> {
    let mut f = FieldErrors::new();
    let name = text(&mut f, "name", &input.name, 200);
    if name.is_empty() {
        f.insert("name".into(), "validation.name_required".into());
    }
    if !input.accept {
        f.insert("accept".into(), "validation.consent_not_accepted".into());
    }
    if f.is_empty() {
        Ok(name)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// Withdrawal after acceptance, by a chair.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = FinalWithdrawInput)]
#[serde(deny_unknown_fields)]
pub struct WithdrawInput {
    /// Why (shown to the authors and recorded).
    #[serde(default)]
    pub reason: String,
}

/// The checked reason.
pub fn withdraw(input: &WithdrawInput) -> Result<String, AppError> {
    let mut f = FieldErrors::new();
    let reason = text(&mut f, "reason", &input.reason, 2000);
    if reason.is_empty() {
        f.insert("reason".into(), "validation.reason_required".into());
    }
    if f.is_empty() {
        Ok(reason)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// An author-list change decision.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeDecisionInput {
    /// Whether the change is approved.
    pub approve: bool,
    /// A note to the authors (required when declining).
    #[serde(default)]
    pub note: String,
}

/// The checked note.
pub fn change_decision(input: &ChangeDecisionInput) -> Result<String, AppError> {
    let mut f = FieldErrors::new();
    let note = text(&mut f, "note", &input.note, 2000);
    if !input.approve && note.is_empty() {
        f.insert("note".into(), "validation.reason_required".into());
    }
    if f.is_empty() {
        Ok(note)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> PhaseInput {
        PhaseInput {
            deadline: "2027-03-01T23:59".into(),
            licence: "cc_by_4_0".into(),
            ..PhaseInput::default()
        }
    }

    #[test]
    fn a_standard_licence_brings_its_text_in_both_languages() {
        let p = phase(&good(), "Asia/Shanghai").expect("valid");
        assert!(p.consent_zh.contains("CC BY 4.0") && p.consent_en.contains("CC BY 4.0"));
        assert_eq!(p.deadline.to_string(), "2027-03-01 15:59:00");
    }

    #[test]
    fn a_custom_licence_needs_its_text_and_times_must_be_in_order() {
        let mut i = good();
        i.licence = "custom".into();
        i.opens_at = "2027-03-02T00:00".into();
        let AppError::Validation { fields } = phase(&i, "UTC").expect_err("invalid") else {
            panic!()
        };
        assert_eq!(
            fields.get("consent_zh").map(String::as_str),
            Some("validation.consent_text_required")
        );
        assert_eq!(fields.get("opens_at").map(String::as_str), Some("validation.opens_after_deadline"));
        i.licence = "gpl".into();
        let AppError::Validation { fields } = phase(&i, "UTC").expect_err("invalid") else {
            panic!()
        };
        assert!(fields.contains_key("licence"));
    }

    #[test]
    fn verdicts_need_a_message_to_ask_for_changes() {
        let r = |v: &str, m: &str| {
            review(&ReviewInput {
                verdict: v.into(),
                message: m.into(),
            })
        };
        assert_eq!(r("approve", "").ok(), Some(None));
        assert!(r("needs_changes", " ").is_err());
        assert_eq!(r("needs_changes", "Fix the title").ok(), Some(Some("Fix the title".into())));
        assert!(r("maybe", "").is_err());
    }

    #[test]
    fn choosing_another_presenter_is_not_a_change_of_people() {
        let a = |email: &str, presenter: bool| AuthorSpec {
            name_zh: String::new(),
            name_latin: email.into(),
            email: email.into(),
            affiliation: "X".into(),
            country: "CN".into(),
            orcid: None,
            is_corresponding: email == "a@x.org",
            is_presenter: presenter,
        };
        assert!(same_people(
            &[a("a@x.org", true), a("b@x.org", false)],
            &[a("a@x.org", false), a("b@x.org", true)]
        ));
        assert!(!same_people(
            &[a("a@x.org", true), a("b@x.org", false)],
            &[a("b@x.org", true), a("a@x.org", false)]
        ));
    }
}
