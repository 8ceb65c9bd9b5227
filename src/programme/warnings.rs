//! What is wrong with a programme, each problem pointing at its culprit (pure). A room used
//! twice at once, or a paper whose decision has not been told, blocks a release; everything
//! else is a warning a chair may publish over, knowingly.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::draft::{Busy, PaperFacts, Waiting};
use super::model::SessionKind;
use super::snapshot::{Person, Snapshot};

crate::text_enum! {
    /// The kinds of problems.
    pub enum Code {
        /// Two sessions in one room at once.
        RoomClash = "room_clash",
        /// A speaker (or session chair) in two places at once.
        SpeakerClash = "speaker_clash",
        /// A talk (or a session a person chairs) inside their unavailable time.
        Unavailable = "unavailable",
        /// Talks longer than their session.
        Overrun = "overrun",
        /// More posters than the poster session holds.
        TooManyPosters = "too_many_posters",
        /// Expected audience above the room's seats.
        OverCapacity = "over_capacity",
        /// An accepted paper without a slot.
        Unscheduled = "unscheduled",
        /// A session chair who wrote a paper of their own session.
        ChairIsAuthor = "chair_is_author",
        /// A scheduled paper that was withdrawn.
        Withdrawn = "withdrawn",
        /// A scheduled paper whose decision no longer accepts it.
        NotAccepted = "not_accepted",
        /// A scheduled paper whose acceptance has not been told to its authors yet.
        NotTold = "not_told",
        /// Talks in a break, meal or social event.
        TalksInBreak = "talks_in_break",
        /// A salon's talk or key talk longer than the salon rules allow.
        SalonTalkTooLong = "salon_talk_too_long",
        /// A salon's intervention longer than the salon rules allow.
        SalonInterventionTooLong = "salon_intervention_too_long",
        /// Less of a salon's time left to free debate than the salon rules ask.
        SalonDebateShare = "salon_debate_share",
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Warning {
    /// What it is.
    pub code: Code,
    /// Whether it stops a release.
    pub blocking: bool,
    /// The session concerned.
    pub session_id: Option<i64>,
    /// The other session (clashes).
    pub other_session_id: Option<i64>,
    /// The talk concerned.
    pub talk_id: Option<i64>,
    /// The paper's number.
    pub paper: Option<i32>,
    /// The person concerned.
    pub person: Option<Person>,
    /// Minutes over (overruns), posters over, or people over (capacity).
    pub amount: Option<i64>,
    /// When it happens.
    pub at: Option<DateTime<Utc>>,
}

impl Warning {
    /// A problem of kind `code`, blocking where the code always blocks.
    pub fn new(code: Code) -> Warning {
        Warning {
            code,
            blocking: matches!(
                code,
                Code::RoomClash | Code::NotTold | Code::SalonTalkTooLong | Code::SalonInterventionTooLong | Code::SalonDebateShare
            ),
            session_id: None,
            other_session_id: None,
            talk_id: None,
            paper: None,
            person: None,
            amount: None,
            at: None,
        }
    }
}

/// What the warnings are computed from besides the programme itself.
pub struct Facts<'a> {
    /// Unavailable times.
    pub busy: &'a [Busy],
    /// Papers by submission id.
    pub papers: &'a BTreeMap<i64, PaperFacts>,
    /// The paper of each paper talk (talk id → submission id).
    pub talk_paper: HashMap<i64, i64>,
    /// Talks without a session.
    pub waiting: &'a [Waiting],
    /// Expected audience per session (from registrations or agenda stars), where known.
    pub audience: HashMap<i64, i64>,
    /// Most posters of each poster session that has a limit.
    pub poster_limits: HashMap<i64, i32>,
    /// A salon's rules (only salons' agendas are checked against them).
    pub salon: Option<crate::salons::rules::Rules>,
}

fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A person's commitment: speaking in a talk or chairing a session.
struct Engagement<'a> {
    person: &'a Person,
    span: (DateTime<Utc>, DateTime<Utc>),
    session: i64,
    talk: Option<i64>,
}

