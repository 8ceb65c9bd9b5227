//! What readers get back: one manuscript shaped by the reader's part in it (authors do not
//! get the editors' part), and an author's own manuscripts.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{Author, Event, FileKind, Manuscript, Reviewer, Stage};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::policy::{ManuscriptAction, ManuscriptRelation, may_ms};

/// A file of the manuscript.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ManuscriptFileView)]
pub struct FileView {
    /// The stored file's id (its download address ends with it).
    pub file_id: i64,
    /// `manuscript` or `source`.
    pub kind: FileKind,
    /// Review round.
    pub round: i32,
    /// Name on the uploader's computer.
    pub name: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Pages (PDF).
    pub pages: Option<i32>,
    /// Download address.
    pub url: String,
}

/// A history entry as the editors read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ManuscriptHistoryEntry)]
pub struct HistoryEntry {
    /// What happened.
    pub kind: String,
    /// Who (name), if anyone.
    pub actor: Option<String>,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub at: NaiveDateTime,
}

/// A mail sent about the manuscript, with its delivery state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ManuscriptMail)]
pub struct MailEntry {
    /// What it was: `receipt`, `new_manuscript`, `editor_assigned`, `desk_reject`, `withdrawn`.
    pub kind: String,
    /// To whom.
    pub to: String,
    /// Their name.
    pub to_name: String,
    /// Subject.
    pub subject: String,
    /// Text as sent.
    pub body: String,
    /// The language it was written in (`zh-CN` or `en`).
    pub lang: String,
    /// `queued`, `retrying` (the mail server failed; it is tried again) or `sent`.
    pub state: String,
    /// Failed attempts so far.
    pub attempts: i32,
    /// The last failure, as the mail server or network gave it.
    pub last_error: String,
    /// Queued (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Sent (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub sent_at: Option<NaiveDateTime>,
}

/// The editors' part of a manuscript.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EditorialPart {
    /// Cover letter.
    pub cover_letter: String,
    /// Suggested reviewers.
    pub suggested_reviewers: Vec<Reviewer>,
    /// Opposed reviewers.
    pub opposed_reviewers: Vec<Reviewer>,
    /// Handling editor's name.
    pub handling_editor: Option<String>,
    /// What happened, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Every mail sent about it, oldest first.
    pub mails: Vec<MailEntry>,
    /// Every reviewer invited, all rounds.
    pub reviewers: Vec<crate::journals::rounds::view::ReviewerRow>,
}

/// One manuscript.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ManuscriptView {
    /// Id.
    pub id: i64,
    /// The journal.
    pub journal_id: i64,
    /// Its name, Chinese.
    pub journal_zh: String,
    /// Its name, English.
    pub journal_en: String,
    /// Number within the journal.
    pub number: i32,
    /// Stage.
    pub stage: Stage,
    /// Review round.
    pub round: i32,
    /// Section id.
    pub section_id: i64,
    /// Section title, Chinese.
    pub section_zh: String,
    /// Section title, English.
    pub section_en: String,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Language of the text.
    pub language: String,
    /// Authors in order.
    pub authors: Vec<Author>,
    /// Files, newest round first.
    pub files: Vec<FileView>,
    /// Submitted (UTC).
    #[serde(with = "crate::web::utc")]
    pub submitted_at: NaiveDateTime,
    /// The reader's part.
    pub relation: ManuscriptRelation,
    /// Whether the reader is listed and has not yet confirmed being an author.
    pub awaiting_confirmation: bool,
    /// Decisions, revisions, and for the authors the reviews of decided rounds.
    pub decisions: crate::journals::decisions::view::DecisionsPart,
    /// The article made at acceptance: corrected metadata, galleys, place in an issue.
    pub article: Option<crate::journals::articles::view::ArticleView>,
    /// For the editorial office only.
    pub editorial: Option<EditorialPart>,
}

fn reviewers(json: &str) -> AppResult<Vec<Reviewer>> {
    serde_json::from_str(json).map_err(|e| AppError::caused("stored reviewers", e))
}

