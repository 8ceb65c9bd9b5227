//! Accounts, sessions and personal tokens: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{login, logout, signup, me, update_me, list_tokens, create_token, revoke_all_tokens, revoke_token});
    r.get("/signup", super::pages::signup_form);
    r.post("/signup", super::pages::signup_submit);
    r.get("/verify", super::pages::verify);
    r.post("/verify/resend", super::pages::resend);
    r.get("/login", super::pages::login_form);
    r.post("/login", super::pages::login_submit);
    r.post("/logout", super::pages::logout);
    r.get("/password/forgot", super::pages::forgot_form);
    r.post("/password/forgot", super::pages::forgot_submit);
    r.get("/reset", super::pages::reset_form);
    r.post("/reset", super::pages::reset_submit);
    r.get("/profile", super::pages::profile_form);
    r.post("/profile", super::pages::profile_submit);
    r.get("/tokens", super::pages::tokens);
    r.post("/tokens", super::pages::token_create);
    r.post("/tokens/revoke-all", super::pages::token_revoke_all);
    r.post("/tokens/{id}/revoke", super::pages::token_revoke);
}
