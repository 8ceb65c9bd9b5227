//! Registration routes.

use crate::web::register::Routes;

/// Mounts registration's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list_forms, create_form, get_form, update_form, delete_form, close_form, register, list_registrations,
        mine, get, cancel, confirm, decide, set_fee, invite_guests, invite_speakers, register_invited});
}
