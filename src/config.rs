//! Typed settings: defaults, then a TOML file, then `XUEHUI_*` environment variables.
//! Secrets are wrapped in [`Secret`] so that they never appear in logs or `Debug` output.

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// A string that must never be printed.
#[derive(Clone, Deserialize, Default, PartialEq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How mail leaves the service.
#[derive(Debug, Clone, PartialEq)]
pub enum MailTransport {
    /// One `.eml` file per mail in this folder (the default).
    File(PathBuf),
    /// An SMTP relay.
    Smtp(SmtpConfig),
}

/// Transport security for SMTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text (only for a relay on localhost).
    None,
    /// Upgrade with STARTTLS (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// SMTP relay settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SmtpConfig {
    /// Host name of the relay.
    pub host: String,
    /// Port, 587 by default.
    pub port: u16,
    /// Transport security.
    pub tls: SmtpTls,
    /// Login name, if the relay wants one.
    pub username: Option<String>,
    /// Password for `username`.
    pub password: Option<Secret>,
    /// Seconds before a connection attempt gives up.
    pub timeout_secs: u64,
}

/// Job queue tuning.
#[derive(Debug, Clone, PartialEq)]
pub struct JobsConfig {
    /// Whether `serve` runs a worker in its own process.
    pub in_process_worker: bool,
    /// How often an idle worker looks for work.
    pub poll_interval_ms: u64,
    /// First retry delay; doubles with every failed try.
    pub backoff_base_ms: u64,
    /// Longest retry delay.
    pub backoff_max_ms: u64,
    /// Tries before a job is parked as failed.
    pub max_attempts: i32,
    /// How long a claimed job is reserved for its worker (renewed by its heartbeat).
    pub lease_secs: i64,
    /// How often a running worker records that it lives (`XUEHUI_JOB_HEARTBEAT_SECS`).
    pub heartbeat_secs: u64,
    /// After how long without a heartbeat a worker counts as dead and its jobs are freed
    /// (`XUEHUI_JOB_DEAD_AFTER_SECS`).
    pub dead_after_secs: i64,
}

/// Clean-up of the file store.
#[derive(Debug, Clone, PartialEq)]
pub struct FilesConfig {
    /// Age after which a stored file no row refers to, or a temporary upload, is removed; longer
    /// than any transaction (`XUEHUI_FILES_ORPHAN_AGE_SECS`).
    pub orphan_age_secs: u64,
    /// How often the sweep runs while the service runs (`XUEHUI_FILES_SWEEP_INTERVAL_SECS`).
    pub sweep_interval_secs: u64,
}

/// An S3-compatible bucket holding the uploaded files (the cluster storage backend).
#[derive(Debug, Clone)]
pub struct S3Config {
    /// Bucket name (`XUEHUI_S3_BUCKET`; setting it selects this backend).
    pub bucket: String,
    /// Endpoint of a self-hosted store, e.g. `http://127.0.0.1:9000` (`XUEHUI_S3_ENDPOINT`);
    /// empty for Amazon S3 itself.
    pub endpoint: Option<String>,
    /// Region (`XUEHUI_S3_REGION`, default `us-east-1`).
    pub region: String,
    /// Access key id (`XUEHUI_S3_ACCESS_KEY_ID`).
    pub access_key_id: String,
    /// Secret access key (`XUEHUI_S3_SECRET_ACCESS_KEY`).
    pub secret_access_key: Secret,
    /// Path-style addressing, `endpoint/bucket/key` (`XUEHUI_S3_PATH_STYLE`; default: on when an
    /// endpoint is set, as self-hosted stores want).
    pub path_style: bool,
    /// Prefix of every key, so several installations can share a bucket (`XUEHUI_S3_PREFIX`).
    pub prefix: String,
    /// Answer downloads with a redirect to a short-lived presigned URL instead of streaming
    /// the bytes through the web process (`XUEHUI_S3_PRESIGNED_DOWNLOADS`).
    pub presigned_downloads: bool,
    /// Lifetime of a presigned URL in seconds (`XUEHUI_S3_PRESIGN_SECS`, default 300).
    pub presign_secs: u64,
}

