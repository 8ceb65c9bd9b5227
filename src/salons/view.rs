//! What readers of a salon get: the public facts, and the applications with the balance for
//! its lead scientists and chairs.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::balance::{self, AgeGroup, Balance, Rule};
use super::rules::Rules;
use super::{service, store};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::guard::salon::Lead;
use crate::participation::registration::model::RegStatus;
use crate::venues::model::Venue;

/// A lead scientist as the public sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LeadScientistView {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Institution.
    pub affiliation: String,
    /// Address (chairs only).
    pub email: Option<String>,
}

/// A salon for everyone: its rules, who leads it and how full it is.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SalonView {
    /// The venue's URL name.
    pub slug: String,
    /// The rules' numbers.
    pub rules: Rules,
    /// Lead scientists.
    pub lead_scientists: Vec<LeadScientistView>,
    /// Participants so far (confirmed).
    pub participants: i32,
    /// The application form, once there is one.
    pub form_id: Option<i64>,
    /// Whether the form takes applications now (`None`: no form yet).
    pub applications: Option<crate::participation::registration::window::Window>,
}

/// The public facts of a salon (`with_emails`: for its chairs).
pub fn salon(conn: &mut AnyConnection, venue: &Venue, with_emails: bool) -> AppResult<SalonView> {
    service::require_salon(venue)?;
    let leads = service::lead_scientists(conn, venue.id)?
        .into_iter()
        .map(|u| LeadScientistView {
            user_id: u.id,
            name: u.display_name(),
            affiliation: u.affiliation.clone(),
            email: with_emails.then(|| u.email.clone()),
        })
        .collect();
    let regs = service::registrations(conn, venue.id)?;
    let form = service::application_form(conn, venue.id)?;
    Ok(SalonView {
        slug: venue.slug.clone(),
        rules: store::rules(conn, venue.id)?,
        lead_scientists: leads,
        participants: service::participants(&regs).len() as i32,
        form_id: form.as_ref().map(|f| f.id),
        applications: form
            .as_ref()
            .map(|f| crate::participation::registration::window::of(f, chrono::Utc::now().naive_utc())),
    })
}

/// An application (or invited participant) as its deciders see it: ages only as a group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    /// Registration id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Institution.
    pub institution: String,
    /// Field.
    pub field: String,
    /// The viewpoint they want to present.
    pub viewpoint: String,
    /// Young, older or unknown (no birth year given).
    pub age_group: AgeGroup,
    /// Where it stands.
    pub status: RegStatus,
    /// Came through an invitation.
    pub invited: bool,
    /// Applied (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
    /// The reason given with the decision.
    pub decision_note: String,
    /// For a pending application: the rules approving it would break now.
    pub breaches: Vec<Rule>,
}

/// An override as the deciders see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SalonOverrideView)]
pub struct OverrideView {
    /// The application.
    pub registration_id: i64,
    /// Its applicant.
    pub name: String,
    /// The rule broken.
    pub rule: Rule,
    /// Why.
    pub reason: String,
    /// Who decided.
    pub by: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub at: NaiveDateTime,
}

/// A salon's applications with the balance of its participants.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationsView {
    /// The salon.
    pub salon: SalonView,
    /// The participants against the balance rules.
    pub balance: Balance,
    /// Waiting for a decision, oldest first.
    pub pending: Vec<ApplicationView>,
    /// Participants (confirmed).
    pub participants: Vec<ApplicationView>,
    /// Everyone else (waiting list, offered, declined, cancelled, lapsed).
    pub others: Vec<ApplicationView>,
    /// Rules broken on purpose.
    pub overrides: Vec<OverrideView>,
}

/// The applications of the salon for its lead scientists and chairs.
pub fn applications(conn: &mut AnyConnection, lead: &Lead, now: NaiveDateTime) -> AppResult<ApplicationsView> {
    let venue = &lead.venue;
    let rules = store::rules(conn, venue.id)?;
    let year = service::year_of(venue, now);
    let regs = service::registrations(conn, venue.id)?;
    let admitted = service::participants(&regs);
    let admitted_ids: std::collections::HashSet<i64> = admitted.iter().map(|r| r.id).collect();
    let people: Vec<balance::Person> = admitted.iter().map(|r| service::person(r)).collect();
    let item = |r: &crate::participation::registration::model::Registration| ApplicationView {
        id: r.id,
        name: if r.name_zh.is_empty() || r.name_latin.is_empty() {
            format!("{}{}", r.name_zh, r.name_latin)
        } else {
            format!("{} {}", r.name_zh, r.name_latin)
        },
        institution: r.institution.clone(),
        field: r.field.clone(),
        viewpoint: r.viewpoint.clone(),
        age_group: balance::age_group(r.birth_year, year, &rules),
        status: r.status,
        invited: r.invited,
        created_at: r.created_at,
        decision_note: r.decision_note.clone(),
        breaches: if r.status == RegStatus::Pending {
            balance::breaches(&people, &service::person(r), year, &rules)
        } else {
            Vec::new()
        },
    };
    let (mut pending, mut participants, mut others) = (Vec::new(), Vec::new(), Vec::new());
    for r in &regs {
        if r.status == RegStatus::Pending {
            pending.push(item(r));
        } else if admitted_ids.contains(&r.id) {
            participants.push(item(r));
        } else {
            others.push(item(r));
        }
    }
    let names: std::collections::HashMap<i64, String> = pending
        .iter()
        .chain(&participants)
        .chain(&others)
        .map(|a| (a.id, a.name.clone()))
        .collect();
    let mut overrides = Vec::new();
    for o in store::overrides(conn, venue.id)? {
        let by = match o.user_id {
            Some(id) => crate::auth::store::by_id(conn, id)?.display_name(),
            None => String::new(),
        };
        overrides.push(OverrideView {
            registration_id: o.registration_id,
            name: names.get(&o.registration_id).cloned().unwrap_or_default(),
            rule: o.rule,
            reason: o.reason,
            by,
            at: o.created_at,
        });
    }
    Ok(ApplicationsView {
        salon: salon(conn, venue, lead.manages)?,
        balance: balance::balance(&people, year, &rules),
        pending,
        participants,
        others,
        overrides,
    })
}
