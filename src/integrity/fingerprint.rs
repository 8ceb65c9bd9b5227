//! Text fingerprints for overlap detection: tokens (one per Chinese, Japanese or Korean
//! character, one per word in other scripts), shingles of about five words' worth of tokens,
//! and a winnowed selection of the shingles' hashes (Schleimer, Wilkerson and Aiken, 2003).
//! Winnowing keeps about one hash in sixteen while guaranteeing that two texts sharing a run of
//! [`GUARANTEE`] shingles share at least one fingerprint. Pure, no I/O; the hashes are stable
//! across builds because they are stored.

/// A token's weight: a word counts as two characters of Chinese (roughly its information).
const WORD_WEIGHT: u32 = 2;
/// A shingle is the shortest run of tokens weighing at least this: five words, ten characters.
pub const SHINGLE_WEIGHT: u32 = 10;
/// Winnowing window, in shingles.
pub const WINDOW: usize = 32;
/// A shared run of this many shingles always yields a shared fingerprint.
pub const GUARANTEE: usize = WINDOW;

/// One token of a text: its byte range in the text and a stable hash of its normalised form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    weight: u32,
    hash: u64,
}

impl Token {
    /// How much of a shingle this token makes up: 1 for a character, 2 for a word.
    pub fn weight(&self) -> u32 {
        self.weight
    }
}

/// One shingle: the tokens `first..=last` and their hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shingle {
    pub first: usize,
    pub last: usize,
    pub hash: u64,
}

/// Whether `c` is written without spaces between words (each character is a token).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // hiragana, katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x2FA1F // extensions B and later, compatibility supplement
    )
}

/// Full-width ASCII forms as their ASCII letters, then lower case: `ＡＢＣ` and `abc` match.
fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// FNV-1a, then a SplitMix64 finish: tiny, fixed, and spread well enough for sampling.
fn fnv(h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf)
        .bytes()
        .fold(h, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The tokens of `text`. A word hyphenated across a line break (`detec-\ntion`) is one token.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Option<(usize, u64)> = None;
    let mut chars = text.char_indices().peekable();
    let mut end = 0;
    while let Some((i, c)) = chars.next() {
        if is_cjk(c) {
            if let Some((s, h)) = word.take() {
                out.push(Token {
                    start: s,
                    end: i,
                    weight: WORD_WEIGHT,
                    hash: finish(h),
                });
            }
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                weight: 1,
                hash: finish(fnv(FNV_OFFSET, c)),
            });
        } else if c.is_alphanumeric() {
            let (s, h) = word.unwrap_or((i, FNV_OFFSET));
            word = Some((s, fnv(h, fold(c))));
            end = i + c.len_utf8();
        } else if c == '-' && word.is_some() && hyphen_break(&mut chars) {
            // The line break and any indentation were consumed; the word goes on.
        } else if let Some((s, h)) = word.take() {
            out.push(Token {
                start: s,
                end,
                weight: WORD_WEIGHT,
                hash: finish(h),
            });
        }
    }
    if let Some((s, h)) = word {
        out.push(Token {
            start: s,
            end,
            weight: WORD_WEIGHT,
            hash: finish(h),
        });
    }
    out
}

/// After a `-`: whether a line break and then a lower-case letter follow; consumes the break
/// if so.
fn hyphen_break(chars: &mut std::iter::Peekable<std::str::CharIndices>) -> bool {
    let mut seen_newline = false;
    let mut joins = false;
    for (_, c) in chars.clone() {
        match c {
            '\n' => seen_newline = true,
            '\r' | ' ' | '\t' => {}
            c => {
                joins = seen_newline && c.is_lowercase();
                break;
            }
        }
    }
    if joins {
        while chars.next_if(|(_, c)| matches!(c, '\n' | '\r' | ' ' | '\t')).is_some() {}
    }
    joins
}

/// The shingles of a token list: from each token, the shortest run weighing [`SHINGLE_WEIGHT`].
/// A text too short for one shingle has none.
pub fn shingles(tokens: &[Token]) -> Vec<Shingle> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut last = 0;
    let mut weight = 0;
    for first in 0..tokens.len() {
        if first > 0 {
            weight -= tokens[first - 1].weight;
        }
        if last < first {
            last = first;
            weight = 0;
        }
        // `weight` covers first..last (exclusive) here.
        while weight < SHINGLE_WEIGHT && last < tokens.len() {
            weight += tokens[last].weight;
            last += 1;
        }
        if weight < SHINGLE_WEIGHT {
            break;
        }
        let hash = tokens[first..last]
            .iter()
            .fold(FNV_OFFSET, |h, t| (h ^ t.hash).wrapping_mul(0x0100_0000_01b3).rotate_left(17));
        out.push(Shingle {
            first,
            last: last - 1,
            hash: finish(hash),
        });
    }
    out
}

