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

const INTRO_ZH: &str = "本次“新观点新学说”学术沙龙围绕“大模型时代的科学发现范式”展开。与会学者来自计算机科学、物理学、生命科学与科学哲学等领域，采用不设主报告、人人平等发言的形式，鼓励提出尚不成熟但有启发性的观点。讨论集中在三个问题：第一，基于数据与模型的自动化推理能否产生真正的新假说，而不只是对已有知识的重组；第二，当实验设计与结果解释越来越依赖机器时，科学共同体如何保持可重复性与可问责性；第三，高校和学会应当怎样调整人才培养与评价制度，使青年科研人员既能善用新工具，又不丧失独立提出问题的能力。与会者在若干问题上形成了初步共识，也保留了明确的分歧。按照沙龙规则，本纪要如实记录主要观点与不同观点，不同观点按发言原文保留，发言人可选择署名或匿名；纪要在发布前已经各发言人审阅确认。我们希望这份纪要能够为后续的专题研讨和政策建议提供参考，也欢迎未能到场的同行继续参与讨论，对文中观点提出批评与补充。";

const INTRO_EN: &str = "This \"new viewpoints, new theories\" salon discussed how scientific discovery changes in the age of large models. Participants from computer science, physics, the life sciences and the philosophy of science spoke as equals, without keynote talks, and were encouraged to put forward ideas that are not yet mature. It asked whether automated reasoning can produce genuinely new hypotheses, how research stays reproducible when machines design experiments, and how young researchers should be trained and assessed. The minutes record the main viewpoints and, verbatim, the dissenting views, named or anonymous as each speaker chose; every speaker reviewed their statements before publication.";

const VIEWPOINTS: [(&str, &str); 3] = [
    (
        "大模型擅长在已有文献中发现被忽视的联系，可以作为提出假说的“第二作者”，但假说的取舍仍须由研究者负责。",
        "Large models are good at finding overlooked links in the literature and can act as a \"second author\" of hypotheses, but choosing among them remains the researcher's responsibility.",
    ),
    (
        "可重复性需要从数据、代码延伸到模型版本与提示词，学会应推动相应的披露规范。",
        "Reproducibility must extend from data and code to model versions and prompts; societies should promote matching disclosure rules.",
    ),
    (
        "人才评价应减少对论文数量的依赖，更多关注提出问题的原创性与跨学科合作能力。",
        "Assessment of researchers should rely less on paper counts and more on the originality of the questions they ask and on interdisciplinary work.",
    ),
];

const DISSENT_ANONYMOUS: (&str, &str) = (
    "我认为现在谈“范式转变”为时过早。模型给出的所谓新假说，大多是训练数据的回声；如果评审和资助也开始依赖同样的模型，我们会系统性地错过真正反常的想法。",
    "I think it is too early to speak of a \"paradigm shift\". Most of the so-called new hypotheses models produce are echoes of their training data; if reviewing and funding come to rely on the same models, we will systematically miss the truly anomalous ideas.",
);

const DISSENT_NAMED: (&str, &str) = (
    "披露规范不应由学会统一规定。不同学科的实践差异很大，统一的清单只会变成形式主义的负担。",
    "Disclosure rules should not be set by societies for everyone. Practice differs widely between fields, and a single checklist would become a formal burden.",
);

/// Seeds published minutes at salon `venue_id`, written by `writer` (a chair, lead scientist
/// or rapporteur), with statements by `participants` (confirmed participants; at least one).
pub fn seed(conn: &mut AnyConnection, venue_id: i64, writer: i64, participants: &[i64]) -> AppResult<()> {
    if participants.is_empty() || store::of_venue(conn, venue_id)?.is_some() {
        return Ok(());
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let user = crate::auth::store::by_id(conn, writer)?;
    let w = super::policy::writes(conn, &user, &venue)?.ok_or(AppError::NotFound)?;
    let now = Utc::now().naive_utc();
    let input = MinutesInput {
        intro_zh: INTRO_ZH.into(),
        intro_en: INTRO_EN.into(),
        outlook_zh: "与会者同意在下一次沙龙中专门讨论披露规范的学科差异。".into(),
        outlook_en: "Participants agreed to discuss how disclosure practice differs between fields at the next salon.".into(),
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
