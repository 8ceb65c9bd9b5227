//! Benchmarks of the assignment solver: `cargo bench --bench assign [-- a|b|fair|inc|popfair]` (no argument: all).
//! Prints solver time (instance generation excluded), peak memory (VmHWM) and objective.

use std::time::Instant;
use xuehui::review::assign::{FairOptions, Mode, Problem, Progress, solve, testgen};

fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "?".into())
}

fn run(name: &str, p: &Problem, mode: &Mode) -> xuehui::review::assign::Assignment {
    let t = Instant::now();
    let mut last = Instant::now();
    let mut cb = |pr: Progress| {
        if std::env::var_os("XH_PROGRESS").is_some() {
            eprintln!("  {:?} {}/{} (+{:.2}s)", pr.phase, pr.done, pr.total, last.elapsed().as_secs_f64());
            last = Instant::now();
        }
    };
    let a = solve(p, mode, Some(&mut cb)).expect("feasible");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{name}: time {secs:.3} s, peak memory (VmHWM) {}, objective {:.9}, quantum {:.3e}, stats {:?}",
        vm_hwm(),
        a.total_score,
        a.precision.quantum,
        a.stats
    );
    if let Some(f) = &a.fairness {
        println!(
            "  fair: min {:.6} (max-total min {:.6}), bound {:.6}, max-total total {:.6}, solves {}",
            f.min_paper_score, f.max_total_min, f.upper_bound, f.max_total, f.solves
        );
    }
    if let Some(i) = &a.incremental {
        println!(
            "  incremental: kept {}, removed {}, added {}, dropped {}",
            i.kept,
            i.removed,
            i.added,
            i.dropped.len()
        );
    }
    a
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let want = |k: &str| args.is_empty() || args.iter().any(|a| a == k);
    // `popfair` alone runs just the popularity-skewed fair-mode case.
    let only_popfair = args.iter().all(|a| a == "popfair") && !args.is_empty();
    if want("a") || want("fair") || want("inc") || want("popfair") {
        let t = Instant::now();
        let p = testgen::dense(2000, 1500, 3, 6, 0.05, 1);
        println!(
            "instance a: 2000 x 1500 dense, k=3, max 6, 5% conflicts (generated in {:.2} s)",
            t.elapsed().as_secs_f64()
        );
        let a = if only_popfair {
            None
        } else {
            Some(run("a/default", &p, &Mode::MaxTotal))
        };
        if want("fair") || want("popfair") {
            if !only_popfair {
                run("a/fair", &p, &Mode::Fair(FairOptions::default()));
            }
            // Same shape with reviewer popularity: max-total starves some papers, so fair mode has real work.
            let mut pc = p.clone();
            for c in &mut pc.candidates {
                c.score = 0.7 * c.reviewer as f64 / 1500.0 + 0.3 * c.score;
            }
            if !only_popfair {
                run("a-popular/default", &pc, &Mode::MaxTotal);
            }
            run("a-popular/fair", &pc, &Mode::Fair(FairOptions::default()));
        }
        if let (true, Some(a)) = (want("inc"), a) {
            // Scenario 1: 100 new papers arrive (capacity raised so they fit).
            let mut p2 = testgen::dense(2100, 1500, 3, 6, 0.05, 1);
            p2.max_load = vec![6; 1500];
            let existing: Vec<(u32, u32)> = a
                .papers
                .iter()
                .enumerate()
                .flat_map(|(i, v)| v.iter().map(move |x| (i as u32, x.0)))
                .collect();
            run(
                "a/incremental (+100 papers)",
                &p2,
                &Mode::Incremental {
                    existing: existing.clone(),
                },
            );
            // Scenario 2: reviewer 0..10 drop out (max load 0).
            let mut p3 = p.clone();
            for r in 0..10 {
                p3.max_load[r] = 0;
            }
            run("a/incremental (10 reviewers out)", &p3, &Mode::Incremental { existing });
        }
    }
    if want("b") {
        let t = Instant::now();
        let p = testgen::sparse(21_575, 20_518, 300, 4, 6, 2);
        println!(
            "instance b: 21575 x 20518, 300 candidates/paper, k=4, max 6 (generated in {:.2} s)",
            t.elapsed().as_secs_f64()
        );
        run("b/default", &p, &Mode::MaxTotal);
    }
}
