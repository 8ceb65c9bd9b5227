//! Salons: a lead scientist decides applications with the balance rules in view, approving over
//! a rule only with a recorded reason; invitations skip the application; the agenda keeps the
//! salon rules or is not published; and nobody reads a salon's applications but its lead
//! scientists and chairs.

use reqwest::Method as M;
use serde_json::json;

use crate::support::TestApp;
use crate::support::participation::{account, call};
use crate::support::salon::{apply, decide, salon};

#[tokio::test]
async fn a_lead_scientist_approves_and_declines_applications_with_reasons_mailed() {
    let app = TestApp::new().await;
    let s = salon(&app, "sac").await;
    let lead_mail = app.last_mail_to("lead-sac@example.org").unwrap();
    assert!(lead_mail.1.contains("/venues/sac/salon/applications"), "{}", lead_mail.1);
    let a = apply(&app, &s, "ada@sac.org", "Tsinghua University", "catalysis", Some(1992)).await;
    let b = apply(&app, &s, "bo@sac.org", "Peking University", "catalysis", Some(1970)).await;
    let url = app.at("/api/v1/venues/sac/salon/applications");
    let (st, list) = call(&s.lead, M::GET, url.clone(), json!(null)).await;
    assert_eq!(st, 200, "{list}");
    assert_eq!(list["pending"].as_array().unwrap().len(), 2);
    assert_eq!(
        list["pending"][0]["viewpoint"],
        "The viewpoint of ada@sac.org: active sites are dynamic."
    );
    assert_eq!(list["pending"][0]["age_group"], "young");
    assert_eq!(list["pending"][1]["age_group"], "older");
    // Ages are shown as groups, never as birth years.
    assert!(!list.to_string().contains("1992"), "{list}");

    let (st, e) = decide(&app, &s, b.id, json!({"approve": false})).await;
    assert_eq!(st, 422, "{e}");
    assert!(e["fields"]["reason"].is_string(), "{e}");
    let (st, _) = decide(
        &app,
        &s,
        b.id,
        json!({"approve": false, "reason": "The round table is on the dynamics of active sites."}),
    )
    .await;
    assert_eq!(st, 200);
    let (subject, mail) = app.last_mail_to("bo@sac.org").unwrap();
    assert!(mail.contains("The round table is on the dynamics of active sites."), "{mail}");
    // Said as an application decided by the lead scientists, not as a conference registration.
    assert!(subject.starts_with("参加申请未获批准"), "{subject}");
    assert!(mail.contains("领衔科学家") && !mail.contains("组织者"), "{mail}");

    let (st, v) = decide(&app, &s, a.id, json!({"approve": true, "reason": "Welcome."})).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["participants"].as_array().unwrap().len(), 1);
    assert_eq!(v["balance"]["total"], 1);
    let (_, r) = call(&a.client, M::GET, app.at(&format!("/api/v1/registrations/{}", a.id)), json!(null)).await;
    assert_eq!(
        (r["status"].as_str(), r["decision_note"].as_str()),
        (Some("confirmed"), Some("Welcome.")),
        "{r}"
    );
    // A decision already made is not made again.
    let (st, _) = decide(&app, &s, a.id, json!({"approve": false, "reason": "x"})).await;
    assert_eq!(st, 409);
    // The generic registration list does not decide a salon's applications.
    let c = apply(&app, &s, "cy@sac.org", "Fudan University", "materials", Some(1990)).await;
    let (st, _) = call(
        &s.chair,
        M::POST,
        app.at(&format!("/api/v1/registrations/{}/decision", c.id)),
        json!({"approve": true}),
    )
    .await;
    assert_eq!(st, 409);
}

