//! The `doi_batch` of a journal issue and its articles (pure): `journal_metadata`,
//! `journal_issue` and one `journal_article` per article, each with its titles, authors (ORCID
//! iDs as URLs, not authenticated), abstracts as `jats:abstract`, online publication date,
//! pages or article number, licence (`ai:license_ref`), `doi_data` and references
//! (`citation_list`), in the order the schema requires.

use std::io;

use chrono::{Datelike, NaiveDate};
use quick_xml::events::BytesText;

use super::{Article, Head, Issue, NAMESPACE, VERSION};
use crate::formats::xml::{W, document, text};

fn online(w: &mut W, d: NaiveDate) -> io::Result<()> {
    w.create_element("publication_date")
        .with_attribute(("media_type", "online"))
        .write_inner_content(|w| {
            text(w, "month", &format!("{:02}", d.month()))?;
            text(w, "day", &format!("{:02}", d.day()))?;
            text(w, "year", &d.year().to_string())
        })?;
    Ok(())
}

fn head(w: &mut W, h: &Head) -> io::Result<()> {
    w.create_element("head").write_inner_content(|w| {
        text(w, "doi_batch_id", &h.batch_id)?;
        text(w, "timestamp", &h.timestamp)?;
        w.create_element("depositor").write_inner_content(|w| {
            text(w, "depositor_name", &h.depositor_name)?;
            text(w, "email_address", &h.depositor_email)
        })?;
        text(w, "registrant", &h.registrant)
    })?;
    Ok(())
}

