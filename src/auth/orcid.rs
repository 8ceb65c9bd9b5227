//! ORCID iD validation (ISO 7064 MOD 11-2 check digit).

/// Normalises an ORCID iD (accepting the `https://orcid.org/` form) and checks its check digit.
pub fn normalize(input: &str) -> Option<String> {
    let s = input.trim();
    let s = s
        .strip_prefix("https://orcid.org/")
        .or_else(|| s.strip_prefix("http://orcid.org/"))
        .or_else(|| s.strip_prefix("orcid.org/"))
        .unwrap_or(s);
    let chars: Vec<char> = s.chars().filter(|c| *c != '-').collect();
    if chars.len() != 16 || s.len() != 19 || s.chars().enumerate().any(|(i, c)| (i % 5 == 4) != (c == '-')) {
        return None;
    }
    let mut total: u32 = 0;
    for c in &chars[..15] {
        total = (total + c.to_digit(10)?) * 2;
    }
    let result = (12 - total % 11) % 11;
    let expected = if result == 10 { 'X' } else { char::from_digit(result, 10)? };
    let last = chars[15].to_ascii_uppercase();
    if last != expected {
        return None;
    }
    let mut out: String = chars[..15].iter().collect();
    out.push(last);
    Some(format!("{}-{}-{}-{}", &out[0..4], &out[4..8], &out[8..12], &out[12..16]))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn accepts_valid_ids_and_urls() {
        assert_eq!(normalize("0000-0002-1825-0097").as_deref(), Some("0000-0002-1825-0097"));
        assert_eq!(
            normalize("https://orcid.org/0000-0001-5109-3700").as_deref(),
            Some("0000-0001-5109-3700")
        );
        assert_eq!(normalize("0000-0002-1694-233x").as_deref(), Some("0000-0002-1694-233X"));
    }

    #[test]
    fn rejects_bad_check_digits_and_shapes() {
        assert_eq!(normalize("0000-0002-1825-0098"), None);
        assert_eq!(normalize("0000000218250097"), None);
        assert_eq!(normalize("0000-0002-1825-009"), None);
        assert_eq!(normalize("abcd-0002-1825-0097"), None);
    }
}
