//! Journal identifiers: ISSN (ISO 3297, with its mod-11 check digit) and the Chinese CN number
//! (国内统一连续出版物号, `CN 11-1234/TP`). Pure functions, so imports and forms share them.

/// Parses an ISSN written `1234-5679`, `12345679` or with an `ISSN` prefix; returns it as
/// `NNNN-NNNC` with an upper-case `X`, or None when the format or check digit is wrong.
pub fn issn(input: &str) -> Option<String> {
    let s = input.trim();
    let s = s
        .strip_prefix("ISSN")
        .or_else(|| s.strip_prefix("issn"))
        .or_else(|| s.strip_prefix("eISSN"))
        .or_else(|| s.strip_prefix("EISSN"))
        .unwrap_or(s)
        .trim_start_matches([':', ' ']);
    let chars: Vec<char> = s.chars().filter(|c| *c != '-').collect();
    let hyphens = s.chars().filter(|c| *c == '-').count();
    if chars.len() != 8 || hyphens > 1 || (hyphens == 1 && s.find('-') != Some(4)) {
        return None;
    }
    let mut sum = 0u32;
    for (i, c) in chars[..7].iter().enumerate() {
        sum += c.to_digit(10)? * (8 - i as u32);
    }
    let check = match chars[7] {
        'x' | 'X' => 10,
        c => c.to_digit(10)?,
    };
    if !(sum + check).is_multiple_of(11) {
        return None;
    }
    let digits: String = chars.iter().map(|c| c.to_ascii_uppercase()).collect();
    Some(format!("{}-{}", &digits[..4], &digits[4..]))
}

/// The check digit an ISSN's first seven digits call for (for generating test and demo data).
pub fn issn_check_digit(first_seven: &str) -> Option<char> {
    let digits: Vec<u32> = first_seven.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    if digits.len() != 7 {
        return None;
    }
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| d * (8 - i as u32)).sum();
    Some(match (11 - sum % 11) % 11 {
        10 => 'X',
        d => char::from_digit(d, 10)?,
    })
}

/// Parses a CN number: an optional `CN` prefix, a two-digit region code (11 to 82), a
/// four-digit serial, a slash and a Chinese Library Classification class (letters, then
/// optional digits, e.g. `TP`, `N`, `G2`, `O4`); returns it as `NN-NNNN/CLASS` or None.
pub fn cn(input: &str) -> Option<String> {
    let s = input.trim();
    let s = s.strip_prefix("CN").or_else(|| s.strip_prefix("cn")).unwrap_or(s).trim_start();
    let (number, class) = s.split_once('/')?;
    let (region, serial) = number.trim().split_once('-')?;
    let class = class.trim().to_ascii_uppercase();
    let region_ok = region.len() == 2 && region.parse::<u32>().is_ok_and(|r| (11..=82).contains(&r));
    let serial_ok = serial.len() == 4 && serial.chars().all(|c| c.is_ascii_digit()) && serial != "0000";
    let letters = class.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let class_ok = (1..=2).contains(&letters)
        && class.len() <= 8
        && class[letters..].chars().all(|c| c.is_ascii_digit() || c == '.')
        && !class.ends_with('.');
    (region_ok && serial_ok && class_ok).then(|| format!("{region}-{serial}/{class}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_issn_is_accepted_in_the_usual_spellings() {
        assert_eq!(issn("0317-8471").as_deref(), Some("0317-8471"));
        assert_eq!(issn("03178471").as_deref(), Some("0317-8471"));
        assert_eq!(issn(" ISSN 0317-8471 ").as_deref(), Some("0317-8471"));
        assert_eq!(issn("2049-3630").as_deref(), Some("2049-3630"));
    }

    #[test]
    fn an_issn_ending_in_x_is_upper_cased() {
        assert_eq!(issn("2434-561x").as_deref(), Some("2434-561X"));
    }

    #[test]
    fn a_wrong_check_digit_or_shape_is_refused() {
        assert_eq!(issn("0317-8472"), None);
        assert_eq!(issn("0317-847"), None);
        assert_eq!(issn("03-178471"), None);
        assert_eq!(issn("0317-84X1"), None);
        assert_eq!(issn("abcd-efgh"), None);
        assert_eq!(issn(""), None);
    }

    #[test]
    fn the_check_digit_helper_agrees_with_validation() {
        for seven in ["0317847", "2049363", "2434561", "1234567", "0000000"] {
            let c = issn_check_digit(seven).unwrap();
            assert!(issn(&format!("{seven}{c}")).is_some(), "{seven}{c}");
        }
        assert_eq!(issn_check_digit("123"), None);
    }

    #[test]
    fn cn_numbers_are_normalised() {
        assert_eq!(cn("CN 11-1826/TP").as_deref(), Some("11-1826/TP"));
        assert_eq!(cn("11-2560/tp").as_deref(), Some("11-2560/TP"));
        assert_eq!(cn("CN31-1234/O4").as_deref(), Some("31-1234/O4"));
        assert_eq!(cn("44-1000/N").as_deref(), Some("44-1000/N"));
    }

    #[test]
    fn malformed_cn_numbers_are_refused() {
        assert_eq!(cn("11-182/TP"), None);
        assert_eq!(cn("99-1826/TP"), None);
        assert_eq!(cn("11-1826"), None);
        assert_eq!(cn("11-1826/"), None);
        assert_eq!(cn("11-1826/123"), None);
        assert_eq!(cn("11-0000/TP"), None);
    }
}
