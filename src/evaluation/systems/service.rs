//! Indicator systems: create (from the shipped system or a copy), edit (a final version is
//! never changed: editing it starts the next version), finalise, and read with the right
//! visibility. A society's staff keep its systems; everyone may read final versions, which
//! are the method of the rounds that use them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::definition::{self, Definition};
use super::model::{System, Version};
use super::store;
use crate::auth::User;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::guard::society::{is_staff, require_staff};
use crate::salons::plan::model::Society;

/// A new system.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationSystemInput)]
pub struct SystemInput {
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// Start from the latest version of this system of the society; none: the shipped system.
    #[serde(default)]
    pub copy_of: Option<i64>,
}

/// A change of a system: its names, and the definition of its next (or draft) version.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationSystemUpdate)]
pub struct SaveInput {
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// What changed, in a sentence (shown in the version list).
    #[serde(default)]
    pub note: String,
    /// The whole definition.
    pub definition: Definition,
}

/// `?version=`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct VersionParam {
    /// The version to show (default: the latest the reader may see).
    pub version: Option<i32>,
}

/// A version in the list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationSystemVersion)]
pub struct VersionSummary {
    /// 1, 2, …
    pub version: i32,
    /// What changed.
    pub note: String,
    /// When it became final (`None`: the draft).
    #[serde(with = "crate::web::utc::option")]
    pub finalised_at: Option<NaiveDateTime>,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A system with one of its versions.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationSystem)]
pub struct SystemView {
    /// Id.
    pub id: i64,
    /// The evaluating body's URL name.
    pub society: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// The version shown.
    pub version: VersionSummary,
    /// Its definition.
    pub definition: Definition,
    /// The sum of its weights.
    pub total_weight: f64,
    /// Each dimension's weight, in the definition's order.
    pub dimension_weights: Vec<f64>,
    /// The versions the reader may see, oldest first.
    pub versions: Vec<VersionSummary>,
    /// Whether the reader may edit (the society's staff).
    pub can_edit: bool,
}

fn summary(v: &Version) -> VersionSummary {
    VersionSummary {
        version: v.version,
        note: v.note.clone(),
        finalised_at: v.finalised_at,
        updated_at: v.updated_at,
    }
}

fn parse(v: &Version) -> AppResult<Definition> {
    serde_json::from_str(&v.definition).map_err(|e| AppError::caused("a stored indicator system", e))
}

fn staff(conn: &mut crate::db::AnyConnection, user: Option<&User>, s: &Society) -> AppResult<bool> {
    match user {
        Some(u) => is_staff(conn, u, s.id),
        None => Ok(false),
    }
}

