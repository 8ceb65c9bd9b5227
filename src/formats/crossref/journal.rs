//! The `doi_batch` of a journal issue and its articles (pure): `journal_metadata`,
//! `journal_issue` and one `journal_article` per article, each with its titles, authors (ORCID
//! iDs as URLs, not authenticated), abstracts as `jats:abstract`, online publication date,
//! pages or article number, licence (`ai:license_ref`), `doi_data` and references
//! (`citation_list`), in the order the schema requires.

use std::io;

use quick_xml::events::BytesText;

use super::parts::{batch, item, online};
use super::{Head, Issue};
use crate::formats::xml::{W, document, text};

fn write(w: &mut W, h: &Head, issue: &Issue) -> io::Result<()> {
    batch(w, h, |w| {
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
                item(w, "journal_article", a, false)?;
            }
            Ok(())
        })?;
        Ok(())
    })
}

/// The deposit of `issue` and its articles.
pub fn deposit(h: &Head, issue: &Issue) -> io::Result<String> {
    document(None, |w| write(w, h, issue))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::formats::crossref::{Abstract, Article, Citation, Contributor};
    use chrono::NaiveDate;

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