/// Login rate limits.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginLimits {
    /// Failed logins per (account, client address) pair within the window before that pair is
    /// locked out; the account stays open to other clients.
    pub per_account: i64,
    /// Failed logins per client address (any account) within the window.
    pub per_ip: i64,
    /// Window length in seconds.
    pub window_secs: i64,
    /// Failed logins per account from all clients within the window after which every further
    /// failure is answered only after `account_slowdown_ms` (a delay, never a lock).
    pub account_slowdown_after: i64,
    /// That delay in milliseconds (0 turns it off).
    pub account_slowdown_ms: u64,
}

/// The complete configuration of one process.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address `serve` listens on.
    pub bind: String,
    /// Folder for the SQLite database, mail files, uploads and the secret key.
    pub data_dir: PathBuf,
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// Public URL used in mailed links.
    pub base_url: String,
    /// Maximum pooled database connections.
    pub db_pool_size: u32,
    /// How long `serve` and `worker` keep trying to reach the database at start, in seconds.
    pub database_wait_secs: u64,
    /// Where the Tera templates are.
    pub templates_dir: PathBuf,
    /// Where CSS and other static files are.
    pub static_dir: PathBuf,
    /// Extra folder of fonts for the PDFs we typeset (system font folders are always searched).
    pub fonts_dir: Option<PathBuf>,
    /// Key for signing cookies and tokens (64 bytes hex).
    pub secret_key: Secret,
    /// Sender address of every mail.
    pub mail_from: String,
    /// How mail is delivered.
    pub mail: MailTransport,
    /// Job queue settings.
    pub jobs: JobsConfig,
    /// Login rate limits.
    pub login_limits: LoginLimits,
    /// Password hashing strength (argon2 memory in KiB); lowered only in tests.
    pub argon2_memory_kib: u32,
    /// Meilisearch server to use instead of the embedded search engine.
    pub meili: Option<MeiliConfig>,
    /// Folder of the search index settings (`search/*.json`).
    pub search_settings_dir: PathBuf,
    /// What an uploaded PDF may expand to (`XUEHUI_PDF_MAX_EXPANDED_MB`) and how many objects
    /// it may have (`XUEHUI_PDF_MAX_OBJECTS`).
    pub pdf: crate::files::pdf::Limits,
    /// Clean-up of the file store.
    pub files: FilesConfig,
    /// The bucket for uploaded files; `None` keeps them in `<data dir>/files`.
    pub s3: Option<S3Config>,
    /// Several processes share this installation (`XUEHUI_CLUSTER=true`): start-up refuses
    /// settings that only work in one process (see `crate::cluster`).
    pub cluster: bool,
    /// The Crossref account deposits go to; `None` leaves deposits to be downloaded.
    pub crossref: Option<CrossrefConfig>,
    /// The PDF text reader for integrity checks (`XUEHUI_PDFTOTEXT`, poppler's `pdftotext`
    /// found on `PATH` by default).
    pub pdftotext: String,
}

/// A Crossref member account for depositing DOIs.
#[derive(Debug, Clone)]
pub struct CrossrefConfig {
    /// Base URL (`XUEHUI_CROSSREF_URL`): `https://doi.crossref.org`, or
    /// `https://test.crossref.org` for Crossref's test system.
    pub url: String,
    /// Login (`XUEHUI_CROSSREF_LOGIN`; setting it enables deposits), e.g. `user@example.org/role`.
    pub login: String,
    /// Password (`XUEHUI_CROSSREF_PASSWORD`).
    pub password: Secret,
}

