//! Solver runs on a venue's data: the proposal a chair reviews before committing it, and the
//! commit that turns it into assignments and mails.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::store::{self, AUTO, MANUAL};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::affinity::compute;
use crate::review::assign::{self, Candidate, FairOptions, Mode, Problem, SolveError, describe};
use crate::review::committee::model::AREA_CHAIR;
use crate::review::settings;
use crate::web::AppState;

/// Optimisation modes a chair can choose.
pub const MODES: [&str; 3] = ["max_total", "fair", "incremental"];

/// A reviewer proposed for a paper.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Proposed {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Affinity.
    pub score: f64,
}

/// A paper in a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProposedPaper {
    /// Submission id.
    pub id: i64,
    /// Number.
    pub number: i32,
    /// Chinese title (may be empty).
    #[serde(default)]
    pub title_zh: String,
    /// English title (may be empty).
    #[serde(default)]
    pub title_en: String,
    /// The single title proposals stored before they kept both (read, never written).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Its reviewers.
    pub reviewers: Vec<Proposed>,
    /// Sum of their affinities.
    pub total: f64,
}

/// A member's load in a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Load {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Papers proposed.
    pub load: usize,
    /// Mean affinity of those papers.
    pub mean_score: f64,
}

/// A reason in both languages.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = AssignmentReason)]
pub struct Reason {
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

/// What a run proposes (or why it cannot).
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Proposal {
    /// Per paper.
    pub papers: Vec<ProposedPaper>,
    /// Per member.
    pub loads: Vec<Load>,
    /// Total affinity.
    pub total: f64,
    /// Guaranteed distance to the exact optimum (none in fair mode, which trades total for fairness).
    pub max_gap: Option<f64>,
    /// Affinities of the proposed pairs by range: (label, count).
    pub histogram: Vec<(String, usize)>,
    /// Fair mode: lowest paper total and its upper bound.
    pub fairness: Option<(f64, f64)>,
    /// Incremental mode: kept, removed, added.
    pub changes: Option<(usize, usize, usize)>,
    /// Why no assignment exists (empty when one does).
    pub reasons: Vec<Reason>,
}

/// A stored run with its proposal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RunView {
    /// Run id.
    pub id: i64,
    /// Role.
    pub role: String,
    /// Mode.
    pub mode: String,
    /// `proposed`, `committed`, `discarded` or `infeasible`.
    pub status: String,
    /// The proposal.
    pub proposal: Proposal,
}

/// Reads a stored run.
pub fn view(run: store::Run) -> RunView {
    RunView {
        proposal: serde_json::from_str(&run.proposal).unwrap_or_default(),
        id: run.id,
        role: run.role,
        mode: run.mode,
        status: run.status,
    }
}

/// Affinities by range: (label, count).
pub fn histogram(scores: &[f64]) -> Vec<(String, usize)> {
    if scores.is_empty() {
        return vec![];
    }
    let (lo, hi) = scores
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
    let buckets = 8usize;
    let width = ((hi - lo) / buckets as f64).max(f64::EPSILON);
    let mut counts = vec![0usize; buckets];
    for &s in scores {
        counts[(((s - lo) / width) as usize).min(buckets - 1)] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, n)| (format!("{:.2}–{:.2}", lo + width * i as f64, lo + width * (i + 1) as f64), n))
        .collect()
}

