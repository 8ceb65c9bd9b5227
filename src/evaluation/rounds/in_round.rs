//! The shape of every round-scoped API handler: load round `id` (404 when there is none), then
//! work on it, in one read or one transaction.

use super::model::Round;
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::web::AppState;

/// Runs `f` on round `id` in one read.
pub async fn read<T, F>(state: &AppState, id: i64, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Round) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    state
        .db
        .run(move |c| {
            let r = store::get(c, id)?;
            f(c, &r)
        })
        .await
}

/// Runs `f` on round `id` in one transaction.
pub async fn write<T, F>(state: &AppState, id: i64, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Round) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    state
        .db
        .tx(move |c| {
            let r = store::get(c, id)?;
            f(c, &r)
        })
        .await
}
