//! The demo journal's editorial office and set-up, made through the set-up's own service:
//! the demo editor is its editor-in-chief; three sections, guidelines and a checklist in both
//! languages, double-blind review, a DOI prefix and a licence. Runs once per database.

use chrono::NaiveDateTime;

use super::setup::{service, store, validate};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::journals::manuscripts::{store as ms_store, validate as ms_validate, workflow};
use crate::web::AppState;

/// Sets up journal `journal` with `chief` as its editor-in-chief (and section editor of every
/// section), and has `authors` submit manuscripts in every stage: one waiting at the desk, one
/// under review with the chief handling it (one review in, one invitation unanswered, one
/// declined), one declined at the desk, one accepted and in copyediting, one in production
/// with its galley, and two published in volume 1, number 1 with pages and DOIs.
pub fn seed(conn: &mut AnyConnection, state: &AppState, journal: i64, chief: i64, authors: &[i64], now: NaiveDateTime) -> AppResult<()> {
    setup(conn, journal, chief, now)?;
    manuscripts(conn, state, journal, chief, authors, now)
}

fn setup(conn: &mut AnyConnection, journal: i64, chief: i64, now: NaiveDateTime) -> AppResult<()> {
    roles::grant(conn, chief, roles::EDITOR_IN_CHIEF, roles::SCOPE_JOURNAL, journal)?;
    roles::grant(conn, chief, roles::SECTION_EDITOR, roles::SCOPE_JOURNAL, journal)?;
    if store::settings(conn, journal)?.is_some() {
        return Ok(());
    }
    let user = crate::auth::store::by_id(conn, chief)?;
    let ed = crate::guard::journal::editorial(conn, &user, journal)?;
    for (code, zh, en, policy_zh, policy_en, reviewed) in [
        (
            "ART",
            "研究论文",
            "Research articles",
            "原创研究成果，正文一般不超过 12,000 字。",
            "Original research, usually up to 12,000 words.",
            true,
        ),
        (
            "REV",
            "综述",
            "Reviews",
            "特定领域的系统综述，一般应邀撰写。",
            "Systematic reviews of a field, usually invited.",
            true,
        ),
        (
            "EDI",
            "编者按",
            "Editorials",
            "编辑部撰写，不经同行评议。",
            "Written by the editors; not peer reviewed.",
            false,
        ),
    ] {
        let spec = validate::section(&validate::SectionInput {
            code: code.into(),
            title_zh: zh.into(),
            title_en: en.into(),
            policy_zh: policy_zh.into(),
            policy_en: policy_en.into(),
            open: true,
            peer_reviewed: reviewed,
            position: None,
            editors: vec![chief],
        })?;
        service::create_section(conn, &ed, &spec, now)?;
    }
    let spec = validate::setup(&validate::SetupInput {
        enabled: true,
        guidelines_zh: "稿件请使用本刊 Word 或 LaTeX 模板排版，提交匿名化的 PDF 全文；中文稿件须附英文题名、摘要和关键词。\n参考文献按 GB/T 7714-2015 著录。".into(),
        guidelines_en: "Typeset the manuscript with the journal's Word or LaTeX template and submit an anonymised PDF; Chinese manuscripts add an English title, abstract and keywords.\nReferences follow GB/T 7714-2015.".into(),
        checklist: vec![
            validate::ChecklistItem {
                zh: "稿件未在其他期刊或会议投稿。".into(),
                en: "The manuscript is not under consideration elsewhere.".into(),
            },
            validate::ChecklistItem {
                zh: "PDF 中已删除作者姓名和单位。".into(),
                en: "Author names and affiliations are removed from the PDF.".into(),
            },
            validate::ChecklistItem {
                zh: "全体作者同意投稿。".into(),
                en: "All authors agree to the submission.".into(),
            },
        ],
        source_files: "optional".into(),
        doi_prefix: "10.99999".into(),
        licence_url: "https://creativecommons.org/licenses/by/4.0/".into(),
        ..validate::SetupInput::default()
    })?;
    service::save(conn, &ed, &spec, now)
}