/// The winnowed fingerprints of a text's shingles, each with the index of its shingle: in every
/// window of [`WINDOW`] shingles the smallest hash (the rightmost on ties), recorded once.
pub fn winnow(shingles: &[Shingle]) -> Vec<(u64, usize)> {
    let mut out: Vec<(u64, usize)> = Vec::new();
    if shingles.is_empty() {
        return out;
    }
    let w = WINDOW.min(shingles.len());
    // A monotone deque of shingle indices whose hashes increase from front to back.
    let mut deque = std::collections::VecDeque::<usize>::new();
    for (i, s) in shingles.iter().enumerate() {
        while deque.back().is_some_and(|&j| shingles[j].hash >= s.hash) {
            deque.pop_back();
        }
        deque.push_back(i);
        if i + 1 < w {
            continue;
        }
        while deque.front().is_some_and(|&j| j + w <= i) {
            deque.pop_front();
        }
        let m = deque[0];
        if out.last().is_none_or(|&(_, at)| at != m) {
            out.push((shingles[m].hash, m));
        }
    }
    out
}

/// The distinct fingerprint hashes of `text`, sorted: what the overlap index stores.
pub fn of_text(text: &str) -> Vec<u64> {
    let mut hashes: Vec<u64> = winnow(&shingles(&tokens(text))).into_iter().map(|(h, _)| h).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// A fingerprint as the signed 64-bit integer both databases store.
pub fn stored(hash: u64) -> i64 {
    hash as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "Single-atom catalysts expose every metal atom to the reaction, \
        and their active sites change under working conditions, which we follow by operando \
        spectroscopy over three hundred hours of electrolysis at industrial current densities.";

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn chinese_characters_are_tokens_and_words_are_tokens() {
        assert_eq!(
            words("基于Transformer的模型, v2"),
            ["基", "于", "Transformer", "的", "模", "型", "v2"]
        );
    }

    #[test]
    fn case_and_full_width_forms_do_not_matter() {
        assert_eq!(of_text(&EN.to_uppercase()), of_text(EN));
        let full: String = "ＤＥＥＰ ｌｅａｒｎｉｎｇ ｍｏｄｅｌｓ ａｒｅ ｌａｒｇｅ ｎｏｗ ｉｎｄｅｅｄ".into();
        assert_eq!(of_text(&full), of_text("deep learning models are large now indeed"));
    }

    #[test]
    fn a_word_hyphenated_over_a_line_break_is_one_word() {
        assert_eq!(words("detec-\n  tion works"), ["detec-\n  tion", "works"]);
        assert_eq!(words("state-of-the-art"), ["state", "of", "the", "art"]);
        assert_eq!(words("well-\nKnown"), ["well", "Known"]);
    }

    #[test]
    fn a_shingle_weighs_five_words_or_ten_characters() {
        let en = tokens("one two three four five six");
        let s = shingles(&en);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].first, s[0].last), (0, 4));
        let zh = tokens("一二三四五六七八九十百");
        assert_eq!(shingles(&zh).len(), 2);
        assert!(shingles(&tokens("too short")).is_empty());
    }

    #[test]
    fn winnowing_keeps_a_fingerprint_in_every_window() {
        let text = EN.repeat(5);
        let sh = shingles(&tokens(&text));
        let fp = winnow(&sh);
        assert!(fp.len() < sh.len() / 4, "{} of {}", fp.len(), sh.len());
        // Every window of WINDOW shingles holds a chosen one.
        for start in 0..=sh.len() - WINDOW {
            assert!(fp.iter().any(|&(_, at)| at >= start && at < start + WINDOW), "window {start}");
        }
    }

    #[test]
    fn a_copied_passage_shares_fingerprints_whatever_surrounds_it() {
        let passage = "我们提出一种基于单原子催化剂的电解水制氢方法，在工业电流密度下连续运行三百小时，\
            活性位点的演化通过原位光谱跟踪，结果表明配位环境的动态变化决定了稳定性。";
        let a = format!("第一篇论文的引言讨论了不同的问题。{passage}其余部分完全不同。");
        let b = format!("Another introduction entirely, in English words here. {passage} 结尾也不同。");
        let (fa, fb) = (of_text(&a), of_text(&b));
        let shared = fa.iter().filter(|h| fb.binary_search(h).is_ok()).count();
        assert!(shared >= 1, "no shared fingerprint");
        let unrelated = of_text("完全无关的文本讨论了古代诗歌的韵律结构以及它们在唐代的发展变化和影响。");
        assert_eq!(unrelated.iter().filter(|h| fa.binary_search(h).is_ok()).count(), 0);
    }

    #[test]
    fn hashes_are_stable_across_builds() {
        // Stored fingerprints must keep their meaning: a change here needs a re-index.
        let fp = of_text("the quick brown fox jumps over the lazy dog");
        assert_eq!(fp.len(), 1);
        assert_eq!(fp[0], of_text("The Quick Brown Fox jumps over the lazy dog")[0]);
        assert_eq!(format!("{:016x}", fp[0]).len(), 16);
    }
}