#[tokio::test]
async fn a_fourth_person_from_one_institution_in_one_field_needs_a_recorded_override() {
    let app = TestApp::new().await;
    let s = salon(&app, "suf").await;
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(
            apply(&app, &s, &format!("p{i}@suf.org"), "Tsinghua  University", "Catalysis", Some(1990))
                .await
                .id,
        );
    }
    for id in &ids[..3] {
        let (st, v) = decide(&app, &s, *id, json!({"approve": true})).await;
        assert_eq!(st, 200, "{v}");
    }
    let (_, list) = call(&s.lead, M::GET, app.at("/api/v1/venues/suf/salon/applications"), json!(null)).await;
    assert_eq!(list["pending"][0]["breaches"], json!(["unit_field"]), "{list}");
    let (st, e) = decide(&app, &s, ids[3], json!({"approve": true})).await;
    assert_eq!(st, 422, "{e}");
    assert!(e["fields"]["override_reason"].is_string(), "{e}");
    let (st, v) = decide(
        &app,
        &s,
        ids[3],
        json!({"approve": true, "override_reason": "The only group working on operando spectroscopy."}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["overrides"][0]["rule"], "unit_field");
    assert_eq!(v["overrides"][0]["reason"], "The only group working on operando spectroscopy.");
    assert_eq!(v["balance"]["groups"][0]["count"], 4);
    assert_eq!(v["balance"]["groups"][0]["over"], true);
}

#[tokio::test]
async fn places_are_kept_for_young_people_so_the_share_can_be_reached() {
    let app = TestApp::new().await;
    let s = salon(&app, "syo").await;
    // Three places and a third young: two for anyone, one kept for a young participant.
    let (st, r) = call(
        &s.chair,
        M::PUT,
        app.at("/api/v1/venues/syo/salon/rules"),
        json!({"participants_min": 2, "participants_max": 3}),
    )
    .await;
    assert_eq!(st, 200, "{r}");
    let older: Vec<i64> = {
        let mut v = Vec::new();
        for (i, born) in [Some(1960), None, Some(1970)].into_iter().enumerate() {
            v.push(
                apply(&app, &s, &format!("o{i}@syo.org"), &format!("U{i}"), "physics", born)
                    .await
                    .id,
            );
        }
        v
    };
    let young = apply(&app, &s, "y@syo.org", "U9", "physics", Some(1998)).await.id;
    for id in &older[..2] {
        assert_eq!(decide(&app, &s, *id, json!({"approve": true})).await.0, 200);
    }
    // Someone without a birth year counts as not young: the third older person breaks the rule.
    let (st, e) = decide(&app, &s, older[2], json!({"approve": true})).await;
    assert_eq!(st, 422, "{e}");
    let (st, v) = decide(&app, &s, young, json!({"approve": true})).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["balance"]["young"], 1);
    assert_eq!(v["balance"]["unknown"], 1);
    assert_eq!(v["balance"]["young_share_met"], true);
    // Bad numbers are named.
    let (st, e) = call(
        &s.chair,
        M::PUT,
        app.at("/api/v1/venues/syo/salon/rules"),
        json!({"participants_min": 9, "participants_max": 3}),
    )
    .await;
    assert_eq!(st, 422);
    assert_eq!(
        e["fields"]["participants_max"], "The most participants cannot be fewer than the fewest.",
        "{e}"
    );
}