/// The manuscript as `relation` may see it.
pub fn manuscript(conn: &mut AnyConnection, user: &User, m: Manuscript, relation: ManuscriptRelation) -> AppResult<ManuscriptView> {
    let journal = crate::journals::store::get(conn, m.journal_id)?;
    let section = crate::journals::setup::store::section(conn, m.journal_id, m.section_id)?;
    let authors = store::authors_of(conn, m.id)?;
    let mut files = Vec::new();
    for f in store::files_of(conn, m.id)? {
        let stored = crate::files::model::get(conn, f.file_id)?;
        files.push(FileView {
            file_id: f.file_id,
            kind: f.kind,
            round: f.round,
            name: stored.original_name,
            size_bytes: stored.size_bytes,
            pages: stored.page_count,
            url: format!("/manuscripts/{}/files/{}", m.id, f.file_id),
        });
    }
    let editorial = if may_ms(Some(relation), ManuscriptAction::ReadEditorial) {
        let mut history = Vec::new();
        for Event {
            kind,
            actor_id,
            created_at,
            ..
        } in store::events_of(conn, m.id)?
        {
            let actor = match actor_id {
                Some(id) => Some(crate::auth::store::by_id(conn, id)?.display_name()),
                None => None,
            };
            history.push(HistoryEntry {
                kind,
                actor,
                at: created_at,
            });
        }
        let handling_editor = match m.handling_editor_id {
            Some(id) => Some(crate::auth::store::by_id(conn, id)?.display_name()),
            None => None,
        };
        let mails = store::mails_of(conn, m.id)?
            .into_iter()
            .map(|(kind, mail)| MailEntry {
                kind,
                state: mail.state().to_string(),
                to: mail.to_addr,
                to_name: mail.to_name,
                subject: mail.subject,
                body: mail.body_text,
                lang: mail.lang,
                attempts: mail.attempts,
                last_error: mail.last_error,
                created_at: mail.created_at,
                sent_at: mail.sent_at,
            })
            .collect();
        let invited = crate::journals::rounds::view::for_editors(conn, &m, chrono::Utc::now().date_naive())?;
        Some(EditorialPart {
            reviewers: invited,
            mails,
            cover_letter: m.cover_letter.clone(),
            suggested_reviewers: reviewers(&m.suggested_reviewers)?,
            opposed_reviewers: reviewers(&m.opposed_reviewers)?,
            handling_editor,
            history,
        })
    } else {
        None
    };
    let awaiting_confirmation = authors.iter().any(|a| a.email == user.email && a.confirmed_at.is_none());
    let decisions = crate::journals::decisions::view::for_reader(conn, &m, relation)?;
    let article = crate::journals::articles::view::of_manuscript(conn, m.id)?;
    Ok(ManuscriptView {
        id: m.id,
        journal_id: m.journal_id,
        journal_zh: journal.name_zh,
        journal_en: journal.name_en,
        number: m.number,
        stage: m.stage,
        round: m.round,
        section_id: m.section_id,
        section_zh: section.title_zh,
        section_en: section.title_en,
        title_zh: m.title_zh,
        title_en: m.title_en,
        abstract_zh: m.abstract_zh,
        abstract_en: m.abstract_en,
        keywords_zh: m.keywords_zh,
        keywords_en: m.keywords_en,
        language: m.language,
        authors,
        files,
        submitted_at: m.submitted_at,
        relation,
        awaiting_confirmation,
        decisions,
        article,
        editorial,
    })
}

/// One of an author's manuscripts, as their dashboard lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyManuscript {
    /// Id.
    pub id: i64,
    /// Journal id.
    pub journal_id: i64,
    /// Journal name, Chinese.
    pub journal_zh: String,
    /// Journal name, English.
    pub journal_en: String,
    /// Number within the journal.
    pub number: i32,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Stage.
    pub stage: Stage,
    /// Submitted (UTC).
    #[serde(with = "crate::web::utc")]
    pub submitted_at: NaiveDateTime,
    /// The user confirmed being an author (otherwise they are only listed, and see the title alone).
    pub confirmed: bool,
}

