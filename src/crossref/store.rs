//! Every query of Crossref deposits.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Deposit, DepositKind, DepositStatus};
use crate::db::AnyConnection;
use crate::db::schema::crossref_deposits as cd;
use crate::error::AppResult;

/// Records a deposit to send; its id.
pub fn insert(
    conn: &mut AnyConnection,
    kind: DepositKind,
    item_id: i64,
    batch_id: &str,
    xml: &str,
    by: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(cd::table)
        .values((
            cd::kind.eq(kind),
            cd::item_id.eq(item_id),
            cd::batch_id.eq(batch_id),
            cd::xml.eq(xml),
            cd::status.eq(DepositStatus::Queued),
            cd::message.eq(""),
            cd::attempts.eq(0),
            cd::polls.eq(0),
            cd::requested_by.eq(by),
            cd::created_at.eq(now),
            cd::updated_at.eq(now),
        ))
        .returning(cd::id)
        .get_result(conn)?)
}

/// One deposit, if it exists.
pub fn find(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Deposit>> {
    Ok(cd::table.find(id).select(Deposit::as_select()).first(conn).optional()?)
}

/// The XML a deposit sends.
pub fn xml_of(conn: &mut AnyConnection, id: i64) -> AppResult<String> {
    Ok(cd::table.find(id).select(cd::xml).first(conn)?)
}

/// The deposits of these items, newest first.
pub fn of_items(conn: &mut AnyConnection, kind: DepositKind, items: &[i64]) -> AppResult<Vec<Deposit>> {
    Ok(cd::table
        .filter(cd::kind.eq(kind))
        .filter(cd::item_id.eq_any(items))
        .order(cd::id.desc())
        .select(Deposit::as_select())
        .load(conn)?)
}

/// Sets where a deposit stands and Crossref's words; counts a send when `sent`, a result
/// request when `polled`.
pub fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    status: DepositStatus,
    message: &str,
    sent: bool,
    polled: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(cd::table.find(id))
        .set((
            cd::status.eq(status),
            cd::message.eq(message),
            cd::attempts.eq(cd::attempts + i32::from(sent)),
            cd::polls.eq(cd::polls + i32::from(polled)),
            cd::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
