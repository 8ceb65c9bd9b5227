//! Volume actions for chairs: save the details, ask for a build (a job), publish or withdraw
//! the published volume. Access is checked by the caller's `guard::as_chair`, in the same
//! transaction.

use chrono::NaiveDateTime;

use super::model::{Volume, VolumeStatus};
use super::store;
use super::validate::{self, VolumeInput};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;

/// Saves the venue's volume details.
pub fn save(conn: &mut AnyConnection, chair: &Chair, input: &VolumeInput, now: NaiveDateTime) -> AppResult<Volume> {
    let v = validate::volume(input)?;
    store::put(conn, chair.venue.id, &v, chair.user_id, now)
}

/// Queues a build of the volume from the approved final versions; 409 without details or
/// without any approved paper.
pub fn request_build(conn: &mut AnyConnection, chair: &Chair, now: NaiveDateTime) -> AppResult<Volume> {
    let volume = store::of_venue(conn, chair.venue.id)?.ok_or_else(|| AppError::Conflict("proceedings.no_volume".into()))?;
    if super::gather::entries(conn, &chair.venue)?.is_empty() {
        return Err(AppError::Conflict("proceedings.no_papers".into()));
    }
    let stamp = format!("{}-{}", now.and_utc().timestamp_micros(), crate::auth::tokens::random_token());
    store::set_building(conn, volume.id, &stamp, now)?;
    crate::jobs::typed::enqueue(
        conn,
        &super::build::Build {
            volume_id: volume.id,
            stamp,
        },
    )?;
    store::get(conn, volume.id)
}

/// Publishes a built volume (`true`) or takes it back to built (`false`).
pub fn publish(conn: &mut AnyConnection, chair: &Chair, publish: bool, now: NaiveDateTime) -> AppResult<Volume> {
    let volume = store::of_venue(conn, chair.venue.id)?.ok_or(AppError::NotFound)?;
    match (publish, volume.status) {
        (true, VolumeStatus::Built) => store::set_published(conn, volume.id, Some(now))?,
        (false, VolumeStatus::Published) => store::set_published(conn, volume.id, None)?,
        (true, VolumeStatus::Published) | (false, VolumeStatus::Built) => {}
        _ => return Err(AppError::Conflict("proceedings.not_built".into())),
    }
    // Each paper's public page gains or loses its citation; search reads it too.
    for p in store::papers_of(conn, volume.id)? {
        crate::jobs::changes::paper(conn, p.submission_id)?;
    }
    store::get(conn, volume.id)
}
