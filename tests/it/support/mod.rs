//! Shared test helpers: a real xuehui on a loopback port with its own database.

pub mod catalogue;
pub mod db;
pub mod evaluation;
pub mod formats;
pub mod journal;
pub mod participation;
pub mod pdf;
pub mod proceedings;
pub mod review;
pub mod rows;
pub mod salon;
pub mod society;
pub mod upload;

use actix_web::{HttpServer, web};
use reqwest::Client;
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use tempfile::TempDir;

use xuehui::config::Config;
use xuehui::jobs::Worker;
use xuehui::web::AppState;

pub use db::TestDb;

/// A loopback port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Password used by test accounts.
pub const PASSWORD: &str = "correct horse battery";

/// A running service with a fresh database.
pub struct TestApp {
    /// Base URL, e.g. http://127.0.0.1:41234.
    pub url: String,
    /// The service state (database, config, templates).
    pub state: AppState,
    handle: actix_web::dev::ServerHandle,
    _db: Arc<TestDb>,
    dir: TempDir,
}

impl TestApp {
    /// Starts the service with test defaults.
    pub async fn new() -> TestApp {
        TestApp::with(|_| {}).await
    }

    /// Starts the service after `configure` has adjusted the configuration.
    pub async fn with(configure: impl FnOnce(&mut Config)) -> TestApp {
        // Errors (e.g. template failures) show up in the failing test's output.
        let filter = tracing_subscriber::EnvFilter::try_from_env("XUEHUI_LOG").unwrap_or_else(|_| "error".into());
        let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter(filter).try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Arc::new(TestDb::create(dir.path()));
        let mut config = test_config(dir.path(), &db.url);
        configure(&mut config);
        let state = AppState::new(config, false).expect("state");
        xuehui::server::migrate(&state).expect("migrations");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}");
        let (tx, rx) = std::sync::mpsc::channel();
        let data = web::Data::new(state.clone());
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || xuehui::web::app::build(data.clone()))
                    .workers(2)
                    // A busy CI machine must not turn slow test requests into 408s.
                    .client_request_timeout(std::time::Duration::from_secs(60))
                    .disable_signals()
                    .listen(listener)
                    .expect("listen")
                    .run();
                tx.send(server.handle()).unwrap();
                let _ = server.await;
            });
        });
        let handle = rx.recv().expect("server started");
        TestApp {
            url,
            state,
            handle,
            _db: db,
            dir,
        }
    }

    /// The data folder of this instance.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// A browser-like client with its own cookie jar, not following redirects.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // Below the server's keep-alive (5 s): a POST on a pooled connection the server is
            // closing fails instead of being retried, which a busy machine made happen.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .build()
            .unwrap()
    }

    /// Like [`TestApp::client`], but connecting from another loopback address (e.g.
    /// `127.0.0.2`), so the service sees a different client (it takes the TCP peer address).
    pub fn client_from(&self, ip: &str) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // Below the server's keep-alive (5 s): a POST on a pooled connection the server is
            // closing fails instead of being retried, which a busy machine made happen.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .local_address(ip.parse::<std::net::IpAddr>().expect("an IP address"))
            .build()
            .unwrap()
    }

    /// Absolute URL of `path`.
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// A worker on this instance's queue with the standard handlers.
    pub fn worker(&self) -> Worker {
        xuehui::server::worker(&self.state).expect("worker")
    }

    /// Runs every due job once (mail delivery etc.).
    pub async fn run_jobs(&self) -> usize {
        self.worker().drain().await.expect("jobs run")
    }

    /// Creates a verified account directly (bypassing mail), optionally with a site-admin role.
    pub fn user(&self, email: &str, site_admin: bool) -> i64 {
        use xuehui::auth::validate::{ProfileInput, SignupInput, signup};
        let input = SignupInput {
            email: email.into(),
            password: PASSWORD.into(),
            profile: ProfileInput {
                name_latin: format!("Test {email}"),
                ..Default::default()
            },
        };
        let account = signup(&input).expect("valid account");
        let hash = xuehui::auth::password::hash(PASSWORD, self.state.config.argon2_memory_kib).unwrap();
        let mut conn = self.state.db.conn().unwrap();
        let user = xuehui::auth::store::create(&mut conn, &account, &hash, true).expect("user created");
        if site_admin {
            xuehui::auth::roles::grant(
                &mut conn,
                user.id,
                xuehui::auth::roles::Role::SiteAdmin,
                xuehui::auth::roles::Scope::Site,
                0,
            )
            .unwrap();
        }
        user.id
    }

    /// Logs `client` in through the JSON API.
    pub async fn api_login(&self, client: &Client, email: &str) {
        api_login_at(client, &self.url, email).await;
    }

    /// `xuehui` as a child process on this instance's database, secret key (so session cookies
    /// are valid in both) and bucket, with `data_dir` as its data folder.
    pub fn xuehui_command(&self, data_dir: &std::path::Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_xuehui"));
        cmd.env("XUEHUI_DATA_DIR", data_dir)
            .env("XUEHUI_DATABASE_URL", &self.state.config.database_url)
            .env("XUEHUI_SECRET_KEY", self.state.config.secret_key.expose())
            .envs(s3_env(&self.state.config));
        cmd
    }

    /// Logs `client` in through the login page, as a browser would.
    pub async fn page_login(&self, client: &Client, email: &str, password: &str) -> reqwest::Response {
        let csrf = csrf_of(client, &self.at("/login")).await;
        client
            .post(self.at("/login"))
            .form(&[("csrf", csrf.as_str()), ("email", email), ("password", password), ("next", "/")])
            .send()
            .await
            .unwrap()
    }

    /// The newest outbox mail to `addr`: (subject, body).
    pub fn last_mail_to(&self, addr: &str) -> Option<(String, String)> {
        self.mails_to(addr).into_iter().next()
    }

    /// Every outbox mail to `addr`, newest first: (subject, body).
    pub fn mails_to(&self, addr: &str) -> Vec<(String, String)> {
        let mut conn = self.state.db.conn().unwrap();
        xuehui::mail::outbox::to_address(&mut conn, addr)
            .unwrap()
            .into_iter()
            .map(|m| (m.subject, m.body_text))
            .collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting connections; the server thread ends with it.
        let handle = self.handle.clone();
        std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false)));
    }
}

