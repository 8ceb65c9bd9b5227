//! Aggregation of expert votes into a proposed tiered catalogue (the documented aggregation rule).
//!
//! 1. **Voted tier.** A vote scores T1 = 3, T2 = 2, T3 = 1, not listed = 0. A journal with fewer than
//!    `min_votes` votes, or with none at all, is not listed (`TooFewVotes`). `Median` takes the middle score,
//!    and with an even count the lower of the two middle scores; `Mean` rounds the mean score to the nearest
//!    integer with an exact .5 going down (compared in exact integer arithmetic). Ties thus always go toward
//!    the lower tier. A result of 0 means not listed.
//! 2. **Ranking order** (used by quotas, the share limit and `rank`): mean score descending (no votes last),
//!    then nominations descending, then the indicators one by one in priority order (a value beats none,
//!    higher beats lower, NaN counts as none, -0.0 equals 0.0), then journal id ascending.
//! 3. **Overrides** fix the final tier. They count toward quotas and the share limit but are never demoted or cut.
//! 4. **Quotas**, from T1 down: a tier keeps its best non-overridden journals, by ranking order, up to its quota
//!    minus the overrides in it; the rest move one tier down (below T3 = not listed) and compete there.
//!    `DemotedByQuota.from` is the tier the journal was voted into.
//! 5. **Share limit.** At most floor(max_share_pct × register_size / 100) journals are listed, overrides included.
//!    Above that, non-overridden journals are dropped worst first: T3 before T2 before T1, and within a tier from
//!    the bottom of the ranking order. The last step that moved a journal gives its reason.
//! 6. Overrides that alone exceed a quota or the share limit are kept and reported as warnings.

use std::cmp::{Ordering, Reverse};

use serde::Serialize;

/// A catalogue tier; T1 is the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Tier {
    /// The best tier.
    T1,
    /// The middle tier.
    T2,
    /// The lowest listed tier.
    T3,
}

impl Tier {
    /// All tiers, best first.
    pub const ALL: [Tier; 3] = [Tier::T1, Tier::T2, Tier::T3];

    /// The tier's code: "T1", "T2" or "T3".
    pub fn code(self) -> &'static str {
        match self {
            Tier::T1 => "T1",
            Tier::T2 => "T2",
            Tier::T3 => "T3",
        }
    }

    /// Parses a tier code, ignoring case and surrounding whitespace.
    pub fn parse(s: &str) -> Option<Tier> {
        let s = s.trim();
        Tier::ALL.into_iter().find(|t| t.code().eq_ignore_ascii_case(s))
    }

    /// Position in per-tier arrays: T1 = 0, T2 = 1, T3 = 2.
    pub fn index(self) -> usize {
        match self {
            Tier::T1 => 0,
            Tier::T2 => 1,
            Tier::T3 => 2,
        }
    }

    /// The next tier down; None below T3 (not listed).
    pub fn lower(self) -> Option<Tier> {
        match self {
            Tier::T1 => Some(Tier::T2),
            Tier::T2 => Some(Tier::T3),
            Tier::T3 => None,
        }
    }

    /// The tier a score on the ranking scale stands for; 0 (or anything unknown) is not listed.
    fn from_score(score: u32) -> Option<Tier> {
        match score {
            3 => Some(Tier::T1),
            2 => Some(Tier::T2),
            1 => Some(Tier::T3),
            _ => None,
        }
    }
}

/// One expert's vote; None means "not listed".
pub type Vote = Option<Tier>;

/// Score of a vote on the ranking scale: T1=3, T2=2, T3=1, not listed=0.
pub fn score(v: Vote) -> u32 {
    match v {
        Some(Tier::T1) => 3,
        Some(Tier::T2) => 2,
        Some(Tier::T3) => 1,
        None => 0,
    }
}

/// How votes become a tier before limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    /// Middle score; with an even count the lower of the two middle scores.
    Median,
    /// Mean score rounded to the nearest integer, an exact .5 going down.
    Mean,
}

/// The edition's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rules {
    /// How votes become a tier before limits.
    pub method: Method,
    /// Percentage (0..=100) of the field's register that may be listed in total.
    pub max_share_pct: u32,
    /// Optional maximum number of journals per tier, indexed by Tier::index().
    pub quotas: [Option<u32>; 3],
    /// Number of journals in the field's register (the base of the share limit).
    pub register_size: usize,
    /// Journals with fewer votes than this are not listed (default callers use 1).
    pub min_votes: u32,
}

/// A committee override: the final tier, fixed whatever the votes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Override {
    /// The fixed final tier (None = not listed).
    pub tier: Option<Tier>,
}

/// One journal going into the aggregation.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The journal's id; expected to be unique among the candidates.
    pub journal_id: i64,
    /// The panel's votes, one per expert who voted.
    pub votes: Vec<Vote>,
    /// How many times the journal was nominated.
    pub nominations: u32,
    /// Indicator values in the edition's priority order, already oriented so that higher is better
    /// (the caller negates lower-is-better indicators); None = no value.
    pub indicators: Vec<Option<f64>>,
    /// The committee's override, if any.
    pub override_tier: Option<Override>,
}

