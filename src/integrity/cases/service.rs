//! Everything done with a misconduct case: reporting it, the committee's steps, messages,
//! ruling and appeal ruling, the reporter's mailbox and the hearing of the accused. Every read
//! and change is written to the case's audit log in the same transaction.

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::model::{Case, CaseState, CaseSummary, Entry, EntryKind, Outcome, Party, Role, Sanction};
use super::steps::{self, Move};
use super::store::{self, Audit, Link, NewCase, NewEntry, NewParty, NewSanction};
use super::validate::{self, MessageInput, PartyInput, ReportSpec, RulingSpec, StepSpec};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, Mail};
use crate::salons::plan::model::Society;
use crate::web::AppState;
use crate::web::i18n::Lang;

pub(super) const MAILBOX: &str = "integrity-mailbox";
pub(super) const HEARING: &str = "integrity-hearing";

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

pub(super) fn new_link(state: &AppState, purpose: &str) -> Link {
    let nonce = crate::auth::tokens::random_token();
    let token = crate::auth::tokens::keyed_token(state.config.secret_key.expose(), purpose, &nonce);
    Link {
        nonce,
        hash: crate::auth::tokens::hash_token(&token),
    }
}

fn link(state: &AppState, purpose: &str, nonce: &str) -> String {
    let token = crate::auth::tokens::keyed_token(state.config.secret_key.expose(), purpose, nonce);
    let path = if purpose == MAILBOX { "mailbox" } else { "hearing" };
    format!("{}/integrity/{path}/{token}", state.config.base_url)
}

/// The reporter's personal address of a case.
pub fn mailbox_link(state: &AppState, case: &Case) -> String {
    link(state, MAILBOX, &case.mailbox_nonce)
}

/// An accused person's personal address of their case.
pub fn hearing_link(state: &AppState, party: &Party) -> String {
    link(state, HEARING, &party.link_nonce)
}

/// A member of a society's integrity committee, acting.
#[derive(Debug, Clone)]
pub struct Committee {
    /// The society.
    pub society: Society,
    /// The member.
    pub user_id: i64,
}

/// Whether `user_id` sits on society `society_id`'s integrity committee.
pub fn is_member(conn: &mut AnyConnection, user_id: i64, society_id: i64) -> AppResult<bool> {
    roles::has(conn, user_id, roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, society_id)
}

/// The societies whose integrity committee `user_id` sits on (for their dashboard).
pub fn committees_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Society>> {
    let mut out = Vec::new();
    for g in roles::of_user(conn, user_id)? {
        if g.role == roles::INTEGRITY_COMMITTEE && g.scope_kind == roles::SCOPE_SOCIETY {
            out.push(crate::salons::plan::store::society_by_id(conn, g.scope_id)?);
        }
    }
    Ok(out)
}

/// `user` acting for the integrity committee of society `slug`; 404 for anyone else, site
/// administrators and society staff included: cases are for the committee only.
pub fn committee(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Committee> {
    let society = crate::salons::plan::store::society(conn, slug)?;
    if !is_member(conn, user.id, society.id)? {
        return Err(AppError::NotFound);
    }
    Ok(Committee { society, user_id: user.id })
}

/// Runs `f` in one transaction as a member of society `slug`'s integrity committee (404 for
/// anyone else).
pub async fn as_committee<T, F>(state: &AppState, user: &crate::auth::CurrentUser, slug: String, f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection, &Committee) -> AppResult<T> + Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let committee = committee(c, &u, &slug)?;
            f(c, &committee)
        })
        .await
}

fn audit(
    conn: &mut AnyConnection,
    society: i64,
    case: Option<i64>,
    user: Option<i64>,
    party: Option<i64>,
    action: &str,
    detail: &str,
) -> AppResult<()> {
    let a = Audit {
        society_id: society,
        case_id: case,
        user_id: user,
        party_id: party,
        action,
        detail,
    };
    store::audit(conn, &a, now())
}