/// A Meilisearch server.
#[derive(Debug, Clone)]
pub struct MeiliConfig {
    /// Base URL, e.g. `http://127.0.0.1:7700`.
    pub url: String,
    /// API key (master or an admin key), if the server has one.
    pub key: Option<Secret>,
    /// Prefix of the index names, so several installations can share a server.
    pub index_prefix: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    bind: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    base_url: Option<String>,
    db_pool_size: Option<u32>,
    database_wait_secs: Option<u64>,
    templates_dir: Option<PathBuf>,
    static_dir: Option<PathBuf>,
    fonts_dir: Option<PathBuf>,
    secret_key: Option<Secret>,
    mail_from: Option<String>,
    smtp: Option<FileSmtp>,
    jobs: Option<FileJobs>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSmtp {
    host: Option<String>,
    port: Option<u16>,
    tls: Option<SmtpTls>,
    username: Option<String>,
    password: Option<Secret>,
    timeout_secs: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJobs {
    in_process_worker: Option<bool>,
    poll_interval_ms: Option<u64>,
    backoff_base_ms: Option<u64>,
    max_attempts: Option<i32>,
}

/// Where `XUEHUI_*` settings come from: the process environment, or a map in tests.
pub type EnvSource<'a> = &'a dyn Fn(&str) -> Option<String>;

fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn env_parse<T: std::str::FromStr>(env: EnvSource, name: &str) -> anyhow::Result<Option<T>>
where
    T::Err: fmt::Display,
{
    match env(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse::<T>()
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{name}={v:?} is invalid: {e}")),
    }
}

/// The folder holding `templates/`, `static/` and `locales/`: the working directory when it has
/// them, else the source checkout the binary was built from.
fn resource_dir(name: &str) -> PathBuf {
    let local = PathBuf::from(name);
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
    }
}

impl Config {
    /// Defaults for a data folder, without reading the file or the environment (used by tests).
    pub fn defaults(data_dir: &Path) -> Config {
        Config {
            bind: "127.0.0.1:8080".into(),
            data_dir: data_dir.to_path_buf(),
            database_url: format!("sqlite://{}", data_dir.join("xuehui.db").display()),
            base_url: "http://127.0.0.1:8080".into(),
            db_pool_size: 16,
            database_wait_secs: 60,
            templates_dir: resource_dir("templates"),
            static_dir: resource_dir("static"),
            fonts_dir: None,
            secret_key: Secret::default(),
            mail_from: "xuehui <noreply@xuehui.localhost>".into(),
            mail: MailTransport::File(data_dir.join("mail")),
            jobs: JobsConfig {
                in_process_worker: true,
                poll_interval_ms: 500,
                backoff_base_ms: 10_000,
                backoff_max_ms: 3_600_000,
                max_attempts: 8,
                lease_secs: 300,
                heartbeat_secs: 5,
                dead_after_secs: 30,
            },
            login_limits: LoginLimits {
                per_account: 5,
                per_ip: 30,
                window_secs: 900,
                account_slowdown_after: 50,
                account_slowdown_ms: 1000,
            },
            argon2_memory_kib: 19 * 1024,
            meili: None,
            search_settings_dir: resource_dir("search"),
            pdf: crate::files::pdf::Limits::default(),
            files: FilesConfig {
                orphan_age_secs: 3600,
                sweep_interval_secs: 3600,
            },
            s3: None,
            cluster: false,
            crossref: None,
            pdftotext: "pdftotext".into(),
        }
    }

    /// Loads defaults, then `file` (if any), then the environment; then the secret key.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        Config::load_with(file, &process_env)
    }

