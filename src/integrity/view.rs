//! Flags as one side (a venue's chairs, a journal's editors) reads them: its own paper, where
//! the other paper stands, and only what the rules let it see of the other side.

use serde::Serialize;

use super::model::{Document, DocumentKind, DualSubmission, Flag, FlagState, TextState};
use super::passages::{Prepared, compare, excerpt};
use super::rules::{Shown, Standing, shown};
use super::store::{self, Owner};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::journals::manuscripts::model::Stage;

/// Characters shown of each side of a passage.
const EXCERPT: usize = 600;
/// Passages shown on a flag's page.
const PASSAGES: usize = 30;

/// A paper or manuscript as a flag names it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityPaper)]
pub struct PaperFacts {
    /// `paper` or `manuscript`.
    pub kind: String,
    /// The submission or manuscript id.
    pub id: i64,
    /// Its number in its venue or journal.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Where it stands.
    pub standing: Standing,
    /// Its venue's or journal's Chinese name.
    pub place_zh: String,
    /// Its venue's or journal's English name.
    pub place_en: String,
    /// The public page, when it is public.
    pub link: Option<String>,
}

/// What a document's facts are, read from its paper or manuscript.
pub fn facts(conn: &mut AnyConnection, doc: &Document) -> AppResult<PaperFacts> {
    match doc.kind {
        DocumentKind::Paper => {
            let s = crate::submissions::store::get(conn, doc.source_id)?;
            let v = crate::venues::store::by_id(conn, s.venue_id)?;
            let standing = if s.status != crate::submissions::model::SUBMITTED {
                Standing::Ended
            } else if crate::submissions::public::told_acceptance(conn, &s)?.is_some() {
                Standing::Public
            } else if crate::review::decisions::store::get(conn, s.id)?.is_some_and(|d| d.notified_at.is_some()) {
                Standing::Ended
            } else {
                Standing::UnderReview
            };
            Ok(PaperFacts {
                kind: doc.kind.as_str().into(),
                id: s.id,
                number: s.number,
                title_zh: s.title_zh,
                title_en: s.title_en,
                link: (standing == Standing::Public).then(|| format!("/venues/{}/papers/{}", v.slug, s.number)),
                standing,
                place_zh: v.title_zh,
                place_en: v.title_en,
            })
        }
        DocumentKind::Manuscript => {
            let m = crate::journals::manuscripts::store::get(conn, doc.source_id)?;
            let j = crate::journals::store::get(conn, m.journal_id)?;
            let standing = match m.stage {
                Stage::Published => Standing::Public,
                Stage::Declined | Stage::Withdrawn => Standing::Ended,
                _ => Standing::UnderReview,
            };
            let link = match standing {
                Standing::Public => {
                    crate::journals::articles::store::of_manuscript(conn, m.id)?.map(|a| format!("/j/{}/articles/{}", j.slug, a.id))
                }
                _ => None,
            };
            Ok(PaperFacts {
                kind: doc.kind.as_str().into(),
                id: m.id,
                number: m.number,
                title_zh: m.title_zh,
                title_en: m.title_en,
                standing,
                place_zh: j.name_zh,
                place_en: j.name_en,
                link,
            })
        }
    }
}

/// The other side of a flag, as much as may be seen: the place and standing always, the paper
/// itself only when shown side by side.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityOtherSide)]
pub struct OtherSide {
    /// Where it stands.
    pub standing: Standing,
    /// Whether it is in the same venue or journal.
    pub same_place: bool,
    /// Its venue's or journal's Chinese name.
    pub place_zh: String,
    /// Its venue's or journal's English name.
    pub place_en: String,
    /// The paper itself, when it may be seen.
    pub paper: Option<PaperFacts>,
}

/// One flag as a side reads it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityFlag)]
pub struct FlagView {
    /// Id.
    pub id: i64,
    /// The side's own paper.
    pub own: PaperFacts,
    /// The other paper, as far as it may be seen.
    pub other: OtherSide,
    /// How much is shown.
    pub shown: Shown,
    /// The share of the own paper found in the other, in thousandths.
    pub own_permille: i32,
    /// The share of the other paper found in the own, in thousandths.
    pub other_permille: i32,
    /// The own share as a percentage, to one decimal.
    pub own_percent: f64,
    /// The other share as a percentage, to one decimal.
    pub other_percent: f64,
    /// Passages found.
    pub passages: i32,
    /// `open`, `dismissed` or `cleared`.
    #[schema(value_type = String)]
    pub state: FlagState,
    /// Why it was dismissed.
    pub reason: String,
    /// What the own paper's authors declared about related submissions ("" when nothing).
    pub declaration: String,
    /// Found at (UTC).
    #[serde(with = "crate::web::utc")]
    pub found_at: chrono::NaiveDateTime,
    /// Decided at (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub decided_at: Option<chrono::NaiveDateTime>,
}

/// A passage on a flag's page: the own text, and the other's where it may be seen.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityPassage)]
pub struct PassageView {
    /// The own paper's text.
    pub own: String,
    /// The other paper's text, when shown side by side.
    pub other: Option<String>,
}

/// Counts of a side's papers by where reading their text stands.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityTextSummary)]
pub struct TextSummary {
    /// Read and compared.
    pub extracted: i64,
    /// Waiting for the reader.
    pub pending: i64,
    /// Scans without a text layer.
    pub no_text: i64,
    /// Refused by the reader.
    pub failed: i64,
    /// Not read: this server has no PDF reader.
    pub unavailable: i64,
}

