//! OAI-PMH: libraries and indexes harvest the published articles and proceedings papers at
//! `/oai` with the six verbs, in Dublin Core and JATS, by set and date, page by page; every
//! response is checked against the protocol's official schemas.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::support::formats::{assert_jats_valid, assert_oai_valid};
use crate::support::journal::{article_of, published, slug_of};
use crate::support::proceedings::published_volume;
use crate::support::{TestApp, json_of};
use xuehui::oai::model::{ItemKind, Rendered};

const REPO: &str = "xuehui.localhost";

async fn oai(app: &TestApp, query: &str) -> String {
    let res = app.client().get(app.at(&format!("/oai?{query}"))).send().await.unwrap();
    assert_eq!(res.status(), 200, "{query}");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/xml"));
    res.text().await.unwrap()
}

/// The error code of a response, if it is an error.
fn error_code(xml: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name("error"))
        .and_then(|n| n.attribute("code").map(str::to_string))
}

/// Texts of the elements named `name` (any namespace).
fn texts(xml: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// The resumption token element: (token, cursor, completeListSize).
fn token_of(xml: &str) -> Option<(String, u64, u64)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants().find(|n| n.has_tag_name("resumptionToken")).map(|n| {
        (
            n.text().unwrap_or_default().to_string(),
            n.attribute("cursor").unwrap().parse().unwrap(),
            n.attribute("completeListSize").unwrap().parse().unwrap(),
        )
    })
}

/// The response without its responseDate, to compare two answers.
fn undated(xml: &str) -> String {
    let a = xml.find("<responseDate>").unwrap();
    let b = xml.find("</responseDate>").unwrap();
    format!("{}{}", &xml[..a], &xml[b..])
}