    /// Like [`Config::load`], reading variables from `env_source`.
    pub fn load_with(file: Option<&Path>, env_source: EnvSource) -> anyhow::Result<Config> {
        let env = |name: &str| env_source(name).filter(|v| !v.trim().is_empty());
        let file_cfg: FileConfig = match file {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("cannot read config file {}: {e}", p.display()))?;
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("config file {} is invalid: {e}", p.display()))?
            }
            None => FileConfig::default(),
        };
        let data_dir = env("XUEHUI_DATA_DIR")
            .map(PathBuf::from)
            .or(file_cfg.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("./data"));
        let mut c = Config::defaults(&data_dir);
        if let Some(v) = env("XUEHUI_BIND").or(file_cfg.bind) {
            c.bind = v;
        }
        c.base_url = format!("http://{}", c.bind);
        if let Some(v) = env("XUEHUI_BASE_URL").or(file_cfg.base_url) {
            c.base_url = v.trim_end_matches('/').to_string();
        }
        if let Some(v) = env("XUEHUI_DATABASE_URL").or(file_cfg.database_url) {
            c.database_url = v;
        }
        crate::db::Backend::from_url(&c.database_url)?;
        if let Some(v) = env_parse::<u32>(&env, "XUEHUI_DB_POOL_SIZE")?.or(file_cfg.db_pool_size) {
            c.db_pool_size = v.max(1);
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_DATABASE_WAIT_SECS")?.or(file_cfg.database_wait_secs) {
            c.database_wait_secs = v;
        }
        if let Some(v) = env("XUEHUI_TEMPLATES_DIR").map(PathBuf::from).or(file_cfg.templates_dir) {
            c.templates_dir = v;
        }
        if let Some(v) = env("XUEHUI_STATIC_DIR").map(PathBuf::from).or(file_cfg.static_dir) {
            c.static_dir = v;
        }
        if let Some(v) = env("XUEHUI_FONTS_DIR").map(PathBuf::from).or(file_cfg.fonts_dir) {
            c.fonts_dir = Some(v);
        }
        if let Some(v) = env("XUEHUI_MAIL_FROM").or(file_cfg.mail_from) {
            c.mail_from = v;
        }
        let fs = file_cfg.smtp.unwrap_or_default();
        if let Some(host) = env("XUEHUI_SMTP_HOST").or(fs.host) {
            let tls = match env("XUEHUI_SMTP_TLS") {
                Some(v) => match v.to_ascii_lowercase().as_str() {
                    "none" => SmtpTls::None,
                    "starttls" => SmtpTls::Starttls,
                    "tls" => SmtpTls::Tls,
                    other => anyhow::bail!("XUEHUI_SMTP_TLS={other:?} is invalid: use none, starttls or tls"),
                },
                None => fs.tls.unwrap_or(SmtpTls::Starttls),
            };
            let default_port = match tls {
                SmtpTls::Tls => 465,
                SmtpTls::Starttls => 587,
                SmtpTls::None => 25,
            };
            c.mail = MailTransport::Smtp(SmtpConfig {
                host,
                port: env_parse::<u16>(&env, "XUEHUI_SMTP_PORT")?.or(fs.port).unwrap_or(default_port),
                tls,
                username: env("XUEHUI_SMTP_USERNAME").or(fs.username),
                password: env("XUEHUI_SMTP_PASSWORD").map(Secret::new).or(fs.password),
                timeout_secs: env_parse::<u64>(&env, "XUEHUI_SMTP_TIMEOUT_SECS")?
                    .or(fs.timeout_secs)
                    .unwrap_or(15),
            });
        }
        if let Some(url) = env("XUEHUI_MEILI_URL").filter(|u| !u.trim().is_empty()) {
            c.meili = Some(MeiliConfig {
                url: url.trim_end_matches('/').to_string(),
                key: env("XUEHUI_MEILI_KEY").filter(|k| !k.is_empty()).map(Secret::new),
                index_prefix: env("XUEHUI_MEILI_INDEX_PREFIX").unwrap_or_default(),
            });
        }
        if let Some(v) = env("XUEHUI_SEARCH_SETTINGS_DIR").map(PathBuf::from) {
            c.search_settings_dir = v;
        }
        let fj = file_cfg.jobs.unwrap_or_default();
        if let Some(v) = env_parse::<bool>(&env, "XUEHUI_IN_PROCESS_WORKER")?.or(fj.in_process_worker) {
            c.jobs.in_process_worker = v;
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_JOB_POLL_MS")?.or(fj.poll_interval_ms) {
            c.jobs.poll_interval_ms = v.max(10);
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_JOB_BACKOFF_MS")?.or(fj.backoff_base_ms) {
            c.jobs.backoff_base_ms = v;
        }
        if let Some(v) = env_parse::<i32>(&env, "XUEHUI_JOB_MAX_ATTEMPTS")?.or(fj.max_attempts) {
            c.jobs.max_attempts = v.max(1);
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_JOB_HEARTBEAT_SECS")? {
            c.jobs.heartbeat_secs = v.max(1);
        }
        if let Some(v) = env_parse::<i64>(&env, "XUEHUI_JOB_DEAD_AFTER_SECS")? {
            c.jobs.dead_after_secs = v.max(2);
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_FILES_ORPHAN_AGE_SECS")? {
            c.files.orphan_age_secs = v;
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_FILES_SWEEP_INTERVAL_SECS")? {
            c.files.sweep_interval_secs = v.max(60);
        }
        if let Some(v) = env_parse::<u64>(&env, "XUEHUI_PDF_MAX_EXPANDED_MB")? {
            c.pdf.max_expanded_bytes = v.max(1).saturating_mul(1024 * 1024);
        }
        if let Some(v) = env_parse::<usize>(&env, "XUEHUI_PDF_MAX_OBJECTS")? {
            c.pdf.max_objects = v.max(100);
        }
        if let Some(bucket) = env("XUEHUI_S3_BUCKET") {
            let endpoint = env("XUEHUI_S3_ENDPOINT").map(|e| e.trim_end_matches('/').to_string());
            c.s3 = Some(S3Config {
                bucket: bucket.trim().to_string(),
                path_style: env_parse::<bool>(&env, "XUEHUI_S3_PATH_STYLE")?.unwrap_or(endpoint.is_some()),
                endpoint,
                region: env("XUEHUI_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                access_key_id: env("XUEHUI_S3_ACCESS_KEY_ID")
                    .ok_or_else(|| anyhow::anyhow!("XUEHUI_S3_BUCKET is set, so XUEHUI_S3_ACCESS_KEY_ID is needed"))?,
                secret_access_key: env("XUEHUI_S3_SECRET_ACCESS_KEY")
                    .map(Secret::new)
                    .ok_or_else(|| anyhow::anyhow!("XUEHUI_S3_BUCKET is set, so XUEHUI_S3_SECRET_ACCESS_KEY is needed"))?,
                prefix: env("XUEHUI_S3_PREFIX").unwrap_or_default().trim_matches('/').to_string(),
                presigned_downloads: env_parse::<bool>(&env, "XUEHUI_S3_PRESIGNED_DOWNLOADS")?.unwrap_or(false),
                presign_secs: env_parse::<u64>(&env, "XUEHUI_S3_PRESIGN_SECS")?
                    .unwrap_or(300)
                    .clamp(10, 7 * 24 * 3600),
            });
        }
        if let Some(p) = env("XUEHUI_PDFTOTEXT") {
            c.pdftotext = p;
        }
        if let Some(login) = env("XUEHUI_CROSSREF_LOGIN") {
            c.crossref = Some(CrossrefConfig {
                url: env("XUEHUI_CROSSREF_URL")
                    .unwrap_or_else(|| "https://doi.crossref.org".into())
                    .trim_end_matches('/')
                    .to_string(),
                login: login.trim().to_string(),
                password: env("XUEHUI_CROSSREF_PASSWORD")
                    .map(Secret::new)
                    .ok_or_else(|| anyhow::anyhow!("XUEHUI_CROSSREF_LOGIN is set, so XUEHUI_CROSSREF_PASSWORD is needed"))?,
            });
        }
        c.cluster = env_parse::<bool>(&env, "XUEHUI_CLUSTER")?.unwrap_or(false);
        let given = env("XUEHUI_SECRET_KEY").map(Secret::new).or(file_cfg.secret_key);
        c.secret_key = match given {
            Some(s) => s,
            None if c.cluster => anyhow::bail!(
                "XUEHUI_CLUSTER is on, so every process needs the same XUEHUI_SECRET_KEY (or `secret_key` in the config file): \
                 a key generated in one process's data folder would sign cookies the others reject"
            ),
            None => load_or_create_secret(&c.data_dir)?,
        };
        if c.secret_key.expose().len() < 64 {
            anyhow::bail!("the secret key must be at least 64 characters (e.g. 64 random bytes as hex)");
        }

        Ok(c)
    }

    /// Whether links and cookies are served over HTTPS.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The address alone of the sender (`xuehui <noreply@x.org>` gives `noreply@x.org`): who
    /// Crossref and harvesters write to.
    pub fn mail_from_address(&self) -> String {
        address_of(&self.mail_from)
    }
}

