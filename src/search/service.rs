//! Running a checked search for a caller, with a bound on how many run at once.

use super::{Results, SearchQuery};
use crate::error::{AppError, AppResult};
use crate::web::AppState;

/// Searches that may run at once.
static RUNNING: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)));

/// Runs a checked search for the caller (anonymous callers see public papers only).
pub async fn run(state: &AppState, user: Option<crate::auth::User>, q: SearchQuery) -> AppResult<Results> {
    // Anonymous searches (most of them) need nothing from the database.
    let viewer = match user {
        None => super::access::Viewer::anonymous(),
        Some(u) => state.db.run(move |c| super::access::viewer(c, Some(&u))).await?,
    };
    // Searches are CPU-bound: running more at once than there are cores makes every one of
    // them slower, while waiting here costs nothing.
    let _slot = RUNNING.acquire().await.map_err(|e| AppError::caused("search", e))?;
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.search(&viewer, &q))
        .await
        .map_err(|e| AppError::caused("search", e))?
        .map_err(|e| AppError::Unavailable(format!("search: {e}")))
}
