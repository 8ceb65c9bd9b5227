//! Proceedings scenes: accepted papers with approved final versions, and a published volume.

use chrono::Duration;
use reqwest::Client;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use super::review::{decide, id_of, local, notify_authors, person, submit_with, venue};
use super::{TestApp, csrf_of, json_of};
use xuehui::files::pdf::sample;

/// The author uploads an approved-to-be final version of `n` pages.
pub async fn upload_final(app: &TestApp, c: &Client, paper: i64, n: u32) {
    let csrf = csrf_of(c, &app.at("/profile")).await;
    let form = Form::new().text("csrf", csrf).part(
        "pdf",
        Part::bytes(sample(n, "Final version", Some("Li Hua")))
            .file_name("f.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let res = c
        .post(app.at(&format!("/api/v1/submissions/{paper}/final")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Two accepted papers with approved finals (2 and 3 pages) and consent; returns the chair,
/// the author and the papers.
pub async fn scene(app: &TestApp) -> (Client, Client, Vec<i64>) {
    let chair = venue(app, "proc").await;
    let (_, author) = person(app, "li@proc.edu.cn", "李华", "Uni A").await;
    let mut papers = Vec::new();
    for (zh, en) in [("同行评议研究", "A Study of Peer Review"), ("学术会议评价", "")] {
        let res = submit_with(
            app,
            &author,
            "proc",
            &[("title_zh", zh), ("title_en", en)],
            &[("李华", "li@proc.edu.cn", "Uni A")],
            &[],
        )
        .await;
        papers.push(id_of(&res));
    }
    for p in &papers {
        assert_eq!(decide(app, &chair, *p, json!("accept_oral")).await.status(), 200);
    }
    notify_authors(app, &chair, "proc").await;
    let deadline = local(Duration::days(5));
    let res = chair
        .put(app.at("/api/v1/venues/proc/final-phase"))
        .json(&json!({"deadline": deadline, "licence": "cc_by_4_0"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    for (p, n) in papers.iter().zip([2, 3]) {
        upload_final(app, &author, *p, n).await;
        let res = author
            .post(app.at(&format!("/api/v1/submissions/{p}/final/consent")))
            .json(&json!({"name": "李华", "accept": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let res = chair
            .put(app.at(&format!("/api/v1/submissions/{p}/final/review")))
            .json(&json!({"verdict": "approve"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    (chair, author, papers)
}

/// The scene's volume (DOI `10.12345/proc.2026`) built and published (venue `proc`); returns the chair, the author and
/// the papers.
pub async fn published_volume(app: &TestApp) -> (Client, Client, Vec<i64>) {
    let (chair, author, papers) = scene(app).await;
    let details = json!({"title_zh": "2026 学术年会论文集", "title_en": "Proceedings of PROC 2026", "volume": "1",
        "publisher": "Science Press", "place": "Beijing", "year": 2027, "isbn": "978-0-306-40615-7",
        "doi": "10.12345/proc.2026"});
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings"))
        .json(&details)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = chair.post(app.at("/api/v1/venues/proc/proceedings/build")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    app.run_jobs().await;
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings/published"))
        .json(&json!({"published": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["volume"]["status"], "published");
    (chair, author, papers)
}