/// The manuscripts listing the user's verified address (none while it is unverified).
pub fn mine(conn: &mut AnyConnection, user: &User) -> AppResult<Vec<MyManuscript>> {
    if user.email_verified_at.is_none() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (m, confirmed) in store::listing(conn, &user.email)? {
        let j = crate::journals::store::get(conn, m.journal_id)?;
        out.push(MyManuscript {
            id: m.id,
            journal_id: m.journal_id,
            journal_zh: j.name_zh,
            journal_en: j.name_en,
            number: m.number,
            title_zh: m.title_zh,
            title_en: m.title_en,
            stage: m.stage,
            submitted_at: m.submitted_at,
            confirmed,
        });
    }
    Ok(out)
}

/// The queue's address parameters.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Only this stage (`desk`, `review`, ...).
    #[serde(default)]
    pub stage: Option<String>,
    /// Only this section (id).
    #[serde(default)]
    pub section: Option<i64>,
    /// Only those the caller handles (`true`).
    #[serde(default)]
    pub mine: Option<bool>,
    /// Page, from 1.
    #[serde(default)]
    pub page: Option<i64>,
}

/// One row of the editors' queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    /// Id.
    pub id: i64,
    /// Number.
    pub number: i32,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Section, Chinese.
    pub section_zh: String,
    /// Section, English.
    pub section_en: String,
    /// Stage.
    pub stage: Stage,
    /// Round.
    pub round: i32,
    /// Handling editor's name.
    pub handling_editor: Option<String>,
    /// Corresponding author's name.
    pub corresponding: String,
    /// Submitted (UTC).
    #[serde(with = "crate::web::utc")]
    pub submitted_at: NaiveDateTime,
}

/// A page of the queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueuePage {
    /// How many match.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// The rows, newest first.
    pub items: Vec<QueueItem>,
}

/// Rows per queue page.
pub const QUEUE_PAGE: i64 = 50;

/// The journal's manuscripts as the member `ed` may see them: the chief, managing editors and
/// assistants all; a section editor those of their sections and those they handle; nobody the
/// ones they wrote.
pub fn queue(conn: &mut AnyConnection, user: &User, ed: &crate::guard::journal::Editorial, q: &QueueQuery) -> AppResult<QueuePage> {
    use crate::guard::policy::EditorialRole;
    let stage = match q.stage.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(Stage::parse(s).ok_or_else(|| AppError::field("stage", "journal_ms.stage_unknown"))?),
        None => None,
    };
    let page = q.page.unwrap_or(1);
    if !(1..=100_000).contains(&page) {
        return Err(AppError::field("page", "journal_ms.page_range"));
    }
    let limit_to = match ed.role {
        EditorialRole::SectionEditor => Some((crate::journals::setup::store::sections_of(conn, ed.journal.id, user.id)?, user.id)),
        _ => None,
    };
    let filter = store::QueueFilter {
        stage,
        section: q.section,
        limit_to,
        handled_by: q.mine.unwrap_or(false).then_some(user.id),
        not_written_by: user.email.clone(),
        page,
        per_page: QUEUE_PAGE,
    };
    let (rows, total) = store::queue(conn, ed.journal.id, &filter)?;
    let sections = crate::journals::setup::store::sections(conn, ed.journal.id)?;
    let mut items = Vec::new();
    for m in rows {
        let s = sections.iter().find(|s| s.id == m.section_id);
        let authors = store::authors_of(conn, m.id)?;
        let corresponding = authors
            .iter()
            .find(|a| a.corresponding)
            .or(authors.first())
            .map(Author::display_name)
            .unwrap_or_default();
        let handling_editor = match m.handling_editor_id {
            Some(id) => Some(crate::auth::store::by_id(conn, id)?.display_name()),
            None => None,
        };
        items.push(QueueItem {
            id: m.id,
            number: m.number,
            title_zh: m.title_zh,
            title_en: m.title_en,
            section_zh: s.map(|s| s.title_zh.clone()).unwrap_or_default(),
            section_en: s.map(|s| s.title_en.clone()).unwrap_or_default(),
            stage: m.stage,
            round: m.round,
            handling_editor,
            corresponding,
            submitted_at: m.submitted_at,
        });
    }
    Ok(QueuePage {
        total,
        page,
        per_page: QUEUE_PAGE,
        items,
    })
}