fn manuscripts(conn: &mut AnyConnection, state: &AppState, journal: i64, chief: i64, authors: &[i64], now: NaiveDateTime) -> AppResult<()> {
    let first = crate::auth::store::by_id(conn, authors[0])?.email;
    if !ms_store::listing(conn, &first)?.is_empty() {
        return Ok(());
    }
    let section = store::sections(conn, journal)?
        .first()
        .map(|s| s.id)
        .ok_or(crate::error::AppError::NotFound)?;
    let chief_user = crate::auth::store::by_id(conn, chief)?;
    let papers = [
        (
            "基于大模型的审稿意见质量评估",
            "Assessing the quality of review reports with large language models",
            "desk",
        ),
        (
            "学术会议质量评价指标体系研究",
            "An indicator system for academic conference quality",
            "review",
        ),
        ("一种永动机的设计", "A design for a perpetual motion machine", "reject"),
        (
            "学会期刊分级目录的同行评议方法",
            "Peer review methods for tiered journal catalogues",
            "copyediting",
        ),
        (
            "青年科学家论坛的交流效果评估",
            "Measuring the exchange at young scientists' forums",
            "production",
        ),
        (
            "双盲评审中的作者身份泄露",
            "Author identity leaks in double-blind review",
            "published",
        ),
        ("学术沙龙中新观点的形成", "How new viewpoints form in academic salons", "published"),
    ];
    let mut published = Vec::new();
    for (i, (zh, en, fate)) in papers.into_iter().enumerate() {
        let author = crate::auth::store::by_id(conn, authors[i % authors.len()])?;
        let (family_en, given_en) = ms_validate::split_latin(&author.name_latin, !author.name_zh.is_empty());
        let spec = ms_validate::ManuscriptSpec {
            section_id: section,
            title_zh: zh.into(),
            title_en: en.into(),
            abstract_zh: format!("{zh}。本文为演示稿件的摘要。"),
            abstract_en: format!("{en}. This is the abstract of a demo manuscript."),
            keywords_zh: "同行评议, 学会".into(),
            keywords_en: "peer review, learned societies".into(),
            language: "zh".into(),
            authors: vec![ms_validate::AuthorSpec {
                family_zh: author.name_zh.chars().take(1).collect(),
                given_zh: author.name_zh.chars().skip(1).collect(),
                family_en,
                given_en,
                email: author.email.clone(),
                affiliation: author.affiliation.clone(),
                country: author.country.clone(),
                orcid: None,
                corresponding: true,
            }],
            cover_letter: "恳请编辑部审阅。 / We hope the editors will consider it.".into(),
            suggested: vec![],
            opposed: vec![],
        };
        let id = ms_store::create(conn, journal, &spec, author.id, &author.email, now)?;
        let pdf = crate::files::pdf::sample(6, en, None);
        let sha = state
            .files
            .put_bytes(&pdf)
            .map_err(|e| crate::error::AppError::caused("storing a demo file", e))?;
        let file_id = crate::files::model::insert(
            conn,
            &crate::files::model::NewFile {
                sha256: &sha,
                size_bytes: pdf.len() as i64,
                content_type: "application/pdf",
                original_name: "manuscript.pdf",
                page_count: Some(6),
                uploaded_by: Some(author.id),
            },
        )?;
        ms_store::add_file(
            conn,
            id,
            1,
            crate::journals::manuscripts::model::FileKind::Manuscript,
            file_id,
            author.id,
            now,
        )?;
        ms_store::record(conn, id, "submitted", Some(author.id), &serde_json::json!({"round": 1}), now)?;
        match fate {
            "review" => {
                workflow::assign_editor(conn, state, &chief_user, id, Some(chief), now)?;
                let input = workflow::DeskInput {
                    decision: "send_to_review".into(),
                    message: String::new(),
                };
                workflow::desk(conn, state, &chief_user, id, &input, now)?;
                reviewers(conn, state, &chief_user, id, now)?;
            }
            "copyediting" | "production" | "published" => {
                workflow::assign_editor(conn, state, &chief_user, id, Some(chief), now)?;
                let input = workflow::DeskInput {
                    decision: "send_to_review".into(),
                    message: String::new(),
                };
                workflow::desk(conn, state, &chief_user, id, &input, now)?;
                produce(conn, state, &chief_user, id, fate, now)?;
                if fate == "published" {
                    published.push(id);
                }
            }
            "reject" => {
                let input = workflow::DeskInput {
                    decision: "reject".into(),
                    message: "本文研究对象违背热力学定律，不在本刊收稿范围内。 / The work contradicts thermodynamics and is outside the journal's scope.".into(),
                };
                workflow::desk(conn, state, &chief_user, id, &input, now)?;
            }
            _ => {}
        }
    }
    publish_issue(conn, state, &chief_user, journal, &published, now)
}

