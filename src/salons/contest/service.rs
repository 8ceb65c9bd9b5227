//! One function per contest action, inside the caller's transaction: the organisers' settings
//! (and the default score form), entries, judges and state moves; a judge's sheet and score;
//! the board and the published results, both computed by `aggregate`.
//!
//! Who counts: a score counts while its writer is still a judge of the venue and may score
//! the talk (not an author of it, no binding conflict with it). Scores of removed judges stay
//! stored but are left out; a judge named again finds them back.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;

use super::aggregate::{self, Rule, Scale};
use super::model::{Contest, ContestMethod, ContestState, Entry};
use super::store;
use super::validate::{self, ContestEntriesInput, ContestInput, ContestJudgeInput, ContestScoreInput, ContestStateInput};
use super::view::{
    ContestBoard, ContestBoardRow, ContestEntries, ContestEntryView, ContestJudge, ContestJudgeTotal, ContestOverflow, ContestPaper,
    ContestResultRow, ContestResults, ContestSettings, ContestSheet, ContestSheetEntry,
};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::guard::venue::Chair;
use crate::venues::model::Venue;
use crate::web::AppState;

/// The refusal to change the score form once someone has scored.
pub const CRITERIA_FIXED: &str = "contest.criteria_fixed";

/// The venue's contest for its chairs, made on first use.
pub fn contest(conn: &mut AnyConnection, venue_id: i64, now: NaiveDateTime) -> AppResult<Contest> {
    let awards = to_json(&validate::default_awards())?;
    store::ensure(conn, venue_id, &awards, now)
}

fn settings_of(conn: &mut AnyConnection, c: &Contest) -> AppResult<ContestSettings> {
    Ok(ContestSettings {
        state: c.state,
        track_id: c.track_id,
        method: c.method,
        trim: i64::from(c.trim_count),
        criteria: c.criteria(),
        awards: c.awards(),
        scored: store::any_scores(conn, c.id)?,
    })
}

/// The contest's settings (chairs).
pub fn settings(conn: &mut AnyConnection, ch: &Chair, now: NaiveDateTime) -> AppResult<ContestSettings> {
    let c = contest(conn, ch.venue.id, now)?;
    settings_of(conn, &c)
}

