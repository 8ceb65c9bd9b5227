//! Minutes input, checked without I/O: the document's texts (with the introduction's length
//! notes), a statement, the review deadline, a speaker's answer and a writer's resolution.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::model::{Attribution, StatementKind};
use crate::error::{AppError, AppResult, FieldErrors};

/// Suggested introduction length ("about 400 characters"): shorter than this is noted.
pub const INTRO_SHORT: usize = 200;
/// Longer than this is noted.
pub const INTRO_LONG: usize = 600;
/// Longer than this is refused.
pub const INTRO_MAX: usize = 2000;
/// Longest title.
pub const TITLE_MAX: usize = 300;
/// Longest consensus and outlook text.
pub const OUTLOOK_MAX: usize = 4000;
/// Longest statement text (per language).
pub const TEXT_MAX: usize = 6000;
/// Longest outside speaker's name.
pub const NAME_MAX: usize = 100;
/// Longest comment or reply.
pub const COMMENT_MAX: usize = 2000;

/// The minutes' own texts as a writer sends them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MinutesInput {
    /// Chinese title (empty: the salon's).
    #[serde(default)]
    pub title_zh: String,
    /// English title (empty: the salon's).
    #[serde(default)]
    pub title_en: String,
    /// Chinese introduction (about 400 characters; at least one language).
    #[serde(default)]
    pub intro_zh: String,
    /// English introduction.
    #[serde(default)]
    pub intro_en: String,
    /// Chinese summary of consensus and outlook (optional).
    #[serde(default)]
    pub outlook_zh: String,
    /// English summary of consensus and outlook (optional).
    #[serde(default)]
    pub outlook_en: String,
}

/// Checked minutes texts (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesSpec {
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Chinese introduction.
    pub intro_zh: String,
    /// English introduction.
    pub intro_en: String,
    /// Chinese outlook.
    pub outlook_zh: String,
    /// English outlook.
    pub outlook_en: String,
}

fn too_long(f: &mut FieldErrors, field: &str, text: &str, max: usize) {
    if text.chars().count() > max {
        f.insert(field.into(), "minutes.too_long".into());
    }
}

fn done<T>(f: FieldErrors, value: T) -> AppResult<T> {
    AppError::unless_fields(f, value)
}

/// Checks the texts: an introduction in at least one language, none above its limit.
pub fn minutes(input: &MinutesInput) -> AppResult<MinutesSpec> {
    let spec = MinutesSpec {
        title_zh: input.title_zh.trim().into(),
        title_en: input.title_en.trim().into(),
        intro_zh: input.intro_zh.trim().into(),
        intro_en: input.intro_en.trim().into(),
        outlook_zh: input.outlook_zh.trim().into(),
        outlook_en: input.outlook_en.trim().into(),
    };
    let mut f = FieldErrors::new();
    too_long(&mut f, "title_zh", &spec.title_zh, TITLE_MAX);
    too_long(&mut f, "title_en", &spec.title_en, TITLE_MAX);
    if spec.intro_zh.is_empty() && spec.intro_en.is_empty() {
        f.insert("intro_zh".into(), "minutes.intro_missing".into());
    }
    too_long(&mut f, "intro_zh", &spec.intro_zh, INTRO_MAX);
    too_long(&mut f, "intro_en", &spec.intro_en, INTRO_MAX);
    too_long(&mut f, "outlook_zh", &spec.outlook_zh, OUTLOOK_MAX);
    too_long(&mut f, "outlook_en", &spec.outlook_en, OUTLOOK_MAX);
    done(f, spec)
}

/// How an introduction's length compares with the suggested one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IntroLength {
    /// No text in this language.
    Empty,
    /// Below 200 characters.
    Short,
    /// 200 to 600 characters.
    Fine,
    /// Above 600 characters.
    Long,
}

/// The length of one language's introduction, in characters (whitespace not counted).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MinutesIntroCount {
    /// `zh` or `en`.
    pub lang: String,
    /// Characters.
    pub chars: usize,
    /// Against the suggested 200 to 600.
    pub length: IntroLength,
}

/// Counts characters as readers of the introduction would (whitespace left out, so English
/// word spacing and line breaks do not count).
pub fn count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The length note of one text.
pub fn intro_length(text: &str) -> IntroLength {
    match count(text) {
        0 => IntroLength::Empty,
        n if n < INTRO_SHORT => IntroLength::Short,
        n if n > INTRO_LONG => IntroLength::Long,
        _ => IntroLength::Fine,
    }
}

/// Both languages' counts.
pub fn intro_counts(zh: &str, en: &str) -> Vec<MinutesIntroCount> {
    [("zh", zh), ("en", en)]
        .into_iter()
        .map(|(lang, text)| MinutesIntroCount {
            lang: lang.into(),
            chars: count(text),
            length: intro_length(text),
        })
        .collect()
}