/// The address in `Name <addr>`, or the whole text without angle brackets.
fn address_of(from: &str) -> String {
    match (from.find('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => from[a + 1..b].trim().to_string(),
        _ => from.trim().to_string(),
    }
}

/// Reads `secret.key` from the data folder, creating it with fresh random bytes on first start.
pub fn load_or_create_secret(data_dir: &Path) -> anyhow::Result<Secret> {
    let path = data_dir.join("secret.key");
    if let Ok(s) = std::fs::read_to_string(&path) {
        return Ok(Secret::new(s.trim()));
    }
    std::fs::create_dir_all(data_dir)?;
    let key = crate::auth::tokens::random_hex(64);
    #[cfg(unix)]
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path)?;
        f.write_all(key.as_bytes())?;
    }
    #[cfg(not(unix))]
    std::fs::write(&path, &key)?;
    tracing::info!(path = %path.display(), "generated a new secret key");
    Ok(Secret::new(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sender_address_is_read_out_of_its_name() {
        assert_eq!(address_of("学会 <office@example.org>"), "office@example.org");
        assert_eq!(address_of("office@example.org"), "office@example.org");
    }
    use std::collections::HashMap;

    fn load(file: Option<&str>, vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        let mut map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.entry("XUEHUI_DATA_DIR".into())
            .or_insert_with(|| dir.path().display().to_string());
        let path = file.map(|text| {
            let p = dir.path().join("xuehui.toml");
            std::fs::write(&p, text).unwrap();
            p
        });
        let env = move |k: &str| map.get(k).cloned();
        let c = Config::load_with(path.as_deref(), &env);
        std::mem::forget(dir);
        c
    }

    #[test]
    fn defaults_use_sqlite_in_the_data_dir_and_file_mail() {
        let c = load(None, &[]).unwrap();
        assert_eq!(c.bind, "127.0.0.1:8080");
        assert!(c.database_url.starts_with("sqlite://") && c.database_url.ends_with("xuehui.db"));
        assert!(matches!(c.mail, MailTransport::File(_)));
        assert!(c.data_dir.join("secret.key").exists(), "secret generated on first start");
    }

    #[test]
    fn the_generated_secret_is_kept_and_never_printed() {
        let dir = tempfile::tempdir().unwrap();
        let a = load_or_create_secret(dir.path()).unwrap();
        let b = load_or_create_secret(dir.path()).unwrap();
        assert_eq!(a, b);
        assert_eq!(format!("{a:?}"), "Secret(***)");
    }

    #[test]
    fn environment_overrides_the_file() {
        let file = "bind = \"0.0.0.0:9000\"\nmail_from = \"a@b.org\"\n[smtp]\nhost = \"smtp.example.org\"\ntls = \"tls\"\nusername = \"u\"\npassword = \"p\"\n";
        let c = load(Some(file), &[("XUEHUI_BIND", "127.0.0.1:7000"), ("XUEHUI_SMTP_PORT", "2465")]).unwrap();
        assert_eq!(c.bind, "127.0.0.1:7000");
        assert_eq!(c.base_url, "http://127.0.0.1:7000");
        assert_eq!(c.mail_from, "a@b.org");
        let MailTransport::Smtp(s) = &c.mail else { panic!("smtp expected") };
        assert_eq!((s.host.as_str(), s.port, s.tls), ("smtp.example.org", 2465, SmtpTls::Tls));
        assert_eq!(s.password.as_ref().unwrap().expose(), "p");
        assert!(!format!("{c:?}").contains("\"p\""), "secrets stay out of Debug output");
    }

    #[test]
    fn bad_settings_are_startup_errors_that_say_what_to_do() {
        let e = load(None, &[("XUEHUI_DATABASE_URL", "mysql://root@db/x")]).unwrap_err().to_string();
        assert!(e.contains("sqlite://") && e.contains("postgres://"), "{e}");
        let e = load(None, &[("XUEHUI_SMTP_HOST", "h"), ("XUEHUI_SMTP_TLS", "ssl")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("starttls"), "{e}");
        let e = load(None, &[("XUEHUI_SECRET_KEY", "short")]).unwrap_err().to_string();
        assert!(e.contains("64"), "{e}");
        let e = load(Some("bnid = \"typo\"\n"), &[]).unwrap_err().to_string();
        assert!(e.contains("bnid"), "{e}");
    }
}