/// Who a mail about a case goes to.
#[derive(Clone, Copy)]
enum To<'a> {
    /// Every member of the society's committee, with the case file's address.
    Committee,
    /// The reporter, with their mailbox link (nobody when they gave no address).
    Reporter,
    /// A person accused, with their hearing link.
    Party(&'a Party),
}

fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::ZhCn)
}

/// Queues mail `template` about `case` to `to`, with the society, the case number, the
/// recipient's link and `extra` as variables.
fn tell(
    conn: &mut AnyConnection,
    state: &AppState,
    (s, case): (&Society, &Case),
    to: To<'_>,
    template: &'static str,
    extra: serde_json::Value,
) -> AppResult<()> {
    let link = match to {
        To::Committee => format!("{}/societies/{}/integrity/cases/{}", state.config.base_url, s.slug, case.number),
        To::Reporter => mailbox_link(state, case),
        To::Party(p) => hearing_link(state, p),
    };
    let mut vars = json!({"society_zh": s.name_zh, "society_en": s.name_en, "number": case.number, "link": link});
    if let To::Party(p) = to {
        vars["name"] = json!(p.name);
    }
    if let (Some(v), serde_json::Value::Object(e)) = (vars.as_object_mut(), extra) {
        v.extend(e);
    }
    let direct = |to: &str, to_name: &str, lang: &str| Mail {
        to: to.to_string(),
        to_name: to_name.to_string(),
        lang: lang_of(lang),
        template,
        vars: vars.clone(),
    };
    let mails = match to {
        To::Committee => {
            let mut out = Vec::new();
            for uid in roles::holders(conn, roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, s.id)? {
                let u = crate::auth::store::by_id(conn, uid)?;
                out.push(Mail::to_user(&u, u.mail_lang(), template, vars.clone()));
            }
            out
        }
        To::Reporter if case.reporter_email.is_empty() => Vec::new(),
        To::Reporter => vec![direct(&case.reporter_email, "", &case.reporter_lang)],
        To::Party(p) => vec![direct(&p.email, &p.name, &p.lang)],
    };
    for m in mails {
        mail::queue(conn, state, m)?;
    }
    Ok(())
}

/// Tells the other side that `author` wrote for `to`: the reporter or a person accused hears
/// from the committee (a note for the committee itself tells nobody); the committee hears from
/// the reporter and from the accused.
pub(super) fn notify(
    conn: &mut AnyConnection,
    state: &AppState,
    at: (&Society, &Case),
    author: Role,
    to: Role,
    party: Option<&Party>,
) -> AppResult<()> {
    match (author, to, party) {
        (Role::Committee, Role::Reporter, _) => tell(conn, state, at, To::Reporter, "integrity_case_message", json!({})),
        (Role::Committee, Role::Accused, Some(p)) => tell(conn, state, at, To::Party(p), "integrity_case_message", json!({})),
        (Role::Committee, _, _) => Ok(()),
        (Role::Reporter, _, _) => tell(conn, state, at, To::Committee, "integrity_case_reply", json!({"from": "reporter"})),
        (Role::Accused, _, _) => tell(conn, state, at, To::Committee, "integrity_case_reply", json!({"from": "accused"})),
    }
}

