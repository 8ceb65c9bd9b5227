//! Annual salon plan queries: societies by URL name, plans, their items and proposed themes.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{Plan, PlanItem, Proposal, ProposalStatus, Society};
use crate::db::AnyConnection;
use crate::db::schema::{salon_plan_items, salon_plans, salon_theme_proposals, societies};
use crate::error::{AppError, AppResult};

/// Every society, by English name.
pub fn societies(conn: &mut AnyConnection) -> AppResult<Vec<Society>> {
    Ok(societies::table.order(societies::name_en).select(Society::as_select()).load(conn)?)
}

/// The society with id `id` (404 for none).
pub fn society_by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Society> {
    societies::table
        .find(id)
        .select(Society::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The society named `slug` (404 for none).
pub fn society(conn: &mut AnyConnection, slug: &str) -> AppResult<Society> {
    societies::table
        .filter(societies::slug.eq(slug))
        .select(Society::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The society's plan for `year`, if any.
pub fn plan(conn: &mut AnyConnection, society_id: i64, year: i32) -> AppResult<Option<Plan>> {
    Ok(salon_plans::table
        .filter(salon_plans::society_id.eq(society_id))
        .filter(salon_plans::year.eq(year))
        .select(Plan::as_select())
        .first(conn)
        .optional()?)
}

/// The society's plan for `year`, made empty when missing.
pub fn plan_or_new(conn: &mut AnyConnection, society_id: i64, year: i32, now: NaiveDateTime) -> AppResult<Plan> {
    if let Some(p) = plan(conn, society_id, year)? {
        return Ok(p);
    }
    diesel::insert_into(salon_plans::table)
        .values((
            salon_plans::society_id.eq(society_id),
            salon_plans::year.eq(year),
            salon_plans::intro_zh.eq(""),
            salon_plans::intro_en.eq(""),
            salon_plans::updated_at.eq(now),
        ))
        .execute(conn)?;
    plan(conn, society_id, year)?.ok_or(AppError::NotFound)
}

/// The years with a plan, newest first (`published_only`: the public's).
pub fn years(conn: &mut AnyConnection, society_id: i64, published_only: bool) -> AppResult<Vec<i32>> {
    let mut q = salon_plans::table.filter(salon_plans::society_id.eq(society_id)).into_boxed();
    if published_only {
        q = q.filter(salon_plans::published_at.is_not_null());
    }
    Ok(q.order(salon_plans::year.desc()).select(salon_plans::year).load(conn)?)
}

/// Sets the introduction.
pub fn set_intro(conn: &mut AnyConnection, plan_id: i64, zh: &str, en: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(salon_plans::table.find(plan_id))
        .set((
            salon_plans::intro_zh.eq(zh),
            salon_plans::intro_en.eq(en),
            salon_plans::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Publishes (or withdraws, with `None`) the plan.
pub fn set_published(conn: &mut AnyConnection, plan_id: i64, at: Option<NaiveDateTime>) -> AppResult<()> {
    diesel::update(salon_plans::table.find(plan_id))
        .set(salon_plans::published_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// The plan's items in order.
pub fn items(conn: &mut AnyConnection, plan_id: i64) -> AppResult<Vec<PlanItem>> {
    Ok(salon_plan_items::table
        .filter(salon_plan_items::plan_id.eq(plan_id))
        .order((
            salon_plan_items::starts_on.is_null(),
            salon_plan_items::starts_on,
            salon_plan_items::position,
            salon_plan_items::id,
        ))
        .select(PlanItem::as_select())
        .load(conn)?)
}

/// What an item holds.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = salon_plan_items, treat_none_as_null = true)]
pub struct ItemFields {
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Lead scientists.
    pub lead_scientists: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// Where.
    pub place: String,
    /// The venue in xuehui.
    pub venue_id: Option<i64>,
}

/// Adds an item at the end; answers its id.
pub fn insert_item(conn: &mut AnyConnection, plan_id: i64, f: &ItemFields, proposal_id: Option<i64>) -> AppResult<i64> {
    let position: Option<i32> = salon_plan_items::table
        .filter(salon_plan_items::plan_id.eq(plan_id))
        .select(diesel::dsl::max(salon_plan_items::position))
        .first(conn)?;
    Ok(diesel::insert_into(salon_plan_items::table)
        .values((
            salon_plan_items::plan_id.eq(plan_id),
            salon_plan_items::position.eq(position.unwrap_or(0) + 1),
            f,
            salon_plan_items::proposal_id.eq(proposal_id),
        ))
        .returning(salon_plan_items::id)
        .get_result(conn)?)
}

/// Changes an item of the plan (false when it is not the plan's).
pub fn update_item(conn: &mut AnyConnection, plan_id: i64, id: i64, f: &ItemFields) -> AppResult<bool> {
    let n = diesel::update(salon_plan_items::table.find(id).filter(salon_plan_items::plan_id.eq(plan_id)))
        .set(f)
        .execute(conn)?;
    Ok(n == 1)
}

/// Deletes an item of the plan (false when it is not the plan's).
pub fn delete_item(conn: &mut AnyConnection, plan_id: i64, id: i64) -> AppResult<bool> {
    let n = diesel::delete(salon_plan_items::table.find(id).filter(salon_plan_items::plan_id.eq(plan_id))).execute(conn)?;
    Ok(n == 1)
}

/// What a proposal holds.
pub struct NewProposal<'a> {
    /// For which year.
    pub year: i32,
    /// Theme in Chinese.
    pub theme_zh: &'a str,
    /// Theme in English.
    pub theme_en: &'a str,
    /// Why.
    pub rationale: &'a str,
    /// Who could lead it.
    pub lead_scientist: &'a str,
}

/// Records a proposed theme; answers its id.
pub fn insert_proposal(conn: &mut AnyConnection, society_id: i64, user_id: i64, p: &NewProposal<'_>, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(salon_theme_proposals::table)
        .values((
            salon_theme_proposals::society_id.eq(society_id),
            salon_theme_proposals::year.eq(p.year),
            salon_theme_proposals::user_id.eq(user_id),
            salon_theme_proposals::theme_zh.eq(p.theme_zh),
            salon_theme_proposals::theme_en.eq(p.theme_en),
            salon_theme_proposals::rationale.eq(p.rationale),
            salon_theme_proposals::lead_scientist.eq(p.lead_scientist),
            salon_theme_proposals::status.eq(ProposalStatus::Proposed),
            salon_theme_proposals::decision_note.eq(""),
            salon_theme_proposals::created_at.eq(now),
        ))
        .returning(salon_theme_proposals::id)
        .get_result(conn)?)
}

/// The society's proposals for `year`, oldest first (`user`: only theirs).
pub fn proposals(conn: &mut AnyConnection, society_id: i64, year: i32, user: Option<i64>) -> AppResult<Vec<Proposal>> {
    let mut q = salon_theme_proposals::table
        .filter(salon_theme_proposals::society_id.eq(society_id))
        .filter(salon_theme_proposals::year.eq(year))
        .into_boxed();
    if let Some(u) = user {
        q = q.filter(salon_theme_proposals::user_id.eq(u));
    }
    Ok(q.order((salon_theme_proposals::created_at, salon_theme_proposals::id))
        .select(Proposal::as_select())
        .load(conn)?)
}

/// One proposal of the society (404 for another society's).
pub fn proposal(conn: &mut AnyConnection, society_id: i64, id: i64) -> AppResult<Proposal> {
    salon_theme_proposals::table
        .find(id)
        .filter(salon_theme_proposals::society_id.eq(society_id))
        .select(Proposal::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Records the society's decision on a proposal still waiting (false when decided already).
pub fn decide(conn: &mut AnyConnection, id: i64, to: ProposalStatus, note: &str, by: i64, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(
        salon_theme_proposals::table
            .find(id)
            .filter(salon_theme_proposals::status.eq(ProposalStatus::Proposed)),
    )
    .set((
        salon_theme_proposals::status.eq(to),
        salon_theme_proposals::decision_note.eq(note),
        salon_theme_proposals::decided_by.eq(Some(by)),
        salon_theme_proposals::decided_at.eq(Some(now)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