/// Every problem of `s`, in a stable order (blocking ones first).
pub fn check(s: &Snapshot, facts: &Facts) -> Vec<Warning> {
    let mut out = Vec::new();
    room_clashes(s, &mut out);
    let engagements = engagements(s);
    person_clashes(&engagements, &mut out);
    unavailable(&engagements, facts.busy, &mut out);
    sessions(s, facts, &mut out);
    papers(s, facts, &mut out);
    posters(s, &facts.poster_limits, &mut out);
    if let Some(rules) = &facts.salon {
        super::salon_agenda::check(s, rules, &mut out);
    }
    for w in facts.waiting {
        if let Some(p) = w.submission_id.and_then(|id| facts.papers.get(&id))
            && p.schedulable()
        {
            let mut x = Warning::new(Code::Unscheduled);
            x.paper = Some(p.number);
            out.push(x);
        }
    }
    out.sort_by_key(|w| !w.blocking);
    out
}

fn room_clashes(s: &Snapshot, out: &mut Vec<Warning>) {
    let mut by_room: BTreeMap<i64, Vec<&super::snapshot::SessionItem>> = BTreeMap::new();
    for x in &s.sessions {
        if let Some(r) = x.room_id {
            by_room.entry(r).or_default().push(x);
        }
    }
    for list in by_room.values_mut() {
        list.sort_by_key(|x| (x.starts_at, x.id));
        for (i, a) in list.iter().enumerate() {
            for b in list[i + 1..].iter().take_while(|b| b.starts_at < a.ends_at) {
                let mut w = Warning::new(Code::RoomClash);
                w.session_id = Some(a.id);
                w.other_session_id = Some(b.id);
                w.at = Some(b.starts_at);
                out.push(w);
            }
        }
    }
}

fn engagements(s: &Snapshot) -> Vec<Engagement<'_>> {
    let mut list = Vec::new();
    for x in &s.sessions {
        for p in x.chairs.iter().chain(&x.moderators) {
            list.push(Engagement {
                person: p,
                span: (x.starts_at, x.ends_at),
                session: x.id,
                talk: None,
            });
        }
        for t in &x.talks {
            let end = t.starts_at + chrono::Duration::minutes(t.duration_min as i64);
            for p in &t.speakers {
                list.push(Engagement {
                    person: p,
                    span: (t.starts_at, end),
                    session: x.id,
                    talk: Some(t.id),
                });
            }
        }
    }
    list
}

fn person_clashes(list: &[Engagement], out: &mut Vec<Warning>) {
    let mut by_person: BTreeMap<&str, Vec<&Engagement>> = BTreeMap::new();
    for e in list {
        by_person.entry(e.person.guid.as_str()).or_default().push(e);
    }
    for items in by_person.values_mut() {
        items.sort_by_key(|e| (e.span.0, e.session, e.talk));
        for (i, a) in items.iter().enumerate() {
            for b in items[i + 1..].iter().take_while(|b| b.span.0 < a.span.1) {
                // Speaking in the session one chairs, or two posters side by side, is fine.
                if a.session == b.session {
                    continue;
                }
                let mut w = Warning::new(Code::SpeakerClash);
                w.session_id = Some(a.session);
                w.other_session_id = Some(b.session);
                w.talk_id = b.talk.or(a.talk);
                w.person = Some(a.person.clone());
                w.at = Some(b.span.0);
                out.push(w);
            }
        }
    }
}

fn unavailable(list: &[Engagement], busy: &[Busy], out: &mut Vec<Warning>) {
    let mut by_person: HashMap<&str, Vec<&Busy>> = HashMap::new();
    for b in busy {
        by_person.entry(b.person.as_str()).or_default().push(b);
    }
    for e in list {
        for b in by_person.get(e.person.guid.as_str()).into_iter().flatten() {
            if overlaps(e.span, (b.starts_at, b.ends_at)) {
                let mut w = Warning::new(Code::Unavailable);
                w.session_id = Some(e.session);
                w.talk_id = e.talk;
                w.person = Some(e.person.clone());
                w.at = Some(e.span.0.max(b.starts_at));
                out.push(w);
            }
        }
    }
}

