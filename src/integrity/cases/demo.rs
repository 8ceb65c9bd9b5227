//! Demo data: one closed case of the demo society. A paper sent to the annual conference was
//! found to copy a thesis; after a hearing the committee ruled misconduct and barred its author
//! from submitting for three years; no appeal came, and the ruling is final. The sanction is in
//! force, so the society's venues refuse that author's papers, as they would after a real case.

use chrono::{Duration, NaiveDateTime, Utc};

use super::model::{Bars, CaseState, EntryKind, Outcome, Role, SubjectKind};
use super::service::{HEARING, MAILBOX, new_link};
use super::store::{self, Audit, NewCase, NewEntry, NewParty, NewSanction};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::web::AppState;

/// The person barred in the demo (no account: sanctions follow the address).
pub const BARRED: &str = "li.ming@example.com";

struct Step<'a> {
    kind: EntryKind,
    step: Option<CaseState>,
    author: Role,
    audience: Role,
    body: &'a str,
    days_ago: i64,
}

/// Records the closed case, once: `committee` rules it, `reporter` (named) reported it.
pub fn seed(conn: &mut AnyConnection, state: &AppState, society: i64, committee: i64, reporter: i64) -> AppResult<()> {
    if !store::of_society(conn, society)?.is_empty() {
        return Ok(());
    }
    let now = Utc::now().naive_utc();
    let ago = |d: i64| -> NaiveDateTime { now - Duration::days(d) };
    let reporter_email = crate::auth::store::by_id(conn, reporter)?.email;
    let case = store::create(
        conn,
        &NewCase {
            society_id: society,
            subject_kind: SubjectKind::Paper,
            subject: "2026 年会投稿《基于迁移学习的小样本材料性质预测》/ Paper on few-shot materials prediction, 2026 annual conference",
            reporter_id: Some(reporter),
            reporter_email: &reporter_email,
            anonymous: false,
            reporter_lang: "zh-CN",
            mailbox: &new_link(state, MAILBOX),
        },
        ago(90),
    )?;
    let party = store::add_party(
        conn,
        &NewParty {
            case_id: case.id,
            user_id: None,
            email: BARRED,
            name: "李明 Li Ming",
            lang: "zh-CN",
            link: &new_link(state, HEARING),
        },
        ago(60),
    )?;
    let steps = [
        Step {
            kind: EntryKind::Report,
            step: None,
            author: Role::Reporter,
            audience: Role::Reporter,
            body: "第 2、3 节与 2019 年一篇硕士学位论文逐字相同，未加引用。Sections 2 and 3 repeat a 2019 master's thesis word for word, without citing it.",
            days_ago: 90,
        },
        Step {
            kind: EntryKind::Step,
            step: Some(CaseState::Preliminary),
            author: Role::Committee,
            audience: Role::Committee,
            body: "属本委员会受理范围。Within the committee's remit.",
            days_ago: 85,
        },
        Step {
            kind: EntryKind::Step,
            step: Some(CaseState::Investigation),
            author: Role::Committee,
            audience: Role::Committee,
            body: "已调取学位论文全文并比对。Thesis obtained and compared.",
            days_ago: 70,
        },
        Step {
            kind: EntryKind::Step,
            step: Some(CaseState::Hearing),
            author: Role::Committee,
            audience: Role::Accused,
            body: "请说明第 2、3 节的来源。Please explain where sections 2 and 3 come from.",
            days_ago: 60,
        },
        Step {
            kind: EntryKind::Message,
            step: None,
            author: Role::Accused,
            audience: Role::Accused,
            body: "那部分是我在学生时期的笔记，忘记标注出处。Those parts are notes from my student years; I forgot the source.",
            days_ago: 55,
        },
        Step {
            kind: EntryKind::Ruling,
            step: Some(CaseState::Ruled),
            author: Role::Committee,
            audience: Role::Accused,
            body: "两节约 2,400 字与他人学位论文相同且未引用，构成抄袭。About 2,400 words copied from another author's thesis without citation: plagiarism.",
            days_ago: 40,
        },
        Step {
            kind: EntryKind::Step,
            step: Some(CaseState::Closed),
            author: Role::Committee,
            audience: Role::Accused,
            body: "",
            days_ago: 20,
        },
    ];
    for s in &steps {
        let (user_id, party_id) = match s.author {
            Role::Committee => (Some(committee), None),
            Role::Reporter => (Some(reporter), None),
            Role::Accused => (None, Some(party)),
        };
        let new = NewEntry {
            case_id: case.id,
            kind: s.kind,
            step: s.step,
            author: s.author,
            user_id,
            party_id,
            audience: s.audience,
            body: s.body,
            due_at: None,
            file_id: None,
        };
        store::add_entry(conn, &new, ago(s.days_ago))?;
        // The same actions and details as the service writes, so the log reads the same.
        let (action, by, detail) = match s.kind {
            EntryKind::Report => ("report", Some(reporter), SubjectKind::Paper.as_str()),
            EntryKind::Message => ("accused_reply", None, ""),
            EntryKind::Ruling => ("rule", Some(committee), Outcome::Misconduct.as_str()),
            _ if s.step == Some(CaseState::Closed) => ("finalise", Some(committee), ""),
            _ => ("step", Some(committee), s.step.map(|x| x.as_str()).unwrap_or_default()),
        };
        let a = Audit {
            society_id: society,
            case_id: Some(case.id),
            user_id: by,
            party_id: (s.author == Role::Accused).then_some(party),
            action,
            detail,
        };
        store::audit(conn, &a, ago(s.days_ago))?;
    }
    let p = store::parties_of(conn, case.id)?.into_iter().next().expect("added above");
    let start = (now - Duration::days(40)).date();
    let sanction = NewSanction {
        case_id: case.id,
        society_id: society,
        party: &p,
        bars: Bars::Submitting,
        starts_on: start,
        ends_on: start + Duration::days(3 * 365),
    };
    store::add_sanction(conn, &sanction, ago(40))?;
    store::set_state(conn, case.id, CaseState::Closed, None, Some(Outcome::Misconduct.as_str()), ago(20))
}