/// A side's flags page: its flags, how many are hidden by its policy, and its texts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityFlags)]
pub struct Listing {
    /// The flags shown, newest first.
    pub flags: Vec<FlagView>,
    /// Overlaps with papers under review elsewhere that the policy allows, not listed.
    pub allowed_by_policy: usize,
    /// The dual-submission policy (a journal's is always `forbidden`).
    #[schema(value_type = String)]
    pub policy: DualSubmission,
    /// Where reading the side's papers stands.
    pub texts: TextSummary,
}

fn view(conn: &mut AnyConnection, flag: Flag, own_doc: &Document, policy: DualSubmission) -> AppResult<Option<FlagView>> {
    let Some(other_doc) = store::find(conn, flag.other_document_id)? else {
        return Ok(None);
    };
    let own = facts(conn, own_doc)?;
    let other = facts(conn, &other_doc)?;
    let same = own_doc.venue_id.is_some() && own_doc.venue_id == other_doc.venue_id
        || own_doc.journal_id.is_some() && own_doc.journal_id == other_doc.journal_id;
    let how = shown(policy, own.standing, other.standing, same);
    let declaration = match own_doc.kind {
        DocumentKind::Paper => store::declaration_of(conn, own_doc.source_id)?,
        DocumentKind::Manuscript => String::new(),
    };
    Ok(Some(FlagView {
        id: flag.id,
        other: OtherSide {
            standing: other.standing,
            same_place: same,
            place_zh: other.place_zh.clone(),
            place_en: other.place_en.clone(),
            paper: (how == Shown::SideBySide).then_some(other),
        },
        own,
        shown: how,
        own_percent: flag.own_permille as f64 / 10.0,
        other_percent: flag.other_permille as f64 / 10.0,
        own_permille: flag.own_permille,
        other_permille: flag.other_permille,
        passages: flag.passages,
        state: flag.state,
        reason: flag.reason,
        declaration,
        found_at: flag.found_at,
        decided_at: flag.decided_at,
    }))
}

/// The policy a side's flags are read under.
pub fn policy_of(conn: &mut AnyConnection, owner: Owner) -> AppResult<DualSubmission> {
    match owner {
        Owner::Venue(v) => store::policy_of(conn, v),
        Owner::Journal(_) => Ok(DualSubmission::Forbidden),
    }
}

/// A side's flags, without those on papers `hidden(source id)` says its reader may not see
/// (their own papers, conflicts).
pub fn listing(conn: &mut AnyConnection, owner: Owner, hidden: &dyn Fn(i64) -> bool) -> AppResult<Listing> {
    let policy = policy_of(conn, owner)?;
    let mut flags = Vec::new();
    let mut allowed = 0;
    for (flag, doc) in store::flags_of(conn, owner)? {
        if hidden(doc.source_id) {
            continue;
        }
        match view(conn, flag, &doc, policy)? {
            Some(v) if v.shown != Shown::Hidden => flags.push(v),
            Some(v) if v.other.standing == Standing::UnderReview && v.own.standing != Standing::Ended => allowed += 1,
            _ => {}
        }
    }
    let mut texts = TextSummary::default();
    for (state, n) in store::states_of(conn, owner)? {
        match state.parse::<TextState>() {
            Ok(TextState::Extracted) => texts.extracted += n,
            Ok(TextState::Pending) => texts.pending += n,
            Ok(TextState::NoText) => texts.no_text += n,
            Ok(TextState::Failed) => texts.failed += n,
            Ok(TextState::Unavailable) => texts.unavailable += n,
            Err(_) => {}
        }
    }
    Ok(Listing {
        flags,
        allowed_by_policy: allowed,
        policy,
        texts,
    })
}

/// A flag of this side that this reader may see, with its own document and the other's id;
/// 404 when the flag is on another side, on a paper hidden from the reader, or not shown under
/// the side's policy.
fn on_side(conn: &mut AnyConnection, owner: Owner, id: i64, hidden: &dyn Fn(i64) -> bool) -> AppResult<(FlagView, Document, i64)> {
    let (flag, doc) = store::flag(conn, id)?.ok_or(AppError::NotFound)?;
    let mine = match owner {
        Owner::Venue(v) => doc.venue_id == Some(v),
        Owner::Journal(j) => doc.journal_id == Some(j),
    };
    if !mine || hidden(doc.source_id) {
        return Err(AppError::NotFound);
    }
    let policy = policy_of(conn, owner)?;
    let other = flag.other_document_id;
    match view(conn, flag, &doc, policy)? {
        Some(v) if v.shown != Shown::Hidden => Ok((v, doc, other)),
        _ => Err(AppError::NotFound),
    }
}

/// One flag with its passages, for a reader allowed to see it (see [`on_side`]).
pub fn detail(conn: &mut AnyConnection, owner: Owner, id: i64, hidden: &dyn Fn(i64) -> bool) -> AppResult<(FlagView, Vec<PassageView>)> {
    let (v, doc, other_id) = on_side(conn, owner, id, hidden)?;
    let own_text = store::body_of(conn, doc.id)?;
    let other_text = store::body_of(conn, other_id)?;
    let (a, b) = (Prepared::new(&own_text), Prepared::new(&other_text));
    let side_by_side = v.shown == Shown::SideBySide;
    let passages = compare(&a, &b)
        .passages
        .into_iter()
        .take(PASSAGES)
        .map(|p| PassageView {
            own: excerpt(&own_text, p.own, EXCERPT),
            other: side_by_side.then(|| excerpt(&other_text, p.other, EXCERPT)),
        })
        .collect();
    Ok((v, passages))
}

/// A flag this reader may decide on: the same test as reading it.
pub fn decidable(conn: &mut AnyConnection, owner: Owner, id: i64, hidden: &dyn Fn(i64) -> bool) -> AppResult<FlagView> {
    Ok(on_side(conn, owner, id, hidden)?.0)
}
