//! The badge a designated demonstrative conference shows on its own pages (pure): a small SVG
//! with the designation and the round, in both languages.

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The badge: "示范性学术会议 / Demonstrative conference" over the round's title.
pub fn svg(round_zh: &str, round_en: &str) -> String {
    let line2 = if round_zh.is_empty() { round_en } else { round_zh };
    let line3 = if round_en.is_empty() || round_en == line2 { "" } else { round_en };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="96" viewBox="0 0 320 96" role="img" aria-label="示范性学术会议 Demonstrative conference: {a}">
<rect x="1" y="1" width="318" height="94" rx="8" fill="#fffdf7" stroke="#8b1a1a" stroke-width="2"/>
<rect x="1" y="1" width="318" height="30" rx="8" fill="#8b1a1a"/>
<rect x="1" y="20" width="318" height="11" fill="#8b1a1a"/>
<text x="160" y="22" text-anchor="middle" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="13" font-weight="bold" fill="#ffffff">示范性学术会议 · Demonstrative conference</text>
<text x="160" y="56" text-anchor="middle" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="14" fill="#1d2433">{b}</text>
<text x="160" y="80" text-anchor="middle" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="12" fill="#4a5568">{c}</text>
</svg>"##,
        a = esc(line2),
        b = esc(&truncate(line2, 30)),
        c = esc(&truncate(line3, 48)),
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_names_the_round_in_both_languages_and_escapes_it() {
        let s = svg("2026 年度示范性学术会议评估", "2026 <demonstrative> conferences");
        assert!(s.starts_with("<svg") && s.contains("2026 年度示范性学术会议评估"));
        assert!(s.contains("2026 &lt;demonstrative&gt; conferences") && !s.contains("<demonstrative>"));
        let english_only = svg("", "2026 demonstrative conferences");
        assert_eq!(
            english_only.matches("2026 demonstrative conferences").count(),
            2,
            "label and line, not repeated"
        );
    }
}
