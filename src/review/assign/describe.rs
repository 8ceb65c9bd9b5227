//! Infeasibility reasons and input errors in the caller's own ids, in English or Chinese
//! (`Display` on the error types uses dense indices and English only).

use super::error::{Ban, Infeasibility, InputError};

/// Names a paper or reviewer index in the caller's terms.
pub type Namer<'a> = &'a dyn Fn(u32) -> String;

fn list(v: &[u32], name: Namer) -> String {
    const SHOW: usize = 10;
    let shown: Vec<String> = v.iter().take(SHOW).map(|x| name(*x)).collect();
    if v.len() > SHOW {
        format!("{{{}, … +{}}}", shown.join(", "), v.len() - SHOW)
    } else {
        format!("{{{}}}", shown.join(", "))
    }
}

/// One reason, with papers and reviewers named by `paper` and `reviewer`.
pub fn infeasibility(r: &Infeasibility, zh: bool, paper: Namer, reviewer: Namer) -> String {
    use Infeasibility::*;
    match (r, zh) {
        (ForcedExceedsDemand { paper: p, forced, demand }, false) => {
            format!("paper {} has {forced} forced reviewers but needs only {demand}", paper(*p))
        }
        (ForcedExceedsDemand { paper: p, forced, demand }, true) => {
            format!("论文 {} 指定了 {forced} 位审稿人，但只需要 {demand} 位", paper(*p))
        }
        (
            ForcedExceedsMaxLoad {
                reviewer: r,
                forced,
                max_load,
            },
            false,
        ) => {
            format!(
                "reviewer {} has {forced} forced papers but a maximum load of {max_load}",
                reviewer(*r)
            )
        }
        (
            ForcedExceedsMaxLoad {
                reviewer: r,
                forced,
                max_load,
            },
            true,
        ) => {
            format!("审稿人 {} 被指定了 {forced} 篇论文，但最大负载为 {max_load}", reviewer(*r))
        }
        (DemandExceedsCapacity { demand, capacity }, false) => {
            format!("papers need {demand} reviews but reviewers' maximum loads total {capacity}")
        }
        (DemandExceedsCapacity { demand, capacity }, true) => format!("论文共需 {demand} 份评审，但审稿人最大负载合计只有 {capacity}"),
        (MinLoadsExceedDemand { min_total, demand }, false) => {
            format!("reviewers' minimum loads total {min_total} but papers need only {demand}")
        }
        (MinLoadsExceedDemand { min_total, demand }, true) => format!("审稿人最小负载合计 {min_total}，但论文只需要 {demand} 份评审"),
        (
            PaperShort {
                paper: p,
                needs,
                available,
            },
            false,
        ) => {
            format!(
                "paper {} has only {available} unconflicted candidate reviewers with spare capacity; it needs {needs}",
                paper(*p)
            )
        }
        (
            PaperShort {
                paper: p,
                needs,
                available,
            },
            true,
        ) => {
            format!(
                "论文 {} 只有 {available} 位无利益冲突且尚有余量的候选审稿人，需要 {needs} 位",
                paper(*p)
            )
        }
        (
            ReviewerShort {
                reviewer: r,
                needs,
                available,
            },
            false,
        ) => {
            format!(
                "reviewer {} must review at least {needs} papers but has only {available} allowed candidates",
                reviewer(*r)
            )
        }
        (
            ReviewerShort {
                reviewer: r,
                needs,
                available,
            },
            true,
        ) => {
            format!("审稿人 {} 至少要评审 {needs} 篇论文，但只有 {available} 篇可分配", reviewer(*r))
        }
        (PaperGroupShort { papers, needs, available }, false) => format!(
            "papers {} need {needs} reviews in total but their allowed reviewers can give only {available}",
            list(papers, paper)
        ),
        (PaperGroupShort { papers, needs, available }, true) => {
            format!(
                "论文 {} 共需 {needs} 份评审，但可分配给它们的审稿人只能提供 {available} 份",
                list(papers, paper)
            )
        }
        (
            ReviewerGroupShort {
                reviewers,
                needs,
                available,
            },
            false,
        ) => format!(
            "reviewers {} must review at least {needs} papers in total but their allowed candidate papers can supply only {available}",
            list(reviewers, reviewer)
        ),
        (
            ReviewerGroupShort {
                reviewers,
                needs,
                available,
            },
            true,
        ) => {
            format!(
                "审稿人 {} 合计至少要评审 {needs} 篇，但可分配给他们的论文只能提供 {available} 份",
                list(reviewers, reviewer)
            )
        }
    }
}

/// One input error, in English, with papers and reviewers named.
pub fn input_error(e: &InputError, zh: bool, paper: Namer, reviewer: Namer) -> String {
    match (e, zh) {
        (InputError::MinLoadExceedsMax { reviewer: r, min, max }, false) => {
            format!("reviewer {} has minimum load {min} above maximum load {max}", reviewer(*r))
        }
        (InputError::MinLoadExceedsMax { reviewer: r, min, max }, true) => {
            format!("审稿人 {} 的最低分配量 {min} 高于最高分配量 {max}", reviewer(*r))
        }
        (InputError::NonFiniteScore { paper: p, reviewer: r, .. }, false) => {
            format!("paper {}, reviewer {}: the score is not a finite number", paper(*p), reviewer(*r))
        }
        (InputError::NonFiniteScore { paper: p, reviewer: r, .. }, true) => {
            format!("论文 {}、审稿人 {}：分数不是有限数值", paper(*p), reviewer(*r))
        }
        (
            InputError::DuplicatePair {
                list,
                paper: p,
                reviewer: r,
            },
            false,
        ) => format!("{list} pair (paper {}, reviewer {}) appears twice", paper(*p), reviewer(*r)),
        (
            InputError::DuplicatePair {
                list,
                paper: p,
                reviewer: r,
            },
            true,
        ) => format!("{list} 列表中的配对（论文 {}，审稿人 {}）出现了两次", paper(*p), reviewer(*r)),
        (
            InputError::ForcedPairBanned {
                paper: p,
                reviewer: r,
                ban,
            },
            false,
        ) => format!(
            "forced pair (paper {}, reviewer {}) is {}",
            paper(*p),
            reviewer(*r),
            match ban {
                Ban::Conflict => "also a conflict of interest",
                Ban::Forbidden => "also forbidden",
            }
        ),
        (
            InputError::ForcedPairBanned {
                paper: p,
                reviewer: r,
                ban,
            },
            true,
        ) => format!(
            "必须保留的分配（论文 {}，审稿人 {}）{}",
            paper(*p),
            reviewer(*r),
            match ban {
                Ban::Conflict => "同时存在利益冲突",
                Ban::Forbidden => "同时被禁止",
            }
        ),
        (other, _) => other.to_string(),
    }
}