/// Logs `client` in through the session API of the process at `base`.
pub async fn api_login_at(client: &Client, base: &str, email: &str) {
    let res = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "login failed: {}", res.text().await.unwrap());
}

/// Test configuration: fast password hashing and retries, mail to files.
pub fn test_config(dir: &std::path::Path, db_url: &str) -> Config {
    let mut c = Config::defaults(dir);
    c.database_url = db_url.to_string();
    c.secret_key = xuehui::config::Secret::new("t".repeat(64));
    c.argon2_memory_kib = 1024;
    c.db_pool_size = 8;
    c.jobs.poll_interval_ms = 50;
    c.jobs.backoff_base_ms = 100;
    c.jobs.backoff_max_ms = 500;
    c.jobs.in_process_worker = false;
    c.s3 = test_bucket(dir);
    c
}

/// The bucket for uploaded files when `XUEHUI_TEST_S3_ENDPOINT` names an S3-compatible server
/// (`scripts/test` starts one for the PostgreSQL run): each test gets its own key prefix.
pub fn test_bucket(dir: &std::path::Path) -> Option<xuehui::config::S3Config> {
    let endpoint = std::env::var("XUEHUI_TEST_S3_ENDPOINT").ok().filter(|e| !e.is_empty())?;
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    let test = dir.file_name().and_then(|n| n.to_str()).unwrap_or("test").trim_start_matches('.');
    Some(xuehui::config::S3Config {
        bucket: var("XUEHUI_TEST_S3_BUCKET", "xuehui-test"),
        endpoint: Some(endpoint),
        region: "us-east-1".into(),
        access_key_id: var("XUEHUI_TEST_S3_ACCESS_KEY", "xuehui-test"),
        secret_access_key: xuehui::config::Secret::new(var("XUEHUI_TEST_S3_SECRET_KEY", "xuehui-test-secret")),
        path_style: true,
        prefix: format!("t{}", test.to_lowercase()),
        presigned_downloads: false,
        presign_secs: 300,
    })
}

/// Settings of a bucket nobody answers for (nothing listens on port 9): a store outage.
pub fn unreachable_bucket() -> xuehui::config::S3Config {
    xuehui::config::S3Config {
        bucket: "papers".into(),
        endpoint: Some("http://127.0.0.1:9".into()),
        region: "us-east-1".into(),
        access_key_id: "id".into(),
        secret_access_key: xuehui::config::Secret::new("secret"),
        path_style: true,
        prefix: String::new(),
        presigned_downloads: false,
        presign_secs: 300,
    }
}

/// The `XUEHUI_S3_*` settings a child `xuehui` process needs to share `config`'s bucket.
pub fn s3_env(config: &Config) -> Vec<(&'static str, String)> {
    let Some(s3) = &config.s3 else {
        return Vec::new();
    };
    vec![
        ("XUEHUI_S3_BUCKET", s3.bucket.clone()),
        ("XUEHUI_S3_ENDPOINT", s3.endpoint.clone().unwrap_or_default()),
        ("XUEHUI_S3_REGION", s3.region.clone()),
        ("XUEHUI_S3_ACCESS_KEY_ID", s3.access_key_id.clone()),
        ("XUEHUI_S3_SECRET_ACCESS_KEY", s3.secret_access_key.expose().to_string()),
        ("XUEHUI_S3_PREFIX", s3.prefix.clone()),
    ]
}

/// Fetches a page and returns the CSRF token of its first form.
pub async fn csrf_of(client: &Client, url: &str) -> String {
    let html = client.get(url).send().await.unwrap().text().await.unwrap();
    extract_csrf(&html).unwrap_or_else(|| panic!("no csrf token on {url}: {}", &html[..html.len().min(2000)]))
}

/// The value of the first `name="csrf"` input in `html`.
pub fn extract_csrf(html: &str) -> Option<String> {
    let i = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[i..];
    Some(rest[..rest.find('"')?].to_string())
}

/// The first http(s) link in a mail body.
pub fn link_in(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"))
        .expect("a link in the mail")
        .to_string()
}

/// Parses a JSON response body.
pub async fn json_of(res: reqwest::Response) -> Value {
    let text = res.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The HTML of a page fetched by `client` in language `lang` (`en` or `zh-CN`).
pub async fn page_text(app: &TestApp, client: &Client, path: &str, lang: &str) -> String {
    client
        .get(app.at(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The text of a PDF as `pdftotext` reads it; `None` without poppler-utils.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str()?, "-"])
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
