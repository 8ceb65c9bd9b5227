//! Routes of misconduct cases, mounted by `integrity::routes`.

use crate::web::register::Routes;

/// Mounts the API operations, the report form, the personal-link pages and the committee's pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{report, list, file, step, party, message, ruling, finalise, appeal_ruling, mailbox, mailbox_reply, hearing, hearing_reply, appeal, case_evidence_add, case_evidence, mailbox_evidence_add, mailbox_evidence, hearing_evidence_add, hearing_evidence});
    r.get("/integrity/report", super::pages::report_form);
    r.post("/integrity/report", super::pages::report);
    r.get("/integrity/mailbox/{token}", super::pages::mailbox);
    r.post("/integrity/mailbox/{token}", super::pages::mailbox_reply);
    r.post("/integrity/mailbox/{token}/evidence", super::pages::mailbox_evidence);
    r.get("/integrity/mailbox/{token}/evidence/{entry}", super::api::mailbox_evidence);
    r.get("/integrity/hearing/{token}", super::pages::hearing);
    r.post("/integrity/hearing/{token}", super::pages::hearing_reply);
    r.post("/integrity/hearing/{token}/evidence", super::pages::hearing_evidence);
    r.get("/integrity/hearing/{token}/evidence/{entry}", super::api::hearing_evidence);
    r.get("/societies/{slug}/integrity", super::pages::list);
    r.get("/societies/{slug}/integrity/cases/{number}", super::pages::case);
    r.post("/societies/{slug}/integrity/cases/{number}/step", super::pages::step);
    r.post("/societies/{slug}/integrity/cases/{number}/parties", super::pages::party);
    r.post("/societies/{slug}/integrity/cases/{number}/messages", super::pages::message);
    r.post("/societies/{slug}/integrity/cases/{number}/evidence", super::pages::case_evidence);
    r.get(
        "/societies/{slug}/integrity/cases/{number}/evidence/{entry}",
        super::api::case_evidence,
    );
    r.post("/societies/{slug}/integrity/cases/{number}/ruling", super::pages::ruling);
    r.post("/societies/{slug}/integrity/cases/{number}/finalise", super::pages::finalise);
    r.post(
        "/societies/{slug}/integrity/cases/{number}/appeal-ruling",
        super::pages::appeal_ruling,
    );
}
