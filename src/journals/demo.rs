//! The demo journal's editorial office and set-up, made through the set-up's own service:
//! the demo editor is its editor-in-chief; three sections, guidelines and a checklist in both
//! languages, double-blind review, a DOI prefix and a licence. Runs once per database.

use chrono::NaiveDateTime;

use super::setup::{service, store, validate};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Sets up journal `journal` with `chief` as its editor-in-chief (and section editor of every section).
pub fn seed(conn: &mut AnyConnection, journal: i64, chief: i64, now: NaiveDateTime) -> AppResult<()> {
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
