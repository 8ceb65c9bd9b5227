//! Register queries: journals, their fields, and the field list.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use diesel::prelude::*;

use super::model::{Field, Journal, JournalView};
use super::validate::{FieldInput, JournalSpec};
use crate::db::schema::{fields, journal_fields, journals};
use crate::db::{AnyConnection, contains_pattern, lower};
use crate::error::{AppError, AppResult};
use crate::web::params::number;

/// Every field, by code.
pub fn all_fields(conn: &mut AnyConnection) -> AppResult<Vec<Field>> {
    Ok(fields::table.order(fields::code).select(Field::as_select()).load(conn)?)
}

/// Field code -> id, for validating input.
pub fn field_codes(conn: &mut AnyConnection) -> AppResult<HashMap<String, i64>> {
    Ok(fields::table
        .select((fields::code, fields::id))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

/// A field by code (404 when unknown).
pub fn field_by_code(conn: &mut AnyConnection, code: &str) -> AppResult<Field> {
    Ok(fields::table.filter(fields::code.eq(code)).select(Field::as_select()).first(conn)?)
}

/// A field by id.
pub fn field_by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Field> {
    Ok(fields::table.find(id).select(Field::as_select()).first(conn)?)
}

/// Adds a field; its code must be new.
pub fn create_field(conn: &mut AnyConnection, f: &FieldInput) -> AppResult<Field> {
    let taken: i64 = fields::table.filter(fields::code.eq(&f.code)).count().get_result(conn)?;
    if taken > 0 {
        return Err(AppError::field("code", "validation.code_taken"));
    }
    let id: i64 = diesel::insert_into(fields::table)
        .values((
            fields::code.eq(&f.code),
            fields::name_zh.eq(&f.name_zh),
            fields::name_en.eq(&f.name_en),
            fields::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(fields::id)
        .get_result(conn)?;
    field_by_id(conn, id)
}

/// Filters of the register list.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::IntoParams)]
pub struct RegisterQuery {
    /// Words of the name, or an ISSN / CN number.
    pub q: Option<String>,
    /// Field code.
    pub field: Option<String>,
    /// Journal type: `basic`, `applied` or `popular`.
    #[param(value_type = Option<super::model::JournalKind>, inline)]
    pub kind: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Page, from 1.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    /// Rows per page, 1 to 200 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// One page of the register.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RegisterPage {
    /// Journals matching the filters.
    pub total: i64,
    /// This page.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// The rows.
    pub journals: Vec<JournalView>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The register, filtered and paged; unknown filter values are 422 naming the parameter.
pub fn list(conn: &mut AnyConnection, f: &RegisterQuery) -> AppResult<RegisterPage> {
    let mut bad = crate::error::FieldErrors::new();
    let page = number(&f.page, "page", 1, 100_000, "validation.page", &mut bad).unwrap_or(1);
    let per_page = number(&f.per_page, "per_page", 1, 200, "validation.per_page", &mut bad).unwrap_or(50);
    if !bad.is_empty() {
        return Err(AppError::Validation { fields: bad });
    }
    let field_id = match nonempty(&f.field) {
        Some(code) => Some(
            field_by_code(conn, code)
                .map_err(|_| AppError::field("field", "validation.subject_field_unknown"))?
                .id,
        ),
        None => None,
    };
    let kind = nonempty(&f.kind).map(str::to_string);
    if kind.as_deref().is_some_and(|k| super::model::JournalKind::parse(k).is_none()) {
        return Err(AppError::field("kind", "validation.journal_kind"));
    }
    let language = nonempty(&f.language).map(str::to_ascii_lowercase);
    if language
        .as_deref()
        .is_some_and(|l| l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Err(AppError::field("language", "validation.language_code"));
    }
    let country = nonempty(&f.country).map(str::to_ascii_uppercase);
    if country.as_deref().is_some_and(|c| isocountry::CountryCode::for_alpha2(c).is_err()) {
        return Err(AppError::field("country", "validation.country"));
    }
    let text = nonempty(&f.q).map(str::to_string);
    let build = || {
        let mut q = journals::table.into_boxed();
        if let Some(fid) = field_id {
            q = q.filter(
                journals::id.eq_any(
                    journal_fields::table
                        .filter(journal_fields::field_id.eq(fid))
                        .select(journal_fields::journal_id),
                ),
            );
        }
        if let Some(k) = &kind {
            q = q.filter(journals::kind.eq(k.clone()));
        }
        if let Some(l) = &language {
            // Codes are stored comma-joined: match the code as a whole item.
            q = q.filter(
                journals::languages
                    .eq(l.clone())
                    .or(journals::languages.like(format!("{l},%")))
                    .or(journals::languages.like(format!("%,{l}")))
                    .or(journals::languages.like(format!("%,{l},%"))),
            );
        }
        if let Some(c) = &country {
            q = q.filter(journals::country.eq(c.clone()));
        }
        if let Some(t) = &text {
            let p = contains_pattern(t);
            let id = super::identifiers::issn(t)
                .or_else(|| super::identifiers::cn(t))
                .unwrap_or_default();
            q = q.filter(
                lower(journals::name_zh)
                    .like(p.clone())
                    .or(lower(journals::name_en).like(p.clone()))
                    .or(lower(journals::publisher).like(p))
                    .or(journals::issn.eq(id.clone()))
                    .or(journals::eissn.eq(id.clone()))
                    .or(journals::cn.eq(id)),
            );
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
    let rows: Vec<Journal> = build()
        .order((journals::name_en.asc(), journals::name_zh.asc(), journals::id.asc()))
        .offset((page - 1) * per_page)
        .limit(per_page)
        .select(Journal::as_select())
        .load(conn)?;
    Ok(RegisterPage {
        total,
        page,
        per_page,
        journals: views(conn, rows)?,
    })
}

/// Field codes of the given journals.
pub fn field_codes_of(conn: &mut AnyConnection, journal_ids: &[i64]) -> AppResult<BTreeMap<i64, Vec<String>>> {
    let mut out: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for chunk in journal_ids.chunks(500) {
        let rows: Vec<(i64, String)> = journal_fields::table
            .inner_join(fields::table)
            .filter(journal_fields::journal_id.eq_any(chunk))
            .order((journal_fields::journal_id, fields::code))
            .select((journal_fields::journal_id, fields::code))
            .load(conn)?;
        for (j, c) in rows {
            out.entry(j).or_default().push(c);
        }
    }
    Ok(out)
}

/// Views of rows, with their field codes.
pub fn views(conn: &mut AnyConnection, rows: Vec<Journal>) -> AppResult<Vec<JournalView>> {
    let ids: Vec<i64> = rows.iter().map(|j| j.id).collect();
    let mut codes = field_codes_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|j| {
            let c = codes.remove(&j.id).unwrap_or_default();
            JournalView::new(j, c)
        })
        .collect())
}

/// A journal row (404 when unknown).
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Journal> {
    Ok(journals::table.find(id).select(Journal::as_select()).first(conn)?)
}

/// A journal as shown.
pub fn view(conn: &mut AnyConnection, id: i64) -> AppResult<JournalView> {
    let j = get(conn, id)?;
    Ok(views(conn, vec![j])?.remove(0))
}

/// Journal rows by id, in any order.
pub fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> AppResult<Vec<Journal>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            journals::table
                .filter(journals::id.eq_any(chunk))
                .select(Journal::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// The journals of a field's register.
pub fn in_field(conn: &mut AnyConnection, field_id: i64) -> AppResult<Vec<Journal>> {
    Ok(journals::table
        .filter(
            journals::id.eq_any(
                journal_fields::table
                    .filter(journal_fields::field_id.eq(field_id))
                    .select(journal_fields::journal_id),
            ),
        )
        .order(journals::id)
        .select(Journal::as_select())
        .load(conn)?)
}

/// Number of journals in a field's register.
pub fn count_in_field(conn: &mut AnyConnection, field_id: i64) -> AppResult<i64> {
    Ok(journal_fields::table
        .filter(journal_fields::field_id.eq(field_id))
        .count()
        .get_result(conn)?)
}

/// A journal's id with its ISSN, eISSN and CN number.
pub type Identifiers = (i64, Option<String>, Option<String>, Option<String>);

/// Every journal's identifiers, for duplicate checks in imports.
pub fn identifiers(conn: &mut AnyConnection) -> AppResult<Vec<Identifiers>> {
    Ok(journals::table
        .select((journals::id, journals::issn, journals::eissn, journals::cn))
        .load(conn)?)
}

/// Which other journal already holds one of the spec's identifiers, as (form field, journal id).
pub fn identifier_clash(conn: &mut AnyConnection, spec: &JournalSpec, except: Option<i64>) -> AppResult<Option<(&'static str, i64)>> {
    let checks: [(&'static str, &Option<String>); 3] = [("issn", &spec.issn), ("eissn", &spec.eissn), ("cn", &spec.cn)];
    for (name, value) in checks {
        let Some(v) = value else { continue };
        let mut q = journals::table.into_boxed();
        q = if name == "cn" {
            q.filter(journals::cn.eq(v.clone()))
        } else {
            q.filter(journals::issn.eq(v.clone()).or(journals::eissn.eq(v.clone())))
        };
        if let Some(e) = except {
            q = q.filter(journals::id.ne(e));
        }
        if let Some(id) = q.select(journals::id).first::<i64>(conn).optional()? {
            return Ok(Some((name, id)));
        }
    }
    Ok(None)
}

fn slug_for(conn: &mut AnyConnection, spec: &JournalSpec) -> AppResult<String> {
    let base = match (&spec.issn, &spec.eissn, &spec.cn) {
        (Some(i), _, _) => format!("issn-{i}"),
        (None, Some(e), _) => format!("eissn-{e}"),
        (None, None, Some(c)) => format!("cn-{}", c.replace('/', "-")),
        _ => "journal".to_string(),
    }
    .to_ascii_lowercase();
    let taken: i64 = journals::table.filter(journals::slug.eq(&base)).count().get_result(conn)?;
    Ok(if taken == 0 {
        base
    } else {
        format!("{base}-{}", &crate::auth::tokens::random_token()[..6].to_ascii_lowercase())
    })
}

/// The countries and languages the register's journals have, each sorted and without repeats
/// (for the filters).
pub fn countries_and_languages(conn: &mut AnyConnection) -> AppResult<(Vec<String>, Vec<String>)> {
    let rows: Vec<(String, String)> = journals::table
        .select((journals::country, journals::languages))
        .distinct()
        .load(conn)?;
    let countries: std::collections::BTreeSet<String> = rows.iter().map(|r| r.0.clone()).filter(|c| !c.is_empty()).collect();
    let languages: std::collections::BTreeSet<String> = rows
        .iter()
        .flat_map(|r| {
            r.1.split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    Ok((countries.into_iter().collect(), languages.into_iter().collect()))
}

fn set_fields(conn: &mut AnyConnection, journal_id: i64, field_ids: &[i64]) -> AppResult<()> {
    diesel::delete(journal_fields::table.filter(journal_fields::journal_id.eq(journal_id))).execute(conn)?;
    for f in field_ids {
        diesel::insert_into(journal_fields::table)
            .values((journal_fields::journal_id.eq(journal_id), journal_fields::field_id.eq(*f)))
            .execute(conn)?;
    }
    Ok(())
}

fn clash_error(field: &str) -> AppError {
    AppError::field(field, "validation.identifier_taken")
}

/// The register columns a journal's data sets: written on create and on every update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = journals, treat_none_as_null = true)]
struct JournalFields<'a> {
    name_zh: &'a str,
    name_en: &'a str,
    issn: Option<&'a str>,
    eissn: Option<&'a str>,
    cn: Option<&'a str>,
    publisher: &'a str,
    country: &'a str,
    languages: &'a str,
    kind: &'a str,
    website: &'a str,
}

impl<'a> JournalFields<'a> {
    fn of(spec: &'a JournalSpec) -> Self {
        JournalFields {
            name_zh: &spec.name_zh,
            name_en: &spec.name_en,
            issn: spec.issn.as_deref(),
            eissn: spec.eissn.as_deref(),
            cn: spec.cn.as_deref(),
            publisher: &spec.publisher,
            country: &spec.country,
            languages: &spec.languages,
            kind: spec.kind.as_str(),
            website: &spec.website,
        }
    }
}

/// A journal's id by its URL name.
pub fn id_by_slug(conn: &mut AnyConnection, slug: &str) -> AppResult<i64> {
    Ok(journals::table.filter(journals::slug.eq(slug)).select(journals::id).first(conn)?)
}

/// Adds a journal to the register.
pub fn create(conn: &mut AnyConnection, spec: &JournalSpec) -> AppResult<i64> {
    create_for(conn, spec, None)
}

/// Adds a journal published by a learned society (the demo's); see [`create`].
pub fn create_for(conn: &mut AnyConnection, spec: &JournalSpec, society_id: Option<i64>) -> AppResult<i64> {
    if let Some((field, _)) = identifier_clash(conn, spec, None)? {
        return Err(clash_error(field));
    }
    let now = Utc::now().naive_utc();
    let slug = slug_for(conn, spec)?;
    let id: i64 = diesel::insert_into(journals::table)
        .values((
            journals::slug.eq(slug),
            JournalFields::of(spec),
            journals::society_id.eq(society_id),
            journals::created_at.eq(now),
            journals::updated_at.eq(Some(now)),
        ))
        .returning(journals::id)
        .get_result(conn)?;
    set_fields(conn, id, &spec.field_ids)?;
    crate::jobs::changes::journal(conn, id)?;
    Ok(id)
}

/// Replaces a journal's basic data.
pub fn update(conn: &mut AnyConnection, id: i64, spec: &JournalSpec) -> AppResult<()> {
    get(conn, id)?;
    if let Some((field, _)) = identifier_clash(conn, spec, Some(id))? {
        return Err(clash_error(field));
    }
    diesel::update(journals::table.find(id))
        .set((JournalFields::of(spec), journals::updated_at.eq(Some(Utc::now().naive_utc()))))
        .execute(conn)?;
    set_fields(conn, id, &spec.field_ids)?;
    crate::jobs::changes::journal(conn, id)
}