#[tokio::test]
async fn a_published_article_is_harvested_in_dublin_core_and_jats() {
    let app = TestApp::new().await;
    let (o, _, ms, _) = published(&app).await;
    app.run_jobs().await;
    let slug = slug_of(&app, o.journal).await;
    let (article, _) = article_of(&app, &o.chief, ms).await;
    let id = format!("oai:{REPO}:article/{article}");
    let mut valid = Vec::new();

    let identify = oai(&app, "verb=Identify").await;
    assert_eq!(texts(&identify, "repositoryIdentifier"), [REPO]);
    let base = app.state.config.base_url.trim_end_matches('/').to_string();
    assert_eq!(texts(&identify, "baseURL"), [format!("{base}/oai")]);
    assert_eq!(texts(&identify, "deletedRecord"), ["persistent"]);
    valid.push(identify);

    let formats = oai(&app, "verb=ListMetadataFormats").await;
    assert_eq!(texts(&formats, "metadataPrefix"), ["oai_dc", "jats"]);
    let of_item = oai(&app, &format!("verb=ListMetadataFormats&identifier={id}")).await;
    assert_eq!(texts(&of_item, "metadataPrefix"), ["oai_dc", "jats"]);
    valid.extend([formats, of_item]);

    let sets = oai(&app, "verb=ListSets").await;
    let specs = texts(&sets, "setSpec");
    assert_eq!(specs, ["journal", "proceedings", &format!("journal:{slug}")], "{sets}");
    valid.push(sets);

    let record = oai(&app, &format!("verb=GetRecord&identifier={id}&metadataPrefix=oai_dc")).await;
    assert_eq!(error_code(&record), None, "{record}");
    let m = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{ms}"))).send().await.unwrap()).await;
    let title = m["article"]["title_en"].as_str().unwrap().to_string();
    assert!(texts(&record, "title").contains(&title), "{record}");
    assert!(
        texts(&record, "identifier").contains(&format!("{base}/j/{slug}/articles/{article}")),
        "{record}"
    );
    assert_eq!(texts(&record, "setSpec"), ["journal", &format!("journal:{slug}")]);
    valid.push(record.clone());

    // JATS: the article element, out of its OAI namespace, is valid JATS 1.3.
    let jats = oai(&app, &format!("verb=GetRecord&identifier={id}&metadataPrefix=jats")).await;
    let start = jats.find("<article ").expect("an article element");
    let end = jats.find("</article>").unwrap() + "</article>".len();
    let article_xml = jats[start..end].replace(r#" xmlns="https://jats.nlm.nih.gov/ns/publishing/1.3/""#, "");
    assert_jats_valid(&[&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE {}>\n{article_xml}",
        xuehui::formats::jats::write::DOCTYPE
    )]);

    // Lists, by set and by date, at both granularities.
    let today = chrono::Utc::now().date_naive();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    for (query, expect) in [
        (format!("set=journal:{slug}"), 1),
        ("set=journal".to_string(), 1),
        ("set=proceedings".to_string(), 0),
        ("set=journal:no-such-journal".to_string(), 0),
        ("set=books".to_string(), 0),
        (format!("from={}", day(today)), 1),
        (format!("until={}", day(today - Duration::days(1))), 0),
        (format!("from={}&until={}", day(today), day(today)), 1),
        (format!("from={}T00:00:00Z", day(today + Duration::days(1))), 0),
    ] {
        let list = oai(&app, &format!("verb=ListIdentifiers&metadataPrefix=oai_dc&{query}")).await;
        if expect == 0 {
            assert_eq!(error_code(&list).as_deref(), Some("noRecordsMatch"), "{query}: {list}");
        } else {
            assert_eq!(texts(&list, "identifier"), std::slice::from_ref(&id), "{query}: {list}");
            assert_eq!(token_of(&list), None, "one page, no token");
        }
        valid.push(list);
    }
    let records = oai(&app, "verb=ListRecords&metadataPrefix=oai_dc").await;
    assert!(texts(&records, "title").contains(&title));
    valid.push(records);

    // POST answers as GET does.
    let query = format!("verb=GetRecord&identifier={id}&metadataPrefix=oai_dc");
    let posted = app
        .client()
        .post(app.at("/oai"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(query.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(undated(&posted), undated(&oai(&app, &query).await));

    // The protocol's errors, as it words them.
    for (query, code) in [
        ("", "badVerb"),
        ("verb=Harvest", "badVerb"),
        ("verb=Identify&verb=Identify", "badVerb"),
        ("verb=Identify&set=journal", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2027-01-01&until=2027-01-02T00:00:00Z",
            "badArgument",
        ),
        ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
        ("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=x", "badResumptionToken"),
        (
            "verb=GetRecord&identifier=oai:other.org:article/1&metadataPrefix=oai_dc",
            "idDoesNotExist",
        ),
        (
            "verb=GetRecord&identifier=oai:xuehui.localhost:article/99999&metadataPrefix=oai_dc",
            "idDoesNotExist",
        ),
        ("verb=ListMetadataFormats&identifier=nonsense", "idDoesNotExist"),
    ] {
        let xml = oai(&app, query).await;
        assert_eq!(error_code(&xml).as_deref(), Some(code), "{query}: {xml}");
        if code == "badVerb" || code == "badArgument" {
            assert!(
                xml.contains(&format!("<request>{base}/oai</request>")),
                "no arguments echoed: {xml}"
            );
        }
        valid.push(xml);
    }
    // A database from before OAI-PMH: at start, the published article is queued again.
    {
        use diesel::RunQueryDsl;
        let mut conn = app.state.db.conn().unwrap();
        diesel::sql_query("DELETE FROM oai_records").execute(&mut conn).unwrap();
    }
    let gone = oai(&app, &format!("verb=GetRecord&identifier={id}&metadataPrefix=oai_dc")).await;
    assert_eq!(error_code(&gone).as_deref(), Some("idDoesNotExist"));
    assert_eq!(xuehui::oai::records::fill_missing(&app.state).unwrap(), 1);
    assert_eq!(
        xuehui::oai::records::fill_missing(&app.state).unwrap(),
        1,
        "queued once, still missing"
    );
    app.run_jobs().await;
    assert_eq!(xuehui::oai::records::fill_missing(&app.state).unwrap(), 0);
    let back = oai(&app, &format!("verb=GetRecord&identifier={id}&metadataPrefix=oai_dc")).await;
    assert!(texts(&back, "title").contains(&title), "{back}");

    let bad = oai(&app, "verb=Harvest").await;
    assert!(texts(&bad, "error")[0].starts_with("Value of the verb argument is not a legal OAI-PMH verb"));
    let refs: Vec<&str> = valid.iter().map(String::as_str).collect();
    assert_oai_valid(&refs);
}

/// `n` records of journal `journal:bulk`, one a minute from 2027-01-01 00:00.
fn seed(app: &TestApp, n: i64) -> NaiveDateTime {
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let mut conn = app.state.db.conn().unwrap();
    for i in 1..=n {
        let record = bulk_record(&format!("Article {i}"));
        xuehui::oai::store::put(&mut conn, ItemKind::Article, i, &record, start + Duration::minutes(i)).unwrap();
    }
    start
}

/// A record of journal `journal:bulk` titled `title`, as the records job would render it.
fn bulk_record(title: &str) -> Rendered {
    let work = xuehui::formats::citation::Work {
        title_en: title.into(),
        year: 2027,
        url: "https://x.org/j/bulk/articles/1".into(),
        ..Default::default()
    };
    Rendered {
        set_top: "journal",
        set_spec: "journal:bulk".into(),
        set_name_zh: "批量学报".into(),
        set_name_en: "Bulk Journal".into(),
        dc_xml: xuehui::formats::dublin_core::fragment(&work, &Default::default()).unwrap(),
        jats_xml: None,
    }
}

#[tokio::test]
async fn a_long_list_is_harvested_page_by_page_each_record_once() {
    let app = TestApp::new().await;
    let start = seed(&app, 250);
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut query = "verb=ListIdentifiers&metadataPrefix=oai_dc&set=journal:bulk".to_string();
    loop {
        let xml = oai(&app, &query).await;
        seen.extend(texts(&xml, "identifier"));
        let token = token_of(&xml).expect("a token on every page of a long list");
        pages.push((token.1, token.2));
        if pages.len() == 1 {
            // A record changed while the harvest goes on comes again, later in the list.
            let mut conn = app.state.db.conn().unwrap();
            let rendered = bulk_record("Article 5, corrected");
            let later = start + Duration::days(1);
            assert!(xuehui::oai::store::put(&mut conn, ItemKind::Article, 5, &rendered, later).unwrap());
        }
        if token.0.is_empty() {
            break;
        }
        query = format!("verb=ListIdentifiers&resumptionToken={}", token.0);
    }
    assert_eq!(pages.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 100, 200], "{pages:?}");
    assert!(pages.iter().all(|p| p.1 >= 250), "{pages:?}");
    assert_eq!(seen.len(), 251, "every record once, and the corrected one again");
    assert_eq!(seen.last().unwrap(), &format!("oai:{REPO}:article/5"));
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 250);

    // Second granularity: the records of one quarter hour.
    let t = |m: i64| (start + Duration::minutes(m)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let xml = oai(
        &app,
        &format!("verb=ListRecords&metadataPrefix=oai_dc&from={}&until={}", t(10), t(24)),
    )
    .await;
    assert_eq!(
        texts(&xml, "identifier").iter().filter(|i| i.starts_with("oai:")).count(),
        15,
        "{xml}"
    );
    // None of them has JATS: a JATS harvest finds nothing.
    let xml = oai(&app, "verb=ListRecords&metadataPrefix=jats").await;
    assert_eq!(error_code(&xml).as_deref(), Some("noRecordsMatch"));
    let first = oai(&app, "verb=ListRecords&metadataPrefix=oai_dc").await;
    assert_oai_valid(&[&first]);
}

#[tokio::test]
async fn proceedings_papers_are_harvested_and_a_withdrawn_volume_leaves_deleted_records() {
    let app = TestApp::new().await;
    let (chair, _, papers) = published_volume(&app).await;
    app.run_jobs().await;
    let list = oai(&app, "verb=ListRecords&metadataPrefix=oai_dc&set=proceedings:proc").await;
    let ids = texts(&list, "identifier");
    for p in &papers {
        assert!(ids.contains(&format!("oai:{REPO}:paper/{p}")), "{list}");
    }
    assert!(texts(&list, "title").contains(&"同行评议研究".to_string()), "{list}");
    assert!(texts(&list, "type").contains(&"info:eu-repo/semantics/conferenceObject".to_string()));
    let sets = oai(&app, "verb=ListSets").await;
    assert!(
        sets.contains("<setName>Proceedings of PROC 2026 (2026 学术年会论文集)</setName>"),
        "{sets}"
    );
    // Papers have no JATS.
    let id = format!("oai:{REPO}:paper/{}", papers[0]);
    let jats = oai(&app, &format!("verb=GetRecord&identifier={id}&metadataPrefix=jats")).await;
    assert_eq!(error_code(&jats).as_deref(), Some("cannotDisseminateFormat"));
    let formats = oai(&app, &format!("verb=ListMetadataFormats&identifier={id}")).await;
    assert_eq!(texts(&formats, "metadataPrefix"), ["oai_dc"]);

    // The chairs take the volume back: its records stay, deleted, without metadata.
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings/published"))
        .json(&json!({"published": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    app.run_jobs().await;
    let record = oai(&app, &format!("verb=GetRecord&identifier={id}&metadataPrefix=oai_dc")).await;
    assert!(record.contains(r#"<header status="deleted">"#), "{record}");
    assert!(!record.contains("<metadata>"), "{record}");
    let list = oai(&app, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=proceedings").await;
    assert_eq!(list.matches(r#"status="deleted""#).count(), papers.len(), "{list}");
    assert_oai_valid(&[&list, &record, &formats, &sets]);
}
