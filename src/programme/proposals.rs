//! Proposals of the automatic scheduler: a chair asks (only unscheduled talks, or all), a job
//! builds the problem from the draft and solves it, and the chair reads the result (placed,
//! optimal or within what gap, what stopped the rest) and accepts or discards it. Nothing in
//! the draft changes until they accept, and a proposal made from an older revision of the
//! draft is refused rather than applied over edits made since.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::draft::{self, Draft};
use super::model::{Proposal, ProposalMode, ScheduleStatus, SessionKind};
use super::scheduler::{self, Infeasibility, Mode, NoSessionReason, Obstacle, Options, Problem, Similarity, Talk as TalkSpec, Weights};
use super::service;
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::web::AppState;

/// The longest a solve may take, whatever the size (the search stops there with its best).
const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(50);

/// Compute proposal `proposal_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Propose {
    /// The proposal.
    pub proposal_id: i64,
}

impl crate::jobs::typed::JobPayload for Propose {
    const KIND: &'static str = "programme.propose";
    // A failed solve says so on the proposal; the chair asks again.
    const MAX_ATTEMPTS: i32 = 1;
}

/// One talk placed by a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProposedPlacement {
    /// The slot, if the talk has one.
    pub slot_id: Option<i64>,
    /// The paper, for papers without a slot.
    pub submission_id: Option<i64>,
    /// The paper's number.
    pub number: Option<i32>,
    /// Title (Chinese).
    pub title_zh: String,
    /// Title (English).
    pub title_en: String,
    /// Where it is now.
    pub from: Option<i64>,
    /// Where the proposal puts it (`None`: not placed).
    pub to: Option<i64>,
}

/// What stops a talk (or the programme) being scheduled, with ids and names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Snag {
    /// `no_session_of_its_kind`, `too_long`, `speaker_unavailable`, `speaker_talks_collide`,
    /// `not_enough_time`, `full`.
    pub code: String,
    /// The talks concerned (titles, by the talk's place in `placements`).
    pub talks: Vec<usize>,
    /// The speaker concerned.
    pub person: String,
    /// The sessions concerned.
    pub sessions: Vec<i64>,
    /// Needed and available minutes (or posters).
    pub needed: i64,
    /// Available.
    pub available: i64,
}

/// The result of a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outcome {
    /// Every talk of the problem, with where it goes.
    pub placements: Vec<ProposedPlacement>,
    /// Objective of the proposal.
    pub objective: f64,
    /// No schedule placing every talk scores above this.
    pub bound: f64,
    /// Whether it is proven optimal.
    pub optimal: bool,
    /// Talks placed.
    pub placed: usize,
    /// Talks in all.
    pub total: usize,
    /// What stopped the rest.
    pub problems: Vec<Snag>,
    /// Milliseconds the solver took.
    pub millis: u128,
}

/// A proposal as the chair reads it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScheduleProposal {
    /// Id.
    pub id: i64,
    /// Where it stands.
    pub status: ScheduleStatus,
    /// Which talks it places.
    pub mode: ProposalMode,
    /// Whether the draft changed since it was computed (it can then only be discarded).
    pub outdated: bool,
    /// The result, once computed.
    pub outcome: Option<Outcome>,
    /// Why the solver failed.
    pub error: String,
}

/// The view of a stored proposal.
pub fn view(p: &Proposal, revision: i64) -> ScheduleProposal {
    let outcome = if p.status == ScheduleStatus::Queued || p.status == ScheduleStatus::Failed {
        None
    } else {
        serde_json::from_str(&p.result).ok()
    };
    ScheduleProposal {
        id: p.id,
        status: p.status,
        mode: p.mode,
        outdated: p.revision != revision,
        error: if p.status == ScheduleStatus::Failed {
            p.result.clone()
        } else {
            String::new()
        },
        outcome,
    }
}

/// Asks for a proposal; the job computes it.
pub fn request(conn: &mut AnyConnection, ch: &Chair, mode: ProposalMode, now: NaiveDateTime) -> AppResult<i64> {
    let revision = store::settings(conn, ch.venue.id, now)?.revision;
    let id = store::insert_proposal(conn, ch.venue.id, mode, revision, ch.user_id, now)?;
    crate::jobs::typed::enqueue(conn, &Propose { proposal_id: id })?;
    Ok(id)
}