fn sessions(s: &Snapshot, facts: &Facts, out: &mut Vec<Warning>) {
    for x in &s.sessions {
        let kind = SessionKind::parse(&x.kind);
        if !x.talks.is_empty() && kind.is_some_and(|k| !k.holds_talks()) {
            let mut w = Warning::new(Code::TalksInBreak);
            w.session_id = Some(x.id);
            out.push(w);
        }
        if kind == Some(SessionKind::PosterSession) {
            // Posters hang side by side; the session's own capacity bounds them.
        } else {
            let used: i64 = x.talks.iter().map(|t| t.duration_min as i64).sum();
            let length = (x.ends_at - x.starts_at).num_minutes();
            if used > length {
                let mut w = Warning::new(Code::Overrun);
                w.session_id = Some(x.id);
                w.talk_id = x
                    .talks
                    .iter()
                    .find(|t| t.starts_at + chrono::Duration::minutes(t.duration_min as i64) > x.ends_at)
                    .map(|t| t.id);
                w.amount = Some(used - length);
                out.push(w);
            }
        }
        if let (Some(room), Some(audience)) = (x.room_id.and_then(|r| s.room(r)), facts.audience.get(&x.id))
            && let Some(cap) = room.capacity
            && *audience > cap as i64
        {
            let mut w = Warning::new(Code::OverCapacity);
            w.session_id = Some(x.id);
            w.amount = Some(*audience - cap as i64);
            out.push(w);
        }
        // A chair who wrote a paper of the session.
        for chair in &x.chairs {
            for t in &x.talks {
                let authors = facts
                    .talk_paper
                    .get(&t.id)
                    .and_then(|p| facts.papers.get(p))
                    .map(|p| &p.author_guids);
                if authors.is_some_and(|a| a.contains(&chair.guid)) {
                    let mut w = Warning::new(Code::ChairIsAuthor);
                    w.session_id = Some(x.id);
                    w.talk_id = Some(t.id);
                    w.person = Some(chair.clone());
                    out.push(w);
                }
            }
        }
    }
}

fn posters(s: &Snapshot, capacity: &HashMap<i64, i32>, out: &mut Vec<Warning>) {
    for x in &s.sessions {
        if let Some(cap) = capacity.get(&x.id)
            && x.talks.len() as i64 > *cap as i64
        {
            let mut w = Warning::new(Code::TooManyPosters);
            w.session_id = Some(x.id);
            w.amount = Some(x.talks.len() as i64 - *cap as i64);
            out.push(w);
        }
    }
}

