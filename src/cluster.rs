//! Running as a cluster (`XUEHUI_CLUSTER=true`): several `serve` and `worker` processes share
//! one installation. Whatever lives in one process or on one machine's disk would then differ
//! between them, so start-up refuses it with a message saying what to set instead.

use crate::config::Config;
use crate::db::Backend;

/// What stops `config` from running as one of several processes; empty when nothing does.
pub fn problems(config: &Config) -> Vec<String> {
    let mut found = Vec::new();
    if !matches!(Backend::from_url(&config.database_url), Ok(Backend::Postgres)) {
        found.push(
            "XUEHUI_CLUSTER is on, but the database is SQLite, a file on one machine: set XUEHUI_DATABASE_URL to a \
             postgres:// URL that every process reaches"
                .to_string(),
        );
    }
    if config.s3.is_none() {
        found.push(
            "XUEHUI_CLUSTER is on, but uploaded files would go to this machine's data folder: set XUEHUI_S3_BUCKET \
             (and XUEHUI_S3_ENDPOINT, XUEHUI_S3_ACCESS_KEY_ID, XUEHUI_S3_SECRET_ACCESS_KEY) for an S3-compatible store"
                .to_string(),
        );
    }
    if config.meili.is_none() {
        found.push(
            "XUEHUI_CLUSTER is on, but the search engine is the embedded one, an index in one process's data folder \
             that the other processes would never see: set XUEHUI_MEILI_URL to a Meilisearch server (cluster search is Meilisearch)"
                .to_string(),
        );
    }
    found
}

/// `Ok` when `config` may run in a cluster, else every problem found.
pub fn check(config: &Config) -> Result<(), Vec<String>> {
    let found = problems(config);
    if found.is_empty() { Ok(()) } else { Err(found) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{MeiliConfig, S3Config, Secret};

    fn clustered() -> Config {
        let mut c = Config::defaults(std::path::Path::new("/tmp/x"));
        c.cluster = true;
        c.database_url = "postgres://db.internal/xuehui".into();
        c.meili = Some(MeiliConfig {
            url: "http://search.internal:7700".into(),
            key: None,
            index_prefix: String::new(),
        });
        c.s3 = Some(S3Config {
            bucket: "papers".into(),
            endpoint: Some("http://s3.internal:9000".into()),
            region: "us-east-1".into(),
            access_key_id: "id".into(),
            secret_access_key: Secret::new("key"),
            path_style: true,
            prefix: String::new(),
            presigned_downloads: false,
            presign_secs: 300,
        });
        c
    }

    #[test]
    fn postgres_s3_and_meilisearch_pass() {
        assert_eq!(check(&clustered()), Ok(()));
    }

    #[test]
    fn each_single_machine_part_is_refused_with_what_to_set() {
        let mut c = clustered();
        c.meili = None;
        let found = check(&c).unwrap_err();
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("embedded") && found[0].contains("XUEHUI_MEILI_URL"), "{found:?}");

        let mut c = clustered();
        c.s3 = None;
        c.database_url = "sqlite:///tmp/x/xuehui.db".into();
        let found = check(&c).unwrap_err();
        assert_eq!(found.len(), 2);
        assert!(found[0].contains("SQLite") && found[1].contains("XUEHUI_S3_BUCKET"), "{found:?}");
    }
}
