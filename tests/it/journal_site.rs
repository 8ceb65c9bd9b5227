//! The public journal site: anyone reads the current issue, the archive, published issues and
//! articles, whose pages carry the Highwire tags crawlers index; nothing unpublished is found.

use serde_json::json;

use crate::support::formats::{assert_jats_valid, assert_json_valid, vendored};
use crate::support::journal::{accept, another_under_review, article_of, in_production_with_galley, new_issue, published, slug_of};
use crate::support::{TestApp, json_of, page_text};

/// A page's HTML with Tera's escaped slashes read back.
async fn page(app: &TestApp, c: &reqwest::Client, path: &str, lang: &str) -> String {
    page_text(app, c, path, lang).await.replace("&#x2F;", "/")
}

/// The `<meta name=… content=…>` pairs of a page, in order.
fn meta_tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in html.split("<meta name=\"").skip(1) {
        let Some((name, rest)) = part.split_once('"') else { continue };
        let Some(content) = rest.split("content=\"").nth(1).and_then(|c| c.split('"').next()) else {
            continue;
        };
        out.push((name.to_string(), content.replace("&#x2F;", "/").replace("&amp;", "&")));
    }
    out
}

#[actix_web::test]
async fn anyone_reads_a_published_issue_and_its_article_with_highwire_tags() {
    let app = TestApp::new().await;
    let (o, author, ms, _) = published(&app).await;
    let (article, doi) = article_of(&app, &author, ms).await;
    let slug = slug_of(&app, o.journal).await;
    let anon = app.client();
    for lang in ["en", "zh-CN"] {
        let home = page(&app, &anon, &format!("/j/{slug}"), lang).await;
        assert!(home.contains(&format!("/j/{slug}/articles/{article}")), "{home}");
        assert!(home.contains(&doi) && home.contains("101-104"), "{home}");
        let archive = page(&app, &anon, &format!("/j/{slug}/archive"), lang).await;
        assert!(archive.contains(&format!("/j/{slug}/issues/3/2")), "{archive}");
        let issue = page(&app, &anon, &format!("/j/{slug}/issues/3/2"), lang).await;
        assert!(
            issue.contains("Special issue") && issue.contains("同行评议的公平性") == (lang == "zh-CN"),
            "{issue}"
        );
    }
    let html = page(&app, &anon, &format!("/j/{slug}/articles/{article}"), "en").await;
    assert!(
        html.contains("Fairness in peer review") && html.contains("同行评议的公平性"),
        "both titles"
    );
    assert!(
        html.contains("We study peer review.") && html.contains("本文研究同行评议。"),
        "both abstracts"
    );
    let tags = meta_tags(&html);
    let first = |name: &str| tags.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let today = chrono::Utc::now().date_naive().format("%Y/%m/%d").to_string();
    assert_eq!(
        first("citation_title"),
        "同行评议的公平性",
        "a Chinese article is cited by its Chinese title"
    );
    assert_eq!(first("citation_author"), "李华");
    assert_eq!(first("citation_author_institution"), "Demo University");
    assert_eq!(first("citation_author_orcid"), "https://orcid.org/0000-0002-1825-0097");
    assert_eq!(first("citation_publication_date"), today);
    assert_eq!(first("citation_volume"), "3");
    assert_eq!(first("citation_issue"), "2");
    assert_eq!(first("citation_firstpage"), "101");
    assert_eq!(first("citation_lastpage"), "104");
    assert_eq!(first("citation_doi"), doi);
    assert_eq!(first("citation_language"), "zh");
    assert_eq!(first("citation_issn"), crate::support::catalogue::issn(101));
    assert_eq!(tags.iter().filter(|(n, _)| n == "citation_keywords").count(), 2, "{tags:?}");
    let pdf = first("citation_pdf_url");
    assert!(pdf.starts_with(&app.url) || pdf.starts_with("http"), "{pdf}");
    let path = &pdf[pdf.find("/j/").unwrap()..];
    let res = anon.get(app.at(path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(&res.bytes().await.unwrap()[..5], b"%PDF-");
    assert!(first("citation_abstract_html_url").ends_with(&format!("/j/{slug}/articles/{article}")));
    assert!(
        html.contains("李华. 同行评议的公平性[J]. Journal of Computing, "),
        "GB/T 7714 citation: {html}"
    );
    assert!(html.contains(&format!("2027, 3(2): 101-104. DOI:{doi}.")), "{html}");
}

#[actix_web::test]
async fn nothing_unpublished_is_found_on_the_public_site() {
    let app = TestApp::new().await;
    let (o, _, _, published_issue) = published(&app).await;
    let waiting = another_under_review(&app, &o, "wang@uni.example", "Waiting article").await;
    accept(&app, &o, waiting).await;
    in_production_with_galley(&app, &o, waiting, 2).await;
    let m = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{waiting}"))).send().await.unwrap()).await;
    let article = m["article"]["id"].as_i64().unwrap();
    let galley = m["article"]["galleys"][0]["id"].as_i64().unwrap();
    let next = new_issue(&app, &o.chief, o.journal, json!({"volume": 3, "number": 3, "year": 2027})).await;
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/issues/{next}/articles")))
        .json(&json!({"article_id": article}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let slug = slug_of(&app, o.journal).await;
    let other = slug_of(&app, o.other_journal).await;
    let anon = app.client();
    for path in [
        format!("/j/{slug}/articles/{article}"),
        format!("/j/{slug}/articles/{article}/galleys/{galley}"),
        format!("/j/{slug}/articles/{article}/cite.bib"),
        format!("/j/{slug}/articles/{article}/cite.json"),
        format!("/j/{slug}/articles/{article}/jats.xml"),
        format!("/j/{slug}/issues/3/3"),
        format!("/j/{slug}/issues/9/9"),
        "/j/no-such-journal".to_string(),
        format!("/j/{other}/issues/3/2"),
    ] {
        assert_eq!(anon.get(app.at(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    // The published article is not reachable under the other journal's address either.
    let published_article = json_of(
        o.chief
            .get(app.at(&format!("/api/v1/issues/{published_issue}")))
            .send()
            .await
            .unwrap(),
    )
    .await["sections"][0]["articles"][0]["article_id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        anon.get(app.at(&format!("/j/{other}/articles/{published_article}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    // The journal home shows the published issue as current, not the one being prepared.
    let home = page(&app, &anon, &format!("/j/{slug}"), "en").await;
    assert!(
        home.contains(&format!("/j/{slug}/issues/3/2")) && !home.contains("Waiting article"),
        "{home}"
    );
    let other_home = page(&app, &anon, &format!("/j/{other}"), "en").await;
    assert!(other_home.contains("No issue has been published yet."), "{other_home}");
}

#[actix_web::test]
async fn a_published_article_is_cited_on_its_page_and_downloads_as_bibtex_ris_and_csl_json() {
    let app = TestApp::new().await;
    let (o, author, ms, _) = published(&app).await;
    let (article, doi) = article_of(&app, &author, ms).await;
    let slug = slug_of(&app, o.journal).await;
    let at = format!("/j/{slug}/articles/{article}");
    let anon = app.client();
    let download = |ext: &str| {
        let url = app.at(&format!("{at}/cite.{ext}"));
        let anon = anon.clone();
        async move {
            let res = anon.get(url).send().await.unwrap();
            assert_eq!(res.status(), 200);
            let header = |name: &str| res.headers().get(name).unwrap().to_str().unwrap().to_string();
            let (kind, disposition) = (header("content-type"), header("content-disposition"));
            (kind, disposition, res.text().await.unwrap())
        }
    };
    let (kind, disposition, bib) = download("bib").await;
    assert!(kind.starts_with("application/x-bibtex"), "{kind}");
    assert_eq!(disposition, "attachment; filename=\"li2027fairness.bib\"");
    assert!(bib.starts_with("@article{li2027fairness,\n"), "{bib}");
    for field in [
        "  author = {李, 华}".to_string(),
        "  pages = {101--104}".to_string(),
        "  volume = {3}".to_string(),
        "  number = {2}".to_string(),
        format!("  doi = {{{doi}}}"),
        "  langid = {chinese}".to_string(),
    ] {
        assert!(bib.contains(&field), "{field} in {bib}");
    }
    let (kind, _, ris) = download("ris").await;
    assert!(kind.starts_with("application/x-research-info-systems"), "{kind}");
    assert!(
        ris.starts_with("TY  - JOUR\r\nAU  - 李, 华\r\n") && ris.ends_with("ER  - \r\n"),
        "{ris}"
    );
    assert!(
        ris.contains(&format!("DO  - {doi}\r\n")) && ris.contains("SP  - 101\r\nEP  - 104\r\n"),
        "{ris}"
    );
    let (kind, _, csl) = download("json").await;
    assert_eq!(kind, "application/vnd.citationstyles.csl+json");
    assert_json_valid(&vendored("csl/csl-data.json"), &csl, "CSL-JSON");
    let item: serde_json::Value = serde_json::from_str(&csl).unwrap();
    assert_eq!(item[0]["type"], "article-journal");
    assert_eq!(item[0]["DOI"], doi.as_str());
    assert!(item[0]["URL"].as_str().unwrap().ends_with(&at), "{csl}");
    assert_eq!(anon.get(app.at(&format!("{at}/cite.txt"))).send().await.unwrap().status(), 404);

    // The page gives the reference in the reader's style first, and links the three files.
    for (lang, first, second) in [("zh-CN", "cite-gbt", "cite-en"), ("en", "cite-en", "cite-gbt")] {
        let html = page(&app, &anon, &at, lang).await;
        let (a, b) = (html.find(&format!("id=\"{first}\"")), html.find(&format!("id=\"{second}\"")));
        assert!(a.is_some() && a < b, "{lang}: {first} before {second}");
        assert!(
            html.contains("2027. Fairness in peer review. Journal of Computing 3, 2 (2027), 101–104."),
            "{html}"
        );
        for ext in ["bib", "ris", "json"] {
            assert!(html.contains(&format!("href=\"{at}/cite.{ext}\"")), "{ext} link: {html}");
        }
    }
}

#[actix_web::test]
async fn a_published_article_is_valid_jats_with_both_languages_and_its_references() {
    let app = TestApp::new().await;
    let (o, author, ms, _) = published(&app).await;
    let (article, doi) = article_of(&app, &author, ms).await;
    let slug = slug_of(&app, o.journal).await;
    let res = app
        .client()
        .get(app.at(&format!("/j/{slug}/articles/{article}/jats.xml")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/jats+xml"));
    let xml = res.text().await.unwrap();
    assert_jats_valid(&[&xml]);
    for part in [
        format!("<article-id pub-id-type=\"doi\">{doi}</article-id>"),
        "<name name-style=\"eastern\" xml:lang=\"zh\">".to_string(),
        "<surname>Li</surname>".to_string(),
        "<trans-title-group xml:lang=\"en\">".to_string(),
        "<fpage>101</fpage>".to_string(),
        "<trans-abstract xml:lang=\"en\">".to_string(),
        "<contrib-id contrib-id-type=\"orcid\" authenticated=\"false\">https://orcid.org/0000-0002-1825-0097</contrib-id>".to_string(),
        "<date date-type=\"accepted\">".to_string(),
    ] {
        assert!(xml.contains(&part), "{part} in {xml}");
    }
    assert!(!xml.contains('@'), "no e-mail address is published: {xml}");
    // The article page links it.
    let html = page(&app, &app.client(), &format!("/j/{slug}/articles/{article}"), "en").await;
    assert!(html.contains(&format!("href=\"/j/{slug}/articles/{article}/jats.xml\"")), "{html}");
}

#[actix_web::test]
async fn an_html_galley_gives_the_articles_jats_its_body_with_sections() {
    let app = TestApp::new().await;
    let (o, author, ms) = crate::support::journal::under_review(&app).await;
    crate::support::journal::accept(&app, &o, ms).await;
    crate::support::journal::in_production_with_galley(&app, &o, ms, 4).await;
    let html = "<!DOCTYPE html><html lang=\"zh\"><head><title>同行评议</title><script>var x = 1;</script></head><body>\
        <nav><a href=\"/\">首页</a></nav><article>\
        <h1>同行评议的公平性</h1><p>摘要之后的<b>正文</b>。</p>\
        <h2>1 引言</h2><p>评审人数 n<sup>2</sup> 与 <em>偏差</em> &amp; 噪声。</p>\
        <h3>1.1 背景</h3><ul><li>双盲</li><li>单盲</li></ul>\
        <h2>2 方法</h2><p>见 <a href=\"https://doi.org/10.1145/3528086\">Shah</a>。</p>\
        </article></body></html>";
    let (s, v) = crate::support::journal::galley(&app, &o.chief, ms, "html", "zh", (html.as_bytes().to_vec(), "article.html")).await;
    assert_eq!(s, 201, "{v}");
    crate::support::journal::publish_alone(&app, &o, ms, 2).await;
    let (article, _) = article_of(&app, &author, ms).await;
    let slug = slug_of(&app, o.journal).await;
    let xml = app
        .client()
        .get(app.at(&format!("/j/{slug}/articles/{article}/jats.xml")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_jats_valid(&[&xml]);
    let body = xml[xml.find("<body>").expect("a body") + 6..xml.find("</body>").unwrap()].trim();
    assert_eq!(
        body,
        "<sec><title>同行评议的公平性</title><p>摘要之后的<bold>正文</bold>。</p>\
         <sec><title>1 引言</title><p>评审人数 n<sup>2</sup> 与 <italic>偏差</italic> &amp; 噪声。</p>\
         <sec><title>1.1 背景</title><list list-type=\"bullet\"><list-item><p>双盲</p></list-item><list-item><p>单盲</p></list-item></list></sec></sec>\
         <sec><title>2 方法</title><p>见 <ext-link ext-link-type=\"uri\" xlink:href=\"https://doi.org/10.1145/3528086\">Shah</ext-link>。</p></sec></sec>"
    );
    assert!(xml.find("</front>").unwrap() < xml.find("<body>").unwrap(), "front, then body");
    assert!(!xml.contains("var x") && !xml.contains("首页"), "scripts and navigation stay out");
}