/// Runs the solver on the venue's current data and stores the proposal.
pub fn propose(
    conn: &mut AnyConnection,
    venue_id: i64,
    role: crate::review::committee::model::CommitteeRole,
    mode: &str,
    by: i64,
) -> AppResult<RunView> {
    if !MODES.contains(&mode) {
        return Err(AppError::field("mode", "validation.mode_invalid"));
    }
    let s = settings::load(conn, venue_id)?;
    let a = compute::compute(conn, venue_id, role, s.weights, s.use_imported)?;
    let paper_index: HashMap<i64, u32> = a.papers.iter().enumerate().map(|(i, p)| (p.id, i as u32)).collect();
    let member_index: HashMap<i64, u32> = a.members.iter().enumerate().map(|(i, m)| (m.user_id, i as u32)).collect();
    let current = store::list(conn, venue_id, role)?;
    let pairs_of = |source: store::AssignmentSource| -> Vec<(u32, u32)> {
        current
            .iter()
            .filter(|x| x.source == source)
            .filter_map(|x| Some((*paper_index.get(&x.submission_id)?, *member_index.get(&x.user_id)?)))
            .collect()
    };
    let per_paper = settings::paper_demands(conn, venue_id)?;
    let demand = |id: i64| -> u32 {
        if role == AREA_CHAIR {
            1
        } else {
            per_paper.get(&id).copied().unwrap_or(s.reviewers_per_paper).max(0) as u32
        }
    };
    let problem = Problem {
        num_papers: a.papers.len(),
        num_reviewers: a.members.len(),
        demand: a.papers.iter().map(|p| demand(p.id)).collect(),
        min_load: a.members.iter().map(|m| m.min_load.unwrap_or(s.min_load).max(0) as u32).collect(),
        max_load: a.members.iter().map(|m| m.max_load.unwrap_or(s.max_load).max(0) as u32).collect(),
        candidates: a
            .pairs
            .iter()
            .map(|p| Candidate {
                paper: p.paper as u32,
                reviewer: p.member as u32,
                score: p.score,
            })
            .collect(),
        conflicts: a.conflicts.iter().map(|&(p, m)| (p as u32, m as u32)).collect(),
        forbidden: vec![],
        // A chair's manual assignments are hard in every mode.
        forced: pairs_of(MANUAL),
    };
    let solver_mode = match mode {
        "fair" => Mode::Fair(FairOptions::default()),
        "incremental" => Mode::Incremental { existing: pairs_of(AUTO) },
        _ => Mode::MaxTotal,
    };
    // Papers are named in the language of the sentence they appear in.
    let papers = &a.papers;
    let named = |lang: crate::web::i18n::Lang| {
        move |i: u32| {
            let p = &papers[i as usize];
            format!("#{} {}", p.number, crate::web::bilingual::pick(&p.title_zh, &p.title_en, lang))
        }
    };
    let (paper_zh, paper_en) = (named(crate::web::i18n::Lang::ZhCn), named(crate::web::i18n::Lang::En));
    let member_name = |i: u32| a.members[i as usize].name.clone();
    let params = json!({"settings": s, "mode": mode}).to_string();
    let (proposal, status) = if a.papers.is_empty() {
        (Proposal::default(), "proposed")
    } else {
        match assign::solve(&problem, &solver_mode, None) {
            Ok(result) => {
                let mut scores = Vec::new();
                let mut loads: Vec<(usize, f64)> = vec![(0, 0.0); a.members.len()];
                let papers = result
                    .papers
                    .iter()
                    .enumerate()
                    .map(|(pi, list)| {
                        let p = &a.papers[pi];
                        let reviewers: Vec<Proposed> = list
                            .iter()
                            .map(|&(r, score)| {
                                scores.push(score);
                                loads[r as usize].0 += 1;
                                loads[r as usize].1 += score;
                                Proposed {
                                    user_id: a.members[r as usize].user_id,
                                    name: a.members[r as usize].name.clone(),
                                    score,
                                }
                            })
                            .collect();
                        ProposedPaper {
                            id: p.id,
                            number: p.number,
                            title_zh: p.title_zh.clone(),
                            title_en: p.title_en.clone(),
                            title: String::new(),
                            total: reviewers.iter().map(|r| r.score).sum(),
                            reviewers,
                        }
                    })
                    .collect();
                let proposal = Proposal {
                    papers,
                    loads: a
                        .members
                        .iter()
                        .zip(loads)
                        .map(|(m, (n, sum))| Load {
                            user_id: m.user_id,
                            name: m.name.clone(),
                            load: n,
                            mean_score: if n > 0 { sum / n as f64 } else { 0.0 },
                        })
                        .collect(),
                    total: result.total_score,
                    max_gap: Some(result.precision.max_gap).filter(|g| g.is_finite()),
                    histogram: histogram(&scores),
                    fairness: result.fairness.as_ref().map(|f| (f.min_paper_score, f.upper_bound)),
                    changes: result.incremental.as_ref().map(|c| (c.kept, c.removed, c.added)),
                    reasons: vec![],
                };
                (proposal, "proposed")
            }
            Err(SolveError::Infeasible(reasons)) => {
                let reasons = reasons
                    .iter()
                    .map(|r| Reason {
                        en: describe::infeasibility(r, false, &paper_en, &member_name),
                        zh: describe::infeasibility(r, true, &paper_zh, &member_name),
                    })
                    .collect();
                (
                    Proposal {
                        reasons,
                        ..Default::default()
                    },
                    "infeasible",
                )
            }
            Err(SolveError::Input(errors)) => {
                let reasons = errors
                    .iter()
                    .map(|e| Reason {
                        en: describe::input_error(e, false, &paper_en, &member_name),
                        zh: describe::input_error(e, true, &paper_zh, &member_name),
                    })
                    .collect();
                (
                    Proposal {
                        reasons,
                        ..Default::default()
                    },
                    "infeasible",
                )
            }
        }
    };
    let id = store::save_run(
        conn,
        venue_id,
        role,
        mode,
        &params,
        &serde_json::to_string(&proposal).unwrap_or_default(),
        status,
        by,
    )?;
    Ok(view(store::run(conn, venue_id, id)?))
}