/// Registers the job.
pub fn register(registry: &mut crate::jobs::Registry, state: AppState) {
    registry.register_job::<Propose, _, _, _>(state, |state: AppState, job: Propose| async move {
        run(&state, job).await.map_err(anyhow::Error::from)
    });
}

/// The talks of a problem, in the problem's order.
struct Talk {
    slot_id: Option<i64>,
    submission_id: Option<i64>,
    number: Option<i32>,
    title_zh: String,
    title_en: String,
    from: Option<i64>,
}

/// Builds the scheduling problem from a draft.
fn build(d: &Draft, mode: ProposalMode) -> (Problem, Vec<Talk>, Vec<i64>, Vec<String>) {
    let minutes = |t: chrono::DateTime<Utc>| t.timestamp() / 60;
    let mut people: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut person = |guid: &str, name: &str| -> u32 {
        let n = people.len() as u32;
        *people.entry(guid.to_string()).or_insert_with(|| {
            names.push(name.to_string());
            n
        })
    };
    let targets: Vec<&super::snapshot::SessionItem> = d
        .snapshot
        .sessions
        .iter()
        .filter(|s| SessionKind::parse(&s.kind).is_some_and(service::schedulable_kind))
        .collect();
    let index: HashMap<i64, usize> = targets.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let capacity: HashMap<i64, Option<i32>> = d.sessions.iter().map(|s| (s.id, s.capacity)).collect();
    // Dense indices for rooms and tracks; a session without a room is a room of its own.
    let mut rooms: HashMap<Option<i64>, u32> = HashMap::new();
    let mut tracks: HashMap<i64, u32> = HashMap::new();
    let mut track_of = |t: Option<i64>| -> Option<u32> {
        let n = tracks.len() as u32;
        t.map(|t| *tracks.entry(t).or_insert(n))
    };
    let mut sessions = Vec::new();
    for (i, s) in targets.iter().enumerate() {
        let n = rooms.len() as u32;
        let room = if s.room_id.is_some() {
            *rooms.entry(s.room_id).or_insert(n)
        } else {
            1_000_000 + i as u32
        };
        let poster = s.kind == "poster_session";
        sessions.push(scheduler::Session {
            room,
            start: minutes(s.starts_at),
            end: minutes(s.ends_at),
            kind: if poster {
                scheduler::SessionKind::Posters
            } else {
                scheduler::SessionKind::Talks
            },
            track: track_of(s.track_id),
            chairs: s
                .chairs
                .iter()
                .chain(&s.moderators)
                .map(|p| person(&p.guid, p.name("en")))
                .collect(),
            fixed_minutes: 0,
            capacity: capacity.get(&s.id).copied().flatten().map(|c| c.max(0) as u32),
        });
    }
    // Commitments outside the problem (talks in keynotes, panels, ...; chairing them) are
    // times their people are taken.
    let mut busy: Vec<(u32, i64, i64)> = d
        .busy
        .iter()
        .map(|b| (person(&b.person, ""), minutes(b.starts_at), minutes(b.ends_at)))
        .collect();
    for s in d.snapshot.sessions.iter().filter(|s| !index.contains_key(&s.id)) {
        for p in s.chairs.iter().chain(&s.moderators) {
            busy.push((person(&p.guid, p.name("en")), minutes(s.starts_at), minutes(s.ends_at)));
        }
        for t in &s.talks {
            for p in &t.speakers {
                busy.push((
                    person(&p.guid, p.name("en")),
                    minutes(t.starts_at),
                    minutes(t.starts_at) + t.duration_min as i64,
                ));
            }
        }
    }
    let pinned: HashMap<i64, bool> = d.slots.iter().map(|s| (s.id, s.pinned)).collect();
    let slot_paper: HashMap<i64, i64> = d.slots.iter().filter_map(|s| s.submission_id.map(|p| (s.id, p))).collect();
    let mut talks = Vec::new();
    let mut specs = Vec::new();
    let mut texts = Vec::new();
    let mut topics: Vec<Vec<i64>> = Vec::new();
    // Each talk's GUID (as agenda stars name it) → its index in the problem.
    let mut by_guid: HashMap<String, usize> = HashMap::new();
    let slot_guid: HashMap<i64, &str> = d.slots.iter().map(|s| (s.id, s.guid.as_str())).collect();
    for s in &targets {
        let si = index[&s.id];
        for (position, t) in s.talks.iter().enumerate() {
            by_guid.insert(t.guid.clone(), specs.len());
            let paper = slot_paper.get(&t.id).and_then(|p| d.papers.get(p));
            let keep = pinned.get(&t.id).copied().unwrap_or(false);
            specs.push(TalkSpec {
                duration: t.duration_min as i64,
                speakers: t.speakers.iter().map(|p| person(&p.guid, p.name("en"))).collect(),
                track: track_of(paper.and_then(|p| p.track_id)),
                poster: sessions[si].kind == scheduler::SessionKind::Posters,
                pinned: keep.then_some(si),
                current: Some(si),
                position: Some(position as u32),
            });
            talks.push(Talk {
                slot_id: Some(t.id),
                submission_id: paper.map(|p| p.id),
                number: t.number,
                title_zh: t.title_zh.clone(),
                title_en: t.title_en.clone(),
                from: Some(s.id),
            });
            texts.push(format!(
                "{} {} {} {}",
                t.title_zh,
                t.title_en,
                t.abstract_text,
                paper.map_or("", |p| p.keywords.as_str())
            ));
            topics.push(paper.map(|p| p.topics.clone()).unwrap_or_default());
        }
    }
    for w in &d.waiting {
        let paper = w.submission_id.and_then(|id| d.papers.get(&id));
        if paper.is_some_and(|p| !p.schedulable()) {
            continue;
        }
        let guid = match (w.slot_id, w.submission_id) {
            (Some(id), _) => slot_guid.get(&id).map(|g| g.to_string()),
            (None, Some(p)) => Some(draft::paper_guid(&d.venue.slug, p)),
            (None, None) => None,
        };
        if let Some(g) = guid {
            by_guid.insert(g, specs.len());
        }
        specs.push(TalkSpec {
            duration: w.duration_min as i64,
            speakers: w.speakers.iter().map(|p| person(&p.guid, p.name("en"))).collect(),
            track: track_of(w.track_id),
            poster: w.poster,
            pinned: None,
            current: None,
            position: None,
        });
        talks.push(Talk {
            slot_id: w.slot_id,
            submission_id: w.submission_id,
            number: w.number,
            title_zh: w.title_zh.clone(),
            title_en: w.title_en.clone(),
            from: None,
        });
        texts.push(format!(
            "{} {} {} {}",
            w.title_zh,
            w.title_en,
            paper.map_or("", |p| p.abstract_text.as_str()),
            paper.map_or("", |p| p.keywords.as_str())
        ));
        topics.push(w.topics.clone());
    }
    let mut by_person = vec![Vec::new(); people.len()];
    for (q, a, b) in busy {
        by_person[q as usize].push((a, b));
    }
    let _ = mode;
    let problem = Problem {
        sessions,
        talks: specs,
        busy: by_person,
        similarity: similarity(&texts, &topics),
        coattend: d
            .coattend
            .iter()
            .filter_map(|(a, b, n)| Some((*by_guid.get(a)?, *by_guid.get(b)?, *n as f64)))
            .filter(|(i, j, _)| i != j)
            .collect(),
        weights: Weights::default(),
    };
    (problem, talks, targets.iter().map(|s| s.id).collect(), names)
}

