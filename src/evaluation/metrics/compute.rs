//! Computing each platform metric of one conference from its records, reusing the areas' own
//! rules (what a counted review is, which decision labels accept, what debate time is).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDateTime};

use super::figures::{length, young};
use super::{Figure, Metric, country, store};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::review::forms::model::{Answer, Answers, default_form, for_authors, meta_form};
use crate::review::reviews::model::ReviewKind;
use crate::venues::model::{Anonymity, Venue};

/// Age under which participants and speakers count as young.
pub const YOUNG_UNDER: i32 = 40;

/// Every platform metric of `venue`, in the order of [`Metric`].
pub fn compute(conn: &mut AnyConnection, venue: &Venue, now: NaiveDateTime) -> AppResult<Vec<Figure>> {
    let papers = store::active_papers(conn, venue.id)?;
    let active: HashSet<i64> = papers.iter().map(|(id, _)| *id).collect();
    let decisions: Vec<_> = crate::review::decisions::store::of_venue(conn, venue.id)?
        .into_iter()
        .filter(|d| active.contains(&d.submission_id))
        .collect();
    let event_year = venue.starts_on.map_or(now.year(), |d| d.year());
    let labels = crate::review::phases::load(conn, venue.id)?.labels();
    let accepted: Vec<i64> = decisions
        .iter()
        .filter(|d| crate::review::decisions::service::label_of(&labels, &d.label).accept)
        .map(|d| d.submission_id)
        .collect();
    let decided = decisions.len() as f64;
    let (international_participants, young_participants) = participants(conn, venue.id, event_year)?;
    let (reviews_counted, review_lengths) = reviews(conn, venue.id, &decisions.iter().map(|d| d.submission_id).collect::<Vec<_>>())?;
    Ok(vec![
        Figure::count(Metric::Submissions, papers.len() as f64),
        Figure::count(
            Metric::EarlierEditions,
            crate::venues::store::earlier_editions(conn, venue.id)? as f64,
        ),
        Figure::ratio(
            Metric::AcceptanceRate,
            accepted.len() as f64,
            decided,
            "evaluation.missing_decisions",
        ),
        Figure::ratio(
            Metric::ReviewersPerPaper,
            reviews_counted as f64,
            decided,
            "evaluation.missing_decisions",
        ),
        Figure::ratio(
            Metric::ReviewLength,
            review_lengths.iter().sum::<usize>() as f64,
            review_lengths.len() as f64,
            "evaluation.missing_reviews",
        ),
        anonymity(conn, venue.id)?,
        conflicts(conn, venue.id, &active)?,
        days_to_decision(conn, venue.id, &papers, &decisions)?,
        debate_share(conn, venue.id)?,
        attendance(conn, venue.id)?,
        satisfaction(conn, venue.id)?,
        international_authors(conn, venue.id)?,
        international_participants,
        young_participants,
        young_speakers(conn, &accepted, event_year)?,
        catalogue_outputs(conn, &accepted_on(&decisions, &accepted))?,
    ])
}

/// Each accepted paper with the day its decision was taken.
fn accepted_on(decisions: &[crate::review::decisions::store::Decision], accepted: &[i64]) -> Vec<(i64, chrono::NaiveDate)> {
    decisions
        .iter()
        .filter(|d| accepted.contains(&d.submission_id))
        .map(|d| (d.submission_id, d.decided_at.date()))
        .collect()
}

