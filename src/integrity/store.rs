//! Every query of integrity documents, fingerprints, flags, policies and the audit log.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{AuditEntry, Document, DocumentKind, DualSubmission, Flag, FlagState, TextState};
use crate::db::AnyConnection;
use crate::db::schema::{
    integrity_audit as au, integrity_declarations as de, integrity_documents as d, integrity_fingerprints as fp, integrity_flags as fl,
    integrity_policies as po,
};
use crate::error::AppResult;

/// Hashes per `IN (...)` list: well under both databases' limits on bound parameters.
const CHUNK: usize = 500;

/// Where a document comes from.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    pub kind: DocumentKind,
    pub source_id: i64,
    pub venue_id: Option<i64>,
    pub journal_id: Option<i64>,
}

/// Records that `file_id` is now the PDF of `source`, to be read again; the document's id.
pub fn set_file(conn: &mut AnyConnection, source: Source, file_id: i64, now: NaiveDateTime) -> AppResult<i64> {
    let existing: Option<i64> = d::table
        .filter(d::kind.eq(source.kind))
        .filter(d::source_id.eq(source.source_id))
        .select(d::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        diesel::update(d::table.find(id))
            .set((
                d::file_id.eq(Some(file_id)),
                d::state.eq(TextState::Pending),
                d::problem.eq(""),
                d::updated_at.eq(now),
            ))
            .execute(conn)?;
        return Ok(id);
    }
    Ok(diesel::insert_into(d::table)
        .values((
            d::kind.eq(source.kind),
            d::source_id.eq(source.source_id),
            d::venue_id.eq(source.venue_id),
            d::journal_id.eq(source.journal_id),
            d::file_id.eq(Some(file_id)),
            d::state.eq(TextState::Pending),
            d::problem.eq(""),
            d::body.eq(""),
            d::fingerprints.eq(0),
            d::updated_at.eq(now),
        ))
        .returning(d::id)
        .get_result(conn)?)
}

/// One document, if it exists.
pub fn find(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Document>> {
    Ok(d::table.find(id).select(Document::as_select()).first(conn).optional()?)
}

/// These documents, by id.
pub fn many(conn: &mut AnyConnection, ids: &[i64]) -> AppResult<HashMap<i64, Document>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for doc in d::table.filter(d::id.eq_any(chunk)).select(Document::as_select()).load(conn)? {
            out.insert(doc.id, doc);
        }
    }
    Ok(out)
}

/// The document of a paper or manuscript, if it has one.
pub fn of_source(conn: &mut AnyConnection, kind: DocumentKind, source_id: i64) -> AppResult<Option<Document>> {
    Ok(d::table
        .filter(d::kind.eq(kind))
        .filter(d::source_id.eq(source_id))
        .select(Document::as_select())
        .first(conn)
        .optional()?)
}

/// The documents of these papers or manuscripts.
pub fn of_sources(conn: &mut AnyConnection, kind: DocumentKind, ids: &[i64]) -> AppResult<Vec<Document>> {
    Ok(d::table
        .filter(d::kind.eq(kind))
        .filter(d::source_id.eq_any(ids))
        .select(Document::as_select())
        .load(conn)?)
}

/// The extracted text of a document ("" when there is none).
pub fn body_of(conn: &mut AnyConnection, id: i64) -> AppResult<String> {
    Ok(d::table.find(id).select(d::body).first(conn).optional()?.unwrap_or_default())
}

/// The extracted texts of these documents.
pub fn bodies(conn: &mut AnyConnection, ids: &[i64]) -> AppResult<HashMap<i64, String>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(
            d::table
                .filter(d::id.eq_any(chunk))
                .select((d::id, d::body))
                .load::<(i64, String)>(conn)?,
        );
    }
    Ok(out)
}