/// Receives a report: a new case of the society, its first entry, a receipt to the reporter
/// (when an address is known) and a notice to every committee member. Answers the case and the
/// reporter's mailbox link, shown once on the page.
pub fn report(
    conn: &mut AnyConnection,
    state: &AppState,
    reporter: Option<&User>,
    lang: Lang,
    spec: &ReportSpec,
) -> AppResult<(Case, String)> {
    let society =
        crate::salons::plan::store::society(conn, &spec.society).map_err(|_| AppError::field("society", "validation.integrity_society"))?;
    if roles::holders(conn, roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, society.id)?.is_empty() {
        return Err(AppError::field("society", "validation.integrity_no_committee"));
    }
    // An anonymous report keeps no trace of its author: no account, only a contact address
    // they chose to give, which the committee never sees.
    let (reporter_id, email) = match (reporter, spec.anonymous) {
        (Some(u), false) => (Some(u.id), u.email.clone()),
        _ => (
            None,
            spec.contact_email.as_ref().map(|e| e.as_str().to_string()).unwrap_or_default(),
        ),
    };
    let mailbox = new_link(state, MAILBOX);
    let case = store::create(
        conn,
        &NewCase {
            society_id: society.id,
            subject_kind: spec.subject_kind,
            subject: &spec.subject,
            reporter_id,
            reporter_email: &email,
            anonymous: reporter_id.is_none(),
            reporter_lang: lang.code(),
            mailbox: &mailbox,
        },
        now(),
    )?;
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::Report,
            step: None,
            author: Role::Reporter,
            user_id: reporter_id,
            party_id: None,
            audience: Role::Reporter,
            body: &spec.details,
            due_at: None,
            file_id: None,
        },
        now(),
    )?;
    audit(
        conn,
        society.id,
        Some(case.id),
        reporter_id,
        None,
        "report",
        spec.subject_kind.as_str(),
    )?;
    tell(conn, state, (&society, &case), To::Reporter, "integrity_report_received", json!({}))?;
    tell(
        conn,
        state,
        (&society, &case),
        To::Committee,
        "integrity_new_report",
        json!({"subject_kind": spec.subject_kind.as_str()}),
    )?;
    let link = mailbox_link(state, &case);
    Ok((case, link))
}

/// A case with what the committee reads of it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCaseFile)]
pub struct CaseFile {
    pub case: Case,
    /// The reporter's name and address, unless anonymous.
    pub reporter: Option<String>,
    /// Whether replies reach the reporter by mail (they gave an address).
    pub reporter_notified: bool,
    pub parties: Vec<Party>,
    pub entries: Vec<EntryView>,
    pub sanctions: Vec<Sanction>,
    /// The steps the case may move to by hand.
    pub moves: Vec<CaseState>,
    /// Whether the hearing is over (deadline passed or everyone answered), so a ruling may come.
    pub may_rule: bool,
    /// Whether the appeal deadline passed without an appeal, so the ruling may become final.
    pub may_finalise: bool,
    /// Whether the accused may still appeal.
    pub appeal_open: bool,
    /// The latest reads and changes, newest first.
    pub audit: Vec<AuditView>,
}

/// Audit lines shown with a case file.
const AUDIT_LINES: i64 = 50;

/// A line of a case's audit log, with who acted as the committee may know them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityAuditLine)]
pub struct AuditView {
    /// A committee member's name, an accused person's name, `reporter`, or empty.
    pub who: String,
    /// What was done (`read_case`, `step`, `message`, `accused_read`…).
    pub action: String,
    /// Its detail (a step, an audience, a sanction…).
    pub detail: String,
    #[serde(with = "crate::web::utc")]
    pub at: NaiveDateTime,
}

fn audit_lines(conn: &mut AnyConnection, file: &CaseFile) -> AppResult<Vec<AuditView>> {
    let mut lines = Vec::new();
    for a in store::audit_of(conn, file.case.society_id, file.case.id, AUDIT_LINES)? {
        // An anonymous reporter's account, if any, never appears; the reporter is a role.
        let who = match (a.user_id, a.party_id, a.action.as_str()) {
            (Some(u), _, _) if a.action != "report" || !file.case.anonymous => crate::auth::store::by_id(conn, u)?.display_name(),
            (_, Some(p), _) => file.parties.iter().find(|x| x.id == p).map(|x| x.name.clone()).unwrap_or_default(),
            (None, None, "reporter_read" | "reporter_reply" | "report" | "evidence" | "evidence_read") => "reporter".into(),
            _ => String::new(),
        };
        lines.push(AuditView {
            who,
            action: a.action,
            detail: a.detail,
            at: a.created_at,
        });
    }
    Ok(lines)
}

/// An entry with its writer's name for the reader.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCaseEntryView)]
pub struct EntryView {
    #[serde(flatten)]
    pub entry: Entry,
    /// Who wrote it, as the reader may know them.
    pub by: String,
    /// The person accused it is addressed to or written by.
    pub party_name: Option<String>,
}

