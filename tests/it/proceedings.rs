//! Proceedings: chairs build a volume from the approved final versions (front matter, papers
//! with the volume's page numbers, author index), publish it, and each paper's public page
//! then says how to cite it. Unpublished volumes are the chairs' alone.

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::pdf::pages;
use crate::support::proceedings::scene;
use crate::support::review::person;
use crate::support::{TestApp, csrf_of, json_of};

async fn get(c: &Client, url: String) -> (u16, Vec<u8>) {
    let res = c.get(url).send().await.unwrap();
    (res.status().as_u16(), res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn chairs_build_and_publish_a_volume_and_papers_gain_their_citation() {
    let app = TestApp::new().await;
    let (chair, author, papers) = scene(&app).await;
    let anon = app.client();
    assert_eq!(get(&anon, app.at("/api/v1/venues/proc/proceedings")).await.0, 404);
    // Building needs the details first, and they are checked.
    assert_eq!(
        chair
            .post(app.at("/api/v1/venues/proc/proceedings/build"))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    let details = json!({"title_zh": "2026 学术年会论文集", "title_en": "Proceedings of PROC 2026", "volume": "1",
        "publisher": "Science Press", "place": "Beijing", "year": 2027, "isbn": "978-0-306-40615-8",
        "preface_zh": "欢迎。\n\n谢谢。", "preface_en": "Welcome."});
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings"))
        .json(&details)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["isbn"].is_string());
    let mut details = details;
    details["isbn"] = json!("978-0-306-40615-7");
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings"))
        .json(&details)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        author
            .put(app.at("/api/v1/venues/proc/proceedings"))
            .json(&details)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        author
            .post(app.at("/api/v1/venues/proc/proceedings/build"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    let res = chair.post(app.at("/api/v1/venues/proc/proceedings/build")).send().await.unwrap();
    assert_eq!(json_of(res).await["volume"]["status"], "building");
    app.run_jobs().await;
    let v: Value = json_of(chair.get(app.at("/api/v1/venues/proc/proceedings")).send().await.unwrap()).await;
    assert_eq!(v["volume"]["status"], "built", "{}", v["volume"]["error"]);
    assert_eq!(v["stale"], false);
    let lines = v["contents"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["first_page"].as_i64(), lines[0]["last_page"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(
        (lines[1]["first_page"].as_i64(), lines[1]["last_page"].as_i64()),
        (Some(3), Some(5))
    );
    let total = v["volume"]["pages"].as_i64().unwrap();

    // Built but not published: the chairs' alone.
    let (status, pdf) = get(&chair, app.at("/venues/proc/proceedings/volume.pdf")).await;
    assert_eq!(status, 200);
    assert_eq!(pages(&pdf) as i64, total);
    assert!(total > 5 + 2, "front matter and index around the 5 paper pages: {total}");
    for url in [
        "/venues/proc/proceedings/volume.pdf",
        "/venues/proc/proceedings/papers.zip",
        "/venues/proc/proceedings",
        "/venues/proc/proceedings/papers/1/paper.pdf",
    ] {
        assert_eq!(get(&anon, app.at(url)).await.0, 404, "{url}");
        assert_eq!(get(&author, app.at(url)).await.0, 404, "{url}");
    }
    let public = json_of(anon.get(app.at("/api/v1/venues/proc/papers/2")).send().await.unwrap()).await;
    assert!(public["citation"].is_null());

    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings/published"))
        .json(&json!({"published": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["volume"]["status"], "published");
    let (status, pdf) = get(&anon, app.at("/venues/proc/proceedings/volume.pdf")).await;
    assert_eq!((status, pages(&pdf) as i64), (200, total));
    let (status, single) = get(&anon, app.at("/venues/proc/proceedings/papers/2/paper.pdf")).await;
    assert_eq!((status, pages(&single)), (200, 3));
    let (status, zip) = get(&anon, app.at("/venues/proc/proceedings/papers.zip")).await;
    assert_eq!(status, 200);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), 2);
    // The paper's public page: pages in the volume and how to cite it.
    let public = json_of(anon.get(app.at("/api/v1/venues/proc/papers/2")).send().await.unwrap()).await;
    assert_eq!(public["citation"]["first_page"], 3);
    assert!(
        public["citation"]["gbt7714"].as_str().unwrap().contains("[C]//2026 学术年会论文集"),
        "{public}"
    );
    assert!(public["citation"]["bibtex"].as_str().unwrap().contains("pages = {3--5}"));
    let page = anon
        .get(app.at("/venues/proc/papers/2"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"citation\"") && page.contains("id=\"pages\""), "{page}");
    assert!(public["cite"]["english"].as_str().unwrap().ends_with(", 3–5."), "{public}");
    let venue_page = anon.get(app.at("/venues/proc")).send().await.unwrap().text().await.unwrap();
    assert!(venue_page.contains("/venues/proc/proceedings\""), "the venue page links the volume");
    // The public paper PDF is the stamped one.
    let (_, paper_pdf) = get(&anon, app.at("/venues/proc/papers/2/paper.pdf")).await;
    assert_eq!(paper_pdf, single);
    // Search finds the volume's papers by its title.
    app.run_jobs().await;
    let found = json_of(anon.get(app.at("/api/v1/search?q=PROC")).send().await.unwrap()).await;
    let ids: Vec<i64> = found["hits"].as_array().unwrap().iter().filter_map(|h| h["id"].as_i64()).collect();
    assert!(papers.iter().all(|p| ids.contains(p)), "{found}");
    // A change after the build marks the volume stale for the chairs.
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings"))
        .json(&details)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["stale"], true);
}

#[tokio::test]
async fn the_signed_consent_form_is_a_pdf_for_the_papers_authors_and_chairs_only() {
    let app = TestApp::new().await;
    let (chair, author, papers) = scene(&app).await;
    let (_, stranger) = person(&app, "x@else.org", "路人", "Elsewhere").await;
    let url = app.at(&format!("/submissions/{}/final/consent.pdf", papers[0]));
    for c in [&author, &chair] {
        let (status, pdf) = get(c, url.clone()).await;
        assert_eq!(status, 200);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pages(&pdf) >= 1);
    }
    assert_eq!(get(&stranger, url.clone()).await.0, 404);
    assert!(matches!(get(&app.client(), url).await.0, 303 | 401 | 404));
}

#[tokio::test]
async fn the_final_version_and_proceedings_pages_read_in_both_languages() {
    let app = TestApp::new().await;
    let (chair, author, papers) = scene(&app).await;
    for lang in ["zh-CN", "en"] {
        for (c, path) in [
            (&chair, "/venues/proc/finals".to_string()),
            (&chair, "/venues/proc/finals?status=approved".to_string()),
            (&chair, "/venues/proc/finals/settings".to_string()),
            (&chair, "/venues/proc/proceedings".to_string()),
            (&chair, format!("/submissions/{}/final", papers[0])),
            (&author, format!("/submissions/{}/final", papers[0])),
            (&author, format!("/submissions/{}", papers[0])),
        ] {
            let res = c.get(app.at(&path)).header("accept-language", lang).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path} in {lang}");
            let html = res.text().await.unwrap();
            // A message key is the area's name, a dot and a lower-case word.
            let key = ["finals.", "proceedings."].into_iter().find(|k| {
                html.match_indices(k)
                    .any(|(i, _)| html[i + k.len()..].starts_with(|c: char| c.is_ascii_lowercase()))
            });
            assert!(key.is_none(), "{path} in {lang} shows a message key {key:?}");
        }
    }
    let zh = crate::support::page_text(&app, &chair, "/venues/proc/finals", "zh-CN").await;
    assert!(zh.contains("终稿一览") && zh.contains("已批准"), "{zh}");
    // A bad filter says which, on the page.
    let res = chair
        .get(app.at("/venues/proc/finals?status=lost"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Unknown status"));
    // The details form keeps what was typed and names the wrong field.
    let csrf = csrf_of(&chair, &app.at("/venues/proc/proceedings")).await;
    let res = chair
        .post(app.at("/venues/proc/proceedings"))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("title_en", "Kept title"), ("year", "20x7")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Kept title") && html.contains("between 1900 and 2200"), "{html}");
    // The phase form re-renders with its error too.
    let csrf = csrf_of(&chair, &app.at("/venues/proc/finals/settings")).await;
    let res = chair
        .post(app.at("/venues/proc/finals/settings"))
        .header("accept-language", "zh-CN")
        .form(&[
            ("csrf", csrf.as_str()),
            ("deadline", "tomorrow"),
            ("licence", "cc_by_4_0"),
            ("template_name", "模板甲"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("模板甲"), "what was typed stays");
}

#[tokio::test]
async fn the_chairs_download_the_crossref_deposit_of_the_published_volume_with_a_doi_per_paper() {
    use crate::support::formats::assert_crossref_valid;
    let app = TestApp::new().await;
    let (chair, author, _) = crate::support::proceedings::published_volume(&app).await;
    let res = chair.get(app.at("/api/v1/venues/proc/proceedings/crossref")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    let xml = res.text().await.unwrap();
    assert_eq!(xml.matches("<conference_paper ").count(), 2, "{xml}");
    for doi in ["10.12345/proc.2026", "10.12345/proc.2026.1", "10.12345/proc.2026.2"] {
        assert!(xml.contains(&format!("<doi>{doi}</doi>")), "{doi}: {xml}");
    }
    assert!(
        xml.contains("<original_language_title language=\"zh\">同行评议研究</original_language_title>"),
        "{xml}"
    );
    let page = chair.get(app.at("/venues/proc/proceedings/crossref.xml")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let from_page = page.text().await.unwrap();
    assert_crossref_valid(&[&xml, &from_page]);
    let html = chair
        .get(app.at("/venues/proc/proceedings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("/venues/proc/proceedings/crossref.xml"), "the chairs' page links it");

    // The paper's own DOI is in how to cite it.
    let public = json_of(app.client().get(app.at("/api/v1/venues/proc/papers/1")).send().await.unwrap()).await;
    assert!(
        public["cite"]["bibtex"].as_str().unwrap().contains("10.12345/proc.2026.1"),
        "{public}"
    );

    // Only the chairs; only once published; only with a DOI.
    for c in [&author, &app.client()] {
        let status = c
            .get(app.at("/api/v1/venues/proc/proceedings/crossref"))
            .send()
            .await
            .unwrap()
            .status();
        assert!(status == 404 || status == 401, "{status}");
        assert_ne!(
            c.get(app.at("/venues/proc/proceedings/crossref.xml"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    let res = chair
        .put(app.at("/api/v1/venues/proc/proceedings/published"))
        .json(&json!({"published": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = chair.get(app.at("/api/v1/venues/proc/proceedings/crossref")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().starts_with("Publish the volume"));
}