/// Why a journal landed where it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Reason {
    /// Fewer votes than `min_votes` (includes zero votes).
    TooFewVotes,
    /// The method's result, untouched by limits.
    Voted,
    /// Moved down from `from` because `from`'s quota was full.
    DemotedByQuota {
        /// The tier the journal was voted into.
        from: Tier,
    },
    /// Dropped from the list (was `from`) because the share limit was reached.
    CutByShareLimit {
        /// The tier the journal had just before the cut.
        from: Tier,
    },
    /// The committee fixed the tier; `voted` is what the votes alone gave (None = not listed).
    Overridden {
        /// The tier the votes alone gave.
        voted: Option<Tier>,
    },
}

/// The outcome for one journal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    /// The journal's id.
    pub journal_id: i64,
    /// Counts of votes for T1, T2, T3, not listed.
    pub distribution: [u32; 4],
    /// Mean score on the 0..3 scale; None without votes.
    pub mean: Option<f64>,
    /// Tier the method gives before limits (None = not listed or too few votes).
    pub voted: Option<Tier>,
    /// Final tier (None = not listed).
    pub tier: Option<Tier>,
    /// Why the journal landed where it did.
    pub reason: Reason,
    /// 1-based position in the overall ranking order, over all candidates.
    pub rank: usize,
}

/// Something the committee should know about the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Warning {
    /// Overrides alone put more journals in `tier` than its quota allows.
    OverridesExceedQuota {
        /// The over-full tier.
        tier: Tier,
        /// The tier's quota.
        quota: u32,
        /// Overridden journals in the tier.
        count: u32,
    },
    /// Overrides alone list more journals than the share limit allows.
    OverridesExceedShare {
        /// The share limit.
        limit: u32,
        /// Overridden journals that are listed.
        count: u32,
    },
}

/// The proposed catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// One per candidate, ordered by final tier (T1, T2, T3, then not listed), then by rank.
    pub placements: Vec<Placement>,
    /// Maximum number of journals that may be listed: floor(max_share_pct * register_size / 100).
    pub limit: u32,
    /// Number of journals per final tier, indexed by Tier::index().
    pub counts: [u32; 3],
    /// Things the committee should know about the result.
    pub warnings: Vec<Warning>,
}

/// Turns the panel's votes into a proposed catalogue, following the rule in the module documentation.
pub fn aggregate(candidates: &[Candidate], rules: &Rules) -> Proposal {
    let tallies: Vec<Tally> = candidates.iter().map(|c| Tally::of(&c.votes)).collect();
    let order = ranking_order(candidates, &tallies);
    let mut rank = vec![0; candidates.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position + 1;
    }

    let voted: Vec<Option<Tier>> = candidates.iter().map(|c| voted_tier(&c.votes, rules)).collect();
    let mut states: Vec<State> = candidates.iter().zip(&voted).map(|(c, &v)| State::initial(c, v, rules)).collect();

    let mut warnings = Vec::new();
    apply_quotas(&order, &mut states, &rules.quotas, &mut warnings);
    let limit = share_limit(rules);
    apply_share_limit(&order, &mut states, limit, &mut warnings);

    let mut placements: Vec<Placement> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| Placement {
            journal_id: c.journal_id,
            distribution: tallies[i].distribution,
            mean: tallies[i].mean(),
            voted: voted[i],
            tier: states[i].tier,
            reason: states[i].reason,
            rank: rank[i],
        })
        .collect();
    placements.sort_by_key(|p| (tier_position(p.tier), p.rank));

    let mut counts = [0u32; 3];
    for tier in placements.iter().filter_map(|p| p.tier) {
        counts[tier.index()] = counts[tier.index()].saturating_add(1);
    }
    Proposal {
        placements,
        limit,
        counts,
        warnings,
    }
}

/// Vote totals of one candidate, the basis of both its voted tier and its ranking.
struct Tally {
    distribution: [u32; 4],
    sum: u64,
    count: u64,
}

impl Tally {
    fn of(votes: &[Vote]) -> Tally {
        let mut distribution = [0u32; 4];
        for &vote in votes {
            let slot = vote.map_or(3, Tier::index);
            distribution[slot] = distribution[slot].saturating_add(1);
        }
        Tally {
            distribution,
            sum: votes.iter().map(|&v| u64::from(score(v))).sum(),
            count: votes.len() as u64,
        }
    }

    fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }
}

/// Where a journal stands while limits are applied.
struct State {
    tier: Option<Tier>,
    reason: Reason,
    /// Overridden journals are never demoted or cut.
    fixed: bool,
}

impl State {
    fn initial(candidate: &Candidate, voted: Option<Tier>, rules: &Rules) -> State {
        match candidate.override_tier {
            Some(o) => State {
                tier: o.tier,
                reason: Reason::Overridden { voted },
                fixed: true,
            },
            None if has_too_few_votes(&candidate.votes, rules) => State {
                tier: None,
                reason: Reason::TooFewVotes,
                fixed: false,
            },
            None => State {
                tier: voted,
                reason: Reason::Voted,
                fixed: false,
            },
        }
    }
}