/// Stores a demo PDF of `pages` pages; returns its file id.
fn demo_pdf(conn: &mut AnyConnection, state: &AppState, title: &str, pages: u32, by: i64) -> AppResult<i64> {
    let pdf = crate::files::pdf::sample(pages, title, None);
    let sha = state
        .files
        .put_bytes(&pdf)
        .map_err(|e| crate::error::AppError::caused("storing a demo file", e))?;
    crate::files::model::insert(
        conn,
        &crate::files::model::NewFile {
            sha256: &sha,
            size_bytes: pdf.len() as i64,
            content_type: "application/pdf",
            original_name: "galley.pdf",
            page_count: Some(pages as i32),
            uploaded_by: Some(by),
        },
    )
}

/// Accepts a manuscript under review with the journal's letter (after one review round), and
/// takes it as far as `fate`: copyediting, or production with a PDF galley.
fn produce(
    conn: &mut AnyConnection,
    state: &AppState,
    chief: &crate::auth::User,
    id: i64,
    fate: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    use crate::journals::articles::{model::GalleyKind, service as articles};
    use crate::journals::decisions::service as decisions;
    use crate::journals::rounds::{service as rounds, validate::InviteInput, validate::ReviewInput};
    use crate::review::forms::model::Answer;
    // One finished review round: Maria Rossi recommends acceptance.
    let input = InviteInput {
        email: "reviewer2@xuehui.example".into(),
        name: "Maria Rossi".into(),
        affiliation: "Politecnico di Milano".into(),
        confirm_conflicts: true,
        ..Default::default()
    };
    let maria = rounds::invite(conn, state, chief, id, &input, now)?;
    let token = rounds::token_of(state, &maria);
    rounds::accept(conn, state, &token, None, now)?;
    let answers = [
        ("overall", Answer::Number(5)),
        ("confidence", Answer::Number(4)),
        (
            "to_authors",
            Answer::Text("Clear, well argued and useful to societies. Accept.".into()),
        ),
        ("to_editor", Answer::Text("Ready to publish.".into())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let review = ReviewInput {
        answers,
        recommendation: "accept".into(),
        submit: true,
    };
    rounds::save_review(conn, state, &token, &review, now)?;
    let letter = decisions::draft(conn, state, chief, id, "accept")?;
    let input = decisions::DecisionInput {
        decision: "accept".into(),
        letter,
        note: String::new(),
    };
    decisions::decide(conn, state, chief, id, &input, now)?;
    let meta = crate::journals::articles::validate::MetadataInput {
        title_zh: ms_store::get(conn, id)?.title_zh,
        title_en: ms_store::get(conn, id)?.title_en,
        abstract_zh: ms_store::get(conn, id)?.abstract_zh,
        abstract_en: ms_store::get(conn, id)?.abstract_en,
        keywords_zh: "同行评议, 学会".into(),
        keywords_en: "peer review, learned societies".into(),
        licence_url: "https://creativecommons.org/licenses/by/4.0/".into(),
        references: vec![
            "Shah N B. Challenges, experiments, and computational solutions in peer review[J]. Communications of the ACM, 2022, 65(6): 76-87. DOI:10.1145/3528086.".into(),
            "中国科学技术协会. 关于深化改革培育世界一流科技期刊的意见[Z]. 2019.".into(),
        ],
    };
    articles::update_metadata(conn, chief, id, &meta, now)?;
    if fate == "copyediting" {
        return Ok(());
    }
    articles::to_production(conn, chief, id, now)?;
    let title = ms_store::get(conn, id)?.title_en;
    let file = demo_pdf(conn, state, &title, 8, chief.id)?;
    articles::add_galley(conn, state, chief, id, GalleyKind::Pdf, "zh", file, now)?;
    Ok(())
}

/// Volume 1, number 1 of the demo journal with the `articles`' manuscripts placed, numbered
/// from page 1 and published (DOIs from the journal's prefix and pattern).
fn publish_issue(
    conn: &mut AnyConnection,
    state: &AppState,
    chief: &crate::auth::User,
    journal: i64,
    manuscripts: &[i64],
    now: NaiveDateTime,
) -> AppResult<()> {
    use crate::journals::issues::{service as issues, validate};
    let ed = crate::guard::journal::editorial(conn, chief, journal)?;
    let input = validate::IssueInput {
        volume: 1,
        number: 1,
        year: chrono::Datelike::year(&now.date()),
        title_zh: "同行评议专题".into(),
        title_en: "Special issue on peer review".into(),
    };
    let issue = issues::create(conn, &ed, &input, now)?;
    for ms in manuscripts {
        let article = crate::journals::articles::store::of_manuscript(conn, *ms)?.ok_or(crate::error::AppError::NotFound)?;
        issues::schedule(conn, chief, issue, article.id, now)?;
    }
    issues::number(conn, chief, issue, validate::Numbering::Pages(1), now)?;
    issues::publish(conn, state, chief, issue, now)?;
    Ok(())
}

/// The review round of the demo manuscript under review, through the rounds' own service:
/// Maria Rossi accepted and sent her review, Chen Si has not answered yet, and an outside
/// expert declined and suggested a colleague.
fn reviewers(conn: &mut AnyConnection, state: &AppState, chief: &crate::auth::User, id: i64, now: NaiveDateTime) -> AppResult<()> {
    use crate::journals::rounds::{service as rounds, validate::InviteInput, validate::ReviewInput};
    use crate::review::forms::model::Answer;
    let invite = |conn: &mut AnyConnection, email: &str, name: &str, affiliation: &str| {
        let input = InviteInput {
            email: email.into(),
            name: name.into(),
            affiliation: affiliation.into(),
            message: "您是这一领域的专家，期待您的意见。 / Your view of this work would help us greatly.".into(),
            confirm_conflicts: true,
            ..Default::default()
        };
        rounds::invite(conn, state, chief, id, &input, now)
    };
    let maria = invite(conn, "reviewer2@xuehui.example", "Maria Rossi", "Politecnico di Milano")?;
    let token = rounds::token_of(state, &maria);
    rounds::accept(conn, state, &token, None, now)?;
    let answers = [
        ("overall", Answer::Number(4)),
        ("confidence", Answer::Number(4)),
        (
            "to_authors",
            Answer::Text("The study is careful and the data are convincing. Please report the agreement between raters per discipline, and discuss the cost of the model for small societies.".into()),
        ),
        ("to_editor", Answer::Text("A solid contribution; minor revision should suffice.".into())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let review = ReviewInput {
        answers,
        recommendation: "minor_revision".into(),
        submit: true,
    };
    rounds::save_review(conn, state, &token, &review, now)?;
    invite(conn, "reviewer3@xuehui.example", "陈思", "浙江大学")?;
    let expert = invite(conn, "expert@review.example", "Grace Lin", "National Taiwan University")?;
    let decline = crate::journals::rounds::validate::DeclineInput {
        reason: "本月出差，无法按期完成。 / Travelling this month.".into(),
        suggestion: "Dr. Hao Ming <hao@review.example>, Zhejiang University".into(),
    };
    rounds::decline(conn, state, &rounds::token_of(state, &expert), &decline, now)?;
    Ok(())
}
