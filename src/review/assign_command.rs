//! `xuehui assign`: the solver on openreview-matcher's files, with a progress bar on large inputs.

use std::path::{Path, PathBuf};

use super::assign::{FairOptions, Mode, Progress, SolveError, describe, solve};
use super::matcher_files::{self, Limits};

/// What the command was asked to do.
pub struct AssignArgs {
    /// `paper,reviewer,score` file.
    pub scores: PathBuf,
    /// `paper,reviewer,-1|1` file.
    pub constraints: Option<PathBuf>,
    /// Limits shared by all papers and reviewers.
    pub limits: Limits,
    /// Fairness mode.
    pub fair: bool,
    /// Output JSON file.
    pub out: PathBuf,
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))
}

/// Runs the command; an infeasible or invalid input is an error whose text explains it.
pub fn run(args: &AssignArgs) -> anyhow::Result<String> {
    let scores = read(&args.scores)?;
    let constraints = args.constraints.as_deref().map(read).transpose()?;
    let input = matcher_files::read(&scores, constraints.as_deref(), args.limits)
        .map_err(|errors| anyhow::anyhow!("invalid input:\n  {}", errors.join("\n  ")))?;
    let bar = indicatif::ProgressBar::new(100);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Small inputs finish before a bar is worth drawing.
    if input.problem.candidates.len() < 200_000 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut on_progress = |p: Progress| {
        bar.set_message(format!("{:?}", p.phase));
        bar.set_length(u64::from(p.total.max(1)));
        bar.set_position(u64::from(p.done));
    };
    let mode = if args.fair {
        Mode::Fair(FairOptions::default())
    } else {
        Mode::MaxTotal
    };
    let result = solve(&input.problem, &mode, Some(&mut on_progress));
    bar.finish_and_clear();
    let paper = |i: u32| input.papers[i as usize].clone();
    let reviewer = |i: u32| input.reviewers[i as usize].clone();
    let a = match result {
        Ok(a) => a,
        Err(SolveError::Infeasible(reasons)) => {
            let lines: Vec<String> = reasons
                .iter()
                .map(|r| describe::infeasibility(r, false, &paper, &reviewer))
                .collect();
            anyhow::bail!("no assignment satisfies the constraints:\n  {}", lines.join("\n  "));
        }
        Err(SolveError::Input(errors)) => {
            let lines: Vec<String> = errors.iter().map(|e| describe::input_error(e, false, &paper, &reviewer)).collect();
            anyhow::bail!("invalid input:\n  {}", lines.join("\n  "));
        }
    };
    let out = matcher_files::output(&input, &a);
    let json = serde_json::to_vec_pretty(&out)?;
    std::fs::write(&args.out, json).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", args.out.display()))?;
    let mut summary = format!(
        "{} papers, {} reviewers: total score {} (within {:.1e} of the optimum); written to {}",
        input.papers.len(),
        input.reviewers.len(),
        a.total_score,
        a.precision.max_gap,
        args.out.display()
    );
    if let Some(f) = &a.fairness {
        summary.push_str(&format!(
            "\nfairness: lowest paper total {} (upper bound {})",
            f.min_paper_score, f.upper_bound
        ));
    }
    Ok(summary)
}