fn has_too_few_votes(votes: &[Vote], rules: &Rules) -> bool {
    // Zero votes always count as too few, even with min_votes = 0: there is nothing to aggregate.
    votes.is_empty() || (votes.len() as u64) < u64::from(rules.min_votes)
}

/// The tier the method gives before limits; None when not listed or with too few votes.
fn voted_tier(votes: &[Vote], rules: &Rules) -> Option<Tier> {
    if has_too_few_votes(votes, rules) {
        return None;
    }
    let score = match rules.method {
        Method::Median => median_score(votes),
        Method::Mean => {
            let tally = Tally::of(votes);
            rounded_mean_score(tally.sum, tally.count)
        }
    };
    Tier::from_score(score)
}

fn median_score(votes: &[Vote]) -> u32 {
    let mut scores: Vec<u32> = votes.iter().map(|&v| score(v)).collect();
    scores.sort_unstable();
    // (n - 1) / 2 is the middle for odd n and the lower middle for even n, so ties go to the lower tier.
    scores.get(scores.len().saturating_sub(1) / 2).copied().unwrap_or(0)
}

fn rounded_mean_score(sum: u64, count: u64) -> u32 {
    // The mean rounds up past k only when strictly above k + 0.5, i.e. 2 * sum > count * (2k + 1);
    // integers keep exact halves from drifting either way.
    let (sum, count) = (u128::from(sum), u128::from(count));
    (0..3u128).map(|k| u32::from(2 * sum > count * (2 * k + 1))).sum()
}

/// Candidate indices, best first.
fn ranking_order(candidates: &[Candidate], tallies: &[Tally]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        compare_means(&tallies[a], &tallies[b])
            .then_with(|| candidates[b].nominations.cmp(&candidates[a].nominations))
            .then_with(|| compare_indicators(&candidates[a].indicators, &candidates[b].indicators))
            .then_with(|| candidates[a].journal_id.cmp(&candidates[b].journal_id))
    });
    order
}

/// Less when `a` has the higher mean; journals without votes come last.
fn compare_means(a: &Tally, b: &Tally) -> Ordering {
    match (a.count, b.count) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        // Cross-multiplied so equal means compare equal exactly.
        _ => (u128::from(b.sum) * u128::from(a.count)).cmp(&(u128::from(a.sum) * u128::from(b.count))),
    }
}

