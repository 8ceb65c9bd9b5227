//! Demo minutes: given a salon with confirmed participants and a writer, writes and publishes
//! minutes with an introduction of about 400 characters in both languages, three main
//! viewpoints, one anonymous and one named dissent. The review is recorded as finished (the
//! speakers approved a week before), so no mail is sent. Nothing when the salon has minutes.

use chrono::{Duration, Utc};

use super::model::{Attribution, ReviewState, StatementKind};
use super::service;
use super::store::{self, StatementRow};
use super::validate::MinutesInput;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

const INTRO_ZH: &str = "本次“新观点新学说”学术沙龙以“单原子催化中的动态活性位点”为主题，由领衔科学家孙立研究员主持。与会学者来自催化化学、理论计算化学、表面科学与催化工程等领域，采用圆桌形式，不设主席台，人人平等发言，鼓励提出尚不成熟但有启发性的观点。讨论集中在三个问题：第一，单原子催化剂在真实反应条件下是否仍以孤立原子的形式工作，原位电镜与原位X射线吸收谱给出的证据为何看似矛盾；第二，基于静态模型的理论计算在多大程度上能够描述溶剂、电势与覆盖度变化下的配位动态；第三，学界是否需要共同的基准体系与数据报告规范，使不同团队的结果可以相互比较。与会者在若干问题上形成了初步共识，也保留了明确的分歧。按照沙龙规则，本纪要如实记录主要观点与不同观点，不同观点按发言原文保留，发言人可选择署名或匿名；纪要在发布前已经各发言人审阅确认。我们希望这份纪要能够为后续的专题研讨提供参考，也欢迎未能到场的同行对文中观点提出批评与补充。";

const INTRO_EN: &str = "This \"new viewpoints, new theories\" salon, led by Sun Li, asked whether single-atom catalysts stay single atoms while they work. Participants from catalysis, theoretical chemistry, surface science and catalysis engineering spoke as equals at a round table. They weighed why operando microscopy and X-ray absorption seem to disagree, how far static models can describe coordination that changes with solvent, potential and coverage, and whether the field needs shared benchmark systems and reporting standards. The minutes record the main viewpoints and, verbatim, the dissenting views, named or anonymous as each speaker chose; every speaker reviewed their statements before publication.";

const VIEWPOINTS: [(&str, &str); 3] = [
    (
        "原位电镜与原位X射线吸收谱的分歧很大程度上来自观测条件不同：电子束与低覆盖度各自改变了体系，应在同一反应条件下交叉验证。",
        "Much of the disagreement between operando microscopy and X-ray absorption comes from different observing conditions: the electron beam and low coverage each change the system, so the two should be cross-checked under the same reaction conditions.",
    ),
    (
        "描述单原子位点需要把溶剂、电势与覆盖度纳入模型，巨正则方法应成为理论计算的常规选项。",
        "Describing single sites requires solvent, potential and coverage in the model; grand-canonical methods should become a routine option in theoretical work.",
    ),
    (
        "学会应组织一套公开的基准体系和数据报告规范，使不同团队的活性与稳定性数据可以直接比较。",
        "The society should organise an open set of benchmark systems and reporting standards so that activity and stability data from different groups can be compared directly.",
    ),
];

const DISSENT_ANONYMOUS: (&str, &str) = (
    "我认为“单原子催化”这个概念本身已经妨碍了讨论。工业反应器里从来没有真正孤立的原子，我们应当用位点分布来描述催化剂，而不是争论它是不是单原子。",
    "I think the very concept of \"single-atom catalysis\" now hinders the discussion. Industrial reactors never contain truly isolated atoms; we should describe catalysts by their distribution of sites instead of arguing whether they are single atoms.",
);

const DISSENT_NAMED: (&str, &str) = (
    "统一的报告规范不应由学会规定。不同表征手段的实践差异很大，统一的清单只会变成形式主义的负担。",
    "Reporting standards should not be set by the society for everyone. Practice differs widely between techniques, and a single checklist would become a formal burden.",
);

/// Seeds published minutes at salon `venue_id`, written by `writer` (a chair, lead scientist
/// or rapporteur), with statements by `participants` (confirmed participants; at least one).
pub fn seed(conn: &mut AnyConnection, venue_id: i64, writer: i64, participants: &[i64]) -> AppResult<()> {
    if participants.is_empty() || store::of_venue(conn, venue_id)?.is_some() {
        return Ok(());
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let user = crate::auth::store::by_id(conn, writer)?;
    let w = crate::guard::salon::writes(conn, &user, &venue)?.ok_or(AppError::NotFound)?;
    let now = Utc::now().naive_utc();
    let input = MinutesInput {
        intro_zh: INTRO_ZH.into(),
        intro_en: INTRO_EN.into(),
        outlook_zh: "与会者同意在下一次沙龙中专门讨论不同表征手段的数据报告差异。".into(),
        outlook_en: "Participants agreed to discuss at the next salon how data reporting differs between characterisation techniques."
            .into(),
        ..Default::default()
    };
    service::save(conn, &w, &input, now)?;
    let m = store::of_venue(conn, venue_id)?.ok_or(AppError::NotFound)?;
    let who = |i: usize| participants[i % participants.len()];
    let mut rows: Vec<(StatementKind, (&str, &str), i64, Attribution)> = VIEWPOINTS
        .iter()
        .enumerate()
        .map(|(i, t)| (StatementKind::Viewpoint, *t, who(i), Attribution::Named))
        .collect();
    rows.push((StatementKind::Dissent, DISSENT_ANONYMOUS, who(1), Attribution::Anonymous));
    rows.push((StatementKind::Dissent, DISSENT_NAMED, who(2), Attribution::Named));
    for (i, (kind, (zh, en), speaker, attribution)) in rows.into_iter().enumerate() {
        let name = crate::auth::store::by_id(conn, speaker)?.display_name();
        let row = StatementRow {
            kind,
            text_zh: zh,
            text_en: en,
            speaker_id: Some(speaker),
            speaker_name: &name,
            attribution,
        };
        let id = store::insert_statement(conn, m.id, i32::try_from(i + 1).unwrap_or(1), &row, ReviewState::Pending, now)?;
        store::set_review(conn, id, ReviewState::Approved, "", ("", ""), now - Duration::days(7))?;
    }
    store::send(conn, m.id, now - Duration::days(3), now - Duration::days(10))?;
    service::publish(conn, &w, now)?;
    Ok(())
}