/// Stores what reading the document gave and replaces its fingerprints.
pub fn set_text(
    conn: &mut AnyConnection,
    id: i64,
    state: TextState,
    problem: &str,
    body: &str,
    hashes: &[i64],
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(d::table.find(id))
        .set((
            d::state.eq(state),
            d::problem.eq(problem),
            d::body.eq(body),
            d::fingerprints.eq(hashes.len() as i32),
            d::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::delete(fp::table.filter(fp::document_id.eq(id))).execute(conn)?;
    let rows: Vec<_> = hashes.iter().map(|h| (fp::document_id.eq(id), fp::hash.eq(*h))).collect();
    // Hundreds of rows per document: one statement per chunk, not one per row.
    for chunk in rows.chunks(CHUNK) {
        match conn {
            AnyConnection::Postgresql(c) => diesel::insert_into(fp::table).values(chunk).execute(c)?,
            AnyConnection::Sqlite(c) => diesel::insert_into(fp::table).values(chunk).execute(c)?,
        };
    }
    Ok(())
}

/// Of `hashes`, those found in more than `above` documents.
pub fn common(conn: &mut AnyConnection, hashes: &[i64], above: i64) -> AppResult<HashSet<i64>> {
    let mut out = HashSet::new();
    for chunk in hashes.chunks(CHUNK) {
        let counted: Vec<(i64, i64)> = fp::table
            .filter(fp::hash.eq_any(chunk))
            .group_by(fp::hash)
            .select((fp::hash, diesel::dsl::count_star()))
            .load(conn)?;
        out.extend(counted.into_iter().filter(|(_, n)| *n > above).map(|(h, _)| h));
    }
    Ok(out)
}

/// The other documents holding any of `hashes`, with how many of them each holds.
pub fn sharing(conn: &mut AnyConnection, id: i64, hashes: &[i64]) -> AppResult<HashMap<i64, i64>> {
    let mut out: HashMap<i64, i64> = HashMap::new();
    for chunk in hashes.chunks(CHUNK) {
        let counted: Vec<(i64, i64)> = fp::table
            .filter(fp::hash.eq_any(chunk))
            .filter(fp::document_id.ne(id))
            .group_by(fp::document_id)
            .select((fp::document_id, diesel::dsl::count_star()))
            .load(conn)?;
        for (doc, n) in counted {
            *out.entry(doc).or_default() += n;
        }
    }
    Ok(out)
}

/// The stored fingerprints of a document.
pub fn fingerprints_of(conn: &mut AnyConnection, id: i64) -> AppResult<Vec<i64>> {
    Ok(fp::table.filter(fp::document_id.eq(id)).select(fp::hash).load(conn)?)
}

/// Records that a document was compared with the index.
pub fn set_compared(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(d::table.find(id)).set(d::compared_at.eq(Some(now))).execute(conn)?;
    Ok(())
}

/// Records an overlap seen from `doc`'s side: a new open flag, or new figures on the existing
/// one (a cleared flag opens again; a dismissed one stays dismissed).
pub fn put_flag(
    conn: &mut AnyConnection,
    doc: i64,
    other: i64,
    own_permille: u32,
    other_permille: u32,
    passages: usize,
    now: NaiveDateTime,
) -> AppResult<()> {
    let existing: Option<(i64, String)> = fl::table
        .filter(fl::document_id.eq(doc))
        .filter(fl::other_document_id.eq(other))
        .select((fl::id, fl::state))
        .first(conn)
        .optional()?;
    match existing {
        Some((id, state)) => {
            let state = if state == FlagState::Cleared.as_str() {
                FlagState::Open.as_str().to_string()
            } else {
                state
            };
            diesel::update(fl::table.find(id))
                .set((
                    fl::own_permille.eq(own_permille as i32),
                    fl::other_permille.eq(other_permille as i32),
                    fl::passages.eq(passages as i32),
                    fl::state.eq(state),
                    fl::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(fl::table)
                .values((
                    fl::document_id.eq(doc),
                    fl::other_document_id.eq(other),
                    fl::own_permille.eq(own_permille as i32),
                    fl::other_permille.eq(other_permille as i32),
                    fl::passages.eq(passages as i32),
                    fl::state.eq(FlagState::Open),
                    fl::reason.eq(""),
                    fl::found_at.eq(now),
                    fl::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Open flags between `doc` and documents other than `keep` (either side) become cleared: a
/// new version no longer overlaps them.
pub fn clear_others(conn: &mut AnyConnection, doc: i64, keep: &[i64], now: NaiveDateTime) -> AppResult<usize> {
    let touching: Vec<(i64, i64, i64)> = fl::table
        .filter(fl::document_id.eq(doc).or(fl::other_document_id.eq(doc)))
        .filter(fl::state.eq(FlagState::Open))
        .select((fl::id, fl::document_id, fl::other_document_id))
        .load(conn)?;
    let gone: Vec<i64> = touching
        .into_iter()
        .filter(|(_, a, b)| !keep.contains(if *a == doc { b } else { a }))
        .map(|(id, _, _)| id)
        .collect();
    Ok(diesel::update(fl::table.filter(fl::id.eq_any(&gone)))
        .set((fl::state.eq(FlagState::Cleared), fl::updated_at.eq(now)))
        .execute(conn)?)
}

/// Which side a listing is for.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    Venue(i64),
    Journal(i64),
}

/// The flags on the side of a venue's or journal's documents, newest first.
pub fn flags_of(conn: &mut AnyConnection, owner: Owner) -> AppResult<Vec<(Flag, Document)>> {
    let q = fl::table.inner_join(d::table.on(d::id.eq(fl::document_id))).into_boxed();
    let q = match owner {
        Owner::Venue(v) => q.filter(d::venue_id.eq(v)),
        Owner::Journal(j) => q.filter(d::journal_id.eq(j)),
    };
    Ok(q.order(fl::id.desc())
        .select((Flag::as_select(), Document::as_select()))
        .load(conn)?)
}

/// One flag with its own document.
pub fn flag(conn: &mut AnyConnection, id: i64) -> AppResult<Option<(Flag, Document)>> {
    Ok(fl::table
        .inner_join(d::table.on(d::id.eq(fl::document_id)))
        .filter(fl::id.eq(id))
        .select((Flag::as_select(), Document::as_select()))
        .first(conn)
        .optional()?)
}

/// Sets what a side decided on a flag.
pub fn decide(conn: &mut AnyConnection, id: i64, state: FlagState, reason: &str, by: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(fl::table.find(id))
        .set((
            fl::state.eq(state),
            fl::reason.eq(reason),
            fl::decided_by.eq(Some(by)),
            fl::decided_at.eq(Some(now)),
            fl::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A venue's dual-submission policy (forbidden until set).
pub fn policy_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<DualSubmission> {
    let p: Option<String> = po::table.find(venue_id).select(po::dual_submission).first(conn).optional()?;
    Ok(p.and_then(|p| p.parse().ok()).unwrap_or(DualSubmission::Forbidden))
}

/// Sets a venue's dual-submission policy.
pub fn set_policy(conn: &mut AnyConnection, venue_id: i64, p: DualSubmission, by: i64, now: NaiveDateTime) -> AppResult<()> {
    let n = diesel::update(po::table.find(venue_id))
        .set((po::dual_submission.eq(p), po::updated_by.eq(Some(by)), po::updated_at.eq(now)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(po::table)
            .values((
                po::venue_id.eq(venue_id),
                po::dual_submission.eq(p),
                po::updated_by.eq(Some(by)),
                po::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// One audit line.
pub struct Audit<'a> {
    pub user: Option<i64>,
    pub action: &'a str,
    pub owner: Owner,
    pub flag: Option<i64>,
    pub detail: &'a str,
}

/// Writes an audit line.
pub fn audit(conn: &mut AnyConnection, a: Audit, now: NaiveDateTime) -> AppResult<()> {
    let (venue, journal) = match a.owner {
        Owner::Venue(v) => (Some(v), None),
        Owner::Journal(j) => (None, Some(j)),
    };
    diesel::insert_into(au::table)
        .values((
            au::user_id.eq(a.user),
            au::action.eq(a.action),
            au::venue_id.eq(venue),
            au::journal_id.eq(journal),
            au::flag_id.eq(a.flag),
            au::detail.eq(a.detail),
            au::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The latest audit lines of a side, newest first.
pub fn audit_of(conn: &mut AnyConnection, owner: Owner, limit: i64) -> AppResult<Vec<AuditEntry>> {
    let q = au::table.into_boxed();
    let q = match owner {
        Owner::Venue(v) => q.filter(au::venue_id.eq(v)),
        Owner::Journal(j) => q.filter(au::journal_id.eq(j)),
    };
    Ok(q.order(au::id.desc()).limit(limit).select(AuditEntry::as_select()).load(conn)?)
}

/// Counts of a side's documents by state, for the page's summary.
pub fn states_of(conn: &mut AnyConnection, owner: Owner) -> AppResult<Vec<(String, i64)>> {
    let q = d::table.group_by(d::state).select((d::state, diesel::dsl::count_star()));
    Ok(match owner {
        Owner::Venue(v) => q.filter(d::venue_id.eq(v)).load(conn)?,
        Owner::Journal(j) => q.filter(d::journal_id.eq(j)).load(conn)?,
    })
}

/// Papers with a PDF and no document yet (from before integrity checks, or seeded directly):
/// (submission, venue, file).
pub fn papers_without_document(conn: &mut AnyConnection, limit: i64) -> AppResult<Vec<(i64, i64, i64)>> {
    use crate::db::schema::submissions as s;
    let known = d::table.filter(d::kind.eq(DocumentKind::Paper)).select(d::source_id);
    let rows: Vec<(i64, i64, Option<i64>)> = s::table
        .filter(s::pdf_file_id.is_not_null())
        .filter(s::id.ne_all(known))
        .order(s::id)
        .limit(limit)
        .select((s::id, s::venue_id, s::pdf_file_id))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(a, b, f)| Some((a, b, f?))).collect())
}

/// Manuscripts with no document yet: (manuscript, journal).
pub fn manuscripts_without_document(conn: &mut AnyConnection, limit: i64) -> AppResult<Vec<(i64, i64)>> {
    use crate::db::schema::manuscripts as m;
    let known = d::table.filter(d::kind.eq(DocumentKind::Manuscript)).select(d::source_id);
    Ok(m::table
        .filter(m::id.ne_all(known))
        .order(m::id)
        .limit(limit)
        .select((m::id, m::journal_id))
        .load(conn)?)
}

/// Sets what a paper's authors declared about related submissions ("" removes it).
pub fn set_declaration(conn: &mut AnyConnection, submission_id: i64, related: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::delete(de::table.find(submission_id)).execute(conn)?;
    if !related.is_empty() {
        diesel::insert_into(de::table)
            .values((de::submission_id.eq(submission_id), de::related.eq(related), de::updated_at.eq(now)))
            .execute(conn)?;
    }
    Ok(())
}

/// What a paper's authors declared about related submissions ("" when nothing).
pub fn declaration_of(conn: &mut AnyConnection, submission_id: i64) -> AppResult<String> {
    Ok(de::table
        .find(submission_id)
        .select(de::related)
        .first(conn)
        .optional()?
        .unwrap_or_default())
}

/// Up to `limit` fingerprint rows `(hash, document)` with a hash above `after`, in hash order
/// (one range scan of the hash index).
pub fn fingerprints_after(conn: &mut AnyConnection, after: Option<i64>, limit: i64) -> AppResult<Vec<(i64, i64)>> {
    let q = fp::table.select((fp::hash, fp::document_id)).order(fp::hash).limit(limit);
    Ok(match after {
        None => q.load(conn)?,
        Some(h) => q.filter(fp::hash.gt(h)).load(conn)?,
    })
}
