//! Marking the query's words in the titles and abstract of a hit. tantivy's snippet generator
//! segments each stored text again with jieba, which was most of a query's cost; here Chinese
//! words of the query are found as substrings, and Latin words by stemming those words of the
//! text that could have a query word's stem, which gives the marks the index's own analysis
//! would give at a small fraction of the cost.

use std::collections::HashSet;
use std::ops::Range;

use tantivy::tokenizer::{Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

use crate::search::escape;

/// The words to mark, as the index analysed them.
pub struct Marker {
    /// Words with a non-Latin letter (Chinese), found as they are.
    words: Vec<String>,
    /// Stems of Latin words.
    stems: HashSet<String>,
    /// What a text word must start with (lower-case) to possibly have one of those stems: the
    /// stem but its last letter, which the stemmer may have changed ("studi" for "study").
    starts: Vec<Vec<u8>>,
    /// Lower-cases and stems one word.
    stemmer: TextAnalyzer,
}

/// Byte ranges of the runs of ASCII letters and digits: the Latin words jieba cuts out of any
/// text, Chinese around them or not.
fn latin_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        Some(start..at)
    })
}

impl Marker {
    /// A marker for these analysed query terms (stems and Chinese words).
    pub fn new<I: IntoIterator<Item = String>>(terms: I) -> Marker {
        let mut words = Vec::new();
        let mut stems = HashSet::new();
        for t in terms {
            if t.chars().all(|c| c.is_ascii_alphanumeric()) {
                stems.insert(t);
            } else if !words.contains(&t) {
                words.push(t);
            }
        }
        let mut starts: Vec<Vec<u8>> = stems
            .iter()
            .map(|s| s.as_bytes()[..if s.len() > 1 { s.len() - 1 } else { s.len() }].to_vec())
            .collect();
        starts.sort();
        starts.dedup();
        Marker {
            words,
            stems,
            starts,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Byte ranges of the marked words, in order and not overlapping.
    fn ranges(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for w in &self.words {
            out.extend(text.match_indices(w.as_str()).map(|(i, m)| i..i + m.len()));
        }
        if !self.stems.is_empty() {
            for word in latin_words(text) {
                let bytes = &text.as_bytes()[word.clone()];
                let candidate = self
                    .starts
                    .iter()
                    .any(|p| bytes.len() >= p.len() && bytes[..p.len()].eq_ignore_ascii_case(p));
                if candidate && self.stemmed_is_marked(&text[word.clone()]) {
                    out.push(word);
                }
            }
        }
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
        for r in out {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }

    fn stemmed_is_marked(&mut self, word: &str) -> bool {
        let mut stream = self.stemmer.token_stream(word);
        stream.advance() && self.stems.contains(&stream.token().text)
    }

    /// `text[span]` as HTML with the marked words in `<mark>`.
    fn render(text: &str, span: Range<usize>, ranges: &[Range<usize>]) -> String {
        let mut html = String::with_capacity(span.len() + 16 * ranges.len());
        let mut at = span.start;
        for r in ranges.iter().filter(|r| r.start >= span.start && r.end <= span.end) {
            html.push_str(&escape(&text[at..r.start]));
            html.push_str("<mark>");
            html.push_str(&escape(&text[r.clone()]));
            html.push_str("</mark>");
            at = r.end;
        }
        html.push_str(&escape(&text[at..span.end]));
        html
    }

    /// The whole text with the words marked (for titles).
    pub fn mark(&mut self, text: &str) -> String {
        let ranges = self.ranges(text);
        Marker::render(text, 0..text.len(), &ranges)
    }

    /// A passage of at most `max_chars` characters, the one with the most marked words
    /// (starting a little before the first), with "…" where text was cut. Without any
    /// marked word, the start of the text.
    pub fn snippet(&mut self, text: &str, max_chars: usize) -> String {
        let ranges = self.ranges(text);
        // Byte offset of every character, and of the end.
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        let chars = offsets.len() - 1;
        if chars <= max_chars {
            return Marker::render(text, 0..text.len(), &ranges);
        }
        let char_at = |byte: usize| offsets.partition_point(|&o| o < byte);
        let mut best = (0, 0usize);
        for (i, r) in ranges.iter().enumerate() {
            let end = offsets[(char_at(r.start) + max_chars).min(chars)];
            let n = ranges[i..].iter().take_while(|x| x.end <= end).count();
            if n > best.1 {
                best = (char_at(r.start), n);
            }
        }
        let first = best.0.saturating_sub(max_chars / 6);
        let start = first.min(chars - max_chars);
        let span = offsets[start]..offsets[start + max_chars];
        let mut html = String::new();
        if start > 0 {
            html.push('…');
        }
        html.push_str(&Marker::render(text, span, &ranges));
        if start + max_chars < chars {
            html.push('…');
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(terms: &[&str]) -> Marker {
        Marker::new(terms.iter().map(|t| t.to_string()))
    }

    #[test]
    fn chinese_words_and_english_inflections_are_marked_and_the_rest_escaped() {
        let mut m = marker(&["同行", "评议", "review"]);
        assert_eq!(
            m.mark("完善同行评议 <b>& Reviewing reviews"),
            "完善<mark>同行</mark><mark>评议</mark> &lt;b&gt;&amp; <mark>Reviewing</mark> <mark>reviews</mark>"
        );
        let mut m = marker(&["art"]);
        assert_eq!(m.mark("start art"), "start <mark>art</mark>", "whole words only");
        let mut m = marker(&["bert"]);
        assert_eq!(m.mark("基于BERT的"), "基于<mark>BERT</mark>的", "Latin words inside Chinese text");
        let mut m = marker(&["studi"]);
        assert_eq!(
            m.mark("Study studies student"),
            "<mark>Study</mark> <mark>studies</mark> student",
            "stems that end differently from the word"
        );
        assert_eq!(marker(&[]).mark("a < b"), "a &lt; b");
    }

    #[test]
    fn the_passage_with_the_most_marked_words_is_chosen_and_cut_with_ellipses() {
        let filler = "x ".repeat(200);
        let text = format!("data {filler}peer review and peer review {filler}");
        let mut m = marker(&["peer", "data"]);
        let s = m.snippet(&text, 60);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(s.matches("<mark>peer</mark>").count(), 2, "{s}");
        assert!(!s.contains("data"));
        let plain = m.snippet("short data text", 60);
        assert_eq!(plain, "short <mark>data</mark> text");
        let none = m.snippet(&filler, 10);
        assert_eq!(none, "x x x x x …");
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        let text = "学术评价".repeat(100);
        let mut m = marker(&["评价"]);
        let s = m.snippet(&text, 25);
        assert!(s.contains("<mark>评价</mark>"));
        assert!(s.chars().filter(|c| !"…".contains(*c)).count() > 0);
    }
}
