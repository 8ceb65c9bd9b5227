//! Text analysis for Chinese and English: jieba in search mode segments Chinese words (and
//! emits the shorter words inside compounds), tokens without a letter or digit are dropped,
//! Latin words are lower-cased and stemmed. At query time compound tokens that contain a
//! shorter token of the same query are dropped, so "同行评议" matches a text that jieba
//! segmented as "同行" + "评议" as well as one it kept whole.

use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer};

/// Name under which the analyzer is registered.
pub const NAME: &str = "xuehui";
/// Name of the analyzer without stemming, for typo-tolerant matching of Latin words.
pub const RAW: &str = "xuehui_raw";

/// jieba, keeping only tokens with a letter or digit.
#[derive(Clone)]
pub struct WordTokenizer(tantivy_jieba::JiebaTokenizer);

/// The tokens of one text.
pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let mut inner = self.0.token_stream(text);
        let mut tokens = Vec::new();
        while inner.advance() {
            let t = inner.token();
            if t.text.chars().any(char::is_alphanumeric) {
                tokens.push(t.clone());
            }
        }
        WordStream { tokens, next: 0 }
    }
}

/// The analyzer used for every text field.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer(tantivy_jieba::JiebaTokenizer::new()))
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzer without stemming.
pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer(tantivy_jieba::JiebaTokenizer::new()))
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

fn tokens_of(mut a: TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The terms the indexing analyzer makes of `text` (a word's stem).
pub fn analyzed(text: &str) -> Vec<String> {
    tokens_of(analyzer(), text)
}

/// The stems of the Latin words of `text`, as the index makes them (Chinese words left out):
/// what an engine without an English stemmer indexes beside the text.
pub fn latin_stems(text: &str) -> Vec<String> {
    analyzed(text)
        .into_iter()
        .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect()
}

/// The distinct terms of a query as (stemmed, as typed but lower-cased), compounds that
/// contain a shorter term dropped.
pub fn query_terms(text: &str) -> Vec<(String, String)> {
    // Stemming never adds or drops a token, so the two lists run in step.
    let pairs: Vec<(String, String)> = tokens_of(analyzer(), text)
        .into_iter()
        .zip(tokens_of(raw_analyzer(), text))
        .collect();
    let mut terms: Vec<(String, String)> = Vec::new();
    for p in pairs {
        if !terms.iter().any(|t| t.0 == p.0) {
            terms.push(p);
        }
    }
    let all: Vec<String> = terms.iter().map(|t| t.0.clone()).collect();
    terms.retain(|(t, _)| {
        !all.iter()
            .any(|o| o != t && o.chars().count() < t.chars().count() && t.contains(o.as_str()))
    });
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut a = analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn chinese_words_are_segmented_and_punctuation_dropped() {
        let t = tokens("完善同行评议的学术评价体系。");
        assert!(t.contains(&"同行".to_string()) || t.contains(&"同行评议".to_string()), "{t:?}");
        assert!(!t.iter().any(|x| x == "。" || x.trim().is_empty()), "{t:?}");
    }

    #[test]
    fn english_words_are_lower_cased_and_stemmed() {
        let t = tokens("Reviewing Conferences");
        assert!(t.contains(&"review".to_string()) && t.contains(&"confer".to_string()), "{t:?}");
    }

    #[test]
    fn queries_keep_the_short_words_of_a_compound() {
        let q = query_terms("同行评议");
        assert!(!q.is_empty());
        assert!(q.iter().all(|t| t.0.chars().count() <= 2), "{q:?}");
        assert_eq!(query_terms("Reviewing"), [("review".to_string(), "reviewing".to_string())]);
    }
}