/// Topic similarity of pairs of talks: the review module's TF-IDF cosine of title, abstract
/// and keywords, averaged with the Jaccard of their topics when both have topics; the 40 most
/// similar talks of each are kept.
fn similarity(texts: &[String], topics: &[Vec<i64>]) -> Similarity {
    let vectors = crate::review::affinity::text::vectors(texts);
    let n = texts.len();
    let mut pairs = std::collections::BTreeMap::new();
    for i in 0..n {
        let mut row: Vec<(usize, f64)> = (0..n)
            .filter(|&j| j != i)
            .map(|j| {
                let text = crate::review::affinity::text::cosine(&vectors[i], &vectors[j]);
                let (a, b) = (&topics[i], &topics[j]);
                let sim = if a.is_empty() || b.is_empty() {
                    text
                } else {
                    let shared = a.iter().filter(|x| b.contains(x)).count() as f64;
                    0.5 * text + 0.5 * shared / ((a.len() + b.len()) as f64 - shared)
                };
                (j, sim)
            })
            .filter(|(_, s)| *s > 0.0)
            .collect();
        row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        row.truncate(40);
        for (j, sim) in row {
            pairs.insert((i.min(j), i.max(j)), sim as f32);
        }
    }
    Similarity::Pairs(pairs.into_iter().map(|((i, j), s)| (i, j, s)).collect())
}