#[tokio::test]
async fn applications_need_a_viewpoint_and_a_field_and_invited_people_need_no_viewpoint() {
    let app = TestApp::new().await;
    let s = salon(&app, "svp").await;
    let (_, c) = account(&app, "nobody@svp.org").await;
    let url = app.at(&format!("/api/v1/venues/svp/registration-forms/{}/registrations", s.form_id));
    let (st, e) = call(&c, M::POST, url, json!({"name_latin": "Nobody"})).await;
    assert_eq!(st, 422, "{e}");
    assert!(e["fields"]["viewpoint"].is_string() && e["fields"]["field"].is_string(), "{e}");
    // A salon's form keeps approval on.
    let (st, e) = call(
        &s.chair,
        M::PUT,
        app.at(&format!("/api/v1/venues/svp/registration-forms/{}", s.form_id)),
        json!({"approval": false}),
    )
    .await;
    assert_eq!(st, 422, "{e}");

    let (st, r) = call(
        &s.lead,
        M::POST,
        app.at("/api/v1/venues/svp/salon/invitations"),
        json!({"guests": [{"email": "guest@svp.org", "name": "Guest"}]}),
    )
    .await;
    assert_eq!((st, r["sent"].as_i64()), (200, Some(1)), "{r}");
    let (_, body) = app.last_mail_to("guest@svp.org").unwrap();
    let token = body
        .split("/registrations/invitations/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let (_, g) = account(&app, "guest@svp.org").await;
    let (st, r) = call(
        &g,
        M::POST,
        app.at(&format!("/api/v1/registration-invitations/{token}/register")),
        json!({"field": "catalysis"}),
    )
    .await;
    assert_eq!((st, r["status"].as_str()), (201, Some("confirmed")), "{r}");
    let (_, list) = call(&s.lead, M::GET, app.at("/api/v1/venues/svp/salon/applications"), json!(null)).await;
    assert_eq!(list["participants"][0]["invited"], true, "{list}");
}

#[tokio::test]
async fn only_the_salons_lead_scientists_and_chairs_read_and_decide_its_applications() {
    let app = TestApp::new().await;
    let s = salon(&app, "sa1").await;
    let t = salon(&app, "sa2").await;
    let a = apply(&app, &s, "a@sa1.org", "Inst A", "maths", Some(1990)).await;
    let b = apply(&app, &s, "b@sa1.org", "Inst B", "maths", Some(1990)).await;
    // Applicants see their own application only.
    let (st, _) = call(&a.client, M::GET, app.at(&format!("/api/v1/registrations/{}", b.id)), json!(null)).await;
    assert_eq!(st, 404);
    for who in [&a.client, &t.lead] {
        let (st, _) = call(who, M::GET, app.at("/api/v1/venues/sa1/salon/applications"), json!(null)).await;
        assert_eq!(st, 404);
        let (st, _) = call(
            who,
            M::POST,
            app.at(&format!("/api/v1/venues/sa1/salon/applications/{}/decision", b.id)),
            json!({"approve": true}),
        )
        .await;
        assert_eq!(st, 404);
    }
    // The other salon's lead cannot reach this application through their own salon either.
    let (st, _) = call(
        &t.lead,
        M::POST,
        app.at(&format!("/api/v1/venues/sa2/salon/applications/{}/decision", b.id)),
        json!({"approve": true}),
    )
    .await;
    assert_eq!(st, 404);
    // A lead scientist does not set the rules or name other leads (chairs do).
    let (st, _) = call(&s.lead, M::PUT, app.at("/api/v1/venues/sa1/salon/rules"), json!({})).await;
    assert_eq!(st, 404);
    let (st, _) = call(
        &s.lead,
        M::POST,
        app.at("/api/v1/venues/sa1/salon/lead-scientists"),
        json!({"email": "a@sa1.org"}),
    )
    .await;
    assert_eq!(st, 404);
    let (st, _) = call(&app.client(), M::GET, app.at("/api/v1/venues/sa1/salon/applications"), json!(null)).await;
    assert_eq!(st, 401);
    // Pages too.
    let res = a.client.get(app.at("/venues/sa1/salon/applications")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    // The chair decides as well; the public sees the salon's facts without addresses.
    let (st, _) = call(
        &s.chair,
        M::POST,
        app.at(&format!("/api/v1/venues/sa1/salon/applications/{}/decision", b.id)),
        json!({"approve": true}),
    )
    .await;
    assert_eq!(st, 200);
    let (st, pubv) = call(&app.client(), M::GET, app.at("/api/v1/venues/sa1/salon"), json!(null)).await;
    assert_eq!(st, 200);
    assert_eq!(pubv["participants"], 1);
    assert_eq!(pubv["lead_scientists"][0]["email"], serde_json::Value::Null, "{pubv}");
    // A conference has no salon pages, even for its chair.
    let conf = crate::venues::venue_with_chair(&app, "conf").await;
    let (st, _) = call(&conf, M::GET, app.at("/api/v1/venues/conf/salon/applications"), json!(null)).await;
    assert_eq!(st, 404);
    let (st, _) = call(&conf, M::GET, app.at("/api/v1/venues/conf/salon"), json!(null)).await;
    assert_eq!(st, 404);
    // Removing the lead closes the page to them.
    let (st, _) = call(
        &s.chair,
        M::DELETE,
        app.at(&format!("/api/v1/venues/sa1/salon/lead-scientists/{}", s.lead_id)),
        json!(null),
    )
    .await;
    assert_eq!(st, 204);
    let (st, _) = call(&s.lead, M::GET, app.at("/api/v1/venues/sa1/salon/applications"), json!(null)).await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn venues_are_listed_by_kind() {
    let app = TestApp::new().await;
    salon(&app, "slist").await;
    crate::support::review::venue(&app, "clist").await;
    let (st, v) = call(&app.client(), M::GET, app.at("/api/v1/venues?kind=salon"), json!(null)).await;
    assert_eq!(st, 200);
    let slugs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["slug"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(slugs, vec!["slist"], "{v}");
    let (st, e) = call(&app.client(), M::GET, app.at("/api/v1/venues?kind=party"), json!(null)).await;
    assert_eq!(st, 422, "{e}");
    assert!(e["fields"]["kind"].is_string(), "{e}");
    let page = crate::support::page_text(&app, &app.client(), "/?kind=salon", "zh-CN").await;
    assert!(page.contains("单原子催化的新观点") && !page.contains("2027年学术年会"), "{page}");
}

#[tokio::test]
async fn a_salon_agenda_that_breaks_the_rules_shows_why_and_is_not_published() {
    let app = TestApp::new().await;
    let s = salon(&app, "sag").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/sag/programme{p}"));
    let (_, room) = call(
        &s.chair,
        M::POST,
        api("/rooms"),
        json!({"name_zh": "圆桌厅", "name_en": "Round table", "capacity": 30}),
    )
    .await;
    let (st, sess) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "salon", "title_zh": "第一场", "title_en": "First round", "room_id": room["id"], "date": "2027-06-01", "start": "09:00", "end": "10:00"}),
    )
    .await;
    assert_eq!(st, 201, "{sess}");
    let slot = |kind: &str, minutes: i32| {
        json!({"kind": kind, "title_zh": "报告", "title_en": "Talk", "duration_min": minutes, "session_id": sess["id"],
               "speakers": [{"name_latin": "Ada", "email": "ada@sag.org"}]})
    };
    let (st, talk) = call(&s.chair, M::POST, api("/slots"), slot("invited", 15)).await;
    assert_eq!(st, 201, "{talk}");
    let (_, key) = call(&s.chair, M::POST, api("/slots"), slot("key_talk", 20)).await;
    let (_, inter) = call(&s.chair, M::POST, api("/slots"), slot("intervention", 6)).await;
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    let codes: Vec<&str> = d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    // 41 of 60 minutes are talks: debate has 31 %.
    assert_eq!(
        codes,
        vec!["salon_talk_too_long", "salon_intervention_too_long", "salon_debate_share"],
        "{}",
        d["warnings"]
    );
    assert!(d["warnings"].as_array().unwrap().iter().all(|w| w["blocking"] == true));
    assert_eq!(d["debate"]["pct"], 31, "{}", d["debate"]);
    let (st, e) = call(&s.chair, M::POST, api("/releases"), json!({"over_warnings": true})).await;
    assert_eq!(st, 409, "{e}");
    // The editor page names the problems in words.
    let page = crate::support::page_text(&app, &s.chair, "/venues/sag/programme/edit", "en").await;
    assert!(
        page.contains("longer than the salon rules allow") && page.contains("Free debate: 19 of 60 minutes"),
        "{page}"
    );
    // Within the limits, with half the time for debate, it is published.
    let version = |d: &serde_json::Value, id: &serde_json::Value| {
        d["slots"].as_array().unwrap().iter().find(|s| &s["id"] == id).unwrap()["version"].clone()
    };
    for (x, minutes) in [(&talk, 10), (&inter, 5)] {
        let mut body = slot(if x == &talk { "invited" } else { "intervention" }, minutes);
        body["version"] = version(&d, &x["id"]);
        let (st, r) = call(&s.chair, M::PUT, api(&format!("/slots/{}", x["id"])), body).await;
        assert_eq!(st, 200, "{r}");
    }
    let (st, _) = call(&s.chair, M::DELETE, api(&format!("/slots/{}", key["id"])), json!(null)).await;
    assert_eq!(st, 200);
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert_eq!(d["warnings"], json!([]), "{}", d["warnings"]);
    let (st, e) = call(&s.chair, M::POST, api("/releases"), json!({})).await;
    assert_eq!(st, 201, "{e}");
}

#[tokio::test]
async fn the_lead_scientist_decides_on_the_page_in_both_languages_keeping_what_was_typed() {
    let app = TestApp::new().await;
    let s = salon(&app, "spg").await;
    let a = apply(&app, &s, "pa@spg.org", "Nankai University", "chemistry", Some(1991)).await;
    let lead = app.client();
    assert_eq!(
        app.page_login(&lead, "lead-spg@example.org", crate::support::PASSWORD)
            .await
            .status(),
        303
    );
    for lang in ["zh-CN", "en"] {
        let text = crate::support::page_text(&app, &lead, "/venues/spg/salon/applications", lang).await;
        assert!(text.contains("The viewpoint of pa@spg.org"), "{text}");
        assert!(text.contains(if lang == "en" { "Balance rules" } else { "均衡规则" }), "{text}");
    }
    let url = app.at(&format!("/venues/spg/salon/applications/{}/decide", a.id));
    let csrf = crate::support::csrf_of(&lead, &app.at("/venues/spg/salon/applications")).await;
    let res = lead
        .post(&url)
        .header("Accept-Language", "en")
        .form(&[("csrf", csrf.as_str()), ("approve", "no"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Give the applicant a reason for declining."), "{body}");
    let res = lead
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("approve", "yes"),
            ("reason", "Welcome to the round table."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, r) = call(&a.client, M::GET, app.at(&format!("/api/v1/registrations/{}", a.id)), json!(null)).await;
    assert_eq!(r["status"], "confirmed");
    // The venue page tells everyone how the salon runs and links the lead to the applications.
    let text = crate::support::page_text(&app, &lead, "/venues/spg", "zh-CN").await;
    assert!(text.contains("沙龙如何进行") && text.contains("申请与参加者"), "{text}");
    // The chairs' settings page saves the numbers.
    let chair = app.client();
    assert_eq!(
        app.page_login(&chair, "admin-spg@example.org", crate::support::PASSWORD)
            .await
            .status(),
        303
    );
    let csrf = crate::support::csrf_of(&chair, &app.at("/venues/spg/salon/settings")).await;
    let mut form = vec![("csrf", csrf.as_str())];
    let fields = [
        ("participants_min", "20"),
        ("participants_max", "25"),
        ("unit_field_max", "2"),
        ("young_age", "40"),
        ("young_share_pct", "40"),
        ("talk_max_min", "10"),
        ("key_talk_max_min", "20"),
        ("intervention_max_min", "5"),
        ("debate_min_pct", "50"),
    ];
    form.extend(fields.iter().copied());
    let res = chair.post(app.at("/venues/spg/salon/settings")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let (_, v) = call(&app.client(), M::GET, app.at("/api/v1/venues/spg/salon"), json!(null)).await;
    assert_eq!(
        (v["rules"]["participants_max"].as_i64(), v["rules"]["young_share_permille"].as_i64()),
        (Some(25), Some(400)),
        "{v}"
    );
}

#[tokio::test]
async fn the_salon_page_offers_the_application_only_while_the_form_takes_them() {
    let app = TestApp::new().await;
    let s = salon(&app, "sclose").await;
    let anon = app.client();
    let text = crate::support::page_text(&app, &anon, "/venues/sclose", "en").await;
    assert!(text.contains("id=\"salon-apply\""), "{text}");
    let (st, v) = call(
        &s.chair,
        M::POST,
        app.at(&format!("/api/v1/venues/sclose/registration-forms/{}/close", s.form_id)),
        json!(null),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    for (lang, words) in [("en", "Applications are closed."), ("zh-CN", "申请已截止。")] {
        let text = crate::support::page_text(&app, &anon, "/venues/sclose", lang).await;
        assert!(!text.contains("id=\"salon-apply\"") && text.contains(words), "{text}");
    }
    let (_, v) = call(&anon, M::GET, app.at("/api/v1/venues/sclose/salon"), json!(null)).await;
    assert_eq!(v["applications"], "closed");
}
