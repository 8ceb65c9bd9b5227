//! Journal tiered catalogues: an edition goes from nomination through the panel's secret votes
//! and the committee's overrides to public notice and publication; every step is in the log.

use serde_json::{Value, json};

use crate::support::catalogue::{account, add_experts, computing_edition, phase, publish_with, vote};
use crate::support::rows::{error_beside, input_value, is_spare, selected, textarea_value, ticked};
use crate::support::{TestApp, csrf_of, extract_csrf, json_of, page_text};

async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, Value) {
    let res = c.get(app.at(path)).send().await.unwrap();
    let s = res.status().as_u16();
    let text = res.text().await.unwrap();
    (s, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn row(p: &Value, journal: i64) -> &Value {
    p["rows"].as_array().unwrap().iter().find(|r| r["journal_id"] == journal).unwrap()
}

#[tokio::test]
async fn an_edition_goes_from_nominations_through_secret_votes_to_a_published_catalogue() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({"max_share_pct": 75})).await;
    let (_, sci) = account(&app, "scientist@example.org").await;
    let nominate = |journal: i64| json!({"journal": journal, "reason": "Publishes the field's best systems papers"});
    let res = sci
        .post(app.at(&format!("/api/v1/catalogues/{id}/nominations")))
        .json(&nominate(j[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let res = sci
        .post(app.at(&format!("/api/v1/catalogues/{id}/nominations")))
        .json(&nominate(j[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "one nomination per person per journal");

    let mut experts = Vec::new();
    for e in ["e1@example.org", "e2@example.org", "e3@example.org"] {
        experts.push(account(&app, e).await.1);
    }
    add_experts(&app, &org, id, &["e1@example.org", "e2@example.org", "e3@example.org"]).await;
    let (subject, body) = app.last_mail_to("e1@example.org").expect("experts are told");
    assert!(
        subject.contains("Computing journal catalogue 2026") || subject.contains("计算领域"),
        "{subject}"
    );
    assert!(body.contains("/catalogues/computing-2026/vote"));
    assert_eq!(
        vote(&app, &experts[0], id, j[0], "T1").await,
        409,
        "no votes before the evaluation phase"
    );
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    let res = sci
        .post(app.at(&format!("/api/v1/catalogues/{id}/nominations")))
        .json(&nominate(j[1]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "nominations closed");

    // Alpha T1/T1/T2 -> T1; Beta T2/T2/T3 -> T2; Gamma T3/T2/T3 -> T3; Delta not listed.
    let ballots = [["T1", "T2", "T3", "none"], ["T1", "T2", "T2", "none"], ["T2", "T3", "T3", "none"]];
    for (c, votes) in experts.iter().zip(ballots) {
        for (journal, tier) in j.iter().zip(votes) {
            assert_eq!(vote(&app, c, id, *journal, tier).await, 204);
        }
    }
    let (_, ballot) = get(&app, &experts[0], &format!("/api/v1/catalogues/{id}/ballot")).await;
    assert_eq!(ballot["voted"], 4);
    assert!(
        ballot["lines"].as_array().unwrap().iter().all(|l| l["distribution"].is_null()),
        "other experts' votes stay secret while the panel is open"
    );
    assert_eq!(
        ballot["lines"][0]["nominations"][0]["reason"],
        "Publishes the field's best systems papers"
    );

    let (s, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(s, 200);
    assert_eq!(p["limit"], 3, "75% of a register of four");
    assert_eq!(
        (row(&p, j[0])["tier"].as_str(), row(&p, j[0])["distribution"].clone()),
        (Some("T1"), json!([2, 1, 0, 0]))
    );
    assert_eq!(row(&p, j[1])["tier"], "T2");
    assert_eq!(row(&p, j[2])["tier"], "T3");
    assert_eq!(row(&p, j[3])["tier"], "none");

    // An override needs a reason; it counts toward the share limit, so Gamma (T3, lowest) drops.
    let ov = |tier: &str, reason: &str| json!({"tier": tier, "reason": reason});
    let res = org
        .put(app.at(&format!("/api/v1/catalogues/{id}/overrides/{}", j[3])))
        .json(&ov("T3", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = org
        .put(app.at(&format!("/api/v1/catalogues/{id}/overrides/{}", j[3])))
        .json(&ov("T3", "Leading venue for the field's theory"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(
        (row(&p, j[3])["tier"].as_str(), row(&p, j[3])["why"]["code"].as_str()),
        (Some("T3"), Some("overridden"))
    );
    assert_eq!(
        (row(&p, j[2])["tier"].as_str(), row(&p, j[2])["why"]["code"].as_str()),
        (Some("none"), Some("cut_by_share_limit"))
    );

    // Nothing is public before the notice; then the proposal is.
    let (_, public) = get(&app, &app.client(), &format!("/api/v1/catalogues/{id}")).await;
    assert_eq!(public["entries"], json!([]));
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    assert_eq!(vote(&app, &experts[0], id, j[0], "T3").await, 409, "the panel is closed");
    let (_, public) = get(&app, &app.client(), &format!("/api/v1/catalogues/{id}")).await;
    let tiers: Vec<(i64, String)> = public["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["journal"]["id"].as_i64().unwrap(), e["tier"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(tiers, vec![(j[0], "T1".into()), (j[1], "T2".into()), (j[3], "T3".into())]);
    assert_eq!(public["by_country"], json!({"CN": 1, "GB": 1, "US": 1}));
    let (_, ballot) = get(&app, &experts[1], &format!("/api/v1/catalogues/{id}/ballot")).await;
    assert_eq!(
        ballot["lines"][0]["distribution"],
        json!([2, 1, 0, 0]),
        "votes are shown once the panel has closed"
    );

    assert_eq!(phase(&app, &org, id, "published", "").await, 200);
    assert_eq!(
        phase(&app, &org, id, "notice", "a late change").await,
        409,
        "a published catalogue is final"
    );
    let (_, list) = get(&app, &app.client(), "/api/v1/catalogues").await;
    assert_eq!(list[0]["phase"], "published");

    let (_, log) = get(&app, &org, &format!("/api/v1/catalogues/{id}/audit")).await;
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|l| l["action"].as_str().unwrap()).collect();
    for a in ["created", "nomination", "expert_added", "vote", "override", "phase"] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    let vote_line = log.as_array().unwrap().iter().find(|l| l["action"] == "vote").unwrap();
    assert!(
        vote_line["user_email"].as_str().unwrap().starts_with('e'),
        "votes are attributable for the committee"
    );
}

#[tokio::test]
async fn a_conflicted_expert_neither_votes_on_nor_sees_votes_on_the_journal() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    let (e1_id, e1) = account(&app, "e1@example.org").await;
    let (_, e2) = account(&app, "e2@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org", "e2@example.org"]).await;
    // e1 edits Beta (a role in the register) and declares a conflict with Alpha.
    {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::auth::roles::grant(
            &mut conn,
            e1_id,
            xuehui::auth::roles::Role::Editor,
            xuehui::auth::roles::Scope::Journal,
            j[1],
        )
        .unwrap();
    }
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    assert_eq!(vote(&app, &e1, id, j[0], "T1").await, 204);
    let res = e1
        .post(app.at(&format!("/api/v1/catalogues/{id}/conflicts")))
        .json(&json!({"journal": j[0], "reason": "I am on its editorial board"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(vote(&app, &e1, id, j[0], "T1").await, 404, "declared conflict");
    assert_eq!(vote(&app, &e1, id, j[1], "T1").await, 404, "editor of the journal");
    for journal in &j[..2] {
        assert_eq!(vote(&app, &e2, id, *journal, "T2").await, 204);
    }
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(
        row(&p, j[0])["distribution"],
        json!([0, 1, 0, 0]),
        "the vote cast before the conflict was withdrawn"
    );
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    let (_, ballot) = get(&app, &e1, &format!("/api/v1/catalogues/{id}/ballot")).await;
    let lines = ballot["lines"].as_array().unwrap();
    let line = |jid: i64| lines.iter().find(|l| l["journal_id"] == jid).unwrap();
    assert_eq!(line(j[0])["conflicted"], true);
    assert!(
        line(j[0])["distribution"].is_null(),
        "no votes on a conflicted journal, even after the panel closed"
    );
    assert!(line(j[1])["distribution"].is_null());
    assert_eq!(line(j[2])["distribution"], json!([0, 0, 0, 0]));
}

#[tokio::test]
async fn only_the_committee_reads_the_proposal_the_panel_and_the_log() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    let (_, expert) = account(&app, "e1@example.org").await;
    let (_, other) = account(&app, "other@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    for c in [&expert, &other, &app.client()] {
        for path in ["proposal", "audit", "panel"] {
            let (s, _) = get(&app, c, &format!("/api/v1/catalogues/{id}/{path}")).await;
            assert!(s == 404 || s == 401, "{path}: {s}");
        }
        let res = c
            .put(app.at(&format!("/api/v1/catalogues/{id}/overrides/{}", j[0])))
            .json(&json!({"tier": "T1", "reason": "x"}))
            .send()
            .await
            .unwrap();
        assert!(matches!(res.status().as_u16(), 401 | 404));
        let res = c
            .post(app.at(&format!("/api/v1/catalogues/{id}/phase")))
            .json(&json!({"to": "evaluation"}))
            .send()
            .await
            .unwrap();
        assert!(matches!(res.status().as_u16(), 401 | 404));
    }
    let (s, _) = get(&app, &other, &format!("/api/v1/catalogues/{id}/ballot")).await;
    assert_eq!(s, 404, "only experts have a ballot");
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    assert_eq!(vote(&app, &other, id, j[0], "T1").await, 404, "people off the panel cannot vote");
    for page in ["manage", "proposal", "audit"] {
        let res = expert
            .get(app.at(&format!("/catalogues/computing-2026/{page}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{page}");
    }
}

#[tokio::test]
async fn going_back_a_phase_needs_a_reason_and_publishing_needs_no_open_objection() {
    let app = TestApp::new().await;
    let (org, id, _) = computing_edition(&app, json!({})).await;
    assert_eq!(phase(&app, &org, id, "notice", "").await, 422, "one phase at a time");
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    assert_eq!(phase(&app, &org, id, "nomination", " ").await, 422);
    assert_eq!(
        phase(&app, &org, id, "nomination", "A journal was missing from the register").await,
        200
    );
    let (_, log) = get(&app, &org, &format!("/api/v1/catalogues/{id}/audit")).await;
    assert_eq!(log[0]["data"]["reason"], "A journal was missing from the register");
}

#[tokio::test]
async fn indicator_values_import_all_rows_or_none() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    let issn_of = |i: usize| crate::support::catalogue::issn(100 + i as u32);
    let send = |csv: String| {
        let c = org.clone();
        let url = app.at(&format!("/api/v1/catalogues/{id}/indicator-values"));
        async move { c.post(url).header("content-type", "text/csv").body(csv).send().await.unwrap() }
    };
    let res = send(format!(
        "journal,impact_factor,days\n{},3.2,90\n{},high,120\n",
        issn_of(0),
        issn_of(1)
    ))
    .await;
    assert_eq!(res.status(), 422);
    let report = json_of(res).await;
    assert_eq!(
        (report["errors"][0]["line"].as_i64(), report["errors"][0]["column"].as_str()),
        (Some(3), Some("impact_factor"))
    );
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(row(&p, j[0])["indicators"], json!([null, null]), "nothing was written");
    let res = send(format!(
        "journal,impact_factor,days\n{},3.2,90\n{},1.5,120\n",
        issn_of(0),
        issn_of(1)
    ))
    .await;
    assert_eq!(res.status(), 200);
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(
        row(&p, j[0])["indicators"],
        json!([3.2, 90.0]),
        "values come back as entered, lower-is-better ones too"
    );
    // Without votes the ranking falls back to indicators: Alpha (higher impact factor) first.
    assert!(row(&p, j[0])["rank"].as_i64() < row(&p, j[1])["rank"].as_i64());
}

#[tokio::test]
async fn an_expert_votes_on_the_ballot_page_and_everyone_reads_the_catalogue_page() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    app.user("e1@example.org", false);
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    let browser = app.client();
    app.page_login(&browser, "e1@example.org", crate::support::PASSWORD).await;
    let html = page_text(&app, &browser, "/catalogues/computing-2026/vote", "zh-CN").await;
    assert!(
        html.contains("Alpha学报") && html.contains("影响因子"),
        "the ballot lists the field's journals with indicators"
    );
    let csrf = csrf_of(&browser, &app.at("/catalogues/computing-2026/vote")).await;
    let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf)];
    for (journal, tier) in j.iter().zip(["T1", "T2", "T2", ""]) {
        form.push((format!("was_{journal}"), String::new()));
        form.push((format!("v_{journal}"), tier.into()));
        form.push((format!("wasc_{journal}"), String::new()));
        form.push((
            format!("c_{journal}"),
            if tier == "T1" { "Top of the field".into() } else { String::new() },
        ));
    }
    let res = browser
        .post(app.at("/catalogues/computing-2026/vote"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, ballot) = get(&app, &browser, &format!("/api/v1/catalogues/{id}/ballot")).await;
    assert_eq!(ballot["voted"], 3);
    assert_eq!(ballot["lines"][0]["my_comment"], "Top of the field");

    for page in ["manage", "proposal", "audit"] {
        let res = org
            .get(app.at(&format!("/catalogues/computing-2026/{page}")))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{page}");
    }
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    let html = page_text(&app, &app.client(), "/catalogues/computing-2026", "zh-CN").await;
    assert!(html.contains("拟入选目录") && html.contains("Alpha学报") && html.contains("id=\"shares\""));
    // One expert's votes: Alpha T1, Beta and Gamma T2; half the register may be listed, so
    // Gamma (ranked after Beta) is cut.
    let html = app
        .client()
        .get(app.at("/catalogues/computing-2026?tier=T2"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Beta Journal") && !html.contains("Alpha Journal") && !html.contains("Gamma Journal"),
        "filters by tier"
    );
    let html = app
        .client()
        .get(app.at("/catalogues/computing-2026?country=us"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Beta Journal") && !html.contains("Alpha Journal"),
        "filters by country"
    );
}

#[tokio::test]
async fn an_organiser_creates_an_edition_on_its_page_and_a_refused_form_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let (_, org_api) = crate::support::catalogue::organiser(&app, "org@example.org").await;
    crate::support::catalogue::field(&app, &org_api, "materials", "材料", "Materials").await;
    let browser = app.client();
    app.page_login(&browser, "org@example.org", crate::support::PASSWORD).await;
    let html = browser.get(app.at("/catalogues")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"edition-new\""));
    let csrf = csrf_of(&browser, &app.at("/catalogues/new")).await;
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("field", "materials"),
        ("year", "2026"),
        ("title_zh", "材料领域高质量科技期刊分级目录 2026"),
        ("max_share_pct", "150"),
        ("quota_t1", "many"),
        ("tiers[0].zh", "顶级"),
        ("tiers[0].en", "Top"),
        ("tiers[1].zh", "很好"),
        ("tiers[1].en", "Very good"),
        ("tiers[2].zh", "好"),
        ("tiers[2].en", "Good"),
        ("indicators[0].code", "impact_factor"),
        ("indicators[0].name_zh", "影响因子"),
        ("indicators[0].name_en", "Impact factor"),
        ("indicators[0].better", "higher"),
        ("indicators[0].source", "guesswork"),
    ];
    let res = browser
        .post(app.at("/catalogues/new"))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter a whole number") && html.contains("材料领域高质量科技期刊分级目录 2026"));
    assert!(html.contains("Choose where the values come from."), "an unknown source is named");
    form.retain(|(k, _)| *k != "quota_t1" && *k != "indicators[0].source");
    form.push(("indicators[0].source", "platform_articles"));
    let res = browser
        .post(app.at("/catalogues/new"))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("The share is 1 to 100 percent"));
    form.retain(|(k, _)| *k != "max_share_pct");
    let res = browser.post(app.at("/catalogues/new")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/catalogues/materials-2026/manage");
    let (_, e) = get(&app, &app.client(), "/api/v1/catalogues").await;
    assert_eq!(
        (e[0]["slug"].as_str(), e[0]["phase"].as_str()),
        (Some("materials-2026"), Some("nomination"))
    );
    let html = page_text(&app, &browser, "/catalogues/materials-2026", "en").await;
    assert!(html.contains("Very good") && html.contains("Impact factor") && html.contains("id=\"manage-link\""));
    let id = e[0]["id"].as_i64().unwrap();
    let (_, full) = get(&app, &browser, &format!("/api/v1/catalogues/{id}")).await;
    assert_eq!(full["indicators"][0]["source"], "platform_articles", "{full}");
}

#[tokio::test]
async fn an_indicator_row_with_a_bad_code_is_refused_naming_that_row_and_rows_show_again_on_the_rules_form() {
    let app = TestApp::new().await;
    let (_, org_api) = crate::support::catalogue::organiser(&app, "org@example.org").await;
    crate::support::catalogue::field(&app, &org_api, "materials", "材料", "Materials").await;
    let browser = app.client();
    app.page_login(&browser, "org@example.org", crate::support::PASSWORD).await;
    let new_page = page_text(&app, &browser, "/catalogues/new", "zh-CN").await;
    assert_eq!(input_value(&new_page, "indicators[0].code").as_deref(), Some(""));
    assert_eq!(is_spare(&new_page, "indicator-1"), Some(true));
    assert!(new_page.contains(">越低越好</option>") && !new_page.contains("higher or lower"));
    assert!(
        textarea_value(&new_page, "tiers[0].zh").is_some_and(|t| !t.is_empty()),
        "the standard tier wording is filled in"
    );
    let csrf = extract_csrf(&new_page).unwrap();
    let mut form: Vec<(String, String)> = [
        ("csrf", csrf.as_str()),
        ("field", "materials"),
        ("year", "2026"),
        ("title_zh", "材料期刊分级目录"),
        ("indicators[0].code", "impact_factor"),
        ("indicators[0].name_zh", "影响因子"),
        ("indicators[0].better", "higher"),
        ("indicators[1].code", ""),
        ("indicators[1].name_zh", ""),
        ("indicators[2].code", "Self Citation"),
        ("indicators[2].name_zh", "自引率"),
        ("indicators[2].name_en", "Self-citation rate"),
        ("indicators[2].better", "lower"),
        ("indicators[3].code", "impact_factor"),
        ("indicators[3].name_en", "Again"),
        ("criteria[0].zh", "学术质量"),
        ("criteria[1].zh", "编辑规范"),
        ("criteria[1].remove", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let res = browser
        .post(app.at("/catalogues/new"))
        .header("accept-language", "zh-CN")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "indicators[2].code").as_deref(),
        Some("请使用 1 到 40 个小写字母、数字或下划线。"),
        "the row as the organiser sees it, the blank row counted"
    );
    assert_eq!(
        error_beside(&html, "indicators[3].code").as_deref(),
        Some("本届目录的另一项指标已使用此代码。")
    );
    assert_eq!(error_beside(&html, "indicators[0].code"), None);
    for (name, value) in [
        ("indicators[0].name_zh", "影响因子"),
        ("indicators[2].code", "Self Citation"),
        ("indicators[2].name_en", "Self-citation rate"),
        ("indicators[3].name_en", "Again"),
    ] {
        assert_eq!(input_value(&html, name).as_deref(), Some(value), "{name} kept");
    }
    assert_eq!(selected(&html, "indicators[2].better").as_deref(), Some("lower"));
    assert!(ticked(&html, "criteria[1].remove"), "a ticked remove box stays ticked");

    for (k, v) in form.iter_mut() {
        match k.as_str() {
            "indicators[2].code" => *v = "self_citation".into(),
            "indicators[3].code" => *v = "h_index".into(),
            _ => {}
        }
    }
    let res = browser.post(app.at("/catalogues/new")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let manage = page_text(&app, &browser, "/catalogues/materials-2026/manage", "en").await;
    assert_eq!(
        input_value(&manage, "indicators[1].code").as_deref(),
        Some("self_citation"),
        "blank rows are dropped"
    );
    assert_eq!(selected(&manage, "indicators[1].better").as_deref(), Some("lower"));
    assert_eq!(input_value(&manage, "indicators[2].code").as_deref(), Some("h_index"));
    assert_eq!(input_value(&manage, "indicators[3].code").as_deref(), Some(""));
    assert_eq!(textarea_value(&manage, "criteria[0].zh").as_deref(), Some("学术质量"));
    assert_eq!(
        textarea_value(&manage, "criteria[1].zh").as_deref(),
        Some(""),
        "the removed criterion is gone"
    );
}

#[tokio::test]
async fn objections_during_notice_are_decided_with_a_reason_before_publication() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    let (_, e1) = account(&app, "e1@example.org").await;
    let (_, reader) = account(&app, "reader@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    let object = |c: reqwest::Client, journal: i64, reason: &'static str| {
        let url = app.at(&format!("/api/v1/catalogues/{id}/objections"));
        async move {
            c.post(url)
                .json(&json!({"journal": journal, "reason": reason}))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        object(reader.clone(), j[0], "Too early").await.status(),
        409,
        "no objections before the notice"
    );
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    assert_eq!(vote(&app, &e1, id, j[0], "T2").await, 204);
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    let res = object(reader.clone(), j[0], "Alpha is the field's leading journal and belongs in T1").await;
    assert_eq!(res.status(), 201);
    let oid = json_of(res).await["id"].as_i64().unwrap();
    assert_eq!(object(reader.clone(), j[0], "").await.status(), 422, "a reason is required");
    let (_, mine) = get(&app, &reader, &format!("/api/v1/catalogues/{id}/objections")).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let (_, theirs) = get(&app, &e1, &format!("/api/v1/catalogues/{id}/objections")).await;
    assert_eq!(theirs, json!([]), "others see only their own objections");

    assert_eq!(
        phase(&app, &org, id, "published", "").await,
        409,
        "an open objection blocks publication"
    );
    let decide = |status: &str, reason: &str| json!({"status": status, "reason": reason});
    let url = app.at(&format!("/api/v1/catalogues/{id}/objections/{oid}/decision"));
    let res = reader.post(&url).json(&decide("upheld", "x")).send().await.unwrap();
    assert_eq!(res.status(), 404, "only the committee decides");
    assert_eq!(org.post(&url).json(&decide("maybe", "x")).send().await.unwrap().status(), 422);
    let res = org
        .post(&url)
        .json(&decide("upheld", "The panel's own comments rank it at the top"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        org.post(&url).json(&decide("rejected", "again")).send().await.unwrap().status(),
        409,
        "decided once"
    );
    let (subject, body) = app.last_mail_to("reader@example.org").expect("the objector is told");
    assert!(subject.contains("upheld") || subject.contains("采纳"), "{subject}");
    assert!(body.contains("The panel's own comments rank it at the top"));
    let res = org
        .put(app.at(&format!("/api/v1/catalogues/{id}/overrides/{}", j[0])))
        .json(&json!({"tier": "T1", "reason": "Objection upheld"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (_, public) = get(&app, &app.client(), &format!("/api/v1/catalogues/{id}")).await;
    assert_eq!(
        public["entries"][0]["tier"], "T1",
        "an override during notice updates the public proposal"
    );
    assert_eq!(phase(&app, &org, id, "published", "").await, 200);
    let (_, log) = get(&app, &org, &format!("/api/v1/catalogues/{id}/audit")).await;
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|l| l["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"objection") && actions.contains(&"objection_decided"));
}

#[tokio::test]
async fn published_catalogues_export_compare_and_show_each_journals_history() {
    let app = TestApp::new().await;
    let (org, first, j) = computing_edition(&app, json!({"max_share_pct": 100})).await;
    let (_, e1) = account(&app, "e1@example.org").await;
    add_experts(&app, &org, first, &["e1@example.org"]).await;
    let csv_before = app
        .client()
        .get(app.at(&format!("/api/v1/catalogues/{first}/entries.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv_before.status(), 404, "nothing to export before the public notice");
    publish_with(&app, &org, first, &j, &e1, &[(0, "T1"), (1, "T2"), (2, "T3")]).await;
    let body = json!({"field": "computing", "year": 2027, "title_zh": "计算领域高质量科技期刊分级目录 2027", "max_share_pct": 100});
    let second = crate::support::catalogue::edition(&app, &org, body).await;
    add_experts(&app, &org, second, &["e1@example.org"]).await;
    publish_with(&app, &org, second, &j, &e1, &[(0, "T1"), (1, "T1"), (2, "none"), (3, "T3")]).await;

    let res = app
        .client()
        .get(app.at(&format!("/api/v1/catalogues/{second}/entries.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = res.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0]
            .trim_start_matches('\u{feff}')
            .starts_with("tier,position,name_zh,name_en,issn")
    );
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with("T1,1,Alpha学报,Alpha Journal"));
    let res = app
        .client()
        .get(app.at("/catalogues/computing-2027/catalogue.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(&res.bytes().await.unwrap()[..2], b"PK", "an XLSX file is a zip archive");

    let (s, d) = get(&app, &app.client(), &format!("/api/v1/catalogues/{second}/diff?from={first}")).await;
    assert_eq!(s, 200);
    let ids = |k: &str| {
        d["diff"][k]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["journal_id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        (ids("new"), ids("removed"), ids("up"), ids("down")),
        (vec![j[3]], vec![j[2]], vec![j[1]], vec![])
    );
    assert_eq!(d["diff"]["unchanged"], 1);
    let (s, _) = get(&app, &app.client(), &format!("/api/v1/catalogues/{second}/diff?from=abc")).await;
    assert_eq!(s, 422);
    let html = page_text(&app, &app.client(), "/catalogues/computing-2027/diff?from=computing-2026", "en").await;
    assert!(
        html.contains("Moved up") && html.contains("Beta Journal") && html.contains("T2 → T1"),
        "{html}"
    );

    let (_, h) = get(&app, &app.client(), &format!("/api/v1/journals/{}/catalogues", j[1])).await;
    let tiers: Vec<(i64, &str)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["year"].as_i64().unwrap(), l["tier"].as_str().unwrap()))
        .collect();
    assert_eq!(tiers, vec![(2027, "T1"), (2026, "T2")]);
    let html = page_text(&app, &app.client(), &format!("/journals/{}", j[1]), "en").await;
    assert!(html.contains("id=\"journal-history\"") && html.contains("Computing journal catalogue 2026"));
    let html = page_text(&app, &app.client(), "/catalogues/computing-2027/print", "zh-CN").await;
    assert!(html.contains("id=\"print-T1\"") && html.contains("Beta学报"));
}

#[tokio::test]
async fn experts_who_have_not_finished_voting_are_reminded_before_the_votes_are_due() {
    let app = TestApp::new().await;
    let closes = (chrono::Utc::now() + chrono::Duration::days(20)).format("%Y-%m-%d").to_string();
    let (org, id, j) = computing_edition(&app, json!({"evaluation_closes": closes})).await;
    let (_, done) = account(&app, "done@example.org").await;
    account(&app, "late@example.org").await;
    add_experts(&app, &org, id, &["done@example.org", "late@example.org"]).await;
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    for journal in &j {
        assert_eq!(vote(&app, &done, id, *journal, "T3").await, 204);
    }
    // The reminder jobs wait for their day; run the first one now as the worker would then.
    let mut conn = app.state.db.conn().unwrap();
    let jobs = xuehui::jobs::store::list(&mut conn, xuehui::jobs::model::QUEUED, 100).unwrap();
    let reminders: Vec<_> = jobs.iter().filter(|job| job.kind == "catalogue.reminder").collect();
    assert_eq!(reminders.len(), 2, "7 and 2 days before");
    let job: xuehui::catalogue::reminders::Reminder = serde_json::from_str(&reminders[0].payload).unwrap();
    let sent = xuehui::catalogue::reminders::send(&mut conn, &app.state, job.clone(), chrono::Utc::now().naive_utc()).unwrap();
    assert_eq!(sent, 1, "only the expert with journals left to vote on");
    let (subject, body) = app.last_mail_to("late@example.org").expect("reminded");
    assert!(subject.contains("votes due") || subject.contains("投票"), "{subject}");
    assert!(body.contains("0 of the 4") || body.contains("投票 0 种"), "{body}");
    assert!(
        app.mails_to("done@example.org")
            .iter()
            .all(|(s, _)| !s.contains("Reminder") && !s.contains("提醒"))
    );
    // Changing the rules makes earlier reminders stale: they send nothing.
    let res = org
        .put(app.at(&format!("/api/v1/catalogues/{id}")))
        .json(&json!({"title_zh": "计算领域目录", "evaluation_closes": closes}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        xuehui::catalogue::reminders::send(&mut conn, &app.state, job, chrono::Utc::now().naive_utc()).unwrap(),
        0
    );
}

#[tokio::test]
async fn a_journal_missing_from_the_register_is_proposed_added_and_counted_as_a_nomination() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    let (_, sci) = account(&app, "scientist@example.org").await;
    let new_issn = crate::support::catalogue::issn(4242);
    let propose = |issn: String| json!({"name": "Journal of New Results", "issn": issn, "website": "https://jnr.example.org", "reason": "Rising quickly in the field"});
    let url = app.at(&format!("/api/v1/catalogues/{id}/proposals"));
    let res = sci.post(&url).json(&propose("1234-5678".into())).send().await.unwrap();
    assert_eq!(res.status(), 422, "the ISSN check digit is verified");
    let res = sci
        .post(&url)
        .json(&propose(crate::support::catalogue::issn(100)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a journal already in the register is nominated, not proposed");
    let res = sci.post(&url).json(&propose(new_issn.clone())).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let pid = json_of(res).await["id"].as_i64().unwrap();
    assert_eq!(
        sci.get(&url).send().await.unwrap().status(),
        404,
        "only the committee lists proposals"
    );
    let html = page_text(&app, &org, "/catalogues/computing-2026/manage", "en").await;
    assert!(html.contains("Journal of New Results") && html.contains("Add it to the register"));

    let mut body =
        crate::support::catalogue::journal_body("Journal of New Results", &new_issn, "FR", &["en", "fr"], "basic", &["computing"]);
    body["website"] = json!("https://jnr.example.org");
    let new_id = crate::support::catalogue::journal(&app, &org, body).await;
    let decide = app.at(&format!("/api/v1/catalogues/{id}/proposals/{pid}/decision"));
    let res = org.post(&decide).json(&json!({"status": "added"})).send().await.unwrap();
    assert_eq!(res.status(), 422, "added needs the register's journal");
    let res = org
        .post(&decide)
        .json(&json!({"status": "added", "journal": new_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        org.post(&decide)
            .json(&json!({"status": "declined"}))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(row(&p, new_id)["nominations"], 1, "the proposer's reason counts as a nomination");
    assert_eq!(row(&p, j[0])["nominations"], 0);
}

#[tokio::test]
async fn nominations_and_objections_are_filed_from_the_editions_page() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    app.user("sci@example.org", false);
    let browser = app.client();
    app.page_login(&browser, "sci@example.org", crate::support::PASSWORD).await;
    let html = page_text(&app, &browser, "/catalogues/computing-2026", "en").await;
    assert!(html.contains("id=\"nominate-form\"") && html.contains("Alpha Journal"));
    let csrf = crate::support::extract_csrf(&html).unwrap();
    let journal = j[1].to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("journal", journal.as_str()),
        ("reason", "Strong editorial standards"),
    ];
    let res = browser
        .post(app.at("/catalogues/computing-2026/nominate"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(row(&p, j[1])["nominations"], 1);
    let res = browser
        .post(app.at("/catalogues/computing-2026/nominate"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "a second nomination is refused with a message");
    let html = page_text(&app, &browser, "/catalogues/computing-2026", "en").await;
    assert!(html.contains("You have already nominated this journal"));

    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    let html = page_text(&app, &browser, "/catalogues/computing-2026", "en").await;
    assert!(html.contains("id=\"objection-form\""));
    let form = [
        ("csrf", csrf.as_str()),
        ("journal", journal.as_str()),
        ("reason", "It deserves to be listed"),
    ];
    let res = browser
        .post(app.at("/catalogues/computing-2026/objections"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = page_text(&app, &browser, "/catalogues/computing-2026", "en").await;
    assert!(html.contains("id=\"my-objections\"") && html.contains("Open"));
    let html = page_text(&app, &org, "/catalogues/computing-2026/manage", "en").await;
    assert!(html.contains("It deserves to be listed") && html.contains("sci@example.org"));
}

/// The ballot form as the page sends it: for each journal the chosen tier and comment, and
/// the submitted vote the page showed (`was_`, `wasc_`).
fn ballot_form(csrf: &str, lines: &[(i64, &str, &str)]) -> Vec<(String, String)> {
    let mut form = vec![("csrf".to_string(), csrf.to_string())];
    for (journal, tier, comment) in lines {
        form.push((format!("v_{journal}"), tier.to_string()));
        form.push((format!("was_{journal}"), String::new()));
        form.push((format!("c_{journal}"), comment.to_string()));
        form.push((format!("wasc_{journal}"), String::new()));
    }
    form
}

async fn post_draft(app: &TestApp, c: &reqwest::Client, form: &[(String, String)], json: bool) -> reqwest::Response {
    let mut req = c.post(app.at("/catalogues/computing-2026/vote/draft")).form(form);
    if json {
        req = req.header("accept", "application/json");
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn an_experts_draft_is_kept_and_not_counted_until_submitted() {
    let app = TestApp::new().await;
    let closes = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let (org, id, j) = computing_edition(&app, json!({"evaluation_closes": closes})).await;
    let (_, expert) = account(&app, "e1@example.org").await;
    let (_, outsider) = account(&app, "outsider@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    let csrf = csrf_of(&expert, &app.at("/catalogues/computing-2026/vote")).await;
    let form = ballot_form(&csrf, &[(j[0], "T1", "草稿意见"), (j[1], "", "")]);

    // What the script sends: kept, answered with the time; only changed lines are drafts.
    let res = post_draft(&app, &expert, &form, true).await;
    assert_eq!(res.status(), 200);
    let body = json_of(res).await;
    assert_eq!(body["drafts"], 1, "{body}");
    assert!(body["saved_at"].as_str().unwrap().ends_with('Z'));
    let (_, ballot) = get(&app, &expert, &format!("/api/v1/catalogues/{id}/ballot")).await;
    let line = ballot["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["journal_id"] == j[0])
        .unwrap();
    assert_eq!((line["my_vote"].as_str(), line["draft"]["tier"].as_str()), (Some(""), Some("T1")));
    assert_eq!(line["draft"]["comment"], "草稿意见");
    assert_eq!((ballot["voted"].as_i64(), ballot["drafts"].as_i64()), (Some(0), Some(1)));
    // Not counted: the proposal and the audit log know nothing of it.
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(row(&p, j[0])["distribution"], json!([0, 0, 0, 0]), "{}", row(&p, j[0]));
    let (_, audit) = get(&app, &org, &format!("/api/v1/catalogues/{id}/audit")).await;
    assert!(!audit.to_string().contains("\"vote\""), "a draft is not a vote: {audit}");
    // The ballot comes back as typed, marked as a draft.
    let html = page_text(&app, &expert, "/catalogues/computing-2026/vote", "en").await;
    assert!(html.contains(&format!("id=\"draft-{}\"", j[0])) && html.contains("value=\"草稿意见\""));
    assert!(html.contains("<option value=\"T1\" selected>") && html.contains("Draft saved at"));

    // Without JavaScript the "Save draft" button does the same and returns to the ballot.
    let form = ballot_form(&csrf, &[(j[0], "T2", "改了")]);
    let res = post_draft(&app, &expert, &form, false).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/catalogues/computing-2026/vote");
    let (_, ballot) = get(&app, &expert, &format!("/api/v1/catalogues/{id}/ballot")).await;
    assert_eq!(ballot["lines"][0]["draft"]["tier"], "T2");

    // Someone not on the panel, and the committee (not experts), cannot keep drafts.
    let other_csrf = csrf_of(&outsider, &app.at("/catalogues")).await;
    let res = post_draft(&app, &outsider, &ballot_form(&other_csrf, &[(j[0], "T3", "")]), true).await;
    assert_eq!(res.status(), 404);
    let org_csrf = csrf_of(&org, &app.at("/catalogues")).await;
    let res = post_draft(&app, &org, &ballot_form(&org_csrf, &[(j[0], "T3", "")]), true).await;
    assert_eq!(res.status(), 404);
    let res = post_draft(&app, &expert, &ballot_form("forged", &[(j[0], "T3", "")]), true).await;
    assert_eq!(res.status(), 403, "a draft needs the session's CSRF token");
    let res = post_draft(&app, &expert, &ballot_form(&csrf, &[(j[0], "T9", "")]), true).await;
    assert_eq!(res.status(), 422, "drafts hold tiers only");

    // Submitting casts the ballot as typed and ends the drafts.
    let res = expert
        .post(app.at("/catalogues/computing-2026/vote"))
        .form(&ballot_form(&csrf, &[(j[0], "T2", "改了")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, ballot) = get(&app, &expert, &format!("/api/v1/catalogues/{id}/ballot")).await;
    assert_eq!((ballot["voted"].as_i64(), ballot["drafts"].as_i64()), (Some(1), Some(0)));
    assert_eq!(ballot["lines"][0]["my_vote"], "T2");
    let (_, p) = get(&app, &org, &format!("/api/v1/catalogues/{id}/proposal")).await;
    assert_eq!(row(&p, j[0])["distribution"], json!([0, 1, 0, 0]));

    // Once voting has closed, nothing more is kept.
    assert_eq!(phase(&app, &org, id, "notice", "").await, 200);
    let res = post_draft(&app, &expert, &ballot_form(&csrf, &[(j[1], "T1", "")]), true).await;
    assert_eq!(res.status(), 409);
}

#[tokio::test]
async fn the_ballot_shows_the_deadline_in_china_standard_time_with_the_time_left() {
    let app = TestApp::new().await;
    let day = (chrono::Utc::now().with_timezone(&chrono_tz::Asia::Shanghai) + chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let (org, id, _) = computing_edition(&app, json!({"evaluation_closes": day})).await;
    let (_, expert) = account(&app, "e1@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    assert_eq!(phase(&app, &org, id, "evaluation", "").await, 200);
    let en = page_text(&app, &expert, "/catalogues/computing-2026/vote", "en").await;
    assert!(en.contains("id=\"ballot-deadline\""), "{en}");
    assert!(en.contains(&format!("{day} 23:59")) && en.contains("China Standard Time"), "{en}");
    assert!(en.contains("3 days") && en.contains("left"), "{en}");
    let zh = page_text(&app, &expert, "/catalogues/computing-2026/vote", "zh-CN").await;
    assert!(zh.contains("北京时间") && zh.contains("还剩 3 天"), "{zh}");
    assert!(zh.contains("id=\"ballot-draft\"") && zh.contains("保存草稿"));
}

#[tokio::test]
async fn the_first_editions_comparison_says_there_is_nothing_before_it() {
    let app = TestApp::new().await;
    let (org, id, j) = computing_edition(&app, json!({})).await;
    let (_, expert) = account(&app, "e1@example.org").await;
    add_experts(&app, &org, id, &["e1@example.org"]).await;
    publish_with(&app, &org, id, &j, &expert, &[(0, "T1"), (1, "T2")]).await;
    for lang in ["en", "zh-CN"] {
        let html = page_text(&app, &app.client(), "/catalogues/computing-2026/diff", lang).await;
        assert!(html.contains("id=\"no-previous\""), "{html}");
        assert!(html.contains("href=\"/catalogues/computing-2026\" id=\"back-to-edition\""));
        assert!(html.contains("href=\"/catalogues\" id=\"all-catalogues\""));
        assert!(!html.contains("id=\"diff-form\""), "nothing to choose from");
    }
    assert!(
        page_text(&app, &app.client(), "/catalogues/computing-2026/diff", "en")
            .await
            .contains("first edition")
    );
    // The next edition compares with it at once.
    let body = json!({"field": "computing", "year": 2027, "title_zh": "计算 2027", "title_en": "Computing 2027", "max_share_pct": 100});
    let second = crate::support::catalogue::edition(&app, &org, body).await;
    add_experts(&app, &org, second, &["e1@example.org"]).await;
    publish_with(&app, &org, second, &j, &expert, &[(0, "T1"), (1, "T1")]).await;
    let html = page_text(&app, &app.client(), "/catalogues/computing-2027/diff", "en").await;
    assert!(!html.contains("id=\"no-previous\"") && html.contains("id=\"diff-up\""), "{html}");
    assert!(html.contains("<option value=\"computing-2026\" selected>"));
}
