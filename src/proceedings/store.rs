//! Queries of proceedings volumes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Volume, VolumePaper, VolumeStatus};
use super::validate::VolumeInput;
use crate::db::AnyConnection;
use crate::db::schema::{proceedings_papers, proceedings_volumes};
use crate::error::AppResult;

/// The venue's volume, if any.
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Volume>> {
    Ok(proceedings_volumes::table
        .filter(proceedings_volumes::venue_id.eq(venue_id))
        .select(Volume::as_select())
        .first(conn)
        .optional()?)
}

/// A volume by id.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Volume> {
    Ok(proceedings_volumes::table.find(id).select(Volume::as_select()).first(conn)?)
}

/// Creates or updates the venue's volume details (a change after a build leaves the stored
/// build as it is; the page says it is older than the details).
pub fn put(conn: &mut AnyConnection, venue_id: i64, v: &VolumeInput, by: i64, now: NaiveDateTime) -> AppResult<Volume> {
    let fields = (
        proceedings_volumes::title_zh.eq(&v.title_zh),
        proceedings_volumes::title_en.eq(&v.title_en),
        proceedings_volumes::subtitle_zh.eq(&v.subtitle_zh),
        proceedings_volumes::subtitle_en.eq(&v.subtitle_en),
        proceedings_volumes::series.eq(&v.series),
        proceedings_volumes::volume.eq(&v.volume),
        proceedings_volumes::publisher.eq(&v.publisher),
        proceedings_volumes::place.eq(&v.place),
        proceedings_volumes::year.eq(v.year),
        proceedings_volumes::isbn.eq(&v.isbn),
        proceedings_volumes::doi.eq(&v.doi),
        proceedings_volumes::preface_zh.eq(&v.preface_zh),
        proceedings_volumes::preface_en.eq(&v.preface_en),
        proceedings_volumes::updated_at.eq(now),
    );
    match of_venue(conn, venue_id)? {
        Some(existing) => {
            diesel::update(proceedings_volumes::table.find(existing.id))
                .set(fields)
                .execute(conn)?;
            get(conn, existing.id)
        }
        None => {
            let id: i64 = diesel::insert_into(proceedings_volumes::table)
                .values((
                    fields,
                    proceedings_volumes::venue_id.eq(venue_id),
                    proceedings_volumes::status.eq(VolumeStatus::Draft),
                    proceedings_volumes::error.eq(""),
                    proceedings_volumes::build_stamp.eq(""),
                    proceedings_volumes::created_by.eq(by),
                    proceedings_volumes::created_at.eq(now),
                ))
                .returning(proceedings_volumes::id)
                .get_result(conn)?;
            get(conn, id)
        }
    }
}

/// Marks a build as requested under `stamp`.
pub fn set_building(conn: &mut AnyConnection, id: i64, stamp: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(proceedings_volumes::table.find(id))
        .set((
            proceedings_volumes::status.eq(VolumeStatus::Building),
            proceedings_volumes::build_stamp.eq(stamp),
            proceedings_volumes::error.eq(""),
            proceedings_volumes::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a finished build of `stamp` with its papers (nothing when a newer build was
/// requested meanwhile); returns whether it was recorded.
pub fn set_built(
    conn: &mut AnyConnection,
    id: i64,
    stamp: &str,
    pdf: i64,
    pages: i32,
    papers: &[VolumePaper],
    now: NaiveDateTime,
) -> AppResult<bool> {
    let n = diesel::update(
        proceedings_volumes::table
            .find(id)
            .filter(proceedings_volumes::build_stamp.eq(stamp)),
    )
    .set((
        proceedings_volumes::status.eq(VolumeStatus::Built),
        proceedings_volumes::pdf_file_id.eq(Some(pdf)),
        proceedings_volumes::pages.eq(Some(pages)),
        proceedings_volumes::built_at.eq(Some(now)),
        proceedings_volumes::published_at.eq(None::<NaiveDateTime>),
        proceedings_volumes::error.eq(""),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::delete(proceedings_papers::table.filter(proceedings_papers::volume_id.eq(id))).execute(conn)?;
    for p in papers {
        diesel::insert_into(proceedings_papers::table)
            .values((
                proceedings_papers::volume_id.eq(id),
                proceedings_papers::submission_id.eq(p.submission_id),
                proceedings_papers::position.eq(p.position),
                proceedings_papers::part_zh.eq(&p.part_zh),
                proceedings_papers::part_en.eq(&p.part_en),
                proceedings_papers::first_page.eq(p.first_page),
                proceedings_papers::last_page.eq(p.last_page),
                proceedings_papers::file_id.eq(p.file_id),
            ))
            .execute(conn)?;
    }
    Ok(true)
}

/// Records a failed build of `stamp`.
pub fn set_failed(conn: &mut AnyConnection, id: i64, stamp: &str, error: &str) -> AppResult<()> {
    diesel::update(
        proceedings_volumes::table
            .find(id)
            .filter(proceedings_volumes::build_stamp.eq(stamp)),
    )
    .set((
        proceedings_volumes::status.eq(VolumeStatus::Failed),
        proceedings_volumes::error.eq(error),
    ))
    .execute(conn)?;
    Ok(())
}

/// Publishes (or with `None` withdraws to built) a built volume.
pub fn set_published(conn: &mut AnyConnection, id: i64, at: Option<NaiveDateTime>) -> AppResult<()> {
    let status = if at.is_some() {
        VolumeStatus::Published
    } else {
        VolumeStatus::Built
    };
    diesel::update(proceedings_volumes::table.find(id))
        .set((proceedings_volumes::status.eq(status), proceedings_volumes::published_at.eq(at)))
        .execute(conn)?;
    Ok(())
}

/// The papers of a built volume in order.
pub fn papers_of(conn: &mut AnyConnection, volume_id: i64) -> AppResult<Vec<VolumePaper>> {
    Ok(proceedings_papers::table
        .filter(proceedings_papers::volume_id.eq(volume_id))
        .order(proceedings_papers::position)
        .select(VolumePaper::as_select())
        .load(conn)?)
}

/// A paper's place in its venue's published volume, with the volume.
pub fn published_place(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Option<(Volume, VolumePaper)>> {
    Ok(proceedings_papers::table
        .inner_join(proceedings_volumes::table)
        .filter(proceedings_papers::submission_id.eq(submission_id))
        .filter(proceedings_volumes::status.eq(VolumeStatus::Published))
        .select((Volume::as_select(), VolumePaper::as_select()))
        .first(conn)
        .optional()?)
}

/// Submission ids of the papers of every published volume.
pub fn published_paper_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(proceedings_papers::table
        .inner_join(proceedings_volumes::table)
        .filter(proceedings_volumes::status.eq(VolumeStatus::Published))
        .select(proceedings_papers::submission_id)
        .load(conn)?)
}
