//! The passages two texts share, found exactly from all their shingles once the fingerprint
//! index has named the pair: runs of consecutive shingles that appear in the same order in both,
//! with their byte ranges on each side and the share of each text they cover. Pure, no I/O.

use std::collections::HashMap;
use std::ops::Range;

use super::fingerprint::{Shingle, Token, shingles, tokens};

/// A shared run shorter than this many shingles (about eight words) is chance, not copying.
pub const MIN_RUN: usize = 4;
/// A shingle seen more often than this in the other text is a repeated phrase, not evidence.
const MAX_POSITIONS: usize = 8;

/// One passage found in both texts: byte ranges in each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub own: Range<usize>,
    pub other: Range<usize>,
}

/// What two texts share: the passages (in the order of the own text) and the share of each text,
/// in thousandths of its tokens' weight, that the passages cover.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overlap {
    pub passages: Vec<Passage>,
    pub own_permille: u32,
    pub other_permille: u32,
}

/// A text read once for comparisons: its tokens and shingles.
pub struct Prepared<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    shingles: Vec<Shingle>,
}

impl<'a> Prepared<'a> {
    /// Tokenises and shingles `text`.
    pub fn new(text: &'a str) -> Self {
        let tokens = tokens(text);
        let shingles = shingles(&tokens);
        Prepared { text, tokens, shingles }
    }

    fn range(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[self.shingles[first].first].start..self.tokens[self.shingles[last].last].end
    }
}

/// A run of shingles on the diagonal `own - other`: start on each side and length.
#[derive(Clone, Copy)]
struct Run {
    own: usize,
    other: usize,
    len: usize,
}

/// The passages `own` shares with `other`, and the shares they cover.
pub fn compare(own: &Prepared, other: &Prepared) -> Overlap {
    let mut at: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, s) in other.shingles.iter().enumerate() {
        let v = at.entry(s.hash).or_default();
        if v.len() <= MAX_POSITIONS {
            v.push(j);
        }
    }
    // Diagonal runs ending at the previous own shingle, keyed by their other-side position.
    let mut active: HashMap<usize, Run> = HashMap::new();
    let mut runs: Vec<Run> = Vec::new();
    for (i, s) in own.shingles.iter().enumerate() {
        let mut next = HashMap::new();
        if let Some(js) = at.get(&s.hash).filter(|js| js.len() <= MAX_POSITIONS) {
            for &j in js {
                let run = match j.checked_sub(1).and_then(|p| active.remove(&p)) {
                    Some(r) => Run { len: r.len + 1, ..r },
                    None => Run { own: i, other: j, len: 1 },
                };
                next.insert(j, run);
            }
        }
        runs.extend(active.into_values().filter(|r| r.len >= MIN_RUN));
        active = next;
    }
    runs.extend(active.into_values().filter(|r| r.len >= MIN_RUN));
    runs.sort_by_key(|r| (r.own, std::cmp::Reverse(r.len)));

    let mut passages: Vec<Passage> = Vec::new();
    let mut own_cover = vec![false; own.tokens.len()];
    let mut other_cover = vec![false; other.tokens.len()];
    for r in runs {
        let ownr = own.range(r.own, r.own + r.len - 1);
        let otherr = other.range(r.other, r.other + r.len - 1);
        own_cover[own.shingles[r.own].first..=own.shingles[r.own + r.len - 1].last].fill(true);
        other_cover[other.shingles[r.other].first..=other.shingles[r.other + r.len - 1].last].fill(true);
        match passages.last_mut() {
            // A run inside or overlapping the previous passage widens it rather than repeating.
            Some(p) if ownr.start <= p.own.end => {
                p.own.end = p.own.end.max(ownr.end);
                if otherr.start <= p.other.end && otherr.end >= p.other.start {
                    p.other.start = p.other.start.min(otherr.start);
                    p.other.end = p.other.end.max(otherr.end);
                }
            }
            _ => passages.push(Passage { own: ownr, other: otherr }),
        }
    }
    Overlap {
        passages,
        own_permille: permille(&own.tokens, &own_cover),
        other_permille: permille(&other.tokens, &other_cover),
    }
}

