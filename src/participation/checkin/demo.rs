//! Demo check-ins: the demo conference names a check-in helper, who checks the confirmed
//! registrants in on its first morning and two of them into its first session (through the
//! service, as at the desk). Nothing when the venue has check-ins already.

use chrono::{Duration, TimeZone};

use super::service;
use super::store;
use super::validate::{CheckinHelperInput, CheckinInput};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::participation::registration::model::RegStatus;
use crate::web::AppState;

/// Seeds check-ins at venue `venue_id` (`chair` names `helper`, who checks people in).
pub fn seed(conn: &mut AnyConnection, state: &AppState, venue_id: i64, chair: i64, helper: i64) -> AppResult<()> {
    if !store::recent(conn, venue_id, 1)?.is_empty() {
        return Ok(());
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let chair_user = crate::auth::store::by_id(conn, chair)?;
    let ch = crate::guard::venue::chair_of(conn, &chair_user, venue.clone())?;
    let helper_user = crate::auth::store::by_id(conn, helper)?;
    service::add_helper(
        conn,
        state,
        &ch,
        &CheckinHelperInput {
            email: helper_user.email.clone(),
        },
    )?;
    let desk = crate::guard::checkin::desk(conn, &helper_user, &venue.slug)?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
    let Some(first) = venue.starts_on else {
        return Ok(());
    };
    let Some(morning) = tz
        .from_local_datetime(&first.and_hms_opt(8, 30, 0).expect("a valid time"))
        .earliest()
    else {
        return Ok(());
    };
    let mut at = morning.naive_utc();
    let first_session = crate::programme::public::latest(conn, venue_id)?.and_then(|s| {
        s.sessions
            .iter()
            .find(|x| x.kind != "break")
            .map(|x| (x.guid.clone(), x.starts_at.naive_utc()))
    });
    let mut confirmed = Vec::new();
    for f in crate::participation::registration::store::forms_of(conn, venue_id)? {
        confirmed.extend(
            crate::participation::registration::store::all_of(conn, f.id)?
                .into_iter()
                .filter(|r| r.status == RegStatus::Confirmed),
        );
    }
    for (i, r) in confirmed.iter().enumerate() {
        at += Duration::minutes(3);
        service::check_in(
            conn,
            &desk,
            &CheckinInput {
                code: r.code.clone(),
                session: None,
            },
            at,
        )?;
        if let Some((guid, starts)) = first_session.as_ref().filter(|_| i < 2) {
            let input = CheckinInput {
                code: r.code.clone(),
                session: Some(guid.clone()),
            };
            service::check_in(conn, &desk, &input, *starts - Duration::minutes(5 - i as i64))?;
        }
    }
    Ok(())
}
