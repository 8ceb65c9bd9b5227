//! Platform data: a catalogue's indicators whose source is this platform are filled from what
//! the field's journals published here (articles in the year before the edition's, median days
//! from receipt to publication), journals that do not run here keep their imported values; and
//! a conference's "catalogue outputs" counts its accepted papers whose authors later published
//! in a journal a published catalogue lists.

use chrono::Datelike;
use diesel::prelude::*;
use serde_json::{Value, json};
use xuehui::evaluation::metrics::{Metric, compute::compute};

use crate::support::catalogue::{account, add_experts, edition, publish_with};
use crate::support::journal::{
    Office, accept, editorial, in_production_with_galley, manuscript_form, manuscript_meta, office, publish_alone, published, send_json,
    submit_manuscript,
};
use crate::support::review::{decide, notify_authors, scene};
use crate::support::{TestApp, extract_csrf, json_of, page_text};

/// Next year's edition of `computing`: the window it fills from is this year.
fn next_year() -> i32 {
    chrono::Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).year() + 1
}

/// The indicator values of `journal` in the proposal, by indicator code.
async fn values_of(app: &TestApp, o: &Office, id: i64, journal: i64) -> Value {
    let p = json_of(
        o.org
            .get(app.at(&format!("/api/v1/catalogues/{id}/proposal")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let codes: Vec<String> = p["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    let row = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["journal_id"] == journal)
        .unwrap()
        .clone();
    let mut out = serde_json::Map::new();
    for (code, v) in codes.iter().zip(row["indicators"].as_array().unwrap()) {
        out.insert(code.clone(), v.clone());
    }
    Value::Object(out)
}

#[tokio::test]
async fn the_committee_fills_platform_indicators_from_articles_published_here_and_nobody_else_can() {
    let app = TestApp::new().await;
    let (o, author, ms, _) = published(&app).await;
    // The manuscript came in 30 days before it was published.
    {
        use xuehui::db::schema::articles;
        let mut conn = app.state.db.conn().unwrap();
        let (id, published_on): (i64, Option<chrono::NaiveDate>) = articles::table
            .filter(articles::manuscript_id.eq(ms))
            .select((articles::id, articles::published_on))
            .first(&mut conn)
            .unwrap();
        diesel::update(articles::table.find(id))
            .set(articles::received_on.eq(published_on.unwrap() - chrono::Duration::days(30)))
            .execute(&mut conn)
            .unwrap();
    }
    let id = edition(
        &app,
        &o.org,
        json!({"field": "computing", "year": next_year(), "title_zh": "计算期刊目录", "title_en": "Computing catalogue",
               "indicators": [{"code": "impact_factor", "name_zh": "影响因子", "name_en": "Impact factor"},
                              {"code": "articles", "name_zh": "年发文量", "name_en": "Articles per year", "source": "platform_articles"},
                              {"code": "days", "name_zh": "出版周期", "name_en": "Days to publication", "higher_is_better": false,
                               "source": "platform_days_to_publication"}]}),
    )
    .await;
    let got = json_of(o.org.get(app.at(&format!("/api/v1/catalogues/{id}"))).send().await.unwrap()).await;
    let sources: Vec<&str> = got["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["manual", "platform_articles", "platform_days_to_publication"], "{got}");

    // Imported values: the journal running here will be overwritten, the other one keeps them.
    let csv = format!(
        "journal,impact_factor,articles,days\n{},2.5,99,400\n{},1.5,12,200\n",
        crate::support::catalogue::issn(101),
        crate::support::catalogue::issn(202)
    );
    let res = o
        .org
        .post(app.at(&format!("/api/v1/catalogues/{id}/indicator-values")))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    // Nobody outside the committee fills: not the journal's own chief, not its author, not a
    // stranger; anonymous callers are asked to log in.
    let fill = format!("/api/v1/catalogues/{id}/indicator-values/platform");
    for c in [&o.chief, &author, &o.stranger] {
        let (status, body) = send_json(c.post(app.at(&fill))).await;
        assert_eq!(status, 404, "{body}");
    }
    let (status, _) = send_json(app.client().post(app.at(&fill))).await;
    assert_eq!(status, 401);
    assert_eq!(values_of(&app, &o, id, o.journal).await["articles"], 99.0, "nothing changed");

    let (status, report) = send_json(o.org.post(app.at(&fill))).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        report,
        json!({"year": next_year() - 1, "indicators": 2, "journals": 1, "values": 2})
    );
    let here = values_of(&app, &o, id, o.journal).await;
    assert_eq!(
        here,
        json!({"impact_factor": 2.5, "articles": 1.0, "days": 30.0}),
        "manual values stay"
    );
    let elsewhere = values_of(&app, &o, id, o.other_journal).await;
    assert_eq!(
        elsewhere,
        json!({"impact_factor": 1.5, "articles": 12.0, "days": 200.0}),
        "not run here: kept"
    );

    // An edition whose window holds no article: the journal published none, and has no median.
    let earlier = edition(
        &app,
        &o.org,
        json!({"field": "computing", "year": next_year() - 5, "title_zh": "旧目录", "title_en": "Old catalogue",
               "indicators": [{"code": "articles", "name_zh": "年发文量", "name_en": "Articles per year", "source": "platform_articles"},
                              {"code": "days", "name_zh": "出版周期", "name_en": "Days", "source": "platform_days_to_publication"}]}),
    )
    .await;
    let (status, report) = send_json(
        o.org
            .post(app.at(&format!("/api/v1/catalogues/{earlier}/indicator-values/platform"))),
    )
    .await;
    assert_eq!((status, report["values"].clone()), (200, json!(1)), "{report}");
    assert_eq!(
        values_of(&app, &o, earlier, o.journal).await,
        json!({"articles": 0.0, "days": null})
    );

    // A source that does not exist is named.
    let (status, body) = send_json(o.org.put(app.at(&format!("/api/v1/catalogues/{id}"))).json(&json!({
        "title_zh": "计算期刊目录", "title_en": "Computing catalogue",
        "indicators": [{"code": "articles", "name_zh": "年发文量", "name_en": "Articles", "source": "guesswork"}]})))
    .await;
    assert_eq!(status, 400, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("`guesswork`") && message.contains("`platform_articles`"), "{body}");

    // The page: the committee sees which indicators come from here, in both languages, and
    // fills them with the button; the audit log names the action.
    let slug = got["slug"].as_str().unwrap();
    let manage = format!("/catalogues/{slug}/manage");
    for (lang, words) in [
        (
            "en",
            [
                "From this platform",
                "Articles published here in the year before",
                "Fill from this platform",
            ],
        ),
        ("zh", ["来自本平台的数据", "上一年在本平台发表的文章数", "用本平台数据填充"]),
    ] {
        let text = page_text(&app, &o.org, &manage, lang).await;
        for w in words {
            assert!(text.contains(w), "{lang}: {w}: {text}");
        }
    }
    let html = o.org.get(app.at(&manage)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("name=\"indicators[1].source\""), "the rules form has a source select");
    let csrf = extract_csrf(&html).unwrap();
    let res = o
        .org
        .post(app.at(&format!("/catalogues/{slug}/indicators/platform")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/catalogues/{slug}/manage#indicators").as_str());
    let text = page_text(&app, &o.org, &manage, "en").await;
    assert!(text.contains("Indicators filled from this platform"), "{text}");
    let audit = page_text(&app, &o.org, &format!("/catalogues/{slug}/audit"), "zh").await;
    assert!(audit.contains("用本平台数据填充指标"), "{audit}");
    // Outsiders do not get the form's action either.
    let res = o
        .chief
        .post(app.at(&format!("/catalogues/{slug}/indicators/platform")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert!(res.status() == 404 || res.status() == 403, "{}", res.status());
}

/// Submits a manuscript by `wu@uni.example` with `coauthor` as second author, and takes it
/// through review, acceptance and production to publication in issue `number`.
async fn publish_with_coauthor(app: &TestApp, o: &Office, coauthor: &str, number: i32) {
    let section = editorial(app, &o.chief, o.journal).await["sections"][0]["id"].as_i64().unwrap();
    let token = crate::support::upload::api_token(&account(app, &format!("wu{number}@uni.example")).await.1, &app.url).await;
    let mut meta = manuscript_meta(section, &format!("wu{number}@uni.example"), 1);
    meta["authors"].as_array_mut().unwrap().push(json!({
        "family_zh": "王", "given_zh": "芳", "family_en": "Wang", "given_en": "Fang", "email": coauthor,
        "affiliation": "Uni A", "country": "CN", "corresponding": false}));
    let (status, m) = submit_manuscript(app, &token, o.journal, manuscript_form(&meta, false)).await;
    assert_eq!(status, 201, "{m}");
    let ms = m["id"].as_i64().unwrap();
    let (status, _) = send_json(
        o.chief
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/desk")))
            .json(&json!({"decision": "send_to_review"})),
    )
    .await;
    assert_eq!(status, 200);
    accept(app, o, ms).await;
    in_production_with_galley(app, o, ms, 2).await;
    publish_alone(app, o, ms, number).await;
}

#[tokio::test]
async fn accepted_papers_whose_authors_publish_in_listed_journals_count_as_catalogue_outputs() {
    let app = TestApp::new().await;
    let s = scene(&app, "evo").await;
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_oral")).await.status(), 200);
    notify_authors(&app, &s.chair, "evo").await;
    let figure = || {
        let mut conn = app.state.db.conn().unwrap();
        let venue = xuehui::venues::store::by_slug(&mut conn, "evo").unwrap();
        let all = compute(&mut conn, &venue, chrono::Utc::now().naive_utc()).unwrap();
        all.into_iter().find(|f| f.metric == Metric::CatalogueOutputs).unwrap()
    };
    assert_eq!(figure().missing.as_deref(), Some("evaluation.missing_articles"), "no catalogue yet");

    // A journal of `computing` runs here and a published catalogue lists it.
    let o = office(&app).await;
    crate::support::journal::open_journal(&app, &o).await;
    let id = edition(
        &app,
        &o.org,
        json!({"field": "computing", "year": next_year(), "title_zh": "计算期刊目录", "title_en": "Computing catalogue"}),
    )
    .await;
    let (_, expert) = account(&app, "expert@example.org").await;
    add_experts(&app, &o.org, id, &["expert@example.org"]).await;
    publish_with(&app, &o.org, id, &[o.journal, o.other_journal], &expert, &[(0, "T1")]).await;
    let f = figure();
    assert_eq!((f.value, f.numerator, f.denominator), (Some(0.0), 0.0, 1.0), "{f:?}");

    // An article by people who did not write the paper changes nothing; one co-written by the
    // paper's second author (same address, another case) makes the paper count.
    publish_with_coauthor(&app, &o, "someone@else.example", 5).await;
    assert_eq!(figure().value, Some(0.0));
    publish_with_coauthor(&app, &o, "Wang.Fang@evo-uni.edu.cn", 6).await;
    let f = figure();
    assert_eq!((f.value, f.numerator, f.denominator), (Some(1.0), 1.0, 1.0), "{f:?}");
}