/// The words' key of why no session can take a talk.
fn blocked_code(list: &[(usize, Obstacle)]) -> &'static str {
    if list
        .iter()
        .any(|(_, o)| matches!(o, Obstacle::SpeakerBusy { .. } | Obstacle::SpeakerChairs { .. }))
    {
        "speaker_unavailable"
    } else {
        "too_long"
    }
}

/// Solves a draft's problem (pure apart from the clock).
pub fn compute(d: &Draft, mode: ProposalMode) -> Outcome {
    let (problem, talks, sessions, names) = build(d, mode);
    let started = std::time::Instant::now();
    let options = Options {
        mode: if mode == ProposalMode::All {
            Mode::ReplaceAll
        } else {
            Mode::UnscheduledOnly
        },
        deadline: Some(started + TIME_LIMIT),
        ..Options::default()
    };
    let out = match scheduler::solve(&problem, &options) {
        Ok(out) => out,
        Err(errors) => {
            // Our own problem building is wrong if this happens: say so instead of guessing.
            tracing::error!(?errors, "scheduler refused the problem");
            return Outcome {
                placements: vec![],
                objective: 0.0,
                bound: 0.0,
                optimal: false,
                placed: 0,
                total: talks.len(),
                problems: vec![],
                millis: 0,
            };
        }
    };
    let millis = started.elapsed().as_millis();
    // Placements session by session in the proposed order, then the unplaced ones.
    let mut order: Vec<usize> = out.sessions.iter().flatten().copied().collect();
    order.extend((0..talks.len()).filter(|t| out.placement[*t].is_none()));
    let placements = order
        .iter()
        .map(|&i| {
            let t = &talks[i];
            ProposedPlacement {
                slot_id: t.slot_id,
                submission_id: t.submission_id,
                number: t.number,
                title_zh: t.title_zh.clone(),
                title_en: t.title_en.clone(),
                from: t.from,
                to: out.placement[i].map(|s| sessions[s]),
            }
        })
        .collect();
    // Snags name talks by their place in `placements`.
    let at: HashMap<usize, usize> = order.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let talk_list = |list: &[usize]| list.iter().filter_map(|t| at.get(t).copied()).collect::<Vec<_>>();
    let empty = || Snag {
        code: String::new(),
        talks: vec![],
        person: String::new(),
        sessions: vec![],
        needed: 0,
        available: 0,
    };
    let problems = out
        .issues
        .iter()
        .map(|o| match o {
            Infeasibility::FixedViolates { talk, session, .. } => Snag {
                code: "fixed_violates".into(),
                talks: talk_list(&[*talk]),
                sessions: vec![sessions[*session]],
                ..empty()
            },
            Infeasibility::NoSession { talk, reason } => Snag {
                code: match reason {
                    NoSessionReason::NoSessionOfKind { .. } => "no_session_of_its_kind".into(),
                    NoSessionReason::AllBlocked(list) => blocked_code(list).into(),
                },
                talks: talk_list(&[*talk]),
                ..empty()
            },
            Infeasibility::SpeakerTalksCollide {
                person,
                talks: list,
                sessions: s,
            } => Snag {
                code: "speaker_talks_collide".into(),
                talks: talk_list(list),
                person: names.get(*person as usize).cloned().unwrap_or_default(),
                sessions: s.iter().map(|&i| sessions[i]).collect(),
                ..empty()
            },
            Infeasibility::NotEnoughTime {
                poster, needed, available, ..
            } => Snag {
                code: if *poster {
                    "not_enough_posters".into()
                } else {
                    "not_enough_time".into()
                },
                needed: *needed,
                available: *available,
                ..empty()
            },
            Infeasibility::Crowded {
                talk, sessions: blocked, ..
            } => {
                // Blocked only by full sessions and by the speaker's own other talks at the same
                // time: that is the speaker's talks colliding, which is what the chair can fix.
                let elsewhere: Vec<(u32, usize)> = blocked
                    .iter()
                    .filter_map(|(_, o)| match o {
                        Obstacle::SpeakerElsewhere { person, talk, .. } => Some((*person, *talk)),
                        _ => None,
                    })
                    .collect();
                match elsewhere.first() {
                    Some(&(person, _))
                        if blocked
                            .iter()
                            .all(|(_, o)| matches!(o, Obstacle::Full { .. } | Obstacle::SpeakerElsewhere { .. })) =>
                    {
                        let mut list = vec![*talk];
                        list.extend(elsewhere.iter().filter(|(p, _)| *p == person).map(|(_, t)| *t));
                        list.dedup();
                        Snag {
                            code: "speaker_talks_collide".into(),
                            talks: talk_list(&list),
                            person: names.get(person as usize).cloned().unwrap_or_default(),
                            sessions: blocked.iter().map(|(s, _)| sessions[*s]).collect(),
                            ..empty()
                        }
                    }
                    _ => Snag {
                        code: "full".into(),
                        talks: talk_list(&[*talk]),
                        ..empty()
                    },
                }
            }
        })
        .collect();
    Outcome {
        placements,
        objective: out.objective,
        bound: out.bound,
        optimal: out.optimal,
        placed: out.placed,
        total: talks.len(),
        problems,
        millis,
    }
}

