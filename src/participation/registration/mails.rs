//! Mail about registrations: every change reaches the registrant in their language (with the
//! QR code when they have a place), and invitations carry their personal link.

use super::model::{Form, RegStatus, Registration};
use super::service::NewWho;
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::{Attachment, Mail};
use crate::web::AppState;
use crate::web::i18n::Lang;

/// What happened to a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Registered (confirmed, waiting or pending as its status says).
    Registered,
    /// Approved by the organisers.
    Approved,
    /// Refused by the organisers.
    Rejected,
    /// Offered a freed place.
    Offered,
    /// Confirmed an offered place.
    Confirmed,
    /// The offer went by unconfirmed.
    Lapsed,
    /// Cancelled by the registrant.
    Cancelled,
    /// Cancelled by the organisers.
    CancelledByOrganisers,
    /// The fee was recorded.
    Fee,
}

impl Event {
    fn name(self) -> &'static str {
        match self {
            Event::Registered => "registered",
            Event::Approved => "approved",
            Event::Rejected => "rejected",
            Event::Offered => "offered",
            Event::Confirmed => "confirmed",
            Event::Lapsed => "lapsed",
            Event::Cancelled => "cancelled",
            Event::CancelledByOrganisers => "cancelled_by_organisers",
            Event::Fee => "fee",
        }
    }
}

fn venue_zone(conn: &mut AnyConnection, form: &Form) -> AppResult<(crate::venues::model::Venue, chrono_tz::Tz)> {
    let v = crate::venues::store::by_id(conn, form.venue_id)?;
    let tz = crate::venues::deadline::parse_tz(&v.timezone).unwrap_or(chrono_tz::UTC);
    Ok((v, tz))
}

/// Queues the mail telling the registrant what changed.
pub fn changed(conn: &mut AnyConnection, state: &AppState, r: &Registration, form: &Form, event: Event) -> AppResult<()> {
    let user = crate::auth::store::by_id(conn, r.user_id)?;
    let lang = user.mail_lang();
    let (venue, tz) = venue_zone(conn, form)?;
    let position = if r.status == RegStatus::Waiting {
        store::waiting_before(conn, r)? + 1
    } else {
        0
    };
    let link = format!("{}/registrations/{}", state.config.base_url, r.id);
    let vars = serde_json::json!({
        "event": event.name(),
        // A salon's registrations are applications decided by its lead scientists.
        "salon": venue.kind == crate::venues::model::VenueKind::Salon,
        "placed": r.status == RegStatus::Confirmed && matches!(event, Event::Registered | Event::Approved | Event::Confirmed),
        "status": r.status.as_str(),
        "form_zh": form.title_zh,
        "form_en": form.title_en,
        "venue_zh": venue.title_zh,
        "venue_en": venue.title_en,
        "position": position,
        "offer_until": r.offer_until.map(|u| crate::venues::deadline::display(u, tz)),
        "timezone": venue.timezone,
        "code": if r.status == RegStatus::Confirmed { r.code.clone() } else { String::new() },
        "fee": r.fee.as_str(),
        "fee_note": r.fee_note,
        "note": if matches!(event, Event::Approved | Event::Rejected) { r.decision_note.as_str() } else { "" },
        "link": link,
    });
    let mail = Mail::to_user(&user, lang, "registration_changed", vars);
    if r.status == RegStatus::Confirmed && matches!(event, Event::Registered | Event::Approved | Event::Confirmed) {
        let png = crate::participation::qr::png(&r.code)?;
        crate::mail::queue_with(conn, state, mail, &Attachment::binary("checkin-qr.png", "image/png", &png))?;
    } else {
        crate::mail::queue(conn, state, mail)?;
    }
    Ok(())
}

/// Queues an invitation with its personal link, in the language of the invitee's account if
/// they have one (else Chinese, with the English text below in the template).
pub fn invitation(conn: &mut AnyConnection, state: &AppState, form: &Form, who: &NewWho<'_>, token: &str) -> AppResult<()> {
    let (venue, _) = venue_zone(conn, form)?;
    let lang = crate::auth::store::by_email(conn, who.email)?.map_or(Lang::ZhCn, |u| u.mail_lang());
    let (paper_zh, paper_en) = who.paper.clone().unwrap_or_default();
    let mail = Mail {
        to: who.email.to_string(),
        to_name: who.name.to_string(),
        lang,
        template: "registration_invitation",
        vars: serde_json::json!({
            "kind": who.kind.as_str(),
            "form_zh": form.title_zh,
            "form_en": form.title_en,
            "venue_zh": venue.title_zh,
            "venue_en": venue.title_en,
            "paper_zh": paper_zh,
            "paper_en": paper_en,
            "link": format!("{}/registrations/invitations/{token}", state.config.base_url),
        }),
    };
    crate::mail::queue(conn, state, mail)?;
    Ok(())
}
