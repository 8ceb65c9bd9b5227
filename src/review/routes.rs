//! Peer review: committees, conflicts, expertise, bids, assignment, forms, phases, reviews, discussion, responses and decisions: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

use super::{affinity, assignment, bids, committee, conflicts, decisions, discussion, expertise, forms, phases, responses, reviews};

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, committee::api::{list, invite, remove, set_loads});
    crate::api!(r, conflicts::api::{list, add, detect, unusual, confirm, dismiss, declare});
    crate::api!(r, expertise::api::{get, put, import_accepted, get_topics, put_topics});
    // The affinity import streams its body after authorizing (`web::body::read_capped`).
    crate::api!(r, affinity::api::{get_settings, put_settings, list, import_csv});
    crate::api!(r, assignment::api::{run, get_run, commit, set_demand, list, add, remove});
    crate::api!(r, bids::api::{list, save});
    crate::api!(r, forms::api::{get, put, reset});
    crate::api!(r, phases::api::{get, put});
    crate::api!(r, reviews::api::{tasks, list, save});
    crate::api!(r, discussion::api::{list, post, edit});
    crate::api!(r, responses::api::{get, put});
    crate::api!(r, decisions::api::{set, list, notify});
    crate::api!(r, committee::api::{show, accept, decline});
    r.get("/venues/{slug}/committee", committee::pages::index);
    r.post("/venues/{slug}/committee/invite", committee::pages::invite);
    r.post("/venues/{slug}/committee/{id}/remove", committee::pages::remove);
    r.post("/venues/{slug}/committee/{id}/loads", committee::pages::set_loads);
    r.get("/profile/expertise", expertise::pages::index);
    r.post("/profile/expertise", expertise::pages::save_keywords);
    r.post("/profile/papers", expertise::pages::add_paper);
    r.post("/profile/papers/import", expertise::pages::import_accepted);
    r.post("/profile/papers/{id}/delete", expertise::pages::delete_paper);
    r.post("/venues/{slug}/my-topics", expertise::pages::save_topics);
    r.get("/venues/{slug}/assignment", assignment::pages::index);
    r.post("/venues/{slug}/assignment/settings", assignment::pages::save_settings);
    r.post("/venues/{slug}/assignment/run", assignment::pages::run);
    r.post("/venues/{slug}/assignment/demand", assignment::pages::set_demand);
    r.post("/venues/{slug}/assignment/runs/{id}/commit", assignment::pages::commit);
    r.post("/venues/{slug}/assignments", assignment::pages::add);
    r.post("/venues/{slug}/assignments/{id}/remove", assignment::pages::remove);
    r.get("/venues/{slug}/bids", bids::pages::index);
    r.post("/venues/{slug}/bids/{id}", bids::pages::save);
    r.get("/venues/{slug}/conflicts", conflicts::pages::index);
    r.post("/venues/{slug}/conflicts/detect", conflicts::pages::detect);
    r.post("/venues/{slug}/conflicts/bulk", conflicts::pages::bulk);
    r.post("/venues/{slug}/conflicts/{id}/confirm", conflicts::pages::confirm);
    r.post("/venues/{slug}/conflicts/{id}/dismiss", conflicts::pages::dismiss);
    r.get("/venues/{slug}/review-setup", phases::pages::index);
    r.post("/venues/{slug}/review-phase", phases::pages::save);
    r.post("/venues/{slug}/review-form", forms::pages::save);
    r.post("/venues/{slug}/review-form/reset", forms::pages::reset);
    r.get("/reviews", reviews::pages::tasks);
    r.get("/submissions/{id}/review", reviews::pages::show);
    r.post("/submissions/{id}/review", reviews::pages::save);
    r.get("/submissions/{id}/review/paper.pdf", reviews::paper_pdf::download);
    r.post("/submissions/{id}/discussion", discussion::pages::post);
    r.post("/submissions/{id}/discussion/{post}", discussion::pages::edit);
    r.post("/submissions/{id}/response", responses::pages::save);
    r.get("/venues/{slug}/decisions", decisions::pages::index);
    r.post("/venues/{slug}/decisions", decisions::pages::save);
    r.post("/venues/{slug}/decisions/notify", decisions::pages::notify);
    r.get("/invitations/{token}", committee::pages::show);
    r.post("/invitations/{token}/accept", committee::pages::accept);
    r.post("/invitations/{token}/decline", committee::pages::decline);
}
