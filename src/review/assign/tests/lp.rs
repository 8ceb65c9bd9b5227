//! Independent optimum via the transportation LP (totally unimodular, so the LP optimum is the integer optimum).

use super::View;
use good_lp::{Expression, Solution, SolverModel, microlp, variable, variables};

/// LP optimum of the max-total problem (forced scores included), or `None` if the LP is infeasible.
pub fn lp_optimum(v: &View) -> Option<f64> {
    if v.demand.iter().any(|&d| d < 0) || v.max.iter().any(|&m| m < 0) {
        return None;
    }
    let mut vars = variables!();
    let mut obj = Expression::from(0.0);
    let mut per_paper: Vec<Expression> = vec![Expression::from(0.0); v.np];
    let mut per_rev: Vec<Expression> = vec![Expression::from(0.0); v.nr];
    for (p, arcs) in v.allowed.iter().enumerate() {
        for &(r, s, _) in arcs {
            let x = vars.add(variable().min(0.0).max(1.0));
            obj += s * x;
            per_paper[p] += x;
            per_rev[r as usize] += x;
        }
    }
    let forced: f64 = v.forced.iter().flatten().map(|f| f.1).sum();
    let mut model = vars.maximise(obj.clone()).using(microlp);
    for (p, e) in per_paper.into_iter().enumerate() {
        model = model.with(e.eq(v.demand[p] as f64));
    }
    for (r, e) in per_rev.into_iter().enumerate() {
        model = model.with(e.clone().geq(v.min[r] as f64));
        model = model.with(e.leq(v.max[r] as f64));
    }
    let sol = model.solve().ok()?;
    Some(sol.eval(&obj) + forced)
}
