//! Text similarity for Chinese and English without a dictionary: Latin-script words are
//! lower-cased, stop words dropped and lightly stemmed; runs of CJK characters become
//! overlapping character bigrams (the usual way to index Chinese without segmentation).
//! Documents are compared by TF-IDF cosine over a corpus. Pure: no I/O.

use std::collections::HashMap;

const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on", "or", "that",
    "the", "their", "this", "to", "was", "we", "were", "which", "with", "our", "these", "those", "using", "based", "via", "into",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

/// Strips common English suffixes so that "reviews", "reviewing" and "reviewed" meet.
fn stem(w: &str) -> String {
    for suffix in ["ations", "ation", "ings", "ing", "ies", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return if suffix == "ies" { format!("{base}y") } else { base.to_string() };
        }
    }
    w.to_string()
}

/// The terms of a text.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            let w = word.to_lowercase();
            if w.chars().count() > 1 && !STOP.contains(&w.as_str()) {
                out.push(stem(&w));
            }
            word.clear();
        }
    };
    let flush_han = |han: &mut Vec<char>, out: &mut Vec<String>| {
        match han.len() {
            0 => {}
            1 => out.push(han[0].to_string()),
            _ => out.extend(han.windows(2).map(|w| w.iter().collect::<String>())),
        }
        han.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            han.push(c);
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut out);
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            flush_han(&mut han, &mut out);
        }
    }
    flush_word(&mut word, &mut out);
    flush_han(&mut han, &mut out);
    out
}

/// A TF-IDF vector, L2-normalised, as sorted (term index, weight) pairs.
pub type Vector = Vec<(u32, f64)>;

/// Builds normalised TF-IDF vectors for `docs`, with document frequencies from `docs` itself.
pub fn vectors(docs: &[String]) -> Vec<Vector> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let tokenised: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            terms(d)
                .into_iter()
                .map(|t| {
                    let n = vocab.len() as u32;
                    *vocab.entry(t).or_insert(n)
                })
                .collect()
        })
        .collect();
    let mut df = vec![0u32; vocab.len()];
    for doc in &tokenised {
        let mut seen: Vec<u32> = doc.clone();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            df[t as usize] += 1;
        }
    }
    let n = docs.len().max(1) as f64;
    tokenised
        .into_iter()
        .map(|doc| {
            let mut tf: HashMap<u32, f64> = HashMap::new();
            for t in doc {
                *tf.entry(t).or_default() += 1.0;
            }
            let mut v: Vector = tf
                .into_iter()
                .map(|(t, f)| (t, (1.0 + f.ln()) * ((1.0 + n) / (1.0 + df[t as usize] as f64)).ln().max(0.0)))
                .filter(|(_, w)| *w > 0.0)
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v.sort_unstable_by_key(|(t, _)| *t);
            v
        })
        .collect()
}

/// Cosine of two normalised vectors, in [0, 1].
pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_bigrams_and_english_is_stemmed() {
        assert_eq!(terms("同行评议"), vec!["同行", "行评", "评议"]);
        assert_eq!(terms("Reviewing the reviews"), vec!["review", "review"]);
        assert_eq!(terms("学术evaluation 体系"), vec!["学术", "evalu", "体系"]);
    }

    #[test]
    fn the_closest_profile_wins_in_both_languages() {
        let docs: Vec<String> = [
            "完善同行评议的学术评价体系",                    // paper 0
            "Graph neural networks for materials discovery", // paper 1
            "同行评议 学术评价 科研诚信",                    // reviewer A
            "materials science, neural networks, graphs",    // reviewer B
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let v = vectors(&docs);
        assert!(cosine(&v[0], &v[2]) > cosine(&v[0], &v[3]));
        assert!(cosine(&v[1], &v[3]) > cosine(&v[1], &v[2]));
        assert!(cosine(&v[1], &v[3]) > 0.3);
        assert_eq!(cosine(&v[0], &v[0]).round(), 1.0);
    }
}