fn permille(tokens: &[Token], covered: &[bool]) -> u32 {
    let total: u64 = tokens.iter().map(|t| t.weight() as u64).sum();
    if total == 0 {
        return 0;
    }
    let hit: u64 = tokens
        .iter()
        .zip(covered)
        .filter(|(_, c)| **c)
        .map(|(t, _)| t.weight() as u64)
        .sum();
    (hit * 1000 / total) as u32
}

/// `text[range]` cut to about `max` characters at both ends of a long passage, with an ellipsis
/// in the middle, so a page can show it.
pub fn excerpt(text: &str, range: Range<usize>, max: usize) -> String {
    let s = &text[range];
    let n = s.chars().count();
    if n <= max {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let half = max / 2;
    let head: String = s.chars().take(half).collect();
    let tail: String = s.chars().skip(n - half).collect();
    let tidy = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{} … {}", tidy(&head), tidy(&tail))
}

impl Prepared<'_> {
    /// The text this was prepared from.
    pub fn text(&self) -> &str {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COPIED: &str = "We propose a method for hydrogen production by water electrolysis on \
        single-atom catalysts, which runs for three hundred hours at industrial current density \
        while operando spectroscopy follows how the active sites evolve.";

    #[test]
    fn a_copied_paragraph_is_found_on_both_sides() {
        let own = format!("Our introduction is about something else entirely and says so. {COPIED} Then we conclude.");
        let other = format!("这篇论文的开头是中文。 {COPIED} 结尾也是中文的。");
        let (a, b) = (Prepared::new(&own), Prepared::new(&other));
        let o = compare(&a, &b);
        assert_eq!(o.passages.len(), 1, "{o:?}");
        let p = &o.passages[0];
        assert!(own[p.own.clone()].starts_with("We propose"), "{}", &own[p.own.clone()]);
        assert!(own[p.own.clone()].ends_with("evolve"));
        assert_eq!(&own[p.own.clone()], &other[p.other.clone()]);
        assert!(o.own_permille > 500 && o.own_permille < 900, "{}", o.own_permille);
        assert!(o.other_permille > o.own_permille, "the Chinese frame is shorter");
    }

    #[test]
    fn identical_texts_overlap_entirely_and_unrelated_ones_not_at_all() {
        let a = Prepared::new(COPIED);
        let full = compare(&a, &a);
        assert_eq!((full.own_permille, full.other_permille), (1000, 1000));
        assert_eq!(full.passages.len(), 1);
        let b = Prepared::new("An unrelated text about the prosody of Tang dynasty poetry and how it changed over time.");
        assert_eq!(compare(&a, &b), Overlap::default());
    }

    #[test]
    fn a_few_shared_words_are_not_a_passage() {
        let a = Prepared::new("in this paper we propose a new method for the problem of colouring graphs quickly");
        let b = Prepared::new("in this paper we propose to study the markets of rural towns in winter");
        assert!(compare(&a, &b).passages.is_empty());
    }

    #[test]
    fn passages_in_a_different_order_are_each_found() {
        let p1 = "第一段描述了实验装置的搭建过程以及所使用的全部仪器和试剂的来源与纯度。";
        let p2 = "第二段给出了统计分析的方法，包括显著性检验的具体步骤和多重比较的校正方式。";
        let own = format!("{p1}中间插入的内容与另一篇毫无关系，讨论的是别的问题。{p2}");
        let other = format!("{p2}这里又是不同的内容，用来隔开两个段落。{p1}");
        let o = compare(&Prepared::new(&own), &Prepared::new(&other));
        assert_eq!(o.passages.len(), 2, "{o:?}");
        assert_eq!(&own[o.passages[0].own.clone()], &other[o.passages[0].other.clone()]);
        assert_eq!(&own[o.passages[1].own.clone()], &other[o.passages[1].other.clone()]);
    }

    #[test]
    fn long_passages_are_cut_in_the_middle() {
        let text = "a ".repeat(500);
        let e = excerpt(&text, 0..text.len(), 20);
        assert!(e.contains('…'));
        assert!(e.chars().count() < 30);
        assert_eq!(excerpt("short\n text", 0..11, 20), "short text");
    }
}