/// One statement as a writer sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MinutesStatementInput {
    /// `viewpoint` (a main viewpoint) or `dissent` (a dissenting view).
    #[serde(default)]
    pub kind: String,
    /// Chinese text, kept verbatim (one language is enough).
    #[serde(default)]
    pub text_zh: String,
    /// English text, kept verbatim.
    #[serde(default)]
    pub text_en: String,
    /// The speaker's account id, one of the salon's participants (see the draft's
    /// `participants`); leave out for someone outside the list.
    #[serde(default)]
    pub speaker_id: Option<i64>,
    /// The name of a speaker outside the list (then no review is asked).
    #[serde(default)]
    pub speaker_name: String,
    /// `named` or `anonymous`, as the speaker chose.
    #[serde(default)]
    pub attribution: String,
    /// Place in the list (1 is first); left out: at the end, or where it was.
    #[serde(default)]
    pub position: Option<i32>,
}

/// Who said a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A participant with an account.
    Account(i64),
    /// Someone outside the list, by name.
    Outside(String),
}

/// A checked statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementSpec {
    /// Viewpoint or dissent.
    pub kind: StatementKind,
    /// Chinese text: only line endings are normalised, nothing else is touched.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
    /// The speaker.
    pub speaker: Speaker,
    /// Named or anonymous.
    pub attribution: Attribution,
    /// Wanted place (1-based).
    pub position: Option<i32>,
}

/// A statement's text as stored: verbatim apart from line endings and the blank lines around it.
pub fn verbatim(text: &str) -> String {
    text.replace("\r\n", "\n")
        .trim_matches(|c: char| c == '\n' || c == '\r' || c == ' ')
        .to_string()
}

/// Checks a statement (the speaker's membership in the salon is the service's check).
pub fn statement(input: &MinutesStatementInput) -> AppResult<StatementSpec> {
    let mut f = FieldErrors::new();
    let kind = StatementKind::parse(input.kind.trim());
    if kind.is_none() {
        f.insert("kind".into(), "minutes.kind_invalid".into());
    }
    let attribution = Attribution::parse(input.attribution.trim());
    if attribution.is_none() {
        f.insert("attribution".into(), "minutes.attribution_invalid".into());
    }
    let (zh, en) = (verbatim(&input.text_zh), verbatim(&input.text_en));
    if zh.is_empty() && en.is_empty() {
        f.insert("text_zh".into(), "minutes.text_missing".into());
    }
    too_long(&mut f, "text_zh", &zh, TEXT_MAX);
    too_long(&mut f, "text_en", &en, TEXT_MAX);
    let name = input.speaker_name.trim();
    let speaker = match input.speaker_id {
        Some(id) => Speaker::Account(id),
        None if name.is_empty() => {
            f.insert("speaker_id".into(), "minutes.speaker_missing".into());
            Speaker::Outside(String::new())
        }
        None => {
            too_long(&mut f, "speaker_name", name, NAME_MAX);
            Speaker::Outside(name.into())
        }
    };
    if let Some(p) = input.position
        && p < 1
    {
        f.insert("position".into(), "minutes.position_invalid".into());
    }
    match (kind, attribution) {
        (Some(kind), Some(attribution)) => done(
            f,
            StatementSpec {
                kind,
                text_zh: zh,
                text_en: en,
                speaker,
                attribution,
                position: input.position,
            },
        ),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// Sending the minutes to the speakers.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MinutesSendInput {
    /// The review deadline as wall-clock time in the salon's time zone (`YYYY-MM-DDTHH:MM`).
    #[serde(default)]
    pub deadline: String,
}

/// The deadline in UTC: a valid time in the future.
pub fn deadline(input: &MinutesSendInput, tz: chrono_tz::Tz, now: NaiveDateTime) -> AppResult<NaiveDateTime> {
    match crate::venues::deadline::local_to_utc(&input.deadline, tz) {
        None => Err(AppError::field("deadline", "minutes.deadline_invalid")),
        Some(d) if d <= now => Err(AppError::field("deadline", "minutes.deadline_past")),
        Some(d) => Ok(d),
    }
}

/// A speaker's answer about one of their statements.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MinutesReviewInput {
    /// `approve`, `change` (ask for a change: a comment and/or proposed wording) or `withdraw`
    /// (take the statement out of the minutes).
    #[serde(default)]
    pub action: String,
    /// Why a change is asked for.
    #[serde(default)]
    pub comment: String,
    /// Proposed Chinese wording.
    #[serde(default)]
    pub proposed_zh: String,
    /// Proposed English wording.
    #[serde(default)]
    pub proposed_en: String,
    /// `named` or `anonymous` to change how the statement names its speaker; left out: unchanged.
    #[serde(default)]
    pub attribution: Option<String>,
}

/// What a speaker does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    /// Approves the text.
    Approve,
    /// Asks for a change.
    Change {
        /// Why.
        comment: String,
        /// Proposed Chinese wording.
        proposed_zh: String,
        /// Proposed English wording.
        proposed_en: String,
    },
    /// Takes the statement out.
    Withdraw,
}