fn views(conn: &mut AnyConnection, entries: Vec<Entry>, parties: &[Party], committee_reads: bool) -> AppResult<Vec<EntryView>> {
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let party_name = e.party_id.and_then(|p| parties.iter().find(|x| x.id == p)).map(|p| p.name.clone());
        // The committee signs as the committee to the others; its members see who wrote what.
        let by = match (e.author, e.user_id) {
            (Role::Committee, Some(u)) if committee_reads => crate::auth::store::by_id(conn, u)?.display_name(),
            (Role::Accused, _) => party_name.clone().unwrap_or_default(),
            _ => String::new(),
        };
        out.push(EntryView { entry: e, by, party_name });
    }
    Ok(out)
}

fn everyone_answered(entries: &[Entry], parties: &[Party], since: NaiveDateTime) -> bool {
    !parties.is_empty()
        && parties.iter().all(|p| {
            entries
                .iter()
                .any(|e| e.author == Role::Accused && e.party_id == Some(p.id) && e.created_at >= since)
        })
}

fn hearing_start(entries: &[Entry]) -> NaiveDateTime {
    entries
        .iter()
        .rev()
        .find(|e| e.kind == EntryKind::Step && e.step.as_deref() == Some(CaseState::Hearing.as_str()))
        .map(|e| e.created_at)
        .unwrap_or_default()
}

fn case_of(conn: &mut AnyConnection, c: &Committee, number: i32) -> AppResult<Case> {
    store::by_number(conn, c.society.id, number)?.ok_or(AppError::NotFound)
}

/// The society's cases for a committee member (the read is audited).
pub fn list(conn: &mut AnyConnection, c: &Committee) -> AppResult<(Vec<Case>, Vec<Sanction>)> {
    let cases = store::of_society(conn, c.society.id)?;
    let sanctions = store::in_force(conn, c.society.id, super::sanctions::today())?;
    audit(conn, c.society.id, None, Some(c.user_id), None, "read_cases", "")?;
    Ok((cases, sanctions))
}

/// A case file for a committee member (the read is audited).
pub fn file(conn: &mut AnyConnection, c: &Committee, number: i32) -> AppResult<CaseFile> {
    let case = case_of(conn, c, number)?;
    audit(conn, c.society.id, Some(case.id), Some(c.user_id), None, "read_case", "")?;
    let mut file = assemble(conn, case, now())?;
    file.audit = audit_lines(conn, &file)?;
    Ok(file)
}

fn assemble(conn: &mut AnyConnection, case: Case, at: NaiveDateTime) -> AppResult<CaseFile> {
    let parties = store::parties_of(conn, case.id)?;
    let entries = store::entries_of(conn, case.id)?;
    let answered = everyone_answered(&entries, &parties, hearing_start(&entries));
    let reporter = match case.reporter_id {
        Some(u) if !case.anonymous => {
            let u = crate::auth::store::by_id(conn, u)?;
            Some(format!("{} <{}>", u.display_name(), u.email))
        }
        _ => None,
    };
    let moves = [
        CaseState::Preliminary,
        CaseState::Investigation,
        CaseState::Hearing,
        CaseState::Closed,
    ]
    .into_iter()
    .filter(|to| steps::move_of(case.state, *to) != Move::Refused)
    .collect();
    Ok(CaseFile {
        reporter,
        reporter_notified: !case.reporter_email.is_empty(),
        sanctions: store::sanctions_of(conn, case.id)?,
        moves,
        may_rule: steps::may_rule(case.state, case.due_at, at, answered),
        may_finalise: steps::may_finalise(case.state, case.due_at, at),
        appeal_open: steps::may_appeal(case.state, case.outcome.as_deref(), case.due_at, at),
        entries: views(conn, entries, &parties, true)?,
        parties,
        case,
        audit: Vec::new(),
    })
}

