//! The file store as users meet it, against the store the test run uses (the local folder on
//! SQLite, the S3-compatible bucket on PostgreSQL): downloads, presigned redirects, and
//! `xuehui backup-files` / `xuehui restore-files`.

use crate::support::TestApp;
use xuehui::files::pdf::sample;

fn xuehui(app: &TestApp, args: &[&str]) -> String {
    let out = app.xuehui_command(&app.data_dir()).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "xuehui {args:?}: {text}");
    text
}

#[tokio::test]
async fn a_backup_of_the_stored_files_is_incremental_and_brings_a_lost_file_back() {
    let app = TestApp::new().await;
    let store = app.state.files.clone();
    let paper = store.put_bytes(b"%PDF-1.7 a paper").unwrap();
    let review = store.put_bytes(b"a review attachment").unwrap();
    let dir = app.data_dir().join("backup");
    let dir_arg = dir.to_str().unwrap();

    let said = xuehui(&app, &["backup-files", dir_arg]);
    assert!(said.contains("2 files copied"), "{said}");
    assert_eq!(std::fs::read(dir.join(&paper[..2]).join(&paper)).unwrap(), b"%PDF-1.7 a paper");
    let said = xuehui(&app, &["backup-files", dir_arg]);
    assert!(said.contains("0 files copied") && said.contains("2 already there"), "{said}");

    // The paper is lost from the store (a deleted object, a broken disk): the backup restores it.
    match store.bucket() {
        Some(bucket) => bucket.delete_blocking(&paper).unwrap(),
        None => std::fs::remove_file(store.path_of(&paper)).unwrap(),
    }
    assert!(!store.exists_blocking(&paper).unwrap());
    let said = xuehui(&app, &["restore-files", dir_arg]);
    assert!(said.contains("1 files stored") && said.contains("1 already there"), "{said}");
    assert_eq!(store.read_blocking(&paper).unwrap(), b"%PDF-1.7 a paper");
    assert_eq!(store.read_blocking(&review).unwrap(), b"a review attachment");
}

/// An author's submission with a PDF: (client logged in, submission id, file id, the bytes).
async fn submitted(app: &TestApp) -> (reqwest::Client, i64, i64, Vec<u8>) {
    crate::support::review::venue(app, "files").await;
    app.user("author@example.org", false);
    let author = app.client();
    app.api_login(&author, "author@example.org").await;
    let pdf = sample(2, "Stored paper", None);
    let (id, file) = crate::support::upload::submit_paper(&author, &app.url, "files", "author@example.org", &pdf).await;
    (author, id, file, pdf)
}

#[tokio::test]
async fn a_download_comes_whole_with_its_name_and_a_repeat_with_the_same_tag_is_not_modified() {
    let app = TestApp::new().await;
    let (author, id, file, pdf) = submitted(&app).await;
    let url = app.at(&format!("/submissions/{id}/files/{file}"));
    let res = author.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains(&format!("submission-1-file-{file}.pdf")), "{disposition}");
    let tag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);
    let again = author.get(&url).header("if-none-match", &tag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    // Another account gets nothing, whatever the store.
    app.user("other@example.org", false);
    let other = app.client();
    app.api_login(&other, "other@example.org").await;
    assert_eq!(other.get(&url).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn with_presigned_downloads_a_reader_is_sent_to_a_short_lived_bucket_url() {
    let app = TestApp::with(|c| {
        if let Some(s3) = &mut c.s3 {
            s3.presigned_downloads = true;
            s3.presign_secs = 60;
        }
    })
    .await;
    if app.state.files.bucket().is_none() {
        eprintln!("NOTICE: presigned downloads are skipped: XUEHUI_TEST_S3_ENDPOINT is not set");
        return;
    }
    let (author, id, file, pdf) = submitted(&app).await;
    let res = author.get(app.at(&format!("/submissions/{id}/files/{file}"))).send().await.unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.contains("X-Amz-Expires=60") && location.contains("X-Amz-Signature="),
        "{location}"
    );
    let direct = reqwest::get(&location).await.unwrap();
    assert_eq!(direct.status(), 200, "the bucket honours its own signature");
    assert_eq!(direct.bytes().await.unwrap().to_vec(), pdf);
    // The URL is the permission: changed by one character it is refused.
    let forged = location.replace("X-Amz-Expires=60", "X-Amz-Expires=99");
    assert_eq!(reqwest::get(&forged).await.unwrap().status(), 403);
    // Logging in is still what gets a reader there.
    let stranger = app.client();
    assert_ne!(
        stranger
            .get(app.at(&format!("/submissions/{id}/files/{file}")))
            .send()
            .await
            .unwrap()
            .status(),
        302
    );
}

#[tokio::test]
async fn with_the_bucket_down_an_upload_is_refused_as_unavailable_and_nothing_is_saved() {
    let app = TestApp::with(|c| {
        c.s3 = Some(crate::support::unreachable_bucket());
    })
    .await;
    crate::support::review::venue(&app, "files").await;
    app.user("author@example.org", false);
    let author = app.client();
    app.api_login(&author, "author@example.org").await;
    let token = crate::support::upload::api_token(&author, &app.url).await;
    let form = crate::support::upload::paper_form("author@example.org", &sample(1, "Outage", None));
    let res = crate::support::upload::post_paper(&app.url, "files", &token, form).await;
    assert_eq!(res.status(), 503);
    assert!(res.headers().contains_key("retry-after"));
    let body = crate::support::json_of(res).await;
    assert_eq!(body["error"], "unavailable", "{body}");
    use diesel::prelude::*;
    use xuehui::db::schema::{files, submissions};
    let mut conn = app.state.db.conn().unwrap();
    let rows: (i64, i64) = (
        submissions::table.count().get_result(&mut conn).unwrap(),
        files::table.count().get_result(&mut conn).unwrap(),
    );
    assert_eq!(rows, (0, 0), "nothing half-saved");
    let staged = std::fs::read_dir(app.state.files.tmp_dir()).map(|d| d.count()).unwrap_or(0);
    assert_eq!(staged, 0, "the received bytes are not left behind");
}
