//! The one rule for free text typed by users (titles, names, posts, reviews, ...): no control
//! characters (except line breaks and tabs in multi-line fields), no bidirectional overrides or
//! isolates, no invisible zero-width characters. Pure, no I/O.

/// Message key of the refusal.
pub const REFUSED: &str = "validation.control_chars";

/// Bidirectional controls (embeddings, overrides, isolates, marks), zero-width and other
/// invisible format characters that can hide or reorder what a reader sees.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'                      // Arabic letter mark
            | '\u{180E}'                // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'   // zero-width space/non-joiner/joiner, LRM, RLM
            | '\u{2028}'..='\u{202E}'   // line/paragraph separators, LRE, RLE, PDF, LRO, RLO
            | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, LRI..PDI, deprecated
            | '\u{FEFF}'                // zero-width no-break space (BOM)
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
            | '\u{E0000}'..='\u{E007F}' // tag characters
    )
}

/// Whether `c` may appear in free text; `multiline` allows line feed, carriage return (browsers
/// send CRLF from text areas) and tab.
pub fn allowed(c: char, multiline: bool) -> bool {
    if multiline && matches!(c, '\n' | '\r' | '\t') {
        return true;
    }
    !c.is_control() && !is_invisible_format(c)
}

/// Whether the whole text is acceptable.
pub fn is_clean(s: &str, multiline: bool) -> bool {
    s.chars().all(|c| allowed(c, multiline))
}

/// Fields allowed more than this many characters are multi-line text areas (abstracts,
/// descriptions, answers); shorter ones (titles, names) are single lines.
pub const MULTILINE_ABOVE: usize = 1000;

/// [`check`] for a field limited to `max` characters, multi-line when `max` is above
/// [`MULTILINE_ABOVE`].
pub fn check_sized(fields: &mut crate::error::FieldErrors, field: &str, value: &str, max: usize) {
    check(fields, field, value, max > MULTILINE_ABOVE);
}

/// Adds [`REFUSED`] for `field` when `value` holds a refused character.
pub fn check(fields: &mut crate::error::FieldErrors, field: &str, value: &str, multiline: bool) {
    if !is_clean(value, multiline) {
        fields.insert(field.into(), REFUSED.into());
    }
}

/// `value` trimmed, with [`REFUSED`] or `validation.too_long` added for `field` when it holds a
/// refused character or more than `max` characters: the one check of a typed text field.
pub fn field(fields: &mut crate::error::FieldErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.chars().count() > max {
        fields.insert(field.into(), "validation.too_long".into());
    }
    check_sized(fields, field, v, max);
    v.to_string()
}

/// The same as an error naming `field`, for code that checks one value at a time.
pub fn require(field: &str, value: &str, multiline: bool) -> Result<(), crate::error::AppError> {
    if is_clean(value, multiline) {
        Ok(())
    } else {
        Err(crate::error::AppError::field(field, REFUSED))
    }
}

#[cfg(test)]
mod tests {
    use super::is_clean;

    #[test]
    fn controls_and_bidi_tricks_are_refused() {
        for (text, single, multi) in [
            ("Plain title 学会 – ü", true, true),
            ("two\nlines", false, true),
            ("crlf\r\nlines\tand tab", false, true),
            ("nul\0", false, false),
            ("bell\u{7}", false, false),
            ("ansi \u{1b}[31mred", false, false),
            ("c1 \u{85}", false, false),
            ("rtl \u{202E}fdp.exe", false, false),
            ("isolate \u{2067}x\u{2069}", false, false),
            ("lrm \u{200E}", false, false),
            ("zero\u{200B}width", false, false),
            ("zwj\u{200D}", false, false),
            ("bom\u{FEFF}", false, false),
            ("word\u{2060}joiner", false, false),
            ("tag\u{E0041}", false, false),
            ("line\u{2028}separator", false, false),
        ] {
            assert_eq!(is_clean(text, false), single, "{text:?} single-line");
            assert_eq!(is_clean(text, true), multi, "{text:?} multi-line");
        }
    }
}