/// Accepted papers with an author who, by the same address, published in a journal that a
/// published tiered catalogue lists and that runs on this platform, on or after the day the
/// paper was accepted; among the accepted papers. Missing while no listed journal runs here.
fn catalogue_outputs(conn: &mut AnyConnection, accepted: &[(i64, chrono::NaiveDate)]) -> AppResult<Figure> {
    let listed = crate::catalogue::store::listed_in_published(conn)?;
    let here = crate::journals::setup::store::set_up(conn, &listed)?;
    if here.is_empty() {
        return Ok(Figure::missing(Metric::CatalogueOutputs, "evaluation.missing_articles"));
    }
    let mut papers: Vec<(chrono::NaiveDate, HashSet<String>)> = Vec::new();
    for &(paper, on) in accepted {
        let emails = crate::submissions::store::authors_of(conn, paper)?
            .iter()
            .map(|a| a.email.trim().to_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        papers.push((on, emails));
    }
    let all: Vec<String> = papers.iter().flat_map(|(_, e)| e.iter().cloned()).collect();
    let first = papers.iter().map(|(on, _)| *on).min().unwrap_or_default();
    // The earliest article of each address, from the earliest acceptance on.
    let mut published: HashMap<String, chrono::NaiveDate> = HashMap::new();
    for (e, on) in crate::journals::articles::store::published_by(conn, &all, &here, first)? {
        let day = published.entry(e).or_insert(on);
        *day = (*day).min(on);
    }
    let traced = papers
        .iter()
        .filter(|(accepted_on, e)| e.iter().any(|x| published.get(x).is_some_and(|on| on >= accepted_on)))
        .count();
    Ok(Figure::ratio(
        Metric::CatalogueOutputs,
        traced as f64,
        papers.len() as f64,
        "evaluation.missing_decisions",
    ))
}

/// The counted reviews of the decided papers (a review counts while its writer is still
/// assigned), and the length of the text authors read in each review and meta-review.
fn reviews(conn: &mut AnyConnection, venue_id: i64, decided: &[i64]) -> AppResult<(usize, Vec<usize>)> {
    let decided: HashSet<i64> = decided.iter().copied().collect();
    let form = crate::review::forms::store::load(conn, venue_id).unwrap_or_else(|_| default_form());
    let meta = meta_form();
    let mut counted_by_paper: HashMap<i64, HashSet<(i64, ReviewKind)>> = HashMap::new();
    let (mut count, mut lengths) = (0, Vec::new());
    for (paper, writer, kind, answers) in store::submitted_reviews(conn, venue_id)? {
        if !decided.contains(&paper) {
            continue;
        }
        let Ok(kind) = kind.parse::<ReviewKind>() else { continue };
        if let std::collections::hash_map::Entry::Vacant(e) = counted_by_paper.entry(paper) {
            e.insert(crate::review::reviews::store::counted_writers(conn, paper)?);
        }
        if !counted_by_paper[&paper].contains(&(writer, kind)) {
            continue;
        }
        if kind == ReviewKind::Review {
            count += 1;
        }
        let answers: Answers = serde_json::from_str(&answers).unwrap_or_default();
        let shown = for_authors(if kind == ReviewKind::Meta { &meta } else { &form }, &answers);
        lengths.push(
            shown
                .values()
                .map(|a| match a {
                    Answer::Text(t) => length(t),
                    Answer::Number(_) => 0,
                })
                .sum(),
        );
    }
    Ok((count, lengths))
}

/// The least anonymous of the venue's calls: 2 double-blind, 1 single-blind, 0 open.
fn anonymity(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Figure> {
    let level = crate::venues::store::calls_of(conn, venue_id)?
        .iter()
        .map(|c| match c.anonymity {
            Anonymity::DoubleBlind => 2.0,
            Anonymity::SingleBlind => 1.0,
            Anonymity::Open => 0.0,
        })
        .reduce(f64::min);
    Ok(match level {
        Some(l) => Figure::count(Metric::Anonymity, l),
        None => Figure::missing(Metric::Anonymity, "evaluation.missing_call"),
    })
}

/// Binding conflicts (declared or confirmed) on active papers, per active paper.
fn conflicts(conn: &mut AnyConnection, venue_id: i64, active: &HashSet<i64>) -> AppResult<Figure> {
    let binding = crate::review::conflicts::store::binding_pairs(conn, venue_id)?;
    let n = binding.iter().filter(|(paper, _)| active.contains(paper)).count();
    Ok(Figure::ratio(
        Metric::ConflictsPerPaper,
        n as f64,
        active.len() as f64,
        "evaluation.missing_papers",
    ))
}

/// Days from the latest paper deadline of the calls used to the last decision told.
fn days_to_decision(
    conn: &mut AnyConnection,
    venue_id: i64,
    papers: &[(i64, i64)],
    decisions: &[crate::review::decisions::store::Decision],
) -> AppResult<Figure> {
    let used: HashSet<i64> = papers.iter().map(|(_, call)| *call).collect();
    let deadline = crate::venues::store::calls_of(conn, venue_id)?
        .into_iter()
        .filter(|c| used.contains(&c.id))
        .map(|c| c.paper_deadline)
        .max();
    let told = decisions.iter().filter_map(|d| d.notified_at).max();
    Ok(match (deadline, told) {
        (Some(d), Some(t)) => {
            let days = ((t - d).num_minutes() as f64 / 1440.0).max(0.0);
            Figure::count(Metric::DaysToDecision, (days * 10.0).round() / 10.0)
        }
        _ => Figure::missing(Metric::DaysToDecision, "evaluation.missing_told"),
    })
}

/// The share of discussion time in the latest published programme (speech is paper, invited,
/// key talks and interventions; the rest of the sessions' time is discussion).
fn debate_share(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Figure> {
    let Some(release) = crate::programme::store::latest_release(conn, venue_id)? else {
        return Ok(Figure::missing(Metric::DebateShare, "evaluation.missing_programme"));
    };
    let snapshot = crate::programme::release::snapshot_of(&release)?;
    let d = crate::programme::salon_agenda::debate(&snapshot, &crate::salons::rules::Rules::default());
    Ok(Figure::ratio(
        Metric::DebateShare,
        d.debate_min as f64,
        d.total_min as f64,
        "evaluation.missing_programme",
    ))
}

/// People checked in (any day, any place) among people with a confirmed registration.
fn attendance(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Figure> {
    let confirmed = crate::participation::checkin::store::confirmed_people(conn, venue_id)?.len();
    let rows = crate::participation::checkin::store::all_of(conn, venue_id)?;
    let present = crate::participation::checkin::figures::people(&rows);
    Ok(Figure::ratio(
        Metric::Attendance,
        present as f64,
        confirmed as f64,
        "evaluation.missing_registrations",
    ))
}

/// The mean of the survey's first event-wide rating question (the overall rating), once at
/// least as many answered as the survey needs before it shows results.
fn satisfaction(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Figure> {
    use crate::participation::feedback::model::{StoredAnswers, SurveyKind, SurveyScope};
    let questions = crate::participation::feedback::store::questions(conn, venue_id)?;
    let Some(q) = questions
        .iter()
        .filter(|q| q.scope == SurveyScope::Event && q.kind == SurveyKind::Rating)
        .min_by_key(|q| (q.position, q.id))
    else {
        return Ok(Figure::missing(Metric::Satisfaction, "evaluation.missing_survey"));
    };
    let ratings: Vec<u8> = crate::participation::feedback::store::answers(conn, venue_id, Some("event"))?
        .into_iter()
        .filter_map(|(_, json)| serde_json::from_str::<StoredAnswers>(&json).ok())
        .filter_map(|a| a.get(&q.id).and_then(|x| x.rating))
        .collect();
    let (counts, _) = crate::participation::feedback::figures::ratings(&ratings);
    let n: i64 = counts.iter().sum();
    if crate::participation::feedback::figures::withheld(n as usize) {
        return Ok(Figure::missing(Metric::Satisfaction, "evaluation.missing_survey"));
    }
    let sum: i64 = counts.iter().enumerate().map(|(i, c)| (i as i64 + 1) * c).sum();
    Ok(Figure::ratio(
        Metric::Satisfaction,
        sum as f64,
        n as f64,
        "evaluation.missing_survey",
    ))
}

/// Authors outside mainland China among the authors (of active papers) who gave a country.
fn international_authors(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Figure> {
    let known: Vec<bool> = store::author_countries(conn, venue_id)?
        .iter()
        .filter_map(|c| country::mainland(c))
        .collect();
    let outside = known.iter().filter(|m| !**m).count();
    Ok(Figure::ratio(
        Metric::InternationalAuthors,
        outside as f64,
        known.len() as f64,
        "evaluation.missing_countries",
    ))
}

/// Participants outside mainland China (among those with a country) and under 40 (among those
/// with a birth year), each person counted once.
fn participants(conn: &mut AnyConnection, venue_id: i64, event_year: i32) -> AppResult<(Figure, Figure)> {
    let people = store::confirmed_registrants(conn, venue_id)?;
    let countries: Vec<bool> = people.iter().filter_map(|(_, c, _)| country::mainland(c)).collect();
    let outside = countries.iter().filter(|m| !**m).count();
    let years: Vec<i32> = people.iter().filter_map(|(_, _, y)| *y).collect();
    let young_n = years.iter().filter(|y| young(**y, event_year, YOUNG_UNDER)).count();
    Ok((
        Figure::ratio(
            Metric::InternationalParticipants,
            outside as f64,
            countries.len() as f64,
            "evaluation.missing_registrations",
        ),
        Figure::ratio(
            Metric::YoungParticipants,
            young_n as f64,
            years.len() as f64,
            "evaluation.missing_birth_years",
        ),
    ))
}

/// Presenting authors of accepted papers (the marked presenter, else the first author) under
/// 40, among those whose account gives a birth year.
fn young_speakers(conn: &mut AnyConnection, accepted: &[i64], event_year: i32) -> AppResult<Figure> {
    let mut emails = Vec::new();
    for &paper in accepted {
        let authors = crate::submissions::store::authors_of(conn, paper)?;
        if let Some(a) = authors
            .iter()
            .find(|a| a.is_presenter)
            .or_else(|| authors.iter().min_by_key(|a| a.position))
        {
            emails.push(a.email.to_lowercase());
        }
    }
    let years = store::birth_years(conn, &emails)?;
    let known: Vec<i32> = emails.iter().filter_map(|e| years.get(e).copied()).collect();
    let young_n = known.iter().filter(|y| young(**y, event_year, YOUNG_UNDER)).count();
    Ok(Figure::ratio(
        Metric::YoungSpeakers,
        young_n as f64,
        known.len() as f64,
        "evaluation.missing_birth_years",
    ))
}
