//! What everyone sees of an edition: its rules, and once public its entries with the shares by
//! tier, language and country (so the equal treatment of Chinese and foreign journals shows).

use std::collections::BTreeMap;

use serde::Serialize;

use super::entries::{self, Entry};
use super::model::{Edition, Indicator, Texts};
use super::panel::{self, Member};
use super::phases::Phase;
use super::store;
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::journals::model::Field;

/// An edition as shown to everyone.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EditionView {
    /// The edition.
    #[serde(flatten)]
    pub edition: Edition,
    /// Its field.
    pub field: Field,
    /// Tier definitions and criteria.
    pub texts: Texts,
    /// The indicator set.
    pub indicators: Vec<Indicator>,
    /// Journals in the field's register.
    pub register_size: i64,
    /// Whether entries are public (public notice or published).
    pub public: bool,
    /// Entries (proposed during notice, final once published); empty before notice.
    pub entries: Vec<Entry>,
    /// Listed journals per tier.
    pub tier_counts: BTreeMap<String, usize>,
    /// Listed journals per language code (a bilingual journal counts for each).
    pub by_language: BTreeMap<String, usize>,
    /// Listed journals per country code.
    pub by_country: BTreeMap<String, usize>,
}

/// Whether the edition's entries are public.
pub fn is_public(e: &Edition) -> bool {
    Phase::parse(&e.phase).is_some_and(|p| p >= Phase::Notice)
}

/// Builds the public view.
pub fn detail(conn: &mut AnyConnection, e: Edition) -> AppResult<EditionView> {
    let field = crate::journals::store::field_by_id(conn, e.field_id)?;
    let indicators = store::indicators(conn, e.id)?;
    let register_size = crate::journals::store::count_in_field(conn, e.field_id)?;
    let public = is_public(&e);
    let entries = if public { entries::list(conn, e.id)? } else { Vec::new() };
    let mut tier_counts = BTreeMap::new();
    let mut by_language = BTreeMap::new();
    let mut by_country = BTreeMap::new();
    for en in &entries {
        *tier_counts.entry(en.tier.clone()).or_insert(0) += 1;
        for l in &en.journal.languages {
            *by_language.entry(l.clone()).or_insert(0) += 1;
        }
        *by_country.entry(en.journal.country.clone()).or_insert(0) += 1;
    }
    Ok(EditionView {
        texts: e.texts(),
        edition: e,
        field,
        indicators,
        register_size,
        public,
        entries,
        tier_counts,
        by_language,
        by_country,
    })
}

/// An edition in the list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EditionSummary {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Year.
    pub year: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Phase.
    pub phase: String,
    /// Field code.
    pub field: String,
}

/// Every edition as summaries.
pub fn summaries(conn: &mut AnyConnection) -> AppResult<Vec<EditionSummary>> {
    let fields: std::collections::HashMap<i64, String> = crate::journals::store::all_fields(conn)?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    Ok(store::list(conn)?
        .into_iter()
        .map(|e| EditionSummary {
            field: fields.get(&e.field_id).cloned().unwrap_or_default(),
            id: e.id,
            slug: e.slug,
            year: e.year,
            title_zh: e.title_zh,
            title_en: e.title_en,
            phase: e.phase,
        })
        .collect())
}

/// Panel and committee with each expert's progress.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PanelView {
    /// Experts.
    pub experts: Vec<Member>,
    /// Committee members.
    pub committee: Vec<Member>,
    /// Journals to vote on.
    pub journals: i64,
}

/// Loads the panel view.
pub fn panel_view(c: &mut AnyConnection, e: &Edition) -> AppResult<PanelView> {
    Ok(PanelView {
        experts: panel::members(c, e.id, roles::CATALOGUE_EXPERT)?,
        committee: panel::members(c, e.id, roles::CATALOGUE_COMMITTEE)?,
        journals: crate::journals::store::count_in_field(c, e.field_id)?,
    })
}