/// Names a person accused. They are told nothing until the hearing.
pub fn add_party(conn: &mut AnyConnection, state: &AppState, c: &Committee, number: i32, input: &PartyInput) -> AppResult<()> {
    let (email, name) = validate::party(input)?;
    let case = case_of(conn, c, number)?;
    if case.state == CaseState::Closed || matches!(case.state, CaseState::Ruled | CaseState::Appeal) {
        return Err(AppError::Conflict("integrity_cases.no_new_party".into()));
    }
    if store::party_named(conn, case.id, email.as_str())? {
        return Err(AppError::field("email", "validation.integrity_party_twice"));
    }
    let account = crate::auth::store::by_email(conn, email.as_str())?;
    let lang = account.as_ref().map(|u| u.mail_lang()).unwrap_or(Lang::ZhCn);
    let link = new_link(state, HEARING);
    let new = NewParty {
        case_id: case.id,
        user_id: account.map(|u| u.id),
        email: email.as_str(),
        name: &name,
        lang: lang.code(),
        link: &link,
    };
    let id = store::add_party(conn, &new, now())?;
    // A hearing under way reaches someone named during it at once.
    if case.state == CaseState::Hearing {
        let p = store::parties_of(conn, case.id)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(AppError::NotFound)?;
        let note = store::entries_of(conn, case.id)?
            .into_iter()
            .rev()
            .find(|e| e.kind == EntryKind::Step && e.step.as_deref() == Some("hearing"))
            .map(|e| e.body)
            .unwrap_or_default();
        let due = case.due_at.map(|d| d.to_string()).unwrap_or_default();
        tell(
            conn,
            state,
            (&c.society, &case),
            To::Party(&p),
            "integrity_hearing",
            json!({"note": note, "due": due}),
        )?;
    }
    audit(
        conn,
        c.society.id,
        Some(case.id),
        Some(c.user_id),
        Some(id),
        "add_party",
        email.as_str(),
    )
}

/// Moves a case to its next step (or closes it before a ruling); the hearing tells every
/// person accused, with the deadline, and closing tells the reporter.
pub fn move_to(conn: &mut AnyConnection, state: &AppState, c: &Committee, number: i32, spec: &StepSpec) -> AppResult<()> {
    let case = case_of(conn, c, number)?;
    let parties = store::parties_of(conn, case.id)?;
    let mv = steps::move_of(case.state, spec.step);
    let (due, outcome) = match mv {
        Move::Refused => return Err(AppError::Conflict("integrity_cases.step_refused".into())),
        Move::Hearing if parties.is_empty() => return Err(AppError::Conflict("integrity_cases.hearing_needs_party".into())),
        Move::Close(o) => (None, Some(o)),
        _ => (spec.due_on.map(validate::end_of), None),
    };
    let t = now();
    store::set_state(conn, case.id, spec.step, due, outcome.map(|o| o.as_str()), t)?;
    let audience = if mv == Move::Hearing { Role::Accused } else { Role::Committee };
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::Step,
            step: Some(spec.step),
            author: Role::Committee,
            user_id: Some(c.user_id),
            party_id: None,
            audience,
            body: &spec.note,
            due_at: due,
            file_id: None,
        },
        t,
    )?;
    if mv == Move::Hearing {
        let due_day = spec.due_on.map(|d| d.to_string()).unwrap_or_default();
        for p in &parties {
            tell(
                conn,
                state,
                (&c.society, &case),
                To::Party(p),
                "integrity_hearing",
                json!({"note": spec.note, "due": due_day}),
            )?;
        }
    }
    if let Some(o) = outcome {
        tell(
            conn,
            state,
            (&c.society, &case),
            To::Reporter,
            "integrity_case_closed",
            json!({"outcome": o.as_str()}),
        )?;
    }
    audit(conn, c.society.id, Some(case.id), Some(c.user_id), None, "step", spec.step.as_str())
}

