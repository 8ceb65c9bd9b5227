//! What a volume is built from, read from the venue: the approved final versions of accepted
//! papers not withdrawn, in part order (the venue's main papers, then each track in the order
//! the tracks were made) and by number within a part; the committee for the front matter.

use serde::Serialize;

use super::plan::Planned;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::finals::model::FinalStatus;
use crate::venues::model::Venue;

/// A paper going into the volume.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Layout facts.
    pub planned: Planned,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Authors as (Chinese name, Latin name), in order.
    pub authors: Vec<(String, String)>,
    /// The final PDF's storage hash.
    pub sha256: String,
}

/// A committee group of the front matter.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Role in Chinese.
    pub role_zh: String,
    /// Role in English.
    pub role_en: String,
    /// Members (name, affiliation).
    pub members: Vec<(String, String)>,
}

/// How an author is named in the index: `Latin (中文)` or whichever exists.
pub fn index_name(zh: &str, latin: &str) -> String {
    match (zh.trim().is_empty(), latin.trim().is_empty()) {
        (false, false) => format!("{} ({})", latin.trim(), zh.trim()),
        (true, _) => latin.trim().to_string(),
        (false, true) => zh.trim().to_string(),
    }
}

/// The approved finals of the venue in volume order.
pub fn entries(conn: &mut AnyConnection, venue: &Venue) -> AppResult<Vec<Entry>> {
    let labels = crate::review::phases::load(conn, venue.id)?.labels();
    let tracks = crate::venues::store::tracks_of(conn, &[venue.id])?;
    let finals: std::collections::HashMap<i64, _> = crate::finals::store::of_venue(conn, venue.id)?
        .into_iter()
        .filter(|f| f.status == FinalStatus::Approved)
        .map(|f| (f.submission_id, f))
        .collect();
    let mut out = Vec::new();
    for (s, key) in crate::submissions::store::told_of_venue(conn, venue.id)? {
        if !crate::review::decisions::service::label_of(&labels, &key).accept {
            continue;
        }
        let Some(f) = finals.get(&s.id) else { continue };
        let Some(pdf) = f.pdf_file_id else { continue };
        let file = crate::files::model::get(conn, pdf)?;
        let track = tracks.iter().position(|t| Some(t.id) == s.track_id);
        let (part_zh, part_en) = match track {
            Some(i) => (tracks[i].name_zh.clone(), tracks[i].name_en.clone()),
            None => (venue.title_zh.clone(), venue.title_en.clone()),
        };
        let authors: Vec<(String, String)> = crate::submissions::store::authors_of(conn, s.id)?
            .into_iter()
            .map(|a| (a.name_zh, a.name_latin))
            .collect();
        out.push((
            track.map_or(0, |i| i + 1),
            Entry {
                planned: Planned {
                    submission_id: s.id,
                    part_zh,
                    part_en,
                    pages: u32::try_from(f.pages.unwrap_or(1)).unwrap_or(1),
                    authors: authors.iter().map(|(zh, la)| index_name(zh, la)).collect(),
                },
                number: s.number,
                title_zh: s.title_zh,
                title_en: s.title_en,
                authors,
                sha256: file.sha256,
            },
        ));
    }
    out.sort_by_key(|(part, e)| (*part, e.number));
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

/// The chairs, area chairs and reviewers who accepted, for the committee pages.
pub fn committee(conn: &mut AnyConnection, venue: &Venue) -> AppResult<Vec<Group>> {
    use crate::auth::roles::{Role, Scope};
    use crate::review::committee::model::CommitteeRole;
    let mut groups = Vec::new();
    let mut chairs = Vec::new();
    for uid in crate::auth::roles::holders(conn, Role::Chair, Scope::Venue, venue.id)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        chairs.push((u.display_name(), u.affiliation.clone()));
    }
    let person = |conn: &mut AnyConnection, m: &crate::review::committee::model::Member| -> AppResult<(String, String)> {
        Ok(match m.user_id {
            Some(uid) => {
                let u = crate::auth::store::by_id(conn, uid)?;
                (u.display_name(), u.affiliation.clone())
            }
            None => (m.name.clone(), String::new()),
        })
    };
    let mut ac = Vec::new();
    for m in crate::review::committee::store::accepted(conn, venue.id, CommitteeRole::AreaChair)? {
        ac.push(person(conn, &m)?);
    }
    let mut pc = Vec::new();
    for m in crate::review::committee::store::accepted(conn, venue.id, CommitteeRole::Reviewer)? {
        pc.push(person(conn, &m)?);
    }
    for (zh, en, mut members) in [
        ("程序委员会主席", "Programme chairs", chairs),
        ("领域主席", "Area chairs", ac),
        ("程序委员会委员", "Programme committee", pc),
    ] {
        if members.is_empty() {
            continue;
        }
        members.sort();
        groups.push(Group {
            role_zh: zh.into(),
            role_en: en.into(),
            members,
        });
    }
    Ok(groups)
}
