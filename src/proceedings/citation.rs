//! How to cite a paper of a published volume (pure): GB/T 7714 style for Chinese readers,
//! a common author–title–proceedings style for English readers, and BibTeX.

/// What a citation is made of.
#[derive(Debug, Clone, Default)]
pub struct Cited {
    /// Authors as (Chinese name, Latin name), in order.
    pub authors: Vec<(String, String)>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Volume title in Chinese.
    pub volume_zh: String,
    /// Volume title in English.
    pub volume_en: String,
    /// Volume number or name.
    pub volume: String,
    /// Series.
    pub series: String,
    /// Publisher.
    pub publisher: String,
    /// Place of publication.
    pub place: String,
    /// Year.
    pub year: i32,
    /// First page.
    pub first_page: i32,
    /// Last page.
    pub last_page: i32,
    /// DOI of the volume, if any.
    pub doi: String,
}

fn or<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.trim().is_empty() { b } else { a }
}

fn pages(c: &Cited) -> String {
    if c.first_page == c.last_page {
        c.first_page.to_string()
    } else {
        format!("{}-{}", c.first_page, c.last_page)
    }
}

/// GB/T 7714-2015 for a paper in proceedings: `作者. 题名[C]//论文集名. 出版地: 出版者, 年: 页码.`
/// (more than three authors: the first three and "等").
pub fn gbt7714(c: &Cited) -> String {
    let names: Vec<&str> = c.authors.iter().map(|(zh, latin)| or(zh, latin)).collect();
    let mut who = names.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        who.push_str(", 等");
    }
    let mut s = format!("{who}. {}[C]//{}", or(&c.title_zh, &c.title_en), or(&c.volume_zh, &c.volume_en));
    if !c.volume.is_empty() {
        s.push_str(&format!(": {}", c.volume));
    }
    s.push_str(". ");
    match (c.place.is_empty(), c.publisher.is_empty()) {
        (false, false) => s.push_str(&format!("{}: {}, ", c.place, c.publisher)),
        (true, false) => s.push_str(&format!("{}, ", c.publisher)),
        (false, true) => s.push_str(&format!("{}, ", c.place)),
        (true, true) => {}
    }
    s.push_str(&format!("{}: {}.", c.year, pages(c)));
    if !c.doi.is_empty() {
        s.push_str(&format!(" DOI: {}.", c.doi));
    }
    s
}

/// `Authors. Title. In: Volume, vol. V, pp. a–b. Publisher, Place (Year).`
pub fn english(c: &Cited) -> String {
    let names: Vec<&str> = c.authors.iter().map(|(zh, latin)| or(latin, zh)).collect();
    let who = match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let mut s = format!("{who}. {}. In: {}", or(&c.title_en, &c.title_zh), or(&c.volume_en, &c.volume_zh));
    if !c.volume.is_empty() {
        s.push_str(&format!(", vol. {}", c.volume));
    }
    let range = if c.first_page == c.last_page {
        format!("p. {}", c.first_page)
    } else {
        format!("pp. {}–{}", c.first_page, c.last_page)
    };
    s.push_str(&format!(", {range}."));
    let imprint: Vec<&str> = [c.publisher.as_str(), c.place.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if !imprint.is_empty() {
        s.push_str(&format!(" {}", imprint.join(", ")));
    }
    s.push_str(&format!(" ({}).", c.year));
    if !c.doi.is_empty() {
        s.push_str(&format!(" https://doi.org/{}", c.doi));
    }
    s
}

fn bib_escape(s: &str) -> String {
    s.chars()
        .flat_map(|ch| match ch {
            '{' | '}' | '\\' | '%' | '&' | '$' | '#' | '_' => vec!['\\', ch],
            _ => vec![ch],
        })
        .collect()
}

/// A BibTeX `@inproceedings` entry with `key`.
pub fn bibtex(c: &Cited, key: &str) -> String {
    let authors: Vec<String> = c.authors.iter().map(|(zh, latin)| bib_escape(or(latin, zh))).collect();
    let mut fields = vec![
        ("author", authors.join(" and ")),
        ("title", format!("{{{}}}", bib_escape(or(&c.title_en, &c.title_zh)))),
        ("booktitle", bib_escape(or(&c.volume_en, &c.volume_zh))),
        ("year", c.year.to_string()),
        ("pages", format!("{}--{}", c.first_page, c.last_page)),
    ];
    for (name, value) in [
        ("volume", &c.volume),
        ("series", &c.series),
        ("publisher", &c.publisher),
        ("address", &c.place),
        ("doi", &c.doi),
    ] {
        if !value.is_empty() {
            fields.push((name, bib_escape(value)));
        }
    }
    let body: Vec<String> = fields.into_iter().map(|(k, v)| format!("  {k} = {{{v}}}")).collect();
    format!("@inproceedings{{{key},\n{}\n}}", body.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited() -> Cited {
        Cited {
            authors: vec![("李华".into(), "Li Hua".into()), ("".into(), "Jane Doe".into())],
            title_zh: "同行评议研究".into(),
            title_en: "A Study of Peer Review".into(),
            volume_zh: "2026 年学术年会论文集".into(),
            volume_en: "Proceedings of the 2026 Annual Conference".into(),
            volume: "1".into(),
            publisher: "Science Press".into(),
            place: "Beijing".into(),
            year: 2027,
            first_page: 9,
            last_page: 16,
            doi: "10.1234/annual.2026".into(),
            ..Cited::default()
        }
    }

    #[test]
    fn chinese_readers_get_gbt_7714() {
        assert_eq!(
            gbt7714(&cited()),
            "李华, Jane Doe. 同行评议研究[C]//2026 年学术年会论文集: 1. Beijing: Science Press, 2027: 9-16. DOI: 10.1234/annual.2026."
        );
        let mut many = cited();
        many.authors = (0..5).map(|i| (format!("作者{i}"), String::new())).collect();
        assert!(gbt7714(&many).starts_with("作者0, 作者1, 作者2, 等. "));
    }

    #[test]
    fn english_readers_and_bibtex_get_latin_names() {
        assert_eq!(
            english(&cited()),
            "Li Hua and Jane Doe. A Study of Peer Review. In: Proceedings of the 2026 Annual Conference, vol. 1, pp. 9–16. Science Press, Beijing (2027). https://doi.org/10.1234/annual.2026"
        );
        let b = bibtex(&cited(), "annual2026-3");
        assert!(
            b.starts_with("@inproceedings{annual2026-3,\n  author = {Li Hua and Jane Doe},"),
            "{b}"
        );
        assert!(b.contains("pages = {9--16}") && b.contains("doi = {10.1234/annual.2026}"), "{b}");
        let mut odd = cited();
        odd.title_en = "50% of {x}".into();
        assert!(bibtex(&odd, "k").contains("title = {{50\\% of \\{x\\}}}"));
    }
}