/// The society's systems the reader may see: all for its staff, systems with a final version
/// (shown at their latest final version) for everyone else.
pub fn list(conn: &mut crate::db::AnyConnection, user: Option<&User>, s: &Society) -> AppResult<Vec<SystemView>> {
    let mut out = Vec::new();
    for sys in store::of_society(conn, s.id)? {
        match view(conn, user, s, &sys, None) {
            Ok(v) => out.push(v),
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A system at `version` (default: the latest the reader may see). Drafts are for the
/// society's staff only; a system without a final version is 404 to everyone else.
pub fn view(
    conn: &mut crate::db::AnyConnection,
    user: Option<&User>,
    s: &Society,
    sys: &System,
    version: Option<i32>,
) -> AppResult<SystemView> {
    let can_edit = staff(conn, user, s)?;
    let versions: Vec<Version> = store::versions(conn, sys.id)?
        .into_iter()
        .filter(|v| can_edit || v.finalised_at.is_some())
        .collect();
    let shown = match version {
        Some(n) => versions.iter().find(|v| v.version == n),
        None => versions.last(),
    }
    .ok_or(AppError::NotFound)?;
    let definition = parse(shown)?;
    Ok(SystemView {
        id: sys.id,
        society: s.slug.clone(),
        name_zh: sys.name_zh.clone(),
        name_en: sys.name_en.clone(),
        version: summary(shown),
        total_weight: definition.total_weight(),
        dimension_weights: definition.dimension_weights(),
        definition,
        versions: versions.iter().map(summary).collect(),
        can_edit,
    })
}

fn names(name_zh: &str, name_en: &str) -> AppResult<(String, String)> {
    let mut f = FieldErrors::new();
    let zh = crate::text::field(&mut f, "name_zh", name_zh, 200);
    let en = crate::text::field(&mut f, "name_en", name_en, 200);
    if zh.is_empty() && en.is_empty() {
        f.entry("name_zh".into()).or_insert_with(|| "evaluation.name_required".into());
    }
    AppError::unless_fields(f, (zh, en))
}

/// Creates a system (the society's staff; 404 for others) from the shipped system or a copy
/// of the latest version of another of the society's systems; its first version is a draft.
pub fn create(conn: &mut crate::db::AnyConnection, user: &User, s: &Society, input: &SystemInput, now: NaiveDateTime) -> AppResult<System> {
    require_staff(conn, user, s.id)?;
    let (zh, en) = names(&input.name_zh, &input.name_en)?;
    let def = match input.copy_of {
        None => Definition::shipped(),
        Some(id) => {
            let from = store::get(conn, s.id, id).map_err(|_| AppError::field("copy_of", "evaluation.copy_unknown"))?;
            let latest = store::versions(conn, from.id)?.pop().ok_or(AppError::NotFound)?;
            parse(&latest)?
        }
    };
    let id = store::create(conn, s.id, (&zh, &en), user.id, now)?;
    store::add_version(
        conn,
        id,
        1,
        &serde_json::to_string(&def).map_err(|e| AppError::caused("an indicator system", e))?,
        "",
        user.id,
        now,
    )?;
    store::by_id(conn, id)
}

/// Trims every text of the definition, as typed text is everywhere.
fn trimmed(mut d: Definition) -> Definition {
    for x in &mut d.dimensions {
        for t in [&mut x.code, &mut x.name_zh, &mut x.name_en] {
            *t = t.trim().to_string();
        }
    }
    for x in &mut d.indicators {
        for t in [
            &mut x.code,
            &mut x.dimension,
            &mut x.name_zh,
            &mut x.name_en,
            &mut x.guidance_zh,
            &mut x.guidance_en,
        ] {
            *t = t.trim().to_string();
        }
    }
    for a in &mut d.scale {
        for t in [&mut a.zh, &mut a.en] {
            *t = t.trim().to_string();
        }
    }
    d
}

/// Saves names and definition (the society's staff): the draft is rewritten, or, when the
/// latest version is final, the next version starts as a draft. Problems are 422 by field.
pub fn save(
    conn: &mut crate::db::AnyConnection,
    user: &User,
    s: &Society,
    sys: &System,
    input: &SaveInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    require_staff(conn, user, s.id)?;
    let (zh, en) = names(&input.name_zh, &input.name_en)?;
    let mut f = FieldErrors::new();
    let note = crate::text::field(&mut f, "note", &input.note, 500);
    let def = trimmed(input.definition.clone());
    f.extend(definition::problems(&def));
    AppError::unless_fields(f, ())?;
    store::rename(conn, sys.id, (&zh, &en))?;
    let text = serde_json::to_string(&def).map_err(|e| AppError::caused("an indicator system", e))?;
    let latest = store::versions(conn, sys.id)?.pop().ok_or(AppError::NotFound)?;
    if latest.finalised_at.is_none() {
        store::update_draft(conn, latest.id, &text, &note, now)?;
    } else if parse(&latest)? != def {
        store::add_version(conn, sys.id, latest.version + 1, &text, &note, user.id, now)?;
    }
    Ok(())
}

/// Makes the draft final (the society's staff): it can no longer change, and rounds may use
/// it. 409 when there is no draft.
pub fn finalise(conn: &mut crate::db::AnyConnection, user: &User, s: &Society, sys: &System, now: NaiveDateTime) -> AppResult<()> {
    require_staff(conn, user, s.id)?;
    let latest = store::versions(conn, sys.id)?.pop().ok_or(AppError::NotFound)?;
    if latest.finalised_at.is_some() {
        return Err(AppError::Conflict("evaluation.no_draft".into()));
    }
    let def = parse(&latest)?;
    AppError::unless_fields(definition::problems(&def), ())?;
    store::finalise(conn, latest.id, now)
}

/// The definition of a final version (for a round taking it; 404 for a draft or none).
pub fn final_version(conn: &mut crate::db::AnyConnection, system_id: i64, version: i32) -> AppResult<Definition> {
    let v = store::versions(conn, system_id)?
        .into_iter()
        .find(|v| v.version == version && v.finalised_at.is_some())
        .ok_or(AppError::NotFound)?;
    parse(&v)
}