/// Replaces the contest's settings (chairs). The score form is fixed once a judge has scored
/// (422 on `criteria`); a published contest changes nothing (409); the track must be the
/// venue's.
pub fn save(conn: &mut AnyConnection, ch: &Chair, input: &ContestInput, now: NaiveDateTime) -> AppResult<ContestSettings> {
    let spec = validate::settings(input)?;
    let c = contest(conn, ch.venue.id, now)?;
    if c.state == ContestState::Published {
        return Err(AppError::Conflict("contest.published_fixed".into()));
    }
    let mut f = FieldErrors::new();
    if let Some(t) = spec.track_id
        && !crate::venues::store::tracks_of(conn, &[ch.venue.id])?.iter().any(|x| x.id == t)
    {
        f.insert("track_id".into(), "contest.track_unknown".into());
    }
    if let Some(t) = spec.track_id {
        for e in store::entries(conn, c.id)? {
            if crate::submissions::store::get(conn, e.submission_id)?.track_id != Some(t) {
                f.insert("track_id".into(), "contest.track_has_other_entries".into());
                break;
            }
        }
    }
    if spec.criteria != c.criteria() && store::any_scores(conn, c.id)? {
        f.insert("criteria".into(), CRITERIA_FIXED.into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    store::save_settings(
        conn,
        c.id,
        &store::SettingsRow {
            track_id: spec.track_id,
            method: spec.method,
            trim: spec.trim,
            criteria: &to_json(&spec.criteria)?,
            awards: &to_json(&spec.awards)?,
        },
        now,
    )?;
    settings(conn, ch, now)
}

fn to_json<T: serde::Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(|e| AppError::caused("contest settings as JSON", e))
}

/// Puts the default score form in place of the current one (chairs), keeping the rest.
pub fn use_default(conn: &mut AnyConnection, ch: &Chair, now: NaiveDateTime) -> AppResult<ContestSettings> {
    let s = settings(conn, ch, now)?;
    let input = ContestInput {
        track_id: s.track_id,
        method: s.method.as_str().into(),
        trim: s.trim,
        criteria: validate::default_criteria(),
        awards: s
            .awards
            .iter()
            .map(|a| validate::ContestAwardInput {
                name_zh: a.name_zh.clone(),
                name_en: a.name_en.clone(),
                count: i64::from(a.count),
            })
            .collect(),
    };
    save(conn, ch, &input, now)
}

/// The presenting author's names (the first author's when none is marked).
fn paper_of(conn: &mut AnyConnection, s: &crate::submissions::model::Submission) -> AppResult<ContestPaper> {
    let authors = crate::submissions::store::authors_of(conn, s.id)?;
    let p = authors.iter().find(|a| a.is_presenter).or(authors.first());
    Ok(ContestPaper {
        submission_id: s.id,
        number: s.number,
        title_zh: s.title_zh.clone(),
        title_en: s.title_en.clone(),
        presenter_zh: p.map(|a| a.name_zh.clone()).unwrap_or_default(),
        presenter_latin: p.map(|a| a.name_latin.clone()).unwrap_or_default(),
    })
}

/// The papers that may enter: accepted, their authors told, not withdrawn, of the contest's
/// track when it has one (as `submissions::public` defines a public paper).
fn eligible(conn: &mut AnyConnection, venue_id: i64, track_id: Option<i64>) -> AppResult<Vec<crate::submissions::model::Submission>> {
    let labels = crate::review::phases::load(conn, venue_id)?.labels();
    Ok(crate::submissions::store::told_of_venue(conn, venue_id)?
        .into_iter()
        .filter(|(s, key)| {
            crate::review::decisions::service::label_of(&labels, key).accept && (track_id.is_none() || s.track_id == track_id)
        })
        .map(|(s, _)| s)
        .collect())
}

/// The contest's talks in order with their papers.
fn entry_views(conn: &mut AnyConnection, c: &Contest) -> AppResult<Vec<(Entry, ContestEntryView)>> {
    let mut out = Vec::new();
    for (i, e) in store::entries(conn, c.id)?.into_iter().enumerate() {
        let s = crate::submissions::store::get(conn, e.submission_id)?;
        let paper = paper_of(conn, &s)?;
        out.push((
            e.clone(),
            ContestEntryView {
                id: e.id,
                position: i as i64 + 1,
                paper,
            },
        ));
    }
    Ok(out)
}

/// The contest's entries and the papers that could still enter (chairs).
pub fn entries(conn: &mut AnyConnection, ch: &Chair, now: NaiveDateTime) -> AppResult<ContestEntries> {
    let c = contest(conn, ch.venue.id, now)?;
    let entries: Vec<ContestEntryView> = entry_views(conn, &c)?.into_iter().map(|(_, v)| v).collect();
    let mut candidates = Vec::new();
    for s in eligible(conn, ch.venue.id, c.track_id)? {
        if !entries.iter().any(|e| e.paper.submission_id == s.id) {
            candidates.push(paper_of(conn, &s)?);
        }
    }
    Ok(ContestEntries { entries, candidates })
}

/// Makes the listed papers the contest's talks in that order (chairs). Each must be an
/// accepted, told paper of the venue (and track); a talk that has scores cannot leave; a
/// published contest changes nothing.
pub fn put_entries(conn: &mut AnyConnection, ch: &Chair, input: &ContestEntriesInput, now: NaiveDateTime) -> AppResult<ContestEntries> {
    let c = contest(conn, ch.venue.id, now)?;
    if c.state == ContestState::Published {
        return Err(AppError::Conflict("contest.published_fixed".into()));
    }
    let allowed: HashSet<i64> = eligible(conn, ch.venue.id, c.track_id)?.iter().map(|s| s.id).collect();
    let mut f = FieldErrors::new();
    let mut seen = HashSet::new();
    for (i, id) in input.submissions.iter().enumerate() {
        if !allowed.contains(id) {
            f.insert(format!("submissions[{i}]"), "contest.entry_not_accepted".into());
        } else if !seen.insert(*id) {
            f.insert(format!("submissions[{i}]"), "contest.entry_twice".into());
        }
    }
    let scored: HashSet<i64> = store::scores(conn, c.id)?.iter().map(|s| s.entry_id).collect();
    for e in store::entries(conn, c.id)? {
        if !seen.contains(&e.submission_id) && scored.contains(&e.id) {
            f.insert("submissions".into(), "contest.entry_has_scores".into());
        }
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    store::replace_entries(conn, c.id, &input.submissions)?;
    entries(conn, ch, now)
}

/// The venue's judges with how many talks each has scored (chairs).
pub fn judges(conn: &mut AnyConnection, ch: &Chair, now: NaiveDateTime) -> AppResult<Vec<ContestJudge>> {
    let c = contest(conn, ch.venue.id, now)?;
    judges_of(conn, &c)
}

fn judges_of(conn: &mut AnyConnection, c: &Contest) -> AppResult<Vec<ContestJudge>> {
    let scores = store::scores(conn, c.id)?;
    let mut out = Vec::new();
    for id in roles::holders(conn, roles::CONTEST_JUDGE, roles::SCOPE_VENUE, c.venue_id)? {
        let u = crate::auth::store::by_id(conn, id)?;
        out.push(ContestJudge {
            user_id: u.id,
            name: u.display_name(),
            email: u.email.clone(),
            scored: scores.iter().filter(|s| s.judge_id == id).count() as i64,
        });
    }
    Ok(out)
}

/// Names a judge by the address of their account (chairs) and mails them the judging page in
/// their language; naming someone twice changes nothing (and mails nothing). An address
/// without an account is refused on `email`; a published contest keeps its judges (409).
pub fn add_judge(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    input: &ContestJudgeInput,
    now: NaiveDateTime,
) -> AppResult<ContestJudge> {
    let email = validate::judge(input)?;
    let c = contest(conn, ch.venue.id, now)?;
    if c.state == ContestState::Published {
        return Err(AppError::Conflict("contest.published_fixed".into()));
    }
    let u = crate::venues::role_holders::name(conn, state, &ch.venue, &JUDGES, &email)?;
    judges_of(conn, &c)?
        .into_iter()
        .find(|j| j.user_id == u.id)
        .ok_or(AppError::NotFound)
}

/// Takes the judge role away (chairs; 404 for someone who is not a judge; 409 once published).
/// Their scores stay stored but no longer count.
pub fn remove_judge(conn: &mut AnyConnection, ch: &Chair, user_id: i64) -> AppResult<()> {
    if !crate::guard::contest::is_judge(conn, user_id, ch.venue.id)? {
        return Err(AppError::NotFound);
    }
    // Published results stay as published.
    if store::of_venue(conn, ch.venue.id)?.is_some_and(|c| c.state == ContestState::Published) {
        return Err(AppError::Conflict("contest.published_fixed".into()));
    }
    crate::venues::role_holders::take_back(conn, roles::CONTEST_JUDGE, ch.venue.id, user_id)
}

/// How judges are named.
const JUDGES: crate::venues::role_holders::Handout = crate::venues::role_holders::Handout {
    role: roles::CONTEST_JUDGE,
    no_account: "contest.judge_no_account",
    mail: "contest_judge",
    page: "/contest/judge",
};

/// Moves the contest (chairs): setup → open (needs a score form, talks and judges) ⇄ closed →
/// published (mails the presenting authors of awarded talks). Other moves are refused on
/// `state`.
pub fn change_state(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    input: &ContestStateInput,
    now: NaiveDateTime,
) -> AppResult<ContestSettings> {
    let to = ContestState::parse(input.state.trim()).ok_or_else(|| AppError::field("state", "contest.state_invalid"))?;
    let c = contest(conn, ch.venue.id, now)?;
    if !validate::may_move(c.state, to) {
        return Err(AppError::field("state", "contest.move_refused"));
    }
    if to == ContestState::Open && c.state == ContestState::Setup {
        if c.criteria().is_empty() {
            return Err(AppError::field("state", "contest.open_needs_criteria"));
        }
        if store::entries(conn, c.id)?.is_empty() {
            return Err(AppError::field("state", "contest.open_needs_entries"));
        }
        if roles::holders(conn, roles::CONTEST_JUDGE, roles::SCOPE_VENUE, ch.venue.id)?.is_empty() {
            return Err(AppError::field("state", "contest.open_needs_judges"));
        }
    }
    store::set_state(conn, c.id, to, now)?;
    if to == ContestState::Published {
        let c = contest(conn, ch.venue.id, now)?;
        let computed = compute(conn, &c)?;
        super::mails::awarded(conn, state, &ch.venue, &c, &computed.rows)?;
    }
    settings(conn, ch, now)
}

/// A judge's sheet: the talks in order, each scored or not by them (or closed to them by a
/// conflict), with their own points only.
pub fn sheet(conn: &mut AnyConnection, venue: &Venue, judge: &User) -> AppResult<ContestSheet> {
    let c = store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)?;
    let hidden = crate::guard::contest::hidden_from(conn, judge, venue.id)?;
    let mine: HashMap<i64, super::model::JudgeScore> = store::scores_by(conn, c.id, judge.id)?
        .into_iter()
        .map(|s| (s.entry_id, s))
        .collect();
    let entries = entry_views(conn, &c)?
        .into_iter()
        .map(|(e, view)| {
            let conflict = hidden.contains(&e.submission_id);
            let own = if conflict { None } else { mine.get(&e.id) };
            ContestSheetEntry {
                entry: view,
                conflict,
                scored: own.is_some(),
                points: own.map(super::model::JudgeScore::points),
                comment: own.map(|s| s.comment.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(ContestSheet {
        state: c.state,
        criteria: c.criteria(),
        entries,
    })
}

/// One talk of a judge's sheet (404 for another contest's entry).
pub fn sheet_entry(conn: &mut AnyConnection, venue: &Venue, judge: &User, entry_id: i64) -> AppResult<(ContestSheet, ContestSheetEntry)> {
    let sheet = sheet(conn, venue, judge)?;
    let e = sheet
        .entries
        .iter()
        .find(|e| e.entry.id == entry_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((sheet, e))
}

/// Saves a judge's score of a talk, replacing theirs: only while the contest is open (409
/// otherwise), never for a talk closed to them by a conflict (404, as if it were not there).
pub fn score(
    conn: &mut AnyConnection,
    venue: &Venue,
    judge: &User,
    entry_id: i64,
    input: &ContestScoreInput,
    now: NaiveDateTime,
) -> AppResult<ContestSheetEntry> {
    let c = store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)?;
    let (_, e) = sheet_entry(conn, venue, judge, entry_id)?;
    if e.conflict {
        return Err(AppError::NotFound);
    }
    if c.state != ContestState::Open {
        return Err(AppError::Conflict("contest.not_open".into()));
    }
    let (points, comment) = validate::score(input, &c.criteria())?;
    let json = serde_json::to_string(&points).map_err(|e| AppError::caused("contest points as JSON", e))?;
    store::put_score(conn, c.id, entry_id, judge.id, &json, &comment, now)?;
    Ok(sheet_entry(conn, venue, judge, entry_id)?.1)
}

/// The board's figures for one talk.
pub struct Computed {
    /// The judges, in the order they were named.
    pub judges: Vec<ContestJudge>,
    /// Rows by rank.
    pub rows: Vec<ContestBoardRow>,
    /// Tiers exceeded by ties.
    pub overflows: Vec<ContestOverflow>,
}

fn rule(c: &Contest) -> Rule {
    match c.method {
        ContestMethod::TrimmedMean => Rule::TrimmedMean(c.trim_count.max(0) as u32),
        ContestMethod::Mean => Rule::Mean,
        ContestMethod::Median => Rule::Median,
    }
}

fn two(x: f64) -> f64 {
    aggregate::hundredths(x) as f64 / 100.0
}

/// The board: per talk each judge's total, the score, rank and award.
fn compute(conn: &mut AnyConnection, c: &Contest) -> AppResult<Computed> {
    let judges = judges_of(conn, c)?;
    let mut hidden: BTreeMap<i64, HashSet<i64>> = BTreeMap::new();
    for j in &judges {
        let u = crate::auth::store::by_id(conn, j.user_id)?;
        hidden.insert(j.user_id, crate::guard::contest::hidden_from(conn, &u, c.venue_id)?);
    }
    let scales: Vec<Scale> = c
        .criteria()
        .iter()
        .map(|x| Scale {
            max: x.max,
            weight: x.weight,
        })
        .collect();
    let scores = store::scores(conn, c.id)?;
    let mut rows = Vec::new();
    for (e, view) in entry_views(conn, c)? {
        let mut totals = Vec::new();
        let mut counted = Vec::new();
        for j in &judges {
            let conflict = hidden[&j.user_id].contains(&e.submission_id);
            let total = if conflict {
                None
            } else {
                scores
                    .iter()
                    .find(|s| s.entry_id == e.id && s.judge_id == j.user_id)
                    .map(|s| aggregate::judge_total(&s.points(), &scales))
            };
            counted.extend(total);
            totals.push(ContestJudgeTotal {
                judge_id: j.user_id,
                total: total.map(two),
                conflict,
            });
        }
        let eligible = totals.iter().filter(|t| !t.conflict).count() as i64;
        let s = aggregate::entry_score(&counted, rule(c));
        rows.push(ContestBoardRow {
            entry: view,
            eligible,
            scored: counted.len() as i64,
            missing: (counted.len() as i64) < eligible,
            totals,
            score: s.value.map(two),
            trimmed: s.trimmed,
            rank: None,
            award: None,
        });
    }
    let ranks = aggregate::ranks(&rows.iter().map(|r| r.score.map(aggregate::hundredths)).collect::<Vec<_>>());
    let awards = c.awards();
    let (given, over) = aggregate::awards(&ranks, &awards.iter().map(|a| a.count).collect::<Vec<_>>());
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = ranks[i];
        r.award = given[i];
    }
    rows.sort_by_key(|r| (r.rank.is_none(), r.rank, r.entry.position));
    Ok(Computed {
        judges,
        rows,
        overflows: over
            .iter()
            .map(|o| ContestOverflow {
                tier: o.tier,
                count: awards[o.tier].count,
                given: o.given,
            })
            .collect(),
    })
}

/// The organisers' live board (chairs).
pub fn board(conn: &mut AnyConnection, ch: &Chair, now: NaiveDateTime) -> AppResult<ContestBoard> {
    let c = contest(conn, ch.venue.id, now)?;
    let computed = compute(conn, &c)?;
    Ok(ContestBoard {
        state: c.state,
        method: c.method,
        trim: i64::from(c.trim_count),
        judges: computed.judges,
        awards: c.awards(),
        rows: computed.rows,
        overflows: computed.overflows,
    })
}

/// The published results (anyone who may see the venue; 404 until published): ranking,
/// awards and scores, never judges or their totals.
pub fn results(conn: &mut AnyConnection, venue: &Venue) -> AppResult<ContestResults> {
    let c = store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)?;
    let (ContestState::Published, Some(published_at)) = (c.state, c.published_at) else {
        return Err(AppError::NotFound);
    };
    let computed = compute(conn, &c)?;
    let awards = c.awards();
    Ok(ContestResults {
        method: c.method,
        trim: i64::from(c.trim_count),
        published_at,
        rows: computed
            .rows
            .into_iter()
            .map(|r| ContestResultRow {
                paper: r.entry.paper,
                score: r.score,
                counted: r.scored,
                trimmed: r.trimmed,
                rank: r.rank,
                award_zh: r.award.map(|t| awards[t].name_zh.clone()),
                award_en: r.award.map(|t| awards[t].name_en.clone()),
            })
            .collect(),
        awards,
        overflows: computed.overflows,
    })
}

/// Which contest page `user` finds from the venue page: `board` (chairs), `judge` (judges),
/// `results` (anyone, once published), or none.
pub fn link_for(conn: &mut AnyConnection, user: Option<&User>, venue: &Venue, manages: bool) -> AppResult<Option<&'static str>> {
    let c = store::of_venue(conn, venue.id)?;
    // Chairs find it where a contest fits: a forum, a venue with a forum track, or one started.
    if manages
        && (c.is_some()
            || venue.kind == crate::venues::model::VenueKind::Forum
            || crate::venues::store::tracks_of(conn, &[venue.id])?
                .iter()
                .any(|t| t.kind == crate::venues::model::TrackKind::Forum))
    {
        return Ok(Some("board"));
    }
    if let Some(u) = user
        && c.is_some()
        && crate::guard::contest::is_judge(conn, u.id, venue.id)?
    {
        return Ok(Some("judge"));
    }
    Ok(c.filter(|c| c.state == ContestState::Published).map(|_| "results"))
}

/// The venues whose contest `user_id` judges (for their dashboard).
pub fn judged_by(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Venue>> {
    let mut out = Vec::new();
    for g in roles::of_user(conn, user_id)? {
        if g.role == roles::CONTEST_JUDGE && g.scope_kind == roles::SCOPE_VENUE {
            out.push(crate::venues::store::by_id(conn, g.scope_id)?);
        }
    }
    Ok(out)
}
