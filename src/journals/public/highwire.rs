//! Highwire Press `citation_*` meta tags for an article page (pure): the tags Google Scholar's
//! inclusion guidelines name, in the order they list them.

use super::view::PublicArticle;

/// The (name, content) pairs of an article's meta tags; empty values are left out.
pub fn tags(a: &PublicArticle, base_url: &str) -> Vec<(&'static str, String)> {
    let mut t: Vec<(&'static str, String)> = Vec::new();
    let title = if a.language == "zh" && !a.title_zh.is_empty() {
        &a.title_zh
    } else {
        &a.title_en
    };
    t.push(("citation_title", title.clone()));
    for p in &a.authors {
        let name = if a.language == "zh" && !p.name_zh.is_empty() {
            &p.name_zh
        } else {
            &p.name_latin
        };
        t.push(("citation_author", name.clone()));
        if !p.affiliation.is_empty() {
            t.push(("citation_author_institution", p.affiliation.clone()));
        }
        if let Some(o) = &p.orcid {
            t.push(("citation_author_orcid", format!("https://orcid.org/{o}")));
        }
    }
    if let Some(d) = a.published_on {
        t.push(("citation_publication_date", d.format("%Y/%m/%d").to_string()));
    }
    let journal = if a.language == "zh" && !a.journal_zh.is_empty() {
        &a.journal_zh
    } else {
        &a.journal_en
    };
    t.push(("citation_journal_title", journal.clone()));
    for issn in [&a.issn, &a.eissn].into_iter().flatten() {
        t.push(("citation_issn", issn.clone()));
    }
    t.push(("citation_volume", a.volume.to_string()));
    t.push(("citation_issue", a.number.to_string()));
    if !a.first_page.is_empty() {
        t.push(("citation_firstpage", a.first_page.clone()));
        if !a.last_page.is_empty() {
            t.push(("citation_lastpage", a.last_page.clone()));
        }
    }
    if let Some(doi) = &a.doi {
        t.push(("citation_doi", doi.clone()));
    }
    if let Some(pdf) = a.galleys.iter().find(|g| g.kind == "pdf") {
        t.push(("citation_pdf_url", format!("{base_url}{}", pdf.url)));
    }
    t.push(("citation_abstract_html_url", format!("{base_url}{}", a.url)));
    t.push(("citation_language", a.language.clone()));
    let keywords = if a.language == "zh" && !a.keywords_zh.is_empty() {
        &a.keywords_zh
    } else {
        &a.keywords_en
    };
    for k in keywords.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        t.push(("citation_keywords", k.to_string()));
    }
    if !a.publisher.is_empty() {
        t.push(("citation_publisher", a.publisher.clone()));
    }
    t.retain(|(_, v)| !v.is_empty());
    t
}