/// What committing a proposal would change: (paper, member) pairs added, and solver-made
/// assignments removed (with their ids). Manual assignments are never removed; a pair with a
/// binding conflict (also one confirmed after the run) is never added.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    /// Pairs the commit adds.
    pub added: Vec<(i64, i64)>,
    /// Solver-made assignments the commit removes: (assignment id, paper, member).
    pub removed: Vec<(i64, i64, i64)>,
}

fn role_of(run: &store::Run) -> crate::review::committee::model::CommitteeRole {
    if run.role == AREA_CHAIR {
        AREA_CHAIR
    } else {
        crate::review::committee::model::REVIEWER
    }
}

/// The changes committing `run` would make now.
pub fn changes(conn: &mut AnyConnection, venue_id: i64, run: &store::Run) -> AppResult<Changes> {
    let proposal: Proposal = serde_json::from_str(&run.proposal).map_err(|e| AppError::caused("stored proposal", e))?;
    let wanted: Vec<(i64, i64)> = proposal
        .papers
        .iter()
        .flat_map(|p| p.reviewers.iter().map(move |r| (p.id, r.user_id)))
        .collect();
    let conflicted = crate::review::conflicts::store::binding_pairs(conn, venue_id)?;
    let current = store::list(conn, venue_id, role_of(run))?;
    let have: HashSet<(i64, i64)> = current.iter().map(|a| (a.submission_id, a.user_id)).collect();
    let wanted_set: HashSet<(i64, i64)> = wanted.iter().copied().collect();
    Ok(Changes {
        added: wanted
            .into_iter()
            .filter(|pair| !have.contains(pair) && !conflicted.contains(pair))
            .collect(),
        removed: current
            .iter()
            .filter(|a| a.source == AUTO && !wanted_set.contains(&(a.submission_id, a.user_id)))
            .map(|a| (a.id, a.submission_id, a.user_id))
            .collect(),
    })
}

/// Turns a proposal into the role's assignments: solver-made pairs not proposed are removed,
/// new ones added, manual ones kept; every member with new papers, and every member who lost
/// some, gets a mail.
pub fn commit(conn: &mut AnyConnection, state: &AppState, venue_id: i64, run_id: i64, by: i64) -> AppResult<RunView> {
    let run = store::run(conn, venue_id, run_id)?;
    if run.status != "proposed" {
        return Err(AppError::Conflict("assignment.not_proposed".into()));
    }
    let role = role_of(&run);
    let change = changes(conn, venue_id, &run)?;
    let mut lost_by_member: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(id, sid, uid) in &change.removed {
        store::remove(conn, venue_id, id)?;
        lost_by_member.entry(uid).or_default().push(sid);
    }
    let mut new_by_member: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(sid, uid) in &change.added {
        if store::add(conn, venue_id, sid, uid, role, AUTO, by)? {
            new_by_member.entry(uid).or_default().push(sid);
        }
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let titles: HashMap<i64, (i32, String, String)> = crate::submissions::store::titles(conn, venue_id, false)?
        .into_iter()
        .map(|(id, number, zh, en)| (id, (number, zh, en)))
        .collect();
    for (template, by_member) in [("review_assignment", new_by_member), ("review_unassignment", lost_by_member)] {
        for (uid, ids) in by_member {
            let u = crate::auth::store::by_id(conn, uid)?;
            let papers: Vec<String> = ids
                .iter()
                .filter_map(|id| titles.get(id))
                .map(|(number, zh, en)| format!("#{number} {}", crate::web::bilingual::pick(zh, en, u.mail_lang())))
                .collect();
            crate::mail::queue(
                conn,
                state,
                crate::mail::Mail::to_user(
                    &u,
                    u.mail_lang(),
                    template,
                    json!({
                        "venue_zh": venue.title_zh, "venue_en": venue.title_en, "role": role,
                        "papers": papers, "link": format!("{}/reviews", state.config.base_url),
                    }),
                ),
            )?;
        }
    }
    store::decide_run(conn, run_id, "committed")?;
    Ok(view(store::run(conn, venue_id, run_id)?))
}
