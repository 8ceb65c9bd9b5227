//! Queries of the OAI-PMH records.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{ItemKind, Record, Rendered, SetInfo};
use super::request::Selection;
use crate::db::AnyConnection;
use crate::db::schema::oai_records as r;
use crate::error::AppResult;

/// The record of an item, if it has one.
pub fn of_item(conn: &mut AnyConnection, kind: ItemKind, item_id: i64) -> AppResult<Option<Record>> {
    Ok(r::table
        .filter(r::kind.eq(kind.as_str()))
        .filter(r::item_id.eq(item_id))
        .select(Record::as_select())
        .first(conn)
        .optional()?)
}

/// Writes an item's record: new, or changed (its datestamp moves to `now` only when what a
/// harvester gets changes). Says whether anything was written.
pub fn put(conn: &mut AnyConnection, kind: ItemKind, item_id: i64, new: &Rendered, now: NaiveDateTime) -> AppResult<bool> {
    let now = now.with_nanosecond_zeroed();
    match of_item(conn, kind, item_id)? {
        None => {
            diesel::insert_into(r::table)
                .values((
                    r::kind.eq(kind.as_str()),
                    r::item_id.eq(item_id),
                    r::set_top.eq(new.set_top),
                    r::set_spec.eq(&new.set_spec),
                    r::set_name_zh.eq(&new.set_name_zh),
                    r::set_name_en.eq(&new.set_name_en),
                    r::datestamp.eq(now),
                    r::deleted.eq(false),
                    r::dc_xml.eq(&new.dc_xml),
                    r::jats_xml.eq(&new.jats_xml),
                ))
                .execute(conn)?;
            Ok(true)
        }
        Some(old) => {
            let same_record = !old.deleted && old.set_spec == new.set_spec && old.dc_xml == new.dc_xml && old.jats_xml == new.jats_xml;
            if same_record && old.set_name_zh == new.set_name_zh && old.set_name_en == new.set_name_en {
                return Ok(false);
            }
            // A set's new name alone is no change to the record.
            let datestamp = if same_record { old.datestamp } else { now };
            diesel::update(r::table.find(old.id))
                .set((
                    r::set_top.eq(new.set_top),
                    r::set_spec.eq(&new.set_spec),
                    r::set_name_zh.eq(&new.set_name_zh),
                    r::set_name_en.eq(&new.set_name_en),
                    r::datestamp.eq(datestamp),
                    r::deleted.eq(false),
                    r::dc_xml.eq(&new.dc_xml),
                    r::jats_xml.eq(&new.jats_xml),
                ))
                .execute(conn)?;
            Ok(true)
        }
    }
}

/// Marks an item's record deleted (it stays, so harvesters learn of it). Says whether it was
/// there and not yet deleted.
pub fn delete(conn: &mut AnyConnection, kind: ItemKind, item_id: i64, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(
        r::table
            .filter(r::kind.eq(kind.as_str()))
            .filter(r::item_id.eq(item_id))
            .filter(r::deleted.eq(false)),
    )
    .set((r::deleted.eq(true), r::datestamp.eq(now.with_nanosecond_zeroed())))
    .execute(conn)?;
    Ok(n > 0)
}

/// The records' boxed query for a selection: set (a top set or one journal's or venue's),
/// dates, and for JATS only the records that have it (and deleted ones, whose headers say so).
fn selected<'a>(s: &'a Selection) -> r::BoxedQuery<'a, <AnyConnection as diesel::Connection>::Backend> {
    let mut q = r::table.into_boxed();
    if let Some(set) = &s.set {
        q = if set.contains(':') {
            q.filter(r::set_spec.eq(set))
        } else {
            q.filter(r::set_top.eq(set))
        };
    }
    if let Some(from) = s.from {
        q = q.filter(r::datestamp.ge(from));
    }
    if let Some(until) = s.until {
        q = q.filter(r::datestamp.le(until));
    }
    if s.prefix == super::JATS {
        q = q.filter(
            r::jats_xml
                .is_not_null()
                .or(r::deleted.eq(true).and(r::kind.eq(ItemKind::Article.as_str()))),
        );
    }
    q
}

