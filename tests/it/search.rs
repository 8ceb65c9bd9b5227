//! Search: Chinese words, English stems, prefixes and typos, facets, paging, highlighting,
//! withdrawals, and above all who finds what. Every case runs on the embedded engine, and on
//! Meilisearch when `XUEHUI_TEST_MEILI_URL` names a server (skipped with a notice otherwise).

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::catalogue::{account, add_experts, computing_edition, issn, journal_body, phase, vote};
use crate::support::review::{Scene, decide, id_of, join_as, notify_authors, person, revise, scene, submit_with};
use crate::support::{TestApp, journal, json_of, page_text};

/// Runs `case` on each engine: `embedded` always, `meilisearch` when a server is configured.
macro_rules! on_both_engines {
    ($name:ident, $case:ident) => {
        mod $name {
            #[tokio::test]
            async fn embedded() {
                super::$case(crate::support::TestApp::new().await).await;
            }

            #[tokio::test]
            async fn meilisearch() {
                let Ok(url) = std::env::var("XUEHUI_TEST_MEILI_URL") else {
                    eprintln!(
                        "NOTICE: {} on Meilisearch skipped: XUEHUI_TEST_MEILI_URL is not set",
                        stringify!($name)
                    );
                    return;
                };
                let prefix = format!("xh_test_{}_", xuehui::auth::tokens::random_hex(6));
                let app = crate::support::TestApp::with(move |c| {
                    c.meili = Some(xuehui::config::MeiliConfig {
                        url,
                        key: std::env::var("XUEHUI_TEST_MEILI_KEY").ok().map(xuehui::config::Secret::new),
                        index_prefix: prefix,
                    });
                })
                .await;
                super::$case(app).await;
            }
        }
    };
}

on_both_engines!(
    words_facets_and_pages,
    chinese_and_english_words_find_papers_with_highlights_facets_and_pages
);
on_both_engines!(who_finds_what, nobody_finds_counts_or_sees_the_authors_of_what_they_may_not_see);
on_both_engines!(search_page, the_search_page_links_facets_and_escapes_what_it_shows);
on_both_engines!(rebuild, a_rebuild_from_the_database_gives_the_same_answers_and_updates_queue_once);
on_both_engines!(
    journals_and_entries,
    journals_are_public_and_catalogue_entries_appear_with_the_public_notice
);
on_both_engines!(word_forms, english_word_forms_find_each_other_and_highlights_mark_whole_words);
on_both_engines!(public_paper_links, accepted_papers_found_by_anyone_link_to_their_public_page);
on_both_engines!(
    journal_articles,
    published_articles_are_found_by_anyone_and_nothing_before_publication
);
on_both_engines!(full_text, words_of_the_pdf_find_a_paper_only_for_those_who_may_read_the_pdf);

async fn search(app: &TestApp, c: &Client, query: &str) -> Value {
    let url = app.at(&format!("/api/v1/search?{query}"));
    // After a long Meilisearch task the server may close the idle keep-alive connection just
    // as the client reuses it; that is a transport race, not an answer, so ask once more.
    let res = match c.get(&url).send().await {
        Ok(res) => res,
        Err(e) if e.is_request() => c.get(&url).send().await.unwrap(),
        Err(e) => panic!("{url}: {e}"),
    };
    assert_eq!(res.status(), 200, "{query}");
    json_of(res).await
}

fn ids(r: &Value) -> Vec<i64> {
    r["hits"].as_array().unwrap().iter().map(|h| h["id"].as_i64().unwrap()).collect()
}

