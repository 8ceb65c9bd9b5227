//! Demo data for the speech contest: [`seed`] runs a finished contest on a forum venue whose
//! accepted papers were told (default score form, every such paper a talk, the judges'
//! scores, published results); [`seed_forum`] first makes that venue, "青年科学家论坛 2026 /
//! Young Scientists Forum 2026", with its call and accepted papers. Both are safe to run again.

use chrono::NaiveDateTime;

use super::model::ContestState;
use super::{service, store, validate};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::AppState;

/// The demo forum's URL name.
pub const FORUM_SLUG: &str = "ysf-2026";

/// Points a demo judge gives on criterion `criterion` of talk `entry`: each talk has its own
/// level, each judge leans a little up or down, and criteria differ, so the ranking has no ties.
fn demo_points(judge: usize, entry: usize, criterion: usize, max: u32) -> u32 {
    let level = [88i64, 81, 74, 92, 69, 78][entry % 6];
    let lean = [-3i64, 2, 5, -1][judge % 4];
    let by_criterion = [0i64, -4, 3, -2][criterion % 4];
    let pct = (level + lean + by_criterion).clamp(0, 100);
    ((i64::from(max) * pct + 50) / 100) as u32
}

/// Runs the contest of venue `venue_id` to its published results: the default score form and
/// awards, every accepted and told paper a talk, `judge_ids` as judges (named without mail)
/// scoring every talk they may, then closed and published (without award mail: the demo
/// authors are not told). A contest already past setup is left as it is.
pub fn seed(conn: &mut AnyConnection, venue_id: i64, chair_id: i64, judge_ids: &[i64], now: NaiveDateTime) -> AppResult<()> {
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let chair_user = crate::auth::store::by_id(conn, chair_id)?;
    let ch = crate::guard::venue::chair_of(conn, &chair_user, venue.clone())?;
    let c = service::contest(conn, venue_id, now)?;
    if c.state != ContestState::Setup {
        return Ok(());
    }
    service::use_default(conn, &ch, now)?;
    let candidates = service::entries(conn, &ch, now)?.candidates;
    let papers: Vec<i64> = candidates.iter().map(|p| p.submission_id).collect();
    service::put_entries(conn, &ch, &validate::ContestEntriesInput { submissions: papers }, now)?;
    for &j in judge_ids {
        roles::grant(conn, j, roles::CONTEST_JUDGE, roles::SCOPE_VENUE, venue_id)?;
    }
    store::set_state(conn, c.id, ContestState::Open, now)?;
    let criteria = service::settings(conn, &ch, now)?.criteria;
    for (ji, &j) in judge_ids.iter().enumerate() {
        let judge = crate::auth::store::by_id(conn, j)?;
        let sheet = service::sheet(conn, &venue, &judge)?;
        for (ei, e) in sheet.entries.iter().enumerate().filter(|(_, e)| !e.conflict) {
            let input = validate::ContestScoreInput {
                points: criteria
                    .iter()
                    .enumerate()
                    .map(|(ci, cr)| i64::from(demo_points(ji, ei, ci, cr.max)))
                    .collect(),
                comment: if ji == 0 && ei == 0 {
                    "思路清晰，回答问题准确。/ Clear reasoning, precise answers.".into()
                } else {
                    String::new()
                },
            };
            service::score(conn, &venue, &judge, e.entry.id, &input, now)?;
        }
    }
    store::set_state(conn, c.id, ContestState::Closed, now)?;
    store::set_state(conn, c.id, ContestState::Published, now)?;
    Ok(())
}

/// The demo papers of the forum: Chinese title, English title, keywords.
const FORUM_PAPERS: &[(&str, &str, &str)] = &[
    (
        "面向小样本学习的图神经网络预训练",
        "Pre-training graph neural networks for few-shot learning",
        "图神经网络, 小样本学习",
    ),
    (
        "钙钛矿太阳能电池的界面稳定性",
        "Interface stability of perovskite solar cells",
        "钙钛矿, 稳定性",
    ),
    (
        "单细胞测序揭示的肿瘤免疫微环境",
        "The tumour immune microenvironment seen by single-cell sequencing",
        "单细胞测序, 肿瘤免疫",
    ),
    (
        "同行评议中的评审一致性研究",
        "Reviewer agreement in peer review",
        "同行评议, 一致性",
    ),
    (
        "低温下二维材料的量子输运",
        "Quantum transport in two-dimensional materials at low temperature",
        "二维材料, 量子输运",
    ),
];