/// Writes to the reporter or a person accused (by mail, with their link), or adds a note only
/// the committee reads.
pub fn message(conn: &mut AnyConnection, state: &AppState, c: &Committee, number: i32, input: &MessageInput) -> AppResult<()> {
    let (to, party, body) = validate::message(input)?;
    let case = case_of(conn, c, number)?;
    let p = match party {
        Some(id) => Some(
            store::parties_of(conn, case.id)?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| AppError::field("party", "validation.integrity_party_unknown"))?,
        ),
        None => None,
    };
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::Message,
            step: None,
            author: Role::Committee,
            user_id: Some(c.user_id),
            party_id: party,
            audience: to,
            body: &body,
            due_at: None,
            file_id: None,
        },
        now(),
    )?;
    notify(conn, state, (&c.society, &case), Role::Committee, to, p.as_ref())?;
    audit(conn, c.society.id, Some(case.id), Some(c.user_id), party, "message", to.as_str())
}

/// Rules at the end of the hearing: misconduct (with sanctions and an appeal deadline) or
/// cleared (the case closes). Every person accused receives the reasons; the reporter learns
/// the outcome.
pub fn rule(conn: &mut AnyConnection, state: &AppState, c: &Committee, number: i32, spec: &RulingSpec) -> AppResult<()> {
    let case = case_of(conn, c, number)?;
    let t = now();
    let file = assemble(conn, case.clone(), t)?;
    if !file.may_rule {
        return Err(AppError::Conflict("integrity_cases.not_ready_to_rule".into()));
    }
    for s in &spec.sanctions {
        if !file.parties.iter().any(|p| p.id == s.party) {
            return Err(AppError::field("sanctions", "validation.integrity_party_unknown"));
        }
    }
    let misconduct = spec.outcome == Outcome::Misconduct;
    let (next, due) = if misconduct {
        (CaseState::Ruled, spec.appeal_until.map(validate::end_of))
    } else {
        (CaseState::Closed, None)
    };
    store::set_state(conn, case.id, next, due, Some(spec.outcome.as_str()), t)?;
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::Ruling,
            step: Some(next),
            author: Role::Committee,
            user_id: Some(c.user_id),
            party_id: None,
            audience: Role::Accused,
            body: &spec.reasons,
            due_at: due,
            file_id: None,
        },
        t,
    )?;
    let start = super::sanctions::today();
    for s in &spec.sanctions {
        let party = file.parties.iter().find(|p| p.id == s.party).expect("checked above");
        let ns = NewSanction {
            case_id: case.id,
            society_id: c.society.id,
            party,
            bars: s.bars,
            starts_on: start,
            ends_on: s.until,
        };
        store::add_sanction(conn, &ns, t)?;
        audit(
            conn,
            c.society.id,
            Some(case.id),
            Some(c.user_id),
            Some(party.id),
            "sanction",
            &format!("{} until {}", s.bars, s.until),
        )?;
    }
    let appeal = spec.appeal_until.map(|d| d.to_string()).unwrap_or_default();
    for p in &file.parties {
        let bars = spec.sanctions.iter().find(|s| s.party == p.id);
        let vars = json!({
            "outcome": spec.outcome.as_str(), "reasons": spec.reasons, "appeal_until": appeal,
            "bars": bars.map(|s| s.bars.as_str()).unwrap_or(""), "until": bars.map(|s| s.until.to_string()).unwrap_or_default(),
        });
        tell(conn, state, (&c.society, &case), To::Party(p), "integrity_ruling", vars)?;
    }
    tell(
        conn,
        state,
        (&c.society, &case),
        To::Reporter,
        "integrity_case_closed",
        json!({"outcome": spec.outcome.as_str()}),
    )?;
    audit(
        conn,
        c.society.id,
        Some(case.id),
        Some(c.user_id),
        None,
        "rule",
        spec.outcome.as_str(),
    )
}

/// Makes a ruling final once no appeal can come: the case closes.
pub fn finalise(conn: &mut AnyConnection, c: &Committee, number: i32) -> AppResult<()> {
    let case = case_of(conn, c, number)?;
    if !steps::may_finalise(case.state, case.due_at, now()) {
        return Err(AppError::Conflict("integrity_cases.appeal_still_possible".into()));
    }
    store::set_state(conn, case.id, CaseState::Closed, None, case.outcome.as_deref(), now())?;
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::Step,
            step: Some(CaseState::Closed),
            author: Role::Committee,
            user_id: Some(c.user_id),
            party_id: None,
            audience: Role::Accused,
            body: "",
            due_at: None,
            file_id: None,
        },
        now(),
    )?;
    audit(conn, c.society.id, Some(case.id), Some(c.user_id), None, "finalise", "")
}