/// The scene's paper (abstract "完善同行评议的学术评价体系") and a second one by the co-author
/// alone about conference quality, both indexed.
async fn indexed(app: &TestApp, slug: &str) -> (Scene, i64) {
    let s = scene(app, slug).await;
    let email = format!("wang.fang@{slug}-uni.edu.cn");
    let res = submit_with(
        app,
        &s.coauthor,
        slug,
        &[
            ("title_zh", "学术会议质量评估"),
            ("title_en", "Evaluating the quality of academic conferences"),
            (
                "abstract_text",
                "We study how conferences organise reviewing, and how programme committees review submissions.",
            ),
            ("keywords", "peer review, conferences"),
        ],
        &[("王芳", &email, "Uni A")],
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let second = id_of(&res);
    app.run_jobs().await;
    (s, second)
}

async fn chinese_and_english_words_find_papers_with_highlights_facets_and_pages(app: TestApp) {
    let (s, second) = indexed(&app, "se-words").await;
    let r = search(&app, &s.chair, "q=同行评议").await;
    let hit = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == s.paper)
        .expect("同行评议 finds the paper");
    assert!(hit["snippet_html"].as_str().unwrap().contains("<mark>"), "{r}");
    let r = search(&app, &s.chair, "q=评价体系").await;
    assert_eq!(ids(&r), [s.paper], "{r}");
    let r = search(&app, &s.chair, &format!("q={}", "学术会议")).await;
    assert_eq!(ids(&r), [second]);
    for q in [
        "reviewing",
        "reviews",
        "Conferences",
        "confer",
        "conferenses",
        "programme%20committee",
    ] {
        let r = search(&app, &s.chair, &format!("q={q}")).await;
        assert_eq!(ids(&r), [second], "{q}: {r}");
    }
    // Synonyms from search/papers.json carry a query across languages.
    let r = search(&app, &s.chair, "q=peer%20review").await;
    let mut found = ids(&r);
    found.sort_unstable();
    assert_eq!(found, [s.paper, second], "同行评议 is peer review: {r}");
    let r = search(&app, &s.chair, "q=quantum").await;
    assert_eq!(r["total"], 0);

    // Browsing: everything visible, newest first, with facet counts and pages.
    let r = search(&app, &s.chair, "").await;
    assert_eq!(r["total"], 2);
    assert_eq!(ids(&r), [second, s.paper]);
    assert_eq!(r["facets"]["kind"][0]["value"], "paper");
    assert_eq!(r["facets"]["kind"][0]["count"], 2);
    assert_eq!(r["facets"]["venue"][0]["count"], 2);
    let r = search(&app, &s.chair, "per_page=1&page=2").await;
    assert_eq!(ids(&r), [s.paper]);
    assert_eq!(r["total"], 2);
    let venue = r["facets"]["venue"][0]["value"].as_str().unwrap().to_string();
    let r = search(&app, &s.chair, &format!("venue={venue}&q=学术")).await;
    assert_eq!(r["total"], 2);
    let r = search(&app, &s.chair, "year=1999").await;
    assert_eq!(r["total"], 0);

    let res = s
        .chair
        .get(app.at("/api/v1/search?sort=luck&per_page=500&type=book&tier=T9&language=chinese&journal_type=x&field=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = json_of(res).await;
    for field in ["sort", "per_page", "type", "tier", "language", "journal_type", "field"] {
        assert!(body["fields"][field].is_string(), "{field}: {body}");
    }
}

async fn english_word_forms_find_each_other_and_highlights_mark_whole_words(app: TestApp) {
    let (s, second) = indexed(&app, "se-forms").await;
    // The abstract says "study", "organise", "reviewing" and "review"; no query word below is
    // written there, nor is a typo or a prefix of a word that is.
    for q in ["reviewed", "organising", "studied", "Evaluated"] {
        let r = search(&app, &s.chair, &format!("q={q}")).await;
        assert_eq!(ids(&r), [second], "{q}: {r}");
    }
    let r = search(&app, &s.chair, "q=reviewed").await;
    let snippet = r["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>reviewing</mark>") && snippet.contains("<mark>review</mark>"),
        "every form of the word is marked: {snippet}"
    );
    // A prefix marks the whole word it starts, not the part typed.
    let r = search(&app, &s.chair, "q=confer").await;
    let title = r["hits"][0]["title_html"].as_str().unwrap();
    assert!(title.contains("<mark>conferences</mark>"), "{title}");
    assert!(!title.contains("confer</mark>ences"), "{title}");
}

async fn nobody_finds_counts_or_sees_the_authors_of_what_they_may_not_see(app: TestApp) {
    let (s, second) = indexed(&app, "se-who").await;
    let anonymous = app.client();
    let browse = |c: &Client| {
        let c = c.clone();
        let app = &app;
        async move { search(app, &c, "q=学术").await }
    };
    let r = browse(&anonymous).await;
    assert_eq!(r["total"], 0);
    assert_eq!(r["facets"]["venue"].as_array().unwrap().len(), 0, "not even counted");
    assert_eq!(browse(&s.other_chair).await["total"], 0, "another venue's chair");
    let other_slug = format!("{}-other", s.slug);
    let email = format!("rev@{other_slug}.org");
    let (_, other_reviewer) = person(&app, &email, "他审", "Lab X").await;
    join_as(&app, &s.other_chair, &other_slug, &email, &other_reviewer, "reviewer").await;
    let r = browse(&other_reviewer).await;
    assert_eq!(r["total"], 0, "a reviewer of another venue: {r}");
    assert_eq!(r["facets"]["venue"].as_array().unwrap().len(), 0);
    let r = browse(&s.conflicted).await;
    assert_eq!(ids(&r), [second], "the conflicted paper is not found, nor counted");
    assert_eq!(r["facets"]["kind"][0]["count"], 1);
    let r = browse(&s.unassigned).await;
    assert_eq!(r["total"], 2, "committee members find the papers they may bid on");
    assert!(
        r["hits"].as_array().unwrap().iter().all(|h| h["authors"].is_null()),
        "double-blind: {r}"
    );
    assert!(!r.to_string().contains("李华") && !r.to_string().contains("王芳"));
    assert_eq!(
        search(&app, &s.unassigned, "q=李华").await["total"],
        0,
        "authors are not searchable either"
    );
    let r = browse(&s.author).await;
    assert_eq!(ids(&r), [s.paper], "authors find their own");
    assert!(r["hits"][0]["authors"].to_string().contains("李华"));
    let r = browse(&s.chair).await;
    assert!(
        r["hits"].as_array().unwrap().iter().all(|h| h["authors"].is_array()),
        "chairs see authors"
    );

    // Withdrawn papers disappear; accepted papers, once the authors are told, are public.
    let res = s
        .coauthor
        .post(app.at(&format!("/api/v1/submissions/{second}/withdraw")))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_oral")).await.status(), 200);
    app.run_jobs().await;
    assert_eq!(browse(&anonymous).await["total"], 0, "not public before the authors are told");
    notify_authors(&app, &s.chair, &s.slug).await;
    app.run_jobs().await;
    let r = browse(&anonymous).await;
    assert_eq!(ids(&r), [s.paper]);
    assert_eq!(r["hits"][0]["status"], "accepted");
    assert!(
        r["hits"][0]["authors"].to_string().contains("李华"),
        "published papers name their authors"
    );
    assert_eq!(browse(&s.chair).await["total"], 1, "the withdrawn paper is gone");

    // Being listed as an author finds nothing until the listing is confirmed.
    let listed_email = format!("listed@{}-uni.edu.cn", s.slug);
    let (_, listed) = person(&app, &listed_email, "列名", "Uni L").await;
    let res = submit_with(
        &app,
        &s.author,
        &s.slug,
        &[("title_zh", "量子纠错码的新构造")],
        &[
            ("李华", &format!("li.hua@{}-uni.edu.cn", s.slug), "Uni A"),
            ("列名", &listed_email, "Uni L"),
        ],
        &[],
    )
    .await;
    let third = id_of(&res);
    app.run_jobs().await;
    assert_eq!(search(&app, &listed, "q=纠错").await["total"], 0, "a bare listing finds nothing");
    crate::support::review::confirm_authorship(&app, &listed, third).await;
    app.run_jobs().await;
    assert_eq!(ids(&search(&app, &listed, "q=纠错").await), [third], "a confirmed author finds it");
}

async fn the_search_page_links_facets_and_escapes_what_it_shows(app: TestApp) {
    let (s, _) = indexed(&app, "se-page").await;
    let html = s
        .chair
        .get(app.at("/search?q=同行评议"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("id=\"hit-paper-{}\"", s.paper)) && html.contains("<mark>"));
    assert!(html.contains("id=\"facet-venue\"") && html.contains("&venue="));
    let res = app
        .client()
        .get(app.at("/search?q=%3Cscript%3Ealert(1)%3C/script%3E"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)"), "typed text is escaped");
    let res = app
        .client()
        .get(app.at("/search?sort=luck"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Sort by relevance or date."));
}

async fn a_rebuild_from_the_database_gives_the_same_answers_and_updates_queue_once(app: TestApp) {
    let (s, second) = indexed(&app, "se-rebuild").await;
    let before = search(&app, &s.chair, "q=学术").await;
    let n = xuehui::search::reindex::run(&app.state, None, false).unwrap();
    assert_eq!(n, 2);
    let after = search(&app, &s.chair, "q=学术").await;
    assert_eq!(ids(&before).len(), ids(&after).len());
    assert!(xuehui::search::reindex::run(&app.state, Some("nonsense"), false).is_err());

    // Two changes before the worker runs queue one index job for the paper.
    for _ in 0..2 {
        assert_eq!(decide(&app, &s.chair, second, json!("reject")).await.status(), 200);
    }
    let waiting: i64 = {
        use diesel::prelude::*;
        use xuehui::db::schema::jobs;
        let mut conn = app.state.db.conn().unwrap();
        jobs::table
            .filter(jobs::kind.eq("search.index"))
            .filter(jobs::payload.eq(json!({"paper": second}).to_string()))
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(waiting, 1);
}

fn facet(r: &Value, name: &str) -> Vec<(String, u64)> {
    r["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap().to_string(), f["count"].as_u64().unwrap()))
        .collect()
}

fn kinds(r: &Value) -> Vec<(String, i64)> {
    r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap().to_string(), h["id"].as_i64().unwrap()))
        .collect()
}

async fn journals_are_public_and_catalogue_entries_appear_with_the_public_notice(app: TestApp) {
    // Four journals of `computing`: Alpha (CN, zh+en), Beta (US, en), Gamma (CN, zh), Delta (GB, en).
    let (org, id, j) = computing_edition(&app, json!({"max_share_pct": 100})).await;
    let (_, expert) = account(&app, "e1@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    app.run_jobs().await;
    let anonymous = app.client();

    // The register is public: names in either language, identifiers and field names find it.
    let r = search(&app, &anonymous, "q=Beta").await;
    assert_eq!(kinds(&r), [("journal".to_string(), j[1])], "{r}");
    assert_eq!(r["hits"][0]["issn"], issn(101));
    let r = search(&app, &anonymous, "q=Gamma学报").await;
    assert_eq!(ids(&r), [j[2]], "{r}");
    let r = search(&app, &anonymous, &format!("q={}", issn(103))).await;
    assert_eq!(ids(&r), [j[3]], "by ISSN: {r}");
    let r = search(&app, &anonymous, "q=计算").await;
    assert_eq!(r["total"], 4, "by field name: {r}");
    let field = facet(&r, "field")[0].0.clone();
    assert_eq!(facet(&r, "field"), [(field.clone(), 4)]);
    assert_eq!(facet(&r, "language"), [("en".into(), 3), ("zh".into(), 2)]);
    assert_eq!(facet(&r, "journal_type"), [("basic".into(), 4)]);
    assert_eq!(facet(&r, "kind"), [("journal".into(), 4)]);
    let r = search(&app, &anonymous, "q=计算&language=zh").await;
    let mut found = ids(&r);
    found.sort_unstable();
    assert_eq!(found, [j[0], j[2]]);
    assert_eq!(search(&app, &anonymous, "type=catalogue_entry").await["total"], 0);

    // Votes are secret and the proposal is not public: nothing of it is found.
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    for (i, tier) in [(0, "T1"), (1, "T2"), (2, "T3")] {
        assert_eq!(vote(&app, &expert, id, j[i], tier).await, 204);
    }
    app.run_jobs().await;
    assert_eq!(search(&app, &anonymous, "type=catalogue_entry").await["total"], 0);
    assert_eq!(search(&app, &org, "tier=T1").await["total"], 0, "not even for the organiser");

    // Public notice: the proposed entries are found, with tier and edition.
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    app.run_jobs().await;
    let r = search(&app, &anonymous, "type=catalogue_entry").await;
    assert_eq!(r["total"], 3, "{r}");
    assert_eq!(facet(&r, "tier"), [("T1".into(), 1), ("T2".into(), 1), ("T3".into(), 1)]);
    assert_eq!(facet(&r, "year"), [("2026".into(), 3)]);
    let r = search(&app, &anonymous, "q=Alpha&tier=T1").await;
    assert_eq!(kinds(&r), [("catalogue_entry".to_string(), j[0])], "{r}");
    let hit = &r["hits"][0];
    assert_eq!(hit["status"], "notice");
    assert_eq!(hit["edition_id"], id);
    assert_eq!(hit["edition_title_en"], "Computing journal catalogue 2026");
    let r = search(&app, &anonymous, "q=Alpha").await;
    assert_eq!(facet(&r, "kind"), [("catalogue_entry".into(), 1), ("journal".into(), 1)]);

    // Sent back to evaluation, the entries disappear; published, they are back for good.
    assert_eq!(phase(&app, &org, id, "evaluation", "recount").await, 200);
    app.run_jobs().await;
    assert_eq!(search(&app, &anonymous, "type=catalogue_entry").await["total"], 0);
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    assert_eq!(phase(&app, &org, id, "published", "").await, 200);
    app.run_jobs().await;
    let r = search(&app, &anonymous, "type=catalogue_entry&tier=T2").await;
    assert_eq!(ids(&r), [j[1]]);
    assert_eq!(r["hits"][0]["status"], "published");

    // A journal renamed in the register is found under its new name, entries included.
    let mut body = journal_body("Epsilon Review", &issn(100), "CN", &["zh", "en"], "applied", &["computing"]);
    body["name_zh"] = json!("Epsilon学报");
    let res = org
        .put(app.at(&format!("/api/v1/journals/{}", j[0])))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    app.run_jobs().await;
    assert_eq!(search(&app, &anonymous, "q=Alpha").await["total"], 0);
    let r = search(&app, &anonymous, "q=Epsilon").await;
    assert_eq!(facet(&r, "kind"), [("catalogue_entry".into(), 1), ("journal".into(), 1)], "{r}");
    assert_eq!(facet(&r, "journal_type"), [("applied".into(), 2)]);

    // The search page shows both kinds, with facets whose links replace their own filter.
    let html = crate::support::page_text(&app, &anonymous, "/search?q=Epsilon&type=journal", "en").await;
    assert!(html.contains(&format!("id=\"hit-journal-{}\"", j[0])), "{html}");
    assert!(!html.contains("hit-entry-"), "filtered by type");
    let html = crate::support::page_text(&app, &anonymous, "/search?q=Epsilon", "en").await;
    assert!(html.contains(&format!("id=\"hit-entry-{id}-{}\"", j[0])));
    assert!(html.contains("id=\"facet-tier\"") && html.contains("Catalogue entry"));
    assert!(html.contains("Computing journal catalogue 2026"));
    let zh = crate::support::page_text(&app, &anonymous, "/search?q=Epsilon", "zh-CN").await;
    assert!(zh.contains("分级目录条目") && zh.contains("计算领域高质量科技期刊分级目录 2026"));
    let again = anonymous
        .get(app.at(&format!("/search?q=Epsilon&language=zh&field={field}&type=journal")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    let text = again.text().await.unwrap();
    let link = text
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .find(|h| h.starts_with("/search?") && h.contains("&language="))
        .expect("a language facet link");
    assert_eq!(link.matches("language=").count(), 1, "{link}");
    let res2 = anonymous.get(app.at(&link)).send().await.unwrap();
    assert_eq!(res2.status(), 200, "{link}");

    // A rebuild from the database finds the same.
    let before = search(&app, &anonymous, "q=计算").await;
    xuehui::search::reindex::run(&app.state, None, false).unwrap();
    let after = search(&app, &anonymous, "q=计算").await;
    assert_eq!(before["total"], after["total"]);
    assert_eq!(facet(&before, "kind"), facet(&after, "kind"));
}

async fn accepted_papers_found_by_anyone_link_to_their_public_page(app: TestApp) {
    let s = scene(&app, "se-public").await;
    app.run_jobs().await;
    let anonymous = app.client();
    let link = format!("href=\"/venues/{}/papers/1\"", s.slug);
    let html = crate::support::page_text(&app, &anonymous, "/search?q=同行评议", "en").await;
    assert!(html.contains("id=\"no-hits\"") && !html.contains(&link), "nothing public yet");
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_poster")).await.status(), 200);
    notify_authors(&app, &s.chair, &s.slug).await;
    app.run_jobs().await;
    let html = crate::support::page_text(&app, &anonymous, "/search?q=同行评议", "en").await;
    assert!(html.contains(&link), "the hit links its public page: {html}");
    assert!(html.contains("李华"), "with its authors");
    let res = anonymous.get(app.at(&format!("/venues/{}/papers/1", s.slug))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    // A committee member finds more papers; only the public one links there.
    let html = crate::support::page_text(&app, &s.unassigned, "/search?q=同行评议", "en").await;
    assert!(html.contains(&link));
    // Told a changed decision (reject), the paper leaves public search and its page.
    assert_eq!(decide(&app, &s.chair, s.paper, json!("reject")).await.status(), 200);
    notify_authors(&app, &s.chair, &s.slug).await;
    app.run_jobs().await;
    let html = crate::support::page_text(&app, &anonymous, "/search?q=同行评议", "en").await;
    assert!(!html.contains(&link));
    let res = anonymous.get(app.at(&format!("/venues/{}/papers/1", s.slug))).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

async fn published_articles_are_found_by_anyone_and_nothing_before_publication(app: TestApp) {
    let (o, author, ms, _) = journal::published(&app).await;
    let (article, doi) = journal::article_of(&app, &author, ms).await;
    let waiting = journal::another_under_review(&app, &o, "wang@uni.example", "Waiting article").await;
    journal::accept(&app, &o, waiting).await;
    journal::in_production_with_galley(&app, &o, waiting, 2).await;
    app.run_jobs().await;
    let slug = journal::slug_of(&app, o.journal).await;
    let anon = app.client();
    let search = |q: &str| {
        let url = app.at(&format!("/api/v1/search?{q}"));
        let anon = anon.clone();
        async move {
            let res = anon.get(url).send().await.unwrap();
            assert_eq!(res.status(), 200);
            json_of(res).await
        }
    };
    // Found by its English title, its Chinese keywords and its author, by anyone.
    for q in ["type=article&q=fairness", "q=%E5%85%AC%E5%B9%B3", "type=article&q=Li%20Hua"] {
        let r = search(q).await;
        assert_eq!(r["total"], 1, "{q}: {r}");
        let hit = &r["hits"][0];
        assert_eq!((hit["kind"].as_str(), hit["id"].as_i64()), (Some("article"), Some(article)), "{r}");
        assert_eq!(hit["journal_slug"], slug.as_str());
        assert_eq!(hit["doi"], doi.as_str());
        assert_eq!(hit["locator"], "2027, 3(2): 101-104");
        assert!(hit["authors"].to_string().contains("Demo University"), "{hit}");
    }
    // The article still in production is not found, by anyone.
    for c in [&anon, &o.chief] {
        let r = json_of(c.get(app.at("/api/v1/search?type=article&q=Waiting")).send().await.unwrap()).await;
        assert_eq!(r["total"], 0, "{r}");
    }
    // The search page links the article's public page, in both languages.
    for lang in ["en", "zh-CN"] {
        let html = page_text(&app, &anon, "/search?q=fairness&type=article", lang)
            .await
            .replace("&#x2F;", "/");
        assert!(html.contains(&format!("href=\"/j/{slug}/articles/{article}\"")), "{html}");
        assert!(html.contains(&doi), "{html}");
    }
    // A rebuild from the database keeps it.
    let state = app.state.clone();
    tokio::task::spawn_blocking(move || xuehui::search::reindex::run(&state, None, false).unwrap())
        .await
        .unwrap();
    assert_eq!(search("type=article&q=fairness").await["total"], 1, "rebuilt with the article");
}

/// The scene's paper gets a PDF whose text holds words its title and abstract do not.
async fn words_of_the_pdf_find_a_paper_only_for_those_who_may_read_the_pdf(app: TestApp) {
    let (s, _) = indexed(&app, "se-full").await;
    let slug = s.slug.clone();
    // Enough text to be read as text (`integrity::extract::MIN_LETTERS`).
    let filler = "The samples were prepared by deposition on a carbon support and annealed at high temperature. ";
    let paragraphs = vec![
        format!(
            "{}We measured operando spectra of a zeolite catalyst under hydrogen.",
            filler.repeat(3)
        ),
        "结果表明沸石催化剂在高温下保持稳定。".to_string(),
    ];
    let pdf = crate::support::pdf::with_text("Catalysts", &paragraphs);
    revise(&app, &s, pdf).await;
    app.run_jobs().await;
    let anonymous = app.client();
    let (reviewer_id, reviewer) = s.reviewer_a.clone();
    for q in ["q=zeolite", "q=沸石"] {
        let r = search(&app, &reviewer, q).await;
        assert_eq!(ids(&r), [s.paper], "the assigned reviewer reads the PDF: {q} {r}");
        assert_eq!(r["hits"][0]["full_text"], true, "{r}");
        assert!(r["hits"][0]["snippet_html"].as_str().unwrap().contains("<mark>"), "{r}");
        assert_eq!(ids(&search(&app, &s.area_chair.1, q).await), [s.paper], "the area chair: {q}");
        assert_eq!(ids(&search(&app, &s.author, q).await), [s.paper], "an author: {q}");
        assert_eq!(ids(&search(&app, &s.coauthor, q).await), [s.paper], "the confirmed co-author: {q}");
        assert_eq!(ids(&search(&app, &s.chair, q).await), [s.paper], "the chair: {q}");
        for (who, c) in [
            ("a member who may only bid", &s.unassigned),
            ("a conflicted member", &s.conflicted),
            ("another venue's chair", &s.other_chair),
            ("anyone", &anonymous),
        ] {
            let r = search(&app, c, q).await;
            assert_eq!(r["total"], 0, "{who}: {q} {r}");
            assert!(r["facets"]["venue"].as_array().unwrap().is_empty(), "{who} counts nothing: {r}");
        }
    }
    let r = search(&app, &s.unassigned, "q=完善").await;
    assert_eq!(ids(&r), [s.paper], "the bidding member still finds it by its abstract: {r}");
    assert_eq!(r["hits"][0]["full_text"], false);
    assert!(!r.to_string().contains("zeolite"), "and reads nothing of the PDF: {r}");
    let r = search(&app, &reviewer, "q=完善").await;
    assert_eq!(r["total"], 1, "a reader of the PDF counts the paper once: {r}");
    assert_eq!(r["facets"]["venue"][0]["count"], 1, "{r}");

    // The page says where the passage comes from.
    let page = reviewer
        .get(app.at("/search?q=zeolite"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("class=\"full-text\""), "{page}");

    // A new PDF replaces the text: the old words find nothing, the new ones do once read.
    let pdf = crate::support::pdf::with_text("Catalysts", &[format!("{}Perovskite films on glass.", filler.repeat(3))]);
    revise(&app, &s, pdf).await;
    app.run_jobs().await;
    assert_eq!(search(&app, &s.author, "q=zeolite").await["total"], 0, "the old text is gone");
    assert_eq!(ids(&search(&app, &s.author, "q=perovskite").await), [s.paper]);
    let pdf = crate::support::pdf::with_text("Catalysts", &paragraphs);
    revise(&app, &s, pdf).await;
    app.run_jobs().await;

    // Taken off the paper, the reviewer no longer reads its PDF.
    let list = json_of(
        s.chair
            .get(app.at(&format!("/api/v1/venues/{slug}/assignments")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let theirs = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["user_id"] == reviewer_id && a["submission_id"] == s.paper)
        .unwrap_or_else(|| panic!("{list}"))["id"]
        .as_i64()
        .unwrap();
    let res = s
        .chair
        .delete(app.at(&format!("/api/v1/venues/{slug}/assignments/{theirs}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    app.run_jobs().await;
    assert_eq!(search(&app, &reviewer, "q=zeolite").await["total"], 0, "an ended assignment");
    assert_eq!(
        search(&app, &reviewer, "q=完善").await["total"],
        1,
        "the member still finds it to bid"
    );

    // Accepted and told, the paper is public, but its PDF only where the authors agree.
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_oral")).await.status(), 200);
    notify_authors(&app, &s.chair, &slug).await;
    app.run_jobs().await;
    assert_eq!(ids(&search(&app, &anonymous, "q=完善").await), [s.paper]);
    assert_eq!(search(&app, &anonymous, "q=zeolite").await["total"], 0, "the PDF is not public");
    assert_eq!(crate::support::review::consent(&app, &s.author, s.paper, true).await, 303);
    app.run_jobs().await;
    let r = search(&app, &anonymous, "q=zeolite").await;
    assert_eq!(ids(&r), [s.paper], "the authors made the PDF public: {r}");
    assert_eq!(r["hits"][0]["full_text"], true);
}
