//! Salon actions: the rules' numbers, lead scientists, invitations and the decisions on
//! applications, checked against the balance rules inside the deciding transaction.

use chrono::{Datelike, NaiveDateTime};

use super::balance::{self, Person, Rule};
use super::rules::Rules;
use super::store;
use super::validate::Decision;
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::salon::Lead;
use crate::guard::venue::Chair;
use crate::participation::registration::model::{Form, FormScope, RegStatus, Registration};
use crate::participation::registration::store as reg;
use crate::venues::model::{Venue, VenueKind};
use crate::web::AppState;

/// Fails with 404 unless the venue is a salon.
pub fn require_salon(venue: &Venue) -> AppResult<()> {
    if venue.kind == VenueKind::Salon {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The year ages are counted in: the salon's first day's, else this year.
pub fn year_of(venue: &Venue, now: NaiveDateTime) -> i32 {
    venue.starts_on.map_or(now.year(), |d| d.year())
}

/// The salon's application form: its form for the whole event (none until the chairs make one).
pub fn application_form(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Form>> {
    Ok(reg::forms_of(conn, venue_id)?.into_iter().find(|f| f.scope == FormScope::Venue))
}

/// Every registration at the salon (all its forms), oldest first.
pub fn registrations(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Registration>> {
    let mut out = Vec::new();
    for f in reg::forms_of(conn, venue_id)? {
        out.extend(reg::all_of(conn, f.id)?);
    }
    out.sort_by_key(|r| (r.created_at, r.id));
    Ok(out)
}

/// The person a registration describes, as the balance rules see them.
pub fn person(r: &Registration) -> Person {
    Person {
        institution: r.institution.clone(),
        field: r.field.clone(),
        birth_year: r.birth_year,
    }
}

/// The participants: one confirmed registration per person.
pub fn participants(regs: &[Registration]) -> Vec<&Registration> {
    let mut seen = std::collections::HashSet::new();
    regs.iter()
        .filter(|r| r.status == RegStatus::Confirmed && seen.insert(r.user_id))
        .collect()
}

/// Stores the salon's numbers (its chairs).
pub fn save_rules(conn: &mut AnyConnection, ch: &Chair, rules: &Rules, now: NaiveDateTime) -> AppResult<()> {
    require_salon(&ch.venue)?;
    store::save_rules(conn, ch.venue.id, rules, now)
}

/// Decides an application: approving one that breaks a balance rule needs an override reason,
/// recorded with the rule. Answers the rules broken.
pub fn decide(conn: &mut AnyConnection, state: &AppState, lead: &Lead, id: i64, d: &Decision, now: NaiveDateTime) -> AppResult<Vec<Rule>> {
    let r = reg::registration(conn, id)?;
    let form = reg::form_by_id(conn, r.form_id)?;
    if form.venue_id != lead.venue.id {
        return Err(AppError::NotFound);
    }
    if r.status != RegStatus::Pending {
        return Err(AppError::Conflict("registration.not_pending".into()));
    }
    let broken = if d.approve {
        let rules = store::rules(conn, lead.venue.id)?;
        let regs = registrations(conn, lead.venue.id)?;
        let people: Vec<Person> = participants(&regs).into_iter().map(person).collect();
        balance::breaches(&people, &person(&r), year_of(&lead.venue, now), &rules)
    } else {
        Vec::new()
    };
    if !broken.is_empty() && d.override_reason.is_empty() {
        return Err(AppError::field("override_reason", "salon.override_required"));
    }
    crate::participation::registration::service::decide(conn, state, &r, d.approve, &d.reason, now)?;
    for rule in &broken {
        store::insert_override(conn, lead.venue.id, r.id, *rule, &d.override_reason, lead.user_id, now)?;
    }
    Ok(broken)
}

/// Invites people by address to the salon (its lead scientists or chairs): they register
/// outside approval with their personal link.
pub fn invite(
    conn: &mut AnyConnection,
    state: &AppState,
    lead: &Lead,
    input: &crate::participation::registration::validate::InviteGuestsInput,
    now: NaiveDateTime,
) -> AppResult<crate::participation::registration::service::Invited> {
    let form = application_form(conn, lead.venue.id)?.ok_or_else(|| AppError::Conflict("salon.no_form".into()))?;
    crate::participation::registration::service::invite_guests(conn, state, lead.user_id, &form, input, now)
}

/// The accounts leading the salon, oldest first.
pub fn lead_scientists(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<crate::auth::User>> {
    roles::holders(conn, roles::LEAD_SCIENTIST, roles::SCOPE_VENUE, venue_id)?
        .into_iter()
        .map(|id| crate::auth::store::by_id(conn, id))
        .collect()
}

/// Names the account with the address a lead scientist of the salon and tells them, in their
/// language; naming someone twice changes nothing (and mails nothing).
pub fn add_lead(conn: &mut AnyConnection, state: &AppState, ch: &Chair, email: &str) -> AppResult<crate::auth::User> {
    require_salon(&ch.venue)?;
    crate::venues::role_holders::name(conn, state, &ch.venue, &LEADS, email)
}

/// How lead scientists are named.
const LEADS: crate::venues::role_holders::Handout = crate::venues::role_holders::Handout {
    role: roles::LEAD_SCIENTIST,
    no_account: "salon.no_account",
    mail: "salon_lead",
    page: "/salon/applications",
};

/// The salons `user_id` leads (for their dashboard).
pub fn led_by(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Venue>> {
    let mut out = Vec::new();
    for g in roles::of_user(conn, user_id)? {
        if g.role == roles::LEAD_SCIENTIST && g.scope_kind == roles::SCOPE_VENUE {
            out.push(crate::venues::store::by_id(conn, g.scope_id)?);
        }
    }
    Ok(out)
}

/// Takes the lead scientist role away (404 when they do not hold it).
pub fn remove_lead(conn: &mut AnyConnection, ch: &Chair, user_id: i64) -> AppResult<()> {
    require_salon(&ch.venue)?;
    crate::venues::role_holders::take_back(conn, roles::LEAD_SCIENTIST, ch.venue.id, user_id)
}
