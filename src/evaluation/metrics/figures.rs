//! Small pure rules the metrics share: who is young, how long a review's text is.

/// Whether someone born in `birth_year` is under `limit` in `event_year` (the per-call age
/// rule's reading: `event_year − birth_year < limit`).
pub fn young(birth_year: i32, event_year: i32, limit: i32) -> bool {
    event_year - birth_year < limit
}

/// The length of a text as readers of either language count it: each Chinese, Japanese or
/// Korean character is one, each run of other letters or digits (a word) is one.
pub fn length(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                n += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    n
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_chinese_characters_and_english_words() {
        assert_eq!(length("The method is sound, but the baseline is weak."), 9);
        assert_eq!(length("方法可靠"), 4);
        assert_eq!(length("实验用了 GPU 3 次"), 7);
        assert_eq!(length(""), 0);
    }

    #[test]
    fn under_40_is_the_year_difference() {
        assert!(young(1987, 2026, 40));
        assert!(!young(1986, 2026, 40));
    }
}
