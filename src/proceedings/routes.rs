//! Proceedings: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, save, build, publish, crossref, deposit_crossref, crossref_deposits});
    r.get("/venues/{slug}/proceedings", super::pages::show);
    r.post("/venues/{slug}/proceedings", super::pages::save);
    r.post("/venues/{slug}/proceedings/build", super::pages::build);
    r.post("/venues/{slug}/proceedings/publish", super::pages::publish);
    r.get("/venues/{slug}/proceedings/volume.pdf", super::pages::volume_pdf);
    r.get("/venues/{slug}/proceedings/papers.zip", super::pages::papers_zip);
    r.get("/venues/{slug}/proceedings/crossref.xml", super::api::crossref);
    r.post("/venues/{slug}/proceedings/crossref/deposit", super::pages::deposit);
    r.get("/venues/{slug}/proceedings/papers/{number}/paper.pdf", super::pages::paper_pdf);
}