fn papers(s: &Snapshot, facts: &Facts, out: &mut Vec<Warning>) {
    for x in &s.sessions {
        for t in &x.talks {
            let Some(p) = facts.talk_paper.get(&t.id).and_then(|p| facts.papers.get(p)) else {
                continue;
            };
            let code = if p.withdrawn {
                Code::Withdrawn
            } else if !p.accepted {
                Code::NotAccepted
            } else if !p.told {
                Code::NotTold
            } else {
                continue;
            };
            let mut w = Warning::new(code);
            w.session_id = Some(x.id);
            w.talk_id = Some(t.id);
            w.paper = Some(p.number);
            out.push(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::snapshot::{RoomItem, SessionItem, Talk, VenueRef};
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 5, 14, h, m, 0).unwrap()
    }

    fn person(guid: &str) -> Person {
        Person {
            guid: guid.into(),
            name_zh: String::new(),
            name_latin: guid.into(),
            affiliation: String::new(),
        }
    }

    fn talk(id: i64, start: DateTime<Utc>, minutes: i32, speaker: &str) -> Talk {
        Talk {
            id,
            guid: format!("t{id}"),
            kind: "paper".into(),
            number: Some(id as i32),
            title_zh: String::new(),
            title_en: format!("Talk {id}"),
            abstract_text: String::new(),
            language: "en".into(),
            starts_at: start,
            duration_min: minutes,
            speakers: vec![person(speaker)],
            pdf: false,
        }
    }

    fn session(id: i64, room: i64, from: (u32, u32), to: (u32, u32), talks: Vec<Talk>) -> SessionItem {
        SessionItem {
            id,
            guid: format!("s{id}"),
            kind: "paper_session".into(),
            title_zh: String::new(),
            title_en: format!("Session {id}"),
            room_id: Some(room),
            track_id: None,
            starts_at: at(from.0, from.1),
            ends_at: at(to.0, to.1),
            chairs: vec![],
            moderators: vec![],
            talks,
        }
    }

    fn snapshot(sessions: Vec<SessionItem>) -> Snapshot {
        let room = |id: i64| RoomItem {
            id,
            guid: format!("r{id}"),
            name_zh: String::new(),
            name_en: format!("Room {id}"),
            capacity: Some(50),
            location: String::new(),
            online_url: String::new(),
            recorded: false,
            streamed: false,
        };
        Snapshot {
            venue: VenueRef {
                slug: "v".into(),
                title_zh: String::new(),
                title_en: "V".into(),
                timezone: "UTC".into(),
                starts_on: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
                ends_on: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            },
            release: None,
            rooms: vec![room(1), room(2)],
            tracks: vec![],
            sessions,
        }
    }

    fn run(s: &Snapshot, busy: &[Busy]) -> Vec<Warning> {
        let papers = BTreeMap::new();
        check(
            s,
            &Facts {
                busy,
                papers: &papers,
                talk_paper: HashMap::new(),
                waiting: &[],
                audience: HashMap::new(),
                poster_limits: HashMap::new(),
                salon: None,
            },
        )
    }

    fn codes(w: &[Warning]) -> Vec<Code> {
        w.iter().map(|w| w.code).collect()
    }

    #[test]
    fn a_clean_programme_has_no_warnings() {
        let s = snapshot(vec![
            session(1, 1, (9, 0), (10, 0), vec![talk(1, at(9, 0), 20, "a"), talk(2, at(9, 20), 20, "b")]),
            session(2, 2, (9, 0), (10, 0), vec![talk(3, at(9, 0), 20, "c")]),
            session(3, 1, (10, 0), (11, 0), vec![talk(4, at(10, 0), 20, "a")]),
        ]);
        assert!(run(&s, &[]).is_empty());
    }

    #[test]
    fn a_room_used_twice_blocks_and_names_both_sessions() {
        let s = snapshot(vec![
            session(1, 1, (9, 0), (10, 0), vec![]),
            session(2, 1, (9, 30), (10, 30), vec![]),
        ]);
        let w = run(&s, &[]);
        assert_eq!(codes(&w), vec![Code::RoomClash]);
        assert!(w[0].blocking);
        assert_eq!((w[0].session_id, w[0].other_session_id), (Some(1), Some(2)));
    }

    #[test]
    fn a_speaker_in_two_rooms_at_once_and_a_chair_speaking_elsewhere() {
        let mut chaired = session(2, 2, (9, 0), (10, 0), vec![]);
        chaired.chairs = vec![person("b")];
        let s = snapshot(vec![
            session(1, 1, (9, 0), (10, 0), vec![talk(1, at(9, 0), 20, "a"), talk(2, at(9, 20), 20, "b")]),
            chaired,
            session(3, 2, (10, 0), (11, 0), vec![]),
        ]);
        let w = run(&s, &[]);
        assert_eq!(codes(&w), vec![Code::SpeakerClash]);
        assert!(!w[0].blocking);
        assert_eq!(w[0].person.as_ref().unwrap().guid, "b");
        // Chairing one's own session while speaking in it is fine.
        let mut own = session(1, 1, (9, 0), (10, 0), vec![talk(1, at(9, 0), 20, "a")]);
        own.chairs = vec![person("a")];
        assert!(run(&snapshot(vec![own]), &[]).is_empty());
    }

    #[test]
    fn a_talk_in_the_speakers_unavailable_time() {
        let s = snapshot(vec![session(
            1,
            1,
            (9, 0),
            (10, 0),
            vec![talk(1, at(9, 0), 20, "a"), talk(2, at(9, 20), 20, "b")],
        )]);
        let busy = [Busy {
            person: "b".into(),
            starts_at: at(9, 30),
            ends_at: at(12, 0),
            note: String::new(),
        }];
        let w = run(&s, &busy);
        assert_eq!(codes(&w), vec![Code::Unavailable]);
        assert_eq!(w[0].talk_id, Some(2));
        // Busy only after the talk: nothing.
        let busy = [Busy {
            person: "b".into(),
            starts_at: at(9, 40),
            ends_at: at(12, 0),
            note: String::new(),
        }];
        assert!(run(&s, &busy).is_empty());
    }

    #[test]
    fn talks_that_overrun_their_session() {
        let s = snapshot(vec![session(
            1,
            1,
            (9, 0),
            (9, 30),
            vec![talk(1, at(9, 0), 20, "a"), talk(2, at(9, 20), 20, "b")],
        )]);
        let w = run(&s, &[]);
        assert_eq!(codes(&w), vec![Code::Overrun]);
        assert_eq!((w[0].amount, w[0].talk_id), (Some(10), Some(2)));
    }

    #[test]
    fn expected_audience_above_the_seats() {
        let s = snapshot(vec![session(1, 1, (9, 0), (10, 0), vec![])]);
        let papers = BTreeMap::new();
        let facts = Facts {
            busy: &[],
            papers: &papers,
            talk_paper: HashMap::new(),
            waiting: &[],
            audience: HashMap::from([(1, 80)]),
            poster_limits: HashMap::new(),
            salon: None,
        };
        let w = check(&s, &facts);
        assert_eq!(codes(&w), vec![Code::OverCapacity]);
        assert_eq!(w[0].amount, Some(30));
    }

    fn facts(id: i64, accepted: bool, told: bool, withdrawn: bool, authors: &[&str]) -> PaperFacts {
        PaperFacts {
            id,
            number: id as i32,
            title_zh: String::new(),
            title_en: String::new(),
            abstract_text: String::new(),
            keywords: String::new(),
            track_id: None,
            topics: vec![],
            label: Some("accept_oral".into()),
            accepted,
            told,
            withdrawn,
            speakers: vec![],
            author_guids: authors.iter().map(|a| a.to_string()).collect(),
            pdf: false,
        }
    }

    #[test]
    fn papers_withdrawn_untold_or_unscheduled_and_chairs_who_wrote_them() {
        let mut x = session(1, 1, (9, 0), (11, 0), (1..=4).map(|i| talk(i, at(9, 0), 20, "s")).collect());
        x.chairs = vec![person("chair")];
        let s = snapshot(vec![x]);
        let papers = BTreeMap::from([
            (1, facts(1, true, true, false, &["chair"])),
            (2, facts(2, true, true, true, &[])),
            (3, facts(3, false, true, false, &[])),
            (4, facts(4, true, false, false, &[])),
            (5, facts(5, true, true, false, &[])),
        ]);
        let waiting = [Waiting {
            slot_id: None,
            version: None,
            kind: super::super::model::SlotKind::Paper,
            submission_id: Some(5),
            number: Some(5),
            title_zh: String::new(),
            title_en: String::new(),
            duration_min: 20,
            poster: false,
            track_id: None,
            topics: vec![],
            label: None,
            speakers: vec![],
        }];
        let talk_paper = (1..=4).map(|i| (i, i)).collect();
        let w = check(
            &s,
            &Facts {
                busy: &[],
                papers: &papers,
                talk_paper,
                waiting: &waiting,
                audience: HashMap::new(),
                poster_limits: HashMap::new(),
                salon: None,
            },
        );
        let mut got = codes(&w);
        got.sort();
        let mut want = vec![
            Code::ChairIsAuthor,
            Code::Withdrawn,
            Code::NotAccepted,
            Code::NotTold,
            Code::Unscheduled,
        ];
        want.sort();
        assert_eq!(got, want);
        assert!(w[0].blocking && w[0].code == Code::NotTold, "blocking problems come first");
    }
}