/// Rules on an appeal: granted lifts the finding and every sanction; refused confirms them.
/// Either way the case closes and the accused receive the reasons.
pub fn rule_appeal(conn: &mut AnyConnection, state: &AppState, c: &Committee, number: i32, granted: bool, reasons: &str) -> AppResult<()> {
    let case = case_of(conn, c, number)?;
    if case.state != CaseState::Appeal {
        return Err(AppError::Conflict("integrity_cases.no_appeal".into()));
    }
    let t = now();
    let outcome = if granted { Outcome::Cleared } else { Outcome::Misconduct };
    if granted {
        store::lift_sanctions(conn, case.id, t)?;
    }
    store::set_state(conn, case.id, CaseState::Closed, None, Some(outcome.as_str()), t)?;
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::AppealRuling,
            step: Some(CaseState::Closed),
            author: Role::Committee,
            user_id: Some(c.user_id),
            party_id: None,
            audience: Role::Accused,
            body: reasons,
            due_at: None,
            file_id: None,
        },
        t,
    )?;
    let verdict = if granted { "granted" } else { "refused" };
    for p in store::parties_of(conn, case.id)? {
        tell(
            conn,
            state,
            (&c.society, &case),
            To::Party(&p),
            "integrity_appeal_ruling",
            json!({"appeal": verdict, "reasons": reasons}),
        )?;
    }
    audit(conn, c.society.id, Some(case.id), Some(c.user_id), None, "rule_appeal", verdict)
}

/// What the reporter reads through their mailbox link.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityMailbox)]
pub struct Mailbox {
    pub society: Society,
    pub case: CaseSummary,
    /// What the report was about, in the reporter's words.
    pub subject: String,
    /// The report and the messages between reporter and committee, oldest first.
    pub entries: Vec<EntryView>,
}

pub(super) fn by_mailbox(conn: &mut AnyConnection, token: &str) -> AppResult<Case> {
    store::by_mailbox(conn, &crate::auth::tokens::hash_token(token))?.ok_or(AppError::NotFound)
}

/// The reporter's view of their case (the read is audited).
pub fn mailbox(conn: &mut AnyConnection, token: &str) -> AppResult<Mailbox> {
    let case = by_mailbox(conn, token)?;
    let society = crate::salons::plan::store::society_by_id(conn, case.society_id)?;
    let entries: Vec<Entry> = store::entries_of(conn, case.id)?
        .into_iter()
        .filter(|e| e.audience == Role::Reporter)
        .collect();
    audit(conn, society.id, Some(case.id), None, None, "reporter_read", "")?;
    Ok(Mailbox {
        entries: views(conn, entries, &[], false)?,
        society,
        subject: case.subject.clone(),
        case: CaseSummary::from(&case),
    })
}

/// The reporter writes to the committee (until the case is closed).
pub fn reporter_reply(conn: &mut AnyConnection, state: &AppState, token: &str, body: &str) -> AppResult<()> {
    let case = by_mailbox(conn, token)?;
    if !steps::open(case.state) {
        return Err(AppError::Conflict("integrity_cases.closed".into()));
    }
    let society = crate::salons::plan::store::society_by_id(conn, case.society_id)?;
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind: EntryKind::Message,
            step: None,
            author: Role::Reporter,
            user_id: case.reporter_id,
            party_id: None,
            audience: Role::Reporter,
            body,
            due_at: None,
            file_id: None,
        },
        now(),
    )?;
    notify(conn, state, (&society, &case), Role::Reporter, Role::Reporter, None)?;
    audit(conn, society.id, Some(case.id), None, None, "reporter_reply", "")
}