/// Less when `a` wins on the first indicator that separates the two.
fn compare_indicators(a: &[Option<f64>], b: &[Option<f64>]) -> Ordering {
    (0..a.len().max(b.len()))
        .map(|i| match (indicator(a, i), indicator(b, i)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// The i-th indicator, with NaN and a missing position read as no value.
fn indicator(values: &[Option<f64>], i: usize) -> Option<f64> {
    let value = values.get(i).copied().flatten().filter(|x| !x.is_nan())?;
    // total_cmp puts -0.0 below 0.0; a negated zero must not beat a plain one.
    Some(if value == 0.0 { 0.0 } else { value })
}

fn apply_quotas(order: &[usize], states: &mut [State], quotas: &[Option<u32>; 3], warnings: &mut Vec<Warning>) {
    for tier in Tier::ALL {
        let Some(quota) = quotas[tier.index()] else { continue };
        let fixed = count_where(states, |s| s.fixed && s.tier == Some(tier));
        if fixed > quota {
            warnings.push(Warning::OverridesExceedQuota { tier, quota, count: fixed });
        }
        let capacity = quota.saturating_sub(fixed) as usize;
        let in_tier: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| !states[i].fixed && states[i].tier == Some(tier))
            .collect();
        for i in in_tier.into_iter().skip(capacity) {
            let state = &mut states[i];
            state.tier = tier.lower();
            // A journal demoted twice still reports the tier it was voted into.
            if !matches!(state.reason, Reason::DemotedByQuota { .. }) {
                state.reason = Reason::DemotedByQuota { from: tier };
            }
        }
    }
}

fn share_limit(rules: &Rules) -> u32 {
    let limit = u128::from(rules.max_share_pct) * rules.register_size as u128 / 100;
    u32::try_from(limit).unwrap_or(u32::MAX)
}

fn apply_share_limit(order: &[usize], states: &mut [State], limit: u32, warnings: &mut Vec<Warning>) {
    let fixed = count_where(states, |s| s.fixed && s.tier.is_some());
    if fixed > limit {
        warnings.push(Warning::OverridesExceedShare { limit, count: fixed });
    }
    let excess = count_where(states, |s| s.tier.is_some()).saturating_sub(limit) as usize;
    if excess == 0 {
        return;
    }
    // Worst first: bottom of the ranking within each tier, and the stable sort then puts T3 before T2 before T1.
    let mut worst_first: Vec<usize> = order
        .iter()
        .rev()
        .copied()
        .filter(|&i| !states[i].fixed && states[i].tier.is_some())
        .collect();
    worst_first.sort_by_key(|&i| Reverse(tier_position(states[i].tier)));
    for i in worst_first.into_iter().take(excess) {
        let state = &mut states[i];
        if let Some(from) = state.tier.take() {
            state.reason = Reason::CutByShareLimit { from };
        }
    }
}

fn count_where(states: &[State], predicate: impl Fn(&State) -> bool) -> u32 {
    u32::try_from(states.iter().filter(|s| predicate(s)).count()).unwrap_or(u32::MAX)
}

/// Sort key for a final tier: T1, T2, T3, then not listed.
fn tier_position(tier: Option<Tier>) -> usize {
    tier.map_or(3, Tier::index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Votes from codes separated by spaces; "-" is not listed.
    fn votes(codes: &str) -> Vec<Vote> {
        codes
            .split_whitespace()
            .map(|c| {
                if c == "-" {
                    None
                } else {
                    Some(Tier::parse(c).expect("test vote code"))
                }
            })
            .collect()
    }

    fn candidate(journal_id: i64, codes: &str) -> Candidate {
        Candidate {
            journal_id,
            votes: votes(codes),
            nominations: 0,
            indicators: Vec::new(),
            override_tier: None,
        }
    }

    fn overridden(journal_id: i64, codes: &str, tier: Option<Tier>) -> Candidate {
        Candidate {
            override_tier: Some(Override { tier }),
            ..candidate(journal_id, codes)
        }
    }

    fn rules(method: Method) -> Rules {
        Rules {
            method,
            max_share_pct: 100,
            quotas: [None; 3],
            register_size: 1000,
            min_votes: 1,
        }
    }

    fn with_quotas(quotas: [Option<u32>; 3]) -> Rules {
        Rules {
            quotas,
            ..rules(Method::Median)
        }
    }

    fn with_limit(max_share_pct: u32, register_size: usize) -> Rules {
        Rules {
            max_share_pct,
            register_size,
            ..rules(Method::Median)
        }
    }

    fn placement(proposal: &Proposal, journal_id: i64) -> &Placement {
        proposal
            .placements
            .iter()
            .find(|p| p.journal_id == journal_id)
            .expect("journal in proposal")
    }

    fn tier_of(proposal: &Proposal, journal_id: i64) -> Option<Tier> {
        placement(proposal, journal_id).tier
    }

    fn voted_alone(method: Method, codes: &str) -> Option<Tier> {
        let proposal = aggregate(&[candidate(1, codes)], &rules(method));
        placement(&proposal, 1).voted
    }

    fn ids(proposal: &Proposal) -> Vec<i64> {
        proposal.placements.iter().map(|p| p.journal_id).collect()
    }

    fn ids_by_rank(proposal: &Proposal) -> Vec<i64> {
        let mut placements: Vec<&Placement> = proposal.placements.iter().collect();
        placements.sort_by_key(|p| p.rank);
        placements.iter().map(|p| p.journal_id).collect()
    }

    #[test]
    fn tier_codes_parse_back_ignoring_case_and_whitespace() {
        for tier in Tier::ALL {
            assert_eq!(Tier::parse(tier.code()), Some(tier));
            assert_eq!(Tier::parse(&format!("  {} ", tier.code().to_lowercase())), Some(tier));
        }
        assert_eq!(Tier::parse("T4"), None);
        assert_eq!(Tier::parse(""), None);
        assert_eq!(Tier::parse("T 1"), None);
    }

    #[test]
    fn tiers_index_and_step_down_in_order() {
        assert_eq!(Tier::ALL.map(Tier::index), [0, 1, 2]);
        assert_eq!(Tier::ALL.map(Tier::lower), [Some(Tier::T2), Some(Tier::T3), None]);
    }

    #[test]
    fn scores_run_from_three_for_t1_to_zero_for_not_listed() {
        assert_eq!([Some(Tier::T1), Some(Tier::T2), Some(Tier::T3), None].map(score), [3, 2, 1, 0]);
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_vote() {
        assert_eq!(voted_alone(Method::Median, "T1 T2 T3"), Some(Tier::T2));
        assert_eq!(voted_alone(Method::Median, "T1 T1 T3"), Some(Tier::T1));
        assert_eq!(voted_alone(Method::Median, "T3"), Some(Tier::T3));
    }

    #[test]
    fn an_even_split_between_t1_and_t2_goes_to_t2() {
        assert_eq!(voted_alone(Method::Median, "T1 T2"), Some(Tier::T2));
        assert_eq!(voted_alone(Method::Median, "T1 T1 T2 T2"), Some(Tier::T2));
    }

    #[test]
    fn an_even_median_takes_the_lower_of_the_two_middle_votes() {
        assert_eq!(voted_alone(Method::Median, "T1 T1 T3 -"), Some(Tier::T3));
        assert_eq!(voted_alone(Method::Median, "T3 -"), None);
    }

    #[test]
    fn a_mean_of_exactly_one_half_above_a_tier_rounds_down_to_it() {
        assert_eq!(voted_alone(Method::Mean, "T1 T2"), Some(Tier::T2));
        assert_eq!(voted_alone(Method::Mean, "T2 T3"), Some(Tier::T3));
        assert_eq!(voted_alone(Method::Mean, "T3 -"), None);
    }

    #[test]
    fn a_mean_rounds_to_the_nearest_tier_off_the_half() {
        assert_eq!(voted_alone(Method::Mean, "T1 T1 T2"), Some(Tier::T1)); // 2.67
        assert_eq!(voted_alone(Method::Mean, "T1 T3 T3"), Some(Tier::T2)); // 1.67
        assert_eq!(voted_alone(Method::Mean, "T2 T2 T3 T3 T3"), Some(Tier::T3)); // 1.4
        assert_eq!(voted_alone(Method::Mean, "T1 - - - -"), Some(Tier::T3)); // 0.6
        assert_eq!(voted_alone(Method::Mean, "T3 - -"), None); // 0.33
    }

    #[test]
    fn a_not_listed_majority_leaves_the_journal_out() {
        let proposal = aggregate(&[candidate(1, "T1 - -")], &rules(Method::Median));
        let p = placement(&proposal, 1);
        assert_eq!((p.voted, p.tier, p.reason), (None, None, Reason::Voted));
        assert_eq!(voted_alone(Method::Mean, "T3 - - -"), None); // 0.25
    }

    #[test]
    fn fewer_votes_than_the_minimum_are_not_listed() {
        let rules = Rules {
            min_votes: 3,
            ..rules(Method::Median)
        };
        let proposal = aggregate(&[candidate(1, "T1 T1"), candidate(2, "T2 T2 T2")], &rules);
        let p = placement(&proposal, 1);
        assert_eq!((p.voted, p.tier, p.reason), (None, None, Reason::TooFewVotes));
        assert_eq!(p.mean, Some(3.0));
        assert_eq!(tier_of(&proposal, 2), Some(Tier::T2));
    }

    #[test]
    fn a_journal_without_votes_is_not_listed_and_has_no_mean() {
        let rules = Rules {
            min_votes: 0,
            ..rules(Method::Mean)
        };
        let proposal = aggregate(&[candidate(1, "")], &rules);
        let p = placement(&proposal, 1);
        assert_eq!((p.voted, p.tier, p.reason, p.mean), (None, None, Reason::TooFewVotes, None));
        assert_eq!(p.distribution, [0; 4]);
    }

    #[test]
    fn the_distribution_counts_votes_per_tier_and_not_listed() {
        let proposal = aggregate(&[candidate(1, "T1 T3 - T3 T1 T1 -")], &rules(Method::Median));
        let p = placement(&proposal, 1);
        assert_eq!(p.distribution, [3, 0, 2, 2]);
        assert_eq!(p.mean, Some(11.0 / 7.0));
    }

    #[test]
    fn a_full_quota_demotes_the_lowest_ranked_t1_to_t2() {
        let candidates = [candidate(1, "T1 T1 T1"), candidate(2, "T1 T1 T2"), candidate(3, "T1 T1 T3")];
        let proposal = aggregate(&candidates, &with_quotas([Some(2), None, None]));
        assert_eq!(tier_of(&proposal, 1), Some(Tier::T1));
        assert_eq!(tier_of(&proposal, 2), Some(Tier::T1));
        let p = placement(&proposal, 3);
        assert_eq!(
            (p.voted, p.tier, p.reason),
            (Some(Tier::T1), Some(Tier::T2), Reason::DemotedByQuota { from: Tier::T1 })
        );
        assert_eq!(proposal.counts, [2, 1, 0]);
    }

    #[test]
    fn demoted_journals_compete_for_the_next_tiers_quota() {
        let candidates = [
            candidate(1, "T1 T1 T1"),
            candidate(2, "T1 T1 T2"),
            candidate(3, "T1 T1 T3"),
            candidate(4, "T2 T2"),
        ];
        let proposal = aggregate(&candidates, &with_quotas([Some(1), Some(1), None]));
        let outcome = |id| (tier_of(&proposal, id), placement(&proposal, id).reason);
        assert_eq!(outcome(1), (Some(Tier::T1), Reason::Voted));
        assert_eq!(outcome(2), (Some(Tier::T2), Reason::DemotedByQuota { from: Tier::T1 }));
        assert_eq!(outcome(3), (Some(Tier::T3), Reason::DemotedByQuota { from: Tier::T1 }));
        assert_eq!(outcome(4), (Some(Tier::T3), Reason::DemotedByQuota { from: Tier::T2 }));
    }

    #[test]
    fn a_full_t3_quota_leaves_the_rest_out() {
        let candidates = [candidate(1, "T3 T3"), candidate(2, "T3 T3 -")];
        let proposal = aggregate(&candidates, &with_quotas([None, None, Some(1)]));
        assert_eq!(tier_of(&proposal, 1), Some(Tier::T3));
        let p = placement(&proposal, 2);
        assert_eq!(
            (p.voted, p.tier, p.reason),
            (Some(Tier::T3), None, Reason::DemotedByQuota { from: Tier::T3 })
        );
    }

    #[test]
    fn a_higher_mean_ranks_first_and_journals_without_votes_rank_last() {
        let candidates = [
            candidate(1, ""),
            candidate(2, "- -"),
            candidate(3, "T2 T2"),
            candidate(4, "T1 T3 T1"),
        ];
        let proposal = aggregate(&candidates, &rules(Method::Median));
        assert_eq!(ids_by_rank(&proposal), [4, 3, 2, 1]);
    }

    #[test]
    fn equal_means_are_ranked_by_nominations() {
        let mut low = candidate(1, "T1 T3");
        low.nominations = 1;
        let mut high = candidate(2, "T2 T2");
        high.nominations = 4;
        let proposal = aggregate(&[low, high], &rules(Method::Median));
        assert_eq!(ids_by_rank(&proposal), [2, 1]);
    }

    #[test]
    fn equal_nominations_are_ranked_by_the_first_indicator_that_differs() {
        let with = |id, indicators: Vec<Option<f64>>| Candidate {
            indicators,
            ..candidate(id, "T2")
        };
        let candidates = [
            with(1, vec![Some(1.0), Some(5.0)]),
            with(2, vec![Some(1.0), Some(9.0)]),
            with(3, vec![Some(2.0), Some(0.0)]),
            with(4, vec![None, Some(100.0)]),
        ];
        let proposal = aggregate(&candidates, &rules(Method::Median));
        assert_eq!(ids_by_rank(&proposal), [3, 2, 1, 4]);
    }

    #[test]
    fn a_missing_indicator_value_loses_to_any_value_and_nan_counts_as_missing() {
        let with = |id, indicators: Vec<Option<f64>>| Candidate {
            indicators,
            ..candidate(id, "T2")
        };
        let candidates = [
            with(1, vec![Some(f64::NAN), Some(1.0)]),
            with(2, vec![Some(-50.0)]),
            with(3, vec![None, Some(2.0)]),
        ];
        let proposal = aggregate(&candidates, &rules(Method::Median));
        assert_eq!(ids_by_rank(&proposal), [2, 3, 1]);
    }

    #[test]
    fn a_negated_zero_ties_with_zero_and_full_ties_go_to_the_lower_id() {
        let with = |id, indicators: Vec<Option<f64>>| Candidate {
            indicators,
            ..candidate(id, "T2")
        };
        let candidates = [with(9, vec![Some(0.0)]), with(3, vec![Some(-0.0)]), with(5, vec![Some(0.0), None])];
        let proposal = aggregate(&candidates, &rules(Method::Median));
        assert_eq!(ids_by_rank(&proposal), [3, 5, 9]);
    }

    #[test]
    fn the_share_limit_is_the_floor_of_the_percentage_of_the_register() {
        assert_eq!(aggregate(&[], &with_limit(15, 30)).limit, 4);
        assert_eq!(aggregate(&[], &with_limit(100, 7)).limit, 7);
        assert_eq!(aggregate(&[], &with_limit(0, 7)).limit, 0);
    }

    #[test]
    fn the_share_limit_cuts_t3_from_the_bottom_first_and_then_t2() {
        let candidates = [
            candidate(1, "T1 T1"),
            candidate(2, "T2 T2 T1"),
            candidate(3, "T2 T2"),
            candidate(4, "T3 T3 T2"),
            candidate(5, "T3 T3"),
        ];
        let proposal = aggregate(&candidates, &with_limit(20, 10));
        assert_eq!(proposal.limit, 2);
        assert_eq!(tier_of(&proposal, 1), Some(Tier::T1));
        assert_eq!(tier_of(&proposal, 2), Some(Tier::T2));
        for (id, from) in [(3, Tier::T2), (4, Tier::T3), (5, Tier::T3)] {
            let p = placement(&proposal, id);
            assert_eq!((p.tier, p.reason), (None, Reason::CutByShareLimit { from }), "journal {id}");
        }
        assert_eq!(proposal.counts, [1, 1, 0]);
    }

    #[test]
    fn a_journal_demoted_by_quota_and_then_cut_reports_the_cut_from_its_demoted_tier() {
        let candidates = [candidate(1, "T1 T1"), candidate(2, "T1")];
        let rules = Rules {
            quotas: [Some(1), None, None],
            ..with_limit(10, 10)
        };
        let proposal = aggregate(&candidates, &rules);
        let p = placement(&proposal, 2);
        assert_eq!(
            (p.voted, p.tier, p.reason),
            (Some(Tier::T1), None, Reason::CutByShareLimit { from: Tier::T2 })
        );
    }

    #[test]
    fn overrides_fix_the_tier_whatever_the_votes_say() {
        let candidates = [
            overridden(1, "- - -", Some(Tier::T1)),
            overridden(2, "T1 T1", None),
            overridden(3, "", Some(Tier::T2)),
        ];
        let proposal = aggregate(&candidates, &rules(Method::Median));
        let outcome = |id| (tier_of(&proposal, id), placement(&proposal, id).reason);
        assert_eq!(outcome(1), (Some(Tier::T1), Reason::Overridden { voted: None }));
        assert_eq!(outcome(2), (None, Reason::Overridden { voted: Some(Tier::T1) }));
        assert_eq!(outcome(3), (Some(Tier::T2), Reason::Overridden { voted: None }));
        assert!(proposal.warnings.is_empty());
    }

    #[test]
    fn overrides_take_quota_places_before_voted_journals() {
        let candidates = [candidate(1, "T1 T1 T1"), candidate(2, "T1 T1"), overridden(3, "T3", Some(Tier::T1))];
        let proposal = aggregate(&candidates, &with_quotas([Some(2), None, None]));
        assert_eq!(tier_of(&proposal, 3), Some(Tier::T1));
        assert_eq!(tier_of(&proposal, 1), Some(Tier::T1));
        assert_eq!(placement(&proposal, 2).reason, Reason::DemotedByQuota { from: Tier::T1 });
        assert!(proposal.warnings.is_empty());
    }

    #[test]
    fn overrides_count_toward_the_share_limit() {
        let candidates = [candidate(1, "T1"), candidate(2, "T2"), overridden(3, "-", Some(Tier::T3))];
        let proposal = aggregate(&candidates, &with_limit(20, 10));
        assert_eq!(tier_of(&proposal, 3), Some(Tier::T3));
        assert_eq!(tier_of(&proposal, 1), Some(Tier::T1));
        assert_eq!(placement(&proposal, 2).reason, Reason::CutByShareLimit { from: Tier::T2 });
        assert!(proposal.warnings.is_empty());
    }

    #[test]
    fn overrides_alone_exceeding_a_quota_are_kept_and_warned_about() {
        let candidates = [
            overridden(1, "", Some(Tier::T2)),
            overridden(2, "", Some(Tier::T2)),
            candidate(3, "T2"),
        ];
        let proposal = aggregate(&candidates, &with_quotas([None, Some(1), None]));
        assert_eq!(proposal.counts, [0, 2, 1]);
        assert_eq!(placement(&proposal, 3).reason, Reason::DemotedByQuota { from: Tier::T2 });
        assert_eq!(
            proposal.warnings,
            [Warning::OverridesExceedQuota {
                tier: Tier::T2,
                quota: 1,
                count: 2
            }]
        );
    }

    #[test]
    fn overrides_alone_exceeding_the_share_limit_are_kept_and_warned_about() {
        let candidates = [
            overridden(1, "", Some(Tier::T3)),
            overridden(2, "", Some(Tier::T1)),
            candidate(3, "T1 T1"),
        ];
        let proposal = aggregate(&candidates, &with_limit(10, 10));
        assert_eq!(proposal.counts, [1, 0, 1]);
        assert_eq!(tier_of(&proposal, 3), None);
        assert_eq!(proposal.warnings, [Warning::OverridesExceedShare { limit: 1, count: 2 }]);
    }

    #[test]
    fn a_limit_of_zero_lists_nothing_but_overrides() {
        let candidates = [candidate(1, "T1 T1"), candidate(2, "T3"), overridden(3, "", Some(Tier::T2))];
        let proposal = aggregate(&candidates, &with_limit(0, 50));
        assert_eq!(proposal.limit, 0);
        assert_eq!(proposal.counts, [0, 1, 0]);
        assert_eq!(ids(&proposal), [3, 1, 2]);
        assert_eq!(proposal.warnings, [Warning::OverridesExceedShare { limit: 0, count: 1 }]);
    }

    #[test]
    fn an_empty_input_gives_an_empty_proposal() {
        let proposal = aggregate(&[], &with_quotas([Some(0), Some(0), Some(0)]));
        assert_eq!(
            proposal,
            Proposal {
                placements: Vec::new(),
                limit: 1000,
                counts: [0; 3],
                warnings: Vec::new()
            }
        );
    }

    #[test]
    fn placements_are_ordered_by_final_tier_then_rank_and_counted() {
        let candidates = [
            candidate(1, "T3"),
            candidate(2, "-"),
            candidate(3, "T1 T2"),
            candidate(4, "T1"),
            candidate(5, "T3 T3 T2"),
            candidate(6, "T2 T2"),
            candidate(7, ""),
        ];
        let proposal = aggregate(&candidates, &rules(Method::Median));
        assert_eq!(ids(&proposal), [4, 3, 6, 5, 1, 2, 7]);
        assert_eq!(
            proposal.placements.iter().map(|p| p.rank).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7]
        );
        assert_eq!(proposal.counts, [1, 2, 2]);
    }

    #[test]
    fn output_types_and_rules_implement_serialize() {
        fn assert_serialize<T: Serialize>() {}
        assert_serialize::<Proposal>();
        assert_serialize::<Rules>();
    }

    fn any_vote() -> impl Strategy<Value = Vote> {
        (0usize..4).prop_map(|i| Tier::ALL.get(i).copied())
    }

    fn any_indicator() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            Just(Some(f64::NAN)),
            Just(Some(-0.0)),
            (-3i32..4).prop_map(|x| Some(f64::from(x)))
        ]
    }

    fn any_override() -> impl Strategy<Value = Option<Override>> {
        prop_oneof![3 => Just(None), 1 => prop::option::of(any_vote().prop_map(|tier| Override { tier }))]
    }

    /// Candidates with unique ids and values drawn from small ranges, so ties are common.
    fn any_candidates() -> impl Strategy<Value = Vec<Candidate>> {
        let row = (
            prop::collection::vec(any_vote(), 0..6),
            0u32..3,
            prop::collection::vec(any_indicator(), 0..3),
            any_override(),
        );
        prop::collection::vec(row, 0..25).prop_map(|rows| {
            rows.into_iter()
                .zip(0i64..)
                .map(|((votes, nominations, indicators, override_tier), journal_id)| Candidate {
                    journal_id,
                    votes,
                    nominations,
                    indicators,
                    override_tier,
                })
                .collect()
        })
    }

    fn any_rules() -> impl Strategy<Value = Rules> {
        let method = prop_oneof![Just(Method::Median), Just(Method::Mean)];
        let quota = prop::option::of(0u32..6);
        (method, 0u32..=100, [quota.clone(), quota.clone(), quota], 0usize..40, 0u32..4).prop_map(
            |(method, max_share_pct, quotas, register_size, min_votes)| Rules {
                method,
                max_share_pct,
                quotas,
                register_size,
                min_votes,
            },
        )
    }

    fn without_overrides(candidates: Vec<Candidate>) -> Vec<Candidate> {
        candidates.into_iter().map(|c| Candidate { override_tier: None, ..c }).collect()
    }

    proptest! {
        #[test]
        fn every_candidate_appears_exactly_once(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            let mut placed = ids(&proposal);
            placed.sort_unstable();
            let expected: Vec<i64> = candidates.iter().map(|c| c.journal_id).collect();
            prop_assert_eq!(placed, expected);
        }

        #[test]
        fn counts_match_the_placements(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            for tier in Tier::ALL {
                let placed = proposal.placements.iter().filter(|p| p.tier == Some(tier)).count();
                prop_assert_eq!(proposal.counts[tier.index()] as usize, placed);
            }
        }

        #[test]
        fn placements_are_sorted_by_tier_then_rank_and_ranks_are_a_permutation(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            let keys: Vec<(usize, usize)> = proposal.placements.iter().map(|p| (tier_position(p.tier), p.rank)).collect();
            prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
            let mut ranks: Vec<usize> = proposal.placements.iter().map(|p| p.rank).collect();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (1..=candidates.len()).collect::<Vec<_>>());
        }

        #[test]
        fn a_quota_holds_when_no_override_is_in_its_tier(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            for tier in Tier::ALL {
                let overridden_here = candidates.iter().any(|c| c.override_tier.is_some_and(|o| o.tier == Some(tier)));
                if let (Some(quota), false) = (rules.quotas[tier.index()], overridden_here) {
                    prop_assert!(proposal.counts[tier.index()] <= quota, "{:?}: {} > {}", tier, proposal.counts[tier.index()], quota);
                }
            }
        }

        #[test]
        fn the_listed_total_stays_within_the_limit_without_overrides(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&without_overrides(candidates), &rules);
            prop_assert!(proposal.counts.iter().sum::<u32>() <= proposal.limit);
            prop_assert!(proposal.warnings.is_empty());
        }

        #[test]
        fn the_result_does_not_depend_on_the_input_order(
            (candidates, shuffled) in any_candidates().prop_flat_map(|c| (Just(c.clone()), Just(c).prop_shuffle())),
            rules in any_rules(),
        ) {
            prop_assert_eq!(aggregate(&candidates, &rules), aggregate(&shuffled, &rules));
        }

        #[test]
        fn a_journal_never_ends_above_its_voted_tier_unless_overridden(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            for p in proposal.placements.iter().filter(|p| !matches!(p.reason, Reason::Overridden { .. })) {
                prop_assert!(score(p.tier) <= score(p.voted), "{:?}", p);
            }
        }

        #[test]
        fn overrides_always_keep_their_tier(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            for c in &candidates {
                if let Some(o) = c.override_tier {
                    prop_assert_eq!(tier_of(&proposal, c.journal_id), o.tier);
                }
            }
        }

        #[test]
        fn the_distribution_sums_to_the_vote_count(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            for c in &candidates {
                let p = placement(&proposal, c.journal_id);
                prop_assert_eq!(p.distribution.iter().sum::<u32>() as usize, c.votes.len());
                prop_assert_eq!(p.mean.is_none(), c.votes.is_empty());
            }
        }

        #[test]
        fn the_reason_matches_how_the_tier_changed(candidates in any_candidates(), rules in any_rules()) {
            let proposal = aggregate(&candidates, &rules);
            for p in &proposal.placements {
                match p.reason {
                    Reason::Voted => prop_assert_eq!(p.tier, p.voted),
                    Reason::TooFewVotes => prop_assert_eq!((p.tier, p.voted), (None, None)),
                    Reason::DemotedByQuota { from } => {
                        prop_assert_eq!(p.voted, Some(from));
                        prop_assert!(score(p.tier) < score(p.voted));
                    }
                    Reason::CutByShareLimit { from } => {
                        prop_assert_eq!(p.tier, None);
                        prop_assert!(score(Some(from)) <= score(p.voted));
                    }
                    Reason::Overridden { voted } => prop_assert_eq!(voted, p.voted),
                }
            }
        }
    }
}
