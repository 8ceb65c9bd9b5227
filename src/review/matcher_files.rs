//! openreview-matcher's file shapes, so venues can switch solvers: scores `paper,reviewer,score`,
//! constraints `paper,reviewer,-1` (conflict) or `paper,reviewer,1` (forced), and the output
//! `{"paper_id": [{"user": "reviewer_id", "aggregate_score": s}, ...]}`. Ids are kept as text;
//! scores keep their full f64 precision.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::assign::{Assignment, Candidate, Problem};

/// A problem read from files, with the ids behind its dense indices.
pub struct MatcherInput {
    /// Paper ids by index.
    pub papers: Vec<String>,
    /// Reviewer ids by index.
    pub reviewers: Vec<String>,
    /// The solver's input.
    pub problem: Problem,
}

/// Loads and limits shared by every paper and reviewer.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Reviewers per paper.
    pub reviewers_per_paper: u32,
    /// Least papers per reviewer.
    pub min_load: u32,
    /// Most papers per reviewer.
    pub max_load: u32,
    /// Every paper × reviewer pair is a candidate, missing scores counting 0 (openreview-matcher's
    /// dense behaviour); otherwise only listed pairs are.
    pub all_pairs: bool,
}

fn intern(ids: &mut Vec<String>, index: &mut HashMap<String, u32>, id: &str) -> u32 {
    if let Some(&i) = index.get(id) {
        return i;
    }
    let i = ids.len() as u32;
    ids.push(id.to_string());
    index.insert(id.to_string(), i);
    i
}

fn rows(data: &[u8], file: &str, errors: &mut Vec<String>) -> Vec<(usize, String, String, String)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(data);
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 1;
        match rec {
            Ok(r) if r.iter().all(str::is_empty) => {}
            Ok(r) if r.len() == 3 => out.push((line, r[0].to_string(), r[1].to_string(), r[2].to_string())),
            Ok(r) => errors.push(format!(
                "{file} line {line}: expected 3 columns (paper,reviewer,value), found {}",
                r.len()
            )),
            Err(e) => errors.push(format!("{file} line {line}: {e}")),
        }
    }
    // A header row is allowed.
    if out.first().is_some_and(|r| r.0 == 1 && r.3.parse::<f64>().is_err()) {
        out.remove(0);
    }
    out
}

/// Reads score and constraint files; every problem found is reported, with its line.
pub fn read(scores: &[u8], constraints: Option<&[u8]>, limits: Limits) -> Result<MatcherInput, Vec<String>> {
    let mut errors = Vec::new();
    let (mut papers, mut reviewers) = (Vec::new(), Vec::new());
    let (mut pi, mut ri) = (HashMap::new(), HashMap::new());
    let mut candidates = Vec::new();
    let mut seen = HashSet::new();
    for (line, p, r, s) in rows(scores, "scores", &mut errors) {
        let score = match s.parse::<f64>() {
            Ok(x) if x.is_finite() => x,
            _ => {
                errors.push(format!("scores line {line}: score {s:?} is not a finite number"));
                continue;
            }
        };
        let (p, r) = (intern(&mut papers, &mut pi, &p), intern(&mut reviewers, &mut ri, &r));
        if !seen.insert((p, r)) {
            errors.push(format!(
                "scores line {line}: paper {} and reviewer {} appear twice",
                papers[p as usize], reviewers[r as usize]
            ));
            continue;
        }
        candidates.push(Candidate {
            paper: p,
            reviewer: r,
            score,
        });
    }
    let (mut conflicts, mut forced) = (Vec::new(), Vec::new());
    if let Some(data) = constraints {
        for (line, p, r, v) in rows(data, "constraints", &mut errors) {
            let (p, r) = (intern(&mut papers, &mut pi, &p), intern(&mut reviewers, &mut ri, &r));
            match v.parse::<f64>() {
                Ok(-1.0) => conflicts.push((p, r)),
                Ok(1.0) => forced.push((p, r)),
                _ => errors.push(format!("constraints line {line}: value {v:?} must be -1 (conflict) or 1 (forced)")),
            }
        }
    }
    if candidates.is_empty() && errors.is_empty() {
        errors.push("scores: no rows".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if limits.all_pairs {
        for p in 0..papers.len() as u32 {
            for r in 0..reviewers.len() as u32 {
                if seen.insert((p, r)) {
                    candidates.push(Candidate {
                        paper: p,
                        reviewer: r,
                        score: 0.0,
                    });
                }
            }
        }
    }
    let (np, nr) = (papers.len(), reviewers.len());
    Ok(MatcherInput {
        problem: Problem {
            num_papers: np,
            num_reviewers: nr,
            demand: vec![limits.reviewers_per_paper; np],
            min_load: vec![limits.min_load; nr],
            max_load: vec![limits.max_load; nr],
            candidates,
            conflicts,
            forbidden: vec![],
            forced,
        },
        papers,
        reviewers,
    })
}

/// One assigned reviewer in the output.
#[derive(Debug, serde::Serialize)]
pub struct Assigned {
    /// Reviewer id.
    pub user: String,
    /// The pair's score.
    pub aggregate_score: f64,
}

/// The assignment in openreview-matcher's output shape.
pub fn output(input: &MatcherInput, a: &Assignment) -> BTreeMap<String, Vec<Assigned>> {
    a.papers
        .iter()
        .enumerate()
        .map(|(p, list)| {
            let mut v: Vec<Assigned> = list
                .iter()
                .map(|(r, s)| Assigned {
                    user: input.reviewers[*r as usize].clone(),
                    aggregate_score: *s,
                })
                .collect();
            v.sort_by(|x, y| y.aggregate_score.total_cmp(&x.aggregate_score));
            (input.papers[p].clone(), v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::assign::{Mode, solve};

    const LIMITS: Limits = Limits {
        reviewers_per_paper: 1,
        min_load: 0,
        max_load: 1,
        all_pairs: false,
    };

    #[test]
    fn files_round_trip_with_full_precision_and_constraints() {
        let scores = b"paper,reviewer,score\np1,~Ann1,0.123456789012345\np1,~Bo1,0.12345678901\np2,~Ann1,0.5\np2,~Bo1,0.4\n";
        let input = read(scores, Some(b"p1,~Ann1,-1\n"), LIMITS).unwrap();
        let a = solve(&input.problem, &Mode::MaxTotal, None).unwrap();
        let out = output(&input, &a);
        assert_eq!(out["p1"][0].user, "~Bo1", "the conflict is respected");
        assert_eq!(out["p2"][0].user, "~Ann1");
        assert_eq!(out["p1"][0].aggregate_score, 0.12345678901);
        let json = serde_json::to_string(&out).unwrap();
        assert!(json.contains("\"aggregate_score\":0.12345678901"), "{json}");
    }

    #[test]
    fn every_bad_line_is_named() {
        // Line 1 is a header; line 2's score is not a number; line 4 repeats line 3; line 5 is short.
        let Err(errors) = read(
            b"paper,reviewer,score\np1,r1,x\np1,r1,0.5\np1,r1,0.6\np2,r2\n",
            Some(b"p1,r1,2\n"),
            LIMITS,
        ) else {
            panic!()
        };
        assert_eq!(errors.len(), 4, "{errors:?}");
        for needle in ["scores line 2:", "scores line 4:", "scores line 5:", "constraints line 1:"] {
            assert!(errors.iter().any(|e| e.contains(needle)), "{needle} in {errors:?}");
        }
    }
}
