//! Keeping the records current: the `oai.records` job renders an item's metadata again when it
//! changes (a published article, a paper of a published volume) and writes its record, or marks
//! the record deleted when the item is no longer public.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDateTime;

use super::model::{ItemKind, Rendered};
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::Registry;
use crate::jobs::changes::{Harvest, Notice};
use crate::web::AppState;

/// The record an item should have now, or `None` when it is not public.
pub fn render(conn: &mut AnyConnection, kind: ItemKind, id: i64, base_url: &str) -> AppResult<Option<Rendered>> {
    Ok(match kind {
        ItemKind::Article => crate::journals::public::view::harvested(conn, id, base_url)?.map(|h| Rendered {
            set_top: super::sets::JOURNAL,
            set_spec: format!("{}:{}", super::sets::JOURNAL, h.journal.slug),
            set_name_zh: h.journal.name_zh,
            set_name_en: h.journal.name_en,
            dc_xml: h.dublin_core,
            jats_xml: Some(h.jats),
        }),
        ItemKind::Paper => crate::proceedings::view::harvested(conn, id, base_url)?.map(|h| Rendered {
            set_top: super::sets::PROCEEDINGS,
            set_spec: format!("{}:{}", super::sets::PROCEEDINGS, h.venue.slug),
            set_name_zh: h.volume_zh,
            set_name_en: h.volume_en,
            dc_xml: h.dublin_core,
            jats_xml: None,
        }),
    })
}

/// Brings an item's record up to date; says whether it changed.
pub fn refresh(conn: &mut AnyConnection, kind: ItemKind, id: i64, base_url: &str, now: NaiveDateTime) -> AppResult<bool> {
    match render(conn, kind, id, base_url)? {
        Some(r) => store::put(conn, kind, id, &r, now),
        None => store::delete(conn, kind, id, now),
    }
}

fn work(conn: &mut AnyConnection, base_url: &Arc<str>, job: Harvest, now: NaiveDateTime) -> AppResult<usize> {
    let changed = match job.0 {
        Notice::Article(id) => refresh(conn, ItemKind::Article, id, base_url, now)?,
        Notice::Paper(id) => refresh(conn, ItemKind::Paper, id, base_url, now)?,
        _ => false,
    };
    Ok(usize::from(changed))
}

/// Queues every public item without a live record, so a database from before OAI-PMH (or
/// restored from a backup) is harvestable; cheap when nothing is missing. Returns how many
/// were queued. (An item that stops being public always sends its own notice.)
pub fn fill_missing(state: &AppState) -> anyhow::Result<usize> {
    let mut conn = state.db.conn()?;
    crate::db::transaction(&mut conn, |c| {
        let mut queued = 0;
        for (kind, public) in [
            (ItemKind::Article, crate::journals::articles::store::published_ids(c)?),
            (ItemKind::Paper, crate::proceedings::store::published_paper_ids(c)?),
        ] {
            let live: HashSet<i64> = store::live_items(c, kind)?.into_iter().collect();
            for id in public.into_iter().filter(|id| !live.contains(id)) {
                let notice = match kind {
                    ItemKind::Article => Notice::Article(id),
                    ItemKind::Paper => Notice::Paper(id),
                };
                crate::jobs::typed::enqueue_unique(c, &Harvest(notice))?;
                queued += 1;
            }
        }
        Ok(queued)
    })
    .map_err(anyhow::Error::from)
}

/// Registers the handler.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_in_tx::<Harvest, Arc<str>>(state.db.clone(), Arc::from(state.config.base_url.as_str()), work);
}