/// What a person accused reads through their hearing link: never the report or the reporter.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityHearing)]
pub struct Hearing {
    pub society: Society,
    pub case: CaseSummary,
    pub party: Party,
    /// What the committee addressed to them (the hearing, messages, the ruling) and what they wrote.
    pub entries: Vec<EntryView>,
    /// Their sanctions.
    pub sanctions: Vec<Sanction>,
    /// Whether they may still write to the committee (until the case closes).
    pub may_answer: bool,
    /// Whether they may appeal the ruling now.
    pub may_appeal: bool,
}

pub(super) fn by_link(conn: &mut AnyConnection, token: &str) -> AppResult<(Case, Party)> {
    let p = store::party_by_link(conn, &crate::auth::tokens::hash_token(token))?.ok_or(AppError::NotFound)?;
    let case = store::get(conn, p.case_id)?;
    // Until the hearing the accused is told nothing, and the link shows nothing.
    let told = store::entries_of(conn, case.id)?
        .iter()
        .any(|e| e.audience == Role::Accused && e.party_id.is_none_or(|x| x == p.id));
    if !told {
        return Err(AppError::NotFound);
    }
    Ok((case, p))
}

/// Whether entry `e` is for person accused `party` (or written by them).
pub(super) fn for_party(e: &Entry, party: i64) -> bool {
    e.audience == Role::Accused && e.party_id.is_none_or(|x| x == party)
}

/// The accused person's view of their case (the read is audited).
pub fn hearing(conn: &mut AnyConnection, token: &str) -> AppResult<Hearing> {
    let (case, party) = by_link(conn, token)?;
    let society = crate::salons::plan::store::society_by_id(conn, case.society_id)?;
    let entries: Vec<Entry> = store::entries_of(conn, case.id)?
        .into_iter()
        .filter(|e| for_party(e, party.id))
        .collect();
    let sanctions = store::sanctions_of(conn, case.id)?
        .into_iter()
        .filter(|s| s.party_id == party.id)
        .collect();
    audit(conn, society.id, Some(case.id), None, Some(party.id), "accused_read", "")?;
    let t = now();
    Ok(Hearing {
        may_answer: steps::open(case.state),
        may_appeal: steps::may_appeal(case.state, case.outcome.as_deref(), case.due_at, t),
        entries: views(conn, entries, std::slice::from_ref(&party), false)?,
        sanctions,
        society,
        party,
        case: CaseSummary::from(&case),
    })
}

/// A person accused answers the committee, or appeals its ruling.
pub fn accused_reply(conn: &mut AnyConnection, state: &AppState, token: &str, body: &str, appeal: bool) -> AppResult<()> {
    let (case, party) = by_link(conn, token)?;
    let t = now();
    if appeal && !steps::may_appeal(case.state, case.outcome.as_deref(), case.due_at, t) {
        return Err(AppError::Conflict("integrity_cases.appeal_closed".into()));
    }
    if !steps::open(case.state) {
        return Err(AppError::Conflict("integrity_cases.closed".into()));
    }
    let society = crate::salons::plan::store::society_by_id(conn, case.society_id)?;
    let kind = if appeal { EntryKind::Appeal } else { EntryKind::Message };
    store::add_entry(
        conn,
        &NewEntry {
            case_id: case.id,
            kind,
            step: appeal.then_some(CaseState::Appeal),
            author: Role::Accused,
            user_id: party.user_id,
            party_id: Some(party.id),
            audience: Role::Accused,
            body,
            due_at: None,
            file_id: None,
        },
        t,
    )?;
    if appeal {
        store::set_state(conn, case.id, CaseState::Appeal, None, case.outcome.as_deref(), t)?;
    }
    tell(
        conn,
        state,
        (&society, &case),
        To::Committee,
        "integrity_case_reply",
        json!({"from": if appeal { "appeal" } else { "accused" }}),
    )?;
    audit(
        conn,
        society.id,
        Some(case.id),
        None,
        Some(party.id),
        if appeal { "appeal" } else { "accused_reply" },
        "",
    )
}
