//! Demo topics for the demo youth forum: one commissioned, one proposed and adopted, one
//! waiting for the chairs and one declined with a reason (no mail: demo accounts are not told).

use chrono::NaiveDateTime;

use super::model::{Origin, TopicStatus};
use super::store::{self, Decision, NewTopic, Which};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Seeds the topics of forum `venue_id` unless it has some: `chair_id` commissions and
/// decides, `proposer_ids` (at least one) propose.
pub fn seed(conn: &mut AnyConnection, venue_id: i64, chair_id: i64, proposer_ids: &[i64], now: NaiveDateTime) -> AppResult<()> {
    if !store::list(conn, venue_id, Which::All)?.is_empty() || proposer_ids.is_empty() {
        return Ok(());
    }
    let by = |i: usize| proposer_ids[i % proposer_ids.len()];
    let commissioned = NewTopic {
        origin: Origin::Commissioned,
        name_zh: "面向科学发现的人工智能",
        name_en: "AI for scientific discovery",
        description: "机器学习如何提出可检验的科学假设。/ How machine learning can propose testable hypotheses.",
        convener: "王敏（中国科学院计算技术研究所）/ Wang Min (ICT, CAS)",
        convener_email: "",
        by: chair_id,
    };
    let id = store::insert(conn, venue_id, &commissioned, TopicStatus::Adopted, now)?;
    let topic = crate::venues::store::add_topic(conn, venue_id, commissioned.name_zh, commissioned.name_en)?;
    store::set_topic(conn, id, topic)?;
    let proposals = [
        (
            "低维材料中的量子输运",
            "Quantum transport in low-dimensional materials",
            "二维材料器件的新测量手段使这一方向进展很快。/ New measurements on 2D devices move this field fast.",
            Some((true, "")),
        ),
        (
            "科研诚信与结果可重复性",
            "Research integrity and reproducible results",
            "青年学者最先面对可重复性问题。/ Young researchers meet reproducibility problems first.",
            None,
        ),
        (
            "大型科学装置的运行管理",
            "Running large research facilities",
            "装置管理经验值得交流。/ Experience in running facilities is worth sharing.",
            Some((
                false,
                "与年会的专题重复，建议投年会。/ It overlaps a topic of the annual conference; please submit there.",
            )),
        ),
    ];
    for (i, (zh, en, description, decision)) in proposals.into_iter().enumerate() {
        let t = NewTopic {
            origin: Origin::Proposed,
            name_zh: zh,
            name_en: en,
            description,
            convener: "",
            convener_email: "",
            by: by(i),
        };
        let id = store::insert(conn, venue_id, &t, TopicStatus::Proposed, now)?;
        if let Some((adopt, note)) = decision {
            let topic_id = if adopt {
                Some(crate::venues::store::add_topic(conn, venue_id, zh, en)?)
            } else {
                None
            };
            let d = Decision {
                to: if adopt { TopicStatus::Adopted } else { TopicStatus::Declined },
                note,
                by: chair_id,
                topic_id,
            };
            store::decide(conn, id, &d, now)?;
        }
    }
    Ok(())
}