/// Checks a speaker's answer: the action and, optionally, a new attribution.
pub fn review(input: &MinutesReviewInput) -> AppResult<(ReviewAction, Option<Attribution>)> {
    let mut f = FieldErrors::new();
    let attribution = match input.attribution.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(a) => {
            let parsed = Attribution::parse(a);
            if parsed.is_none() {
                f.insert("attribution".into(), "minutes.attribution_invalid".into());
            }
            parsed
        }
    };
    let action = match input.action.trim() {
        "approve" => Some(ReviewAction::Approve),
        "withdraw" => Some(ReviewAction::Withdraw),
        "change" => {
            let comment = input.comment.trim().to_string();
            let (zh, en) = (verbatim(&input.proposed_zh), verbatim(&input.proposed_en));
            if comment.is_empty() && zh.is_empty() && en.is_empty() {
                f.insert("comment".into(), "minutes.change_empty".into());
            }
            too_long(&mut f, "comment", &comment, COMMENT_MAX);
            too_long(&mut f, "proposed_zh", &zh, TEXT_MAX);
            too_long(&mut f, "proposed_en", &en, TEXT_MAX);
            Some(ReviewAction::Change {
                comment,
                proposed_zh: zh,
                proposed_en: en,
            })
        }
        _ => {
            f.insert("action".into(), "minutes.action_invalid".into());
            None
        }
    };
    match action {
        Some(a) => done(f, (a, attribution)),
        None => Err(AppError::Validation { fields: f }),
    }
}

/// A writer's resolution of a change request.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MinutesResolveInput {
    /// True: take the speaker's proposed wording (the statement counts as approved); false:
    /// keep the text and ask the speaker again (with `reply`).
    #[serde(default)]
    pub accept: bool,
    /// The writer's answer to the speaker.
    #[serde(default)]
    pub reply: String,
}

/// Checks a resolution's reply.
pub fn resolve(input: &MinutesResolveInput) -> AppResult<String> {
    let reply = input.reply.trim().to_string();
    let mut f = FieldErrors::new();
    too_long(&mut f, "reply", &reply, COMMENT_MAX);
    done(f, reply)
}

/// A rapporteur named by a chair.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MinutesRapporteurInput {
    /// The account's e-mail address.
    #[serde(default)]
    pub email: String,
}

/// The address, lower-cased.
pub fn rapporteur(input: &MinutesRapporteurInput) -> AppResult<String> {
    let email = input.email.trim().to_lowercase();
    if email.is_empty() || !email.contains('@') {
        return Err(AppError::field("email", "minutes.email_invalid"));
    }
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_introduction_is_noted_below_200_and_above_600_and_refused_above_2000() {
        assert_eq!(intro_length(""), IntroLength::Empty);
        assert_eq!(intro_length(&"字".repeat(199)), IntroLength::Short);
        assert_eq!(intro_length(&"字".repeat(400)), IntroLength::Fine);
        assert_eq!(intro_length(&"字".repeat(601)), IntroLength::Long);
        assert_eq!(count("a b\nc"), 3, "whitespace is not counted");
        let ok = MinutesInput {
            intro_zh: "字".repeat(2000),
            ..Default::default()
        };
        assert!(minutes(&ok).is_ok(), "long is only noted");
        let refused = MinutesInput {
            intro_zh: "字".repeat(2001),
            ..Default::default()
        };
        assert!(minutes(&refused).is_err());
        assert!(minutes(&MinutesInput::default()).is_err(), "an introduction is needed");
    }

    #[test]
    fn a_statement_keeps_its_text_as_typed_and_needs_a_speaker() {
        let input = MinutesStatementInput {
            kind: "dissent".into(),
            text_zh: "\r\n  我不同意，  因为……\r\n第二行  \r\n".into(),
            speaker_name: "外来嘉宾".into(),
            attribution: "named".into(),
            ..Default::default()
        };
        let s = statement(&input).unwrap();
        assert_eq!(s.text_zh, "我不同意，  因为……\n第二行");
        assert_eq!(s.speaker, Speaker::Outside("外来嘉宾".into()));
        let nobody = MinutesStatementInput {
            speaker_name: " ".into(),
            ..input.clone()
        };
        assert!(statement(&nobody).is_err());
        let bad_kind = MinutesStatementInput {
            kind: "summary".into(),
            ..input
        };
        assert!(statement(&bad_kind).is_err());
    }

    #[test]
    fn a_change_request_says_what_and_attribution_is_optional() {
        let empty = MinutesReviewInput {
            action: "change".into(),
            ..Default::default()
        };
        assert!(review(&empty).is_err());
        let anon = MinutesReviewInput {
            action: "approve".into(),
            attribution: Some("anonymous".into()),
            ..Default::default()
        };
        assert_eq!(review(&anon).unwrap(), (ReviewAction::Approve, Some(Attribution::Anonymous)));
    }
}
