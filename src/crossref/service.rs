//! Asking for a deposit: the file as generated now is kept and queued for sending.

use chrono::NaiveDateTime;

use super::model::{Deposit, DepositKind};
use super::{jobs, store};
use crate::config::CrossrefConfig;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::formats::crossref::DepositFile;

/// Records `file` as a deposit of `kind` `item_id` and queues it; 409 without a Crossref
/// account.
pub fn request(
    conn: &mut AnyConnection,
    account: Option<&CrossrefConfig>,
    kind: DepositKind,
    item_id: i64,
    file: &DepositFile,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<Deposit> {
    if account.is_none() {
        return Err(AppError::Conflict("crossref.not_configured".into()));
    }
    let id = store::insert(conn, kind, item_id, &file.batch_id, &file.xml, Some(by), now)?;
    crate::jobs::typed::enqueue(conn, &jobs::Submit { deposit_id: id })?;
    store::find(conn, id)?.ok_or(AppError::NotFound)
}