fn article(w: &mut W, a: &Article) -> io::Result<()> {
    let mut el = w
        .create_element("journal_article")
        .with_attribute(("publication_type", "full_text"));
    if !a.language.is_empty() {
        el = el.with_attribute(("language", a.language.as_str()));
    }
    el.write_inner_content(|w| {
        w.create_element("titles").write_inner_content(|w| {
            text(w, "title", &a.title)?;
            if let Some((lang, t)) = &a.original_title {
                w.create_element("original_language_title")
                    .with_attribute(("language", lang.as_str()))
                    .write_text_content(BytesText::new(t))?;
            }
            Ok(())
        })?;
        if !a.contributors.is_empty() {
            w.create_element("contributors").write_inner_content(|w| {
                for (i, c) in a.contributors.iter().enumerate() {
                    w.create_element("person_name")
                        .with_attribute(("sequence", if i == 0 { "first" } else { "additional" }))
                        .with_attribute(("contributor_role", "author"))
                        .write_inner_content(|w| {
                            if !c.given.is_empty() {
                                text(w, "given_name", &c.given)?;
                            }
                            text(w, "surname", &c.surname)?;
                            if !c.affiliation.is_empty() {
                                w.create_element("affiliations").write_inner_content(|w| {
                                    w.create_element("institution")
                                        .write_inner_content(|w| text(w, "institution_name", &c.affiliation))?;
                                    Ok(())
                                })?;
                            }
                            if let Some(orcid) = &c.orcid {
                                w.create_element("ORCID")
                                    .with_attribute(("authenticated", "false"))
                                    .write_text_content(BytesText::new(&format!("https://orcid.org/{orcid}")))?;
                            }
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        }
        for ab in a.abstracts.iter().filter(|ab| !ab.text.trim().is_empty()) {
            w.create_element("jats:abstract")
                .with_attribute(("xml:lang", ab.lang.as_str()))
                .write_inner_content(|w| {
                    for p in ab.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                        text(w, "jats:p", p)?;
                    }
                    Ok(())
                })?;
        }
        online(w, a.published)?;
        if !a.first_page.is_empty() {
            w.create_element("pages").write_inner_content(|w| {
                text(w, "first_page", &a.first_page)?;
                if !a.last_page.is_empty() && a.last_page != a.first_page {
                    text(w, "last_page", &a.last_page)?;
                }
                Ok(())
            })?;
        } else if !a.article_number.is_empty() {
            w.create_element("publisher_item").write_inner_content(|w| {
                w.create_element("item_number")
                    .with_attribute(("item_number_type", "article_number"))
                    .write_text_content(BytesText::new(&a.article_number))?;
                Ok(())
            })?;
        }
        if !a.licence_url.is_empty() {
            w.create_element("ai:program")
                .with_attribute(("name", "AccessIndicators"))
                .write_inner_content(|w| {
                    w.create_element("ai:license_ref")
                        .with_attribute(("applies_to", "vor"))
                        .write_text_content(BytesText::new(&a.licence_url))?;
                    Ok(())
                })?;
        }
        w.create_element("doi_data").write_inner_content(|w| {
            text(w, "doi", &a.doi)?;
            text(w, "resource", &a.url)
        })?;
        if !a.citations.is_empty() {
            w.create_element("citation_list").write_inner_content(|w| {
                for (i, c) in a.citations.iter().enumerate() {
                    w.create_element("citation")
                        .with_attribute(("key", format!("ref{}", i + 1).as_str()))
                        .write_inner_content(|w| {
                            if let Some(doi) = &c.doi {
                                text(w, "doi", doi)?;
                            }
                            text(w, "unstructured_citation", &c.text)
                        })?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write(w: &mut W, h: &Head, issue: &Issue) -> io::Result<()> {
    let schema = format!("{NAMESPACE} https://www.crossref.org/schemas/crossref{VERSION}.xsd");
    w.create_element("doi_batch")
        .with_attribute(("version", VERSION))
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xmlns:jats", "http://www.ncbi.nlm.nih.gov/JATS1"))
        .with_attribute(("xmlns:ai", "http://www.crossref.org/AccessIndicators.xsd"))
        .with_attribute(("xsi:schemaLocation", schema.as_str()))
        .write_inner_content(|w| {
            head(w, h)?;
            w.create_element("body").write_inner_content(|w| {
                w.create_element("journal").write_inner_content(|w| {
                    let mut meta = w.create_element("journal_metadata");
                    if !issue.journal_language.is_empty() {
                        meta = meta.with_attribute(("language", issue.journal_language.as_str()));
                    }
                    meta.write_inner_content(|w| {
                        text(w, "full_title", &issue.journal_title)?;
                        for (issn, media) in [(&issue.issn, "print"), (&issue.eissn, "electronic")] {
                            if let Some(issn) = issn {
                                w.create_element("issn")
                                    .with_attribute(("media_type", media))
                                    .write_text_content(BytesText::new(issn))?;
                            }
                        }
                        Ok(())
                    })?;
                    w.create_element("journal_issue").write_inner_content(|w| {
                        online(w, issue.published)?;
                        w.create_element("journal_volume")
                            .write_inner_content(|w| text(w, "volume", &issue.volume))?;
                        text(w, "issue", &issue.number)
                    })?;
                    for a in &issue.articles {
                        article(w, a)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// The deposit of `issue` and its articles.
pub fn deposit(h: &Head, issue: &Issue) -> io::Result<String> {
    document(None, |w| write(w, h, issue))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::formats::crossref::{Abstract, Citation, Contributor};

    /// A Chinese issue of two articles, one with pages and one with an article number.
    pub fn sample() -> (Head, Issue) {
        let head = Head {
            batch_id: "xuehui-issue-1-20270315120000".into(),
            timestamp: "20270315120000".into(),
            depositor_name: "示范学会 & Co".into(),
            depositor_email: "office@example.org".into(),
            registrant: "示范学会".into(),
        };
        let a = Article {
            language: "zh".into(),
            title: "Fairness in peer review".into(),
            original_title: Some(("zh".into(), "同行评议的公平性".into())),
            contributors: vec![
                Contributor {
                    given: "Hua".into(),
                    surname: "Li".into(),
                    affiliation: "Demo University".into(),
                    orcid: Some("0000-0002-1825-0097".into()),
                },
                Contributor {
                    given: "伟".into(),
                    surname: "王".into(),
                    ..Default::default()
                },
            ],
            abstracts: vec![
                Abstract {
                    lang: "zh".into(),
                    text: "本文研究同行评议。\n\n第二段 <b>不是</b> 标记。".into(),
                },
                Abstract {
                    lang: "en".into(),
                    text: "We study peer review.".into(),
                },
            ],
            published: NaiveDate::from_ymd_opt(2027, 3, 15).unwrap(),
            first_page: "101".into(),
            last_page: "104".into(),
            licence_url: "https://creativecommons.org/licenses/by/4.0/".into(),
            doi: "10.12345/demo.2027.3.2.001".into(),
            url: "https://example.org/j/demo/articles/7".into(),
            citations: vec![
                Citation {
                    text: "Shah N B. Challenges in peer review[J]. CACM, 2022, 65(6): 76-87.".into(),
                    doi: Some("10.1145/3528086".into()),
                },
                Citation {
                    text: "王伟. 评议[J]. 2021.".into(),
                    doi: None,
                },
            ],
            ..Default::default()
        };
        let b = Article {
            language: "en".into(),
            title: "Open review".into(),
            original_title: None,
            first_page: String::new(),
            last_page: String::new(),
            article_number: "e1002".into(),
            licence_url: String::new(),
            citations: vec![],
            doi: "10.12345/demo.2027.3.2.002".into(),
            url: "https://example.org/j/demo/articles/8".into(),
            ..a.clone()
        };
        let issue = Issue {
            journal_title: "Journal of Demonstration Science".into(),
            journal_language: String::new(),
            issn: Some("2049-3630".into()),
            eissn: None,
            volume: "3".into(),
            number: "2".into(),
            published: NaiveDate::from_ymd_opt(2027, 3, 15).unwrap(),
            articles: vec![a, b],
        };
        (head, issue)
    }

    #[test]
    fn the_batch_carries_the_issue_and_each_article_in_schema_order() {
        let (h, issue) = sample();
        let xml = deposit(&h, &issue).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{xml}");
        assert!(xml.contains("<depositor_name>示范学会 &amp; Co</depositor_name>"), "{xml}");
        assert!(xml.contains("第二段 &lt;b&gt;不是&lt;/b&gt; 标记。"), "text is escaped: {xml}");
        assert!(xml.contains("<ORCID authenticated=\"false\">https://orcid.org/0000-0002-1825-0097</ORCID>"));
        assert!(xml.contains("<item_number item_number_type=\"article_number\">e1002</item_number>"));
        assert_eq!(xml.matches("<journal_article ").count(), 2);
        // The order inside an article: titles, contributors, abstracts, date, pages, licence,
        // doi_data, references.
        let first = &xml[xml.find("<journal_article ").unwrap()..xml.find("</journal_article>").unwrap()];
        let at = |tag: &str| first.find(tag).unwrap_or_else(|| panic!("{tag} in {first}"));
        let order = [
            "<titles>",
            "<contributors>",
            "<jats:abstract xml:lang=\"zh\">",
            "<jats:abstract xml:lang=\"en\">",
            "<publication_date media_type=\"online\">",
            "<pages>",
            "<ai:program",
            "<doi_data>",
            "<citation_list>",
        ];
        for pair in order.windows(2) {
            assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
        }
        assert!(first.contains("<citation key=\"ref1\">\n"), "{first}");
    }
}