/// Makes the demo youth forum (kind forum, presenters under 40) with an open call and five
/// accepted papers by `author_ids` (in turn) whose authors were told, then runs its contest
/// with [`seed`]. Returns the venue's id; an existing forum is kept (only [`seed`] runs again).
pub fn seed_forum(
    conn: &mut AnyConnection,
    state: &AppState,
    society_id: i64,
    chair_id: i64,
    author_ids: &[i64],
    judge_ids: &[i64],
) -> AppResult<i64> {
    use crate::venues::{store as vstore, validate as vvalidate};
    let now = chrono::Utc::now().naive_utc();
    if let Ok(v) = vstore::by_slug(conn, FORUM_SLUG) {
        seed(conn, v.id, chair_id, judge_ids, now)?;
        return Ok(v.id);
    }
    if author_ids.is_empty() {
        return Err(AppError::bug("the demo forum needs authors"));
    }
    let day = |days: i64, fmt: &str| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .format(fmt)
            .to_string()
    };
    let input = vvalidate::VenueInput {
        details: vvalidate::VenueDetails {
            slug: FORUM_SLUG.into(),
            kind: "forum".into(),
            title_zh: "青年科学家论坛 2026".into(),
            title_en: "Young Scientists Forum 2026".into(),
            description_zh: "面向40岁以下青年学者的前沿论坛，设青年优秀报告演讲比赛。".into(),
            description_en: "A frontier forum for researchers under 40, with a speech contest for the best young talks.".into(),
            starts_on: day(60, "%Y-%m-%d"),
            ends_on: day(61, "%Y-%m-%d"),
            place: "武汉 / Wuhan".into(),
            timezone: "Asia/Shanghai".into(),
            ..Default::default()
        },
        age_limit: Some(40),
        ..Default::default()
    };
    let venue = vstore::create_for(conn, &vvalidate::venue(&input)?, chair_id, Some(society_id))?;
    let call = vvalidate::CallInput {
        paper_deadline: day(14, "%Y-%m-%dT23:59"),
        page_limit: Some(6),
        anonymity: "double_blind".into(),
        ..Default::default()
    };
    let call = vstore::save_call(conn, venue.id, None, &vvalidate::call(&call, "Asia/Shanghai")?)?;
    vstore::open(conn, venue.id, now)?;
    crate::salons::forum_topics::demo::seed(conn, venue.id, chair_id, author_ids, now)?;
    let files = state.files.clone();
    for (i, (zh, en, keywords)) in FORUM_PAPERS.iter().enumerate() {
        let author = crate::auth::store::by_id(conn, author_ids[i % author_ids.len()])?;
        let spec = crate::submissions::validate::SubmissionSpec {
            title_zh: (*zh).into(),
            title_en: (*en).into(),
            abstract_text: format!("{zh} — 示例摘要 / demo abstract: {en}."),
            keywords: (*keywords).into(),
            track_id: None,
            topic_ids: vec![],
            authors: vec![crate::submissions::validate::AuthorSpec {
                name_zh: author.name_zh.clone(),
                name_latin: author.name_latin.clone(),
                email: author.email.clone(),
                affiliation: author.affiliation.clone(),
                country: author.country.clone(),
                orcid: None,
                is_corresponding: true,
                is_presenter: true,
            }],
            answers: Default::default(),
            conflicts: vec![],
            related_submissions: String::new(),
        };
        let pdf = crate::files::pdf::sample(4, en, None);
        let sha = files.put_bytes(&pdf).map_err(|e| AppError::caused("storing a demo file", e))?;
        let file_id = crate::files::model::insert(
            conn,
            &crate::files::model::NewFile {
                sha256: &sha,
                size_bytes: pdf.len() as i64,
                content_type: "application/pdf",
                original_name: "paper.pdf",
                page_count: Some(4),
                uploaded_by: Some(author.id),
            },
        )?;
        let s = crate::submissions::store::create(conn, venue.id, call.id, &spec, Some(file_id), None, author.id)?;
        crate::review::decisions::store::set(conn, venue.id, s.id, "accept_oral", chair_id, now)?;
        crate::review::decisions::store::mark_notified(conn, s.id, now)?;
    }
    seed(conn, venue.id, chair_id, judge_ids, now)?;
    Ok(venue.id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_points_stay_within_the_maximum() {
        for j in 0..5 {
            for e in 0..6 {
                for (c, max) in [10, 20, 30].into_iter().enumerate() {
                    assert!(super::demo_points(j, e, c, max) <= max);
                }
            }
        }
    }
}