/// How many records a selection has.
pub fn count(conn: &mut AnyConnection, s: &Selection) -> AppResult<i64> {
    Ok(selected(s).count().get_result(conn)?)
}

/// What of a record a page needs besides its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Nothing (ListIdentifiers).
    Headers,
    /// Its Dublin Core.
    DublinCore,
    /// Its JATS.
    Jats,
}

/// A record's header columns.
type Header = (i64, String, i64, String, String, NaiveDateTime, bool);

/// Up to `limit` records of a selection after the key (datestamp, id), in key order, with the
/// metadata `content` asks for (the others left empty: a page of JATS need not carry the
/// Dublin Core too).
pub fn page(
    conn: &mut AnyConnection,
    s: &Selection,
    after: Option<(NaiveDateTime, i64)>,
    limit: i64,
    content: Content,
) -> AppResult<Vec<Record>> {
    use diesel::sql_types::{Nullable, Text};
    let mut q = selected(s);
    if let Some((d, id)) = after {
        // `datestamp >= d` bounds the index range; the rest skips what was sent at `d`.
        q = q.filter(r::datestamp.ge(d)).filter(r::datestamp.gt(d).or(r::id.gt(id)));
    }
    let q = q.order((r::datestamp, r::id)).limit(limit);
    let header = (r::id, r::kind, r::item_id, r::set_top, r::set_spec, r::datestamp, r::deleted);
    macro_rules! load {
        ($metadata:expr) => {
            q.select((header, $metadata)).load::<(Header, Option<String>)>(conn)?
        };
    }
    let rows = match content {
        Content::Headers => load!(diesel::dsl::sql::<Nullable<Text>>("NULL")),
        Content::DublinCore => load!(r::dc_xml.nullable()),
        Content::Jats => load!(r::jats_xml),
    };
    Ok(rows
        .into_iter()
        .map(|((id, kind, item_id, set_top, set_spec, datestamp, deleted), metadata)| Record {
            id,
            kind,
            item_id,
            set_top,
            set_spec,
            set_name_zh: String::new(),
            set_name_en: String::new(),
            datestamp,
            deleted,
            dc_xml: if content == Content::DublinCore {
                metadata.clone().unwrap_or_default()
            } else {
                String::new()
            },
            jats_xml: if content == Content::Jats { metadata } else { None },
        })
        .collect())
}

/// The earliest datestamp, if there is a record.
pub fn earliest(conn: &mut AnyConnection) -> AppResult<Option<NaiveDateTime>> {
    Ok(r::table.select(diesel::dsl::min(r::datestamp)).first(conn)?)
}

/// The sets records are in, by spec. A set's records carry its current name once their jobs
/// have run; until then any of the names will do.
pub fn sets(conn: &mut AnyConnection) -> AppResult<Vec<SetInfo>> {
    use diesel::dsl::max;
    let rows: Vec<(String, Option<String>, Option<String>)> = r::table
        .group_by(r::set_spec)
        .order(r::set_spec)
        .select((r::set_spec, max(r::set_name_zh), max(r::set_name_en)))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(spec, name_zh, name_en)| SetInfo {
            spec,
            name_zh: name_zh.unwrap_or_default(),
            name_en: name_en.unwrap_or_default(),
        })
        .collect())
}

/// Items of `kind` with a live record.
pub fn live_items(conn: &mut AnyConnection, kind: ItemKind) -> AppResult<Vec<i64>> {
    Ok(r::table
        .filter(r::kind.eq(kind.as_str()))
        .filter(r::deleted.eq(false))
        .select(r::item_id)
        .load(conn)?)
}

trait Seconds {
    fn with_nanosecond_zeroed(self) -> NaiveDateTime;
}

impl Seconds for NaiveDateTime {
    /// Datestamps are whole seconds: the protocol's finest granularity.
    fn with_nanosecond_zeroed(self) -> NaiveDateTime {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}
