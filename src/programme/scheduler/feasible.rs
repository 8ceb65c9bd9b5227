//! Hard rules: the static test of one talk in one session, and an independent checker of a whole placement.

use super::issue::Obstacle;
use super::model::Model;
use super::problem::{Problem, SessionKind};

/// Half-open intervals `[a0, a1)` and `[b0, b1)` intersect.
fn intersects(a0: i64, a1: i64, b0: i64, b1: i64) -> bool {
    a0 < b1 && b0 < a1
}

impl Model<'_> {
    /// The first rule that forbids talk `t` in session `s` whatever else is placed, if any.
    pub fn blocked(&self, t: usize, s: usize) -> Option<Obstacle> {
        let (talk, ses) = (&self.p.talks[t], &self.p.sessions[s]);
        if talk.poster != (ses.kind == SessionKind::Posters) {
            return Some(Obstacle::WrongKind);
        }
        if self.load[t] > self.cap[s] {
            return Some(Obstacle::TooLong {
                needs: self.load[t],
                free: self.cap[s],
            });
        }
        for &x in &talk.speakers {
            // Conservative on purpose: any busy minute inside the session blocks it, because a talk's slot
            // inside the session is only fixed later by the ordering.
            if let Some(&(start, end)) = self
                .p
                .busy
                .get(x as usize)
                .and_then(|v| v.iter().find(|&&(a, b)| intersects(a, b, ses.start, ses.end)))
            {
                return Some(Obstacle::SpeakerBusy { person: x, start, end });
            }
            if let Some(&c) = self.chaired[x as usize]
                .iter()
                .find(|&&c| c as usize != s && self.overlaps(s, c as usize))
            {
                return Some(Obstacle::SpeakerChairs {
                    person: x,
                    session: c as usize,
                });
            }
        }
        None
    }
}

/// Every hard-rule violation of `placement` (one entry per talk and broken rule), checked from scratch.
///
/// Capacity overruns are reported once per session, on its highest-numbered talk. Pinned talks not in their
/// pinned session are not reported here (the solver never moves them).
pub fn check(p: &Problem, placement: &[Option<usize>]) -> Vec<(usize, usize, Obstacle)> {
    let mut out = Vec::new();
    let mut used = vec![0i64; p.sessions.len()];
    let mut last = vec![None; p.sessions.len()];
    for (t, &s) in placement.iter().enumerate() {
        let Some(s) = s else { continue };
        let (talk, ses) = (&p.talks[t], &p.sessions[s]);
        if talk.poster != (ses.kind == SessionKind::Posters) {
            out.push((t, s, Obstacle::WrongKind));
        }
        used[s] += if talk.poster { 1 } else { talk.duration };
        last[s] = Some(t);
        for &x in &talk.speakers {
            for &(a, b) in p.busy.get(x as usize).map_or(&[][..], |v| &v[..]) {
                if intersects(a, b, ses.start, ses.end) {
                    out.push((
                        t,
                        s,
                        Obstacle::SpeakerBusy {
                            person: x,
                            start: a,
                            end: b,
                        },
                    ));
                }
            }
            for (c, other) in p.sessions.iter().enumerate() {
                if c != s && other.chairs.contains(&x) && intersects(ses.start, ses.end, other.start, other.end) {
                    out.push((t, s, Obstacle::SpeakerChairs { person: x, session: c }));
                }
            }
            for (u, &su) in placement.iter().enumerate() {
                let Some(su) = su else { continue };
                let o = &p.sessions[su];
                if u != t && su != s && p.talks[u].speakers.contains(&x) && intersects(ses.start, ses.end, o.start, o.end) {
                    out.push((
                        t,
                        s,
                        Obstacle::SpeakerElsewhere {
                            person: x,
                            talk: u,
                            session: su,
                        },
                    ));
                }
            }
        }
    }
    for (s, ses) in p.sessions.iter().enumerate() {
        let free = match ses.kind {
            SessionKind::Talks => ses.end - ses.start - ses.fixed_minutes,
            SessionKind::Posters => ses.capacity.map_or(i64::MAX, i64::from),
        };
        if let (true, Some(t)) = (used[s] > free, last[s]) {
            out.push((t, s, Obstacle::Full { used: used[s], free }));
        }
    }
    out
}
