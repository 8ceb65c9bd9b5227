//! The web layer: application state, app builder, routes, pages, i18n, CSRF, error pages.

pub mod app;
pub mod bilingual;
pub mod body;
pub mod citation;
pub mod code_names;
pub mod csrf;
pub mod download;
pub mod errors;
pub mod health;
pub mod i18n;
pub mod idempotency;
pub mod json;
pub mod lang_switch;
pub mod numbers;
pub mod openapi;
pub mod page;
pub mod params;
pub mod pdf;
pub mod register;
pub mod routes;
pub mod rows;
pub mod serde_form;
pub mod sheets;
pub mod times;
pub mod utc;

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Database pool.
    pub db: Db,
    /// Settings.
    pub config: Arc<Config>,
    /// Page and mail templates.
    pub tera: Arc<tera::Tera>,
    /// The search engine.
    pub search: Arc<dyn crate::search::SearchIndex>,
    /// Where uploaded files are stored.
    pub files: crate::files::FileStore,
}

impl AppState {
    /// Builds the state: loads templates and connects the pool (lazily, so `serve` starts and
    /// `/healthz` can report an unreachable database).
    pub fn new(config: Config, lazy_db: bool) -> anyhow::Result<AppState> {
        let tera = load_templates(&config.templates_dir)?;
        let db = Db::connect(&config.database_url, config.db_pool_size, lazy_db)?;
        let search = crate::search::engine(&config)?;
        let files = crate::files::FileStore::from_config(&config)?;
        Ok(AppState {
            db,
            files,
            config: Arc::new(config),
            tera: Arc::new(tera),
            search,
        })
    }
}

/// Loads every template under `dir`.
pub fn load_templates(dir: &std::path::Path) -> anyhow::Result<tera::Tera> {
    // Pages and mails only: the typeset reports (`reports/*.typ`) are Typst, not Tera, and
    // their braces must not be read as Tera syntax.
    let pattern = format!("{}/**/*.{{html,txt}}", dir.display());
    let mut tera = tera::Tera::new(&pattern).map_err(|e| anyhow::anyhow!("templates in {}: {e:?}", dir.display()))?;
    if tera.get_template_names().next().is_none() {
        anyhow::bail!("no templates found in {}; set XUEHUI_TEMPLATES_DIR", dir.display());
    }
    bilingual::register(&mut tera);
    numbers::register(&mut tera);
    code_names::register(&mut tera);
    times::register(&mut tera);
    // Mails are plain text; pages are HTML and escaped.
    tera.autoescape_on(vec![".html"]);
    Ok(tera)
}