/// Runs one proposal: reads the draft, solves outside any transaction, records the result.
pub async fn run(state: &AppState, job: Propose) -> AppResult<()> {
    let id = job.proposal_id;
    let now = Utc::now().naive_utc();
    let loaded = state
        .db
        .run(move |c| {
            let Some(p) = store::proposal_by_id(c, id)? else { return Ok(None) };
            if p.status != ScheduleStatus::Queued {
                return Ok(None);
            }
            let venue = crate::venues::store::by_id(c, p.venue_id)?;
            Ok(Some((p, draft::load(c, &venue, false, now)?)))
        })
        .await?;
    let Some((p, d)) = loaded else { return Ok(()) };
    let mode = p.mode;
    let outcome = tokio::task::spawn_blocking(move || compute(&d, mode))
        .await
        .map_err(|e| AppError::caused("programme scheduler", e));
    state
        .db
        .tx(move |c| {
            match outcome {
                Ok(o) => {
                    let text = serde_json::to_string(&o).map_err(|e| AppError::caused("proposal", e))?;
                    store::finish_proposal(c, id, ScheduleStatus::Ready, &text, Utc::now().naive_utc())?;
                }
                Err(e) => store::finish_proposal(c, id, ScheduleStatus::Failed, &e.to_string(), Utc::now().naive_utc())?,
            }
            Ok(())
        })
        .await
}

/// Applies a ready proposal to the draft (refused when the draft changed since).
pub fn accept(conn: &mut AnyConnection, ch: &Chair, id: i64, now: NaiveDateTime) -> AppResult<()> {
    let p = store::proposal(conn, ch.venue.id, id)?;
    if p.status != ScheduleStatus::Ready {
        return Err(AppError::Conflict("programme.proposal_not_ready".into()));
    }
    if p.revision != store::settings(conn, ch.venue.id, now)?.revision {
        return Err(AppError::Conflict("programme.proposal_outdated".into()));
    }
    let outcome: Outcome = serde_json::from_str(&p.result).map_err(|e| AppError::caused("proposal", e))?;
    // Sessions are filled in the proposal's order (by talk similarity chains as placed).
    for pl in &outcome.placements {
        match (pl.slot_id, pl.to) {
            (Some(slot), to) if to != pl.from => {
                service::move_slot(
                    conn,
                    ch,
                    slot,
                    &super::validate::MoveInput {
                        session_id: to,
                        ..Default::default()
                    },
                    now,
                )?;
            }
            (None, Some(to)) => {
                let input = super::validate::SlotInput {
                    kind: "paper".into(),
                    paper: pl.number,
                    session_id: Some(to),
                    ..Default::default()
                };
                service::add_slot(conn, ch, &input, now)?;
            }
            _ => {}
        }
    }
    store::set_proposal_status(conn, id, ScheduleStatus::Accepted)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Sets a proposal aside.
pub fn discard(conn: &mut AnyConnection, ch: &Chair, id: i64) -> AppResult<()> {
    let p = store::proposal(conn, ch.venue.id, id)?;
    if p.status == ScheduleStatus::Accepted {
        return Err(AppError::Conflict("programme.proposal_accepted_twice".into()));
    }
    store::set_proposal_status(conn, id, ScheduleStatus::Discarded)
}
