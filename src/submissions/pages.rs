//! Submission pages: the form, a paper's page with its history, editing, withdrawal, the author
//! dashboard, the organisers' table with CSV export, and file downloads.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use super::model::SUBMITTED;
use super::policy::{self, Access};
use super::service::{self, CallData, VenueData};
use super::store::{self, Filter};
use super::upload::check_csrf;
use super::upload::{self, FORM_AUTHOR_ROWS};
use super::validate::{AuthorInput, SubmissionInput};
use super::view::view;
use crate::auth::CurrentUser;
use crate::auth::pages::Empty;
use crate::error::{AppError, AppResult};
use crate::venues::service::TrackParam;
use crate::venues::{deadline, view as vview};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

fn form_ctx(data: &CallData) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", &data.venue);
    ctx.insert(
        "call",
        &vview::call_view(data.call.clone(), data.questions.clone(), &data.venue.timezone),
    );
    ctx.insert("tracks", &data.tracks);
    ctx.insert("own_track", &data.own_track);
    ctx.insert("committee", &data.committee);
    ctx.insert("asks_related", &data.asks_related);
    ctx.insert("topics", &data.topics);
    ctx.insert("rows", &(0..FORM_AUTHOR_ROWS).collect::<Vec<_>>());
    ctx.insert("pdf_optional", &service::pdf_optional_now(&data.call));
    // A fresh one-time key per rendering of the form (see `create`).
    ctx.insert("once", &crate::auth::tokens::random_hex(16));
    ctx
}

/// The form's values as the template reads them (authors padded to the form's rows).
fn form_value(input: &SubmissionInput) -> serde_json::Value {
    let mut v = serde_json::to_value(input).unwrap_or_default();
    let mut authors = input.authors.clone();
    authors.resize(FORM_AUTHOR_ROWS, AuthorInput::default());
    v["authors"] = serde_json::to_value(authors).unwrap_or_default();
    v["topic_ids"] = serde_json::to_value(&input.topics).unwrap_or_default();
    v
}

async fn call_by_slug(state: &AppState, user: &crate::auth::User, slug: String, track: Option<String>) -> AppResult<CallData> {
    let user = user.clone();
    state
        .db
        .run(move |c| {
            let v = crate::guard::venue::visible(c, Some(&user), &slug)?;
            service::load_call(c, v.id, track.as_deref())
        })
        .await
}

/// `GET /venues/{slug}/submit[?track=..]`: the form of the venue's call or of a track's own call.
pub async fn new_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
) -> AppResult<HttpResponse> {
    let data = call_by_slug(&state, &user.user, path.into_inner(), q.into_inner().track).await?;
    let mut ctx = form_ctx(&data);
    let u = &user.user;
    let me = AuthorInput {
        name_zh: u.name_zh.clone(),
        name_latin: u.name_latin.clone(),
        email: u.email.clone(),
        affiliation: u.affiliation.clone(),
        country: u.country.clone(),
        orcid: u.orcid.clone().unwrap_or_default(),
    };
    let input = SubmissionInput {
        authors: vec![me],
        corresponding: 0,
        presenter: 0,
        track: data.own_track.as_ref().map(|t| t.slug.clone()).unwrap_or_default(),
        ..Default::default()
    };
    ctx.insert("form", &form_value(&input));
    ctx.insert(
        "accepting",
        &(data.venue.is_open() && vview::accepting_new(&data.call, chrono::Utc::now().naive_utc())),
    );
    ctx.insert("draft", &!data.venue.is_open());
    page.render(&state, "submissions/form.html", ctx)
}

fn form_error(
    page: &Page,
    state: &AppState,
    data: &CallData,
    up_input: Option<SubmissionInput>,
    editing: Option<i64>,
    e: AppError,
) -> AppResult<HttpResponse> {
    let mut ctx = form_ctx(data);
    ctx.insert("accepting", &true);
    if let Some(id) = editing {
        ctx.insert("editing", &id);
    }
    let input = up_input.unwrap_or_default();
    let value = form_value(&input);
    page.form_errors(state, "submissions/form.html", ctx, &value, e)
}

/// A form that could not be read: show it again with what was typed, if the token is right.
fn read_failed(page: &Page, state: &AppState, data: &CallData, editing: Option<i64>, f: upload::ReadFailure) -> AppResult<HttpResponse> {
    match f.error {
        e @ AppError::Validation { .. } => {
            let input = upload::from_this_session(&page.session, &f.partial)
                .then(|| upload::to_input(&f.partial).ok())
                .flatten();
            form_error(page, state, data, input, editing, e)
        }
        e => Err(e),
    }
}

/// `POST /venues/{slug}/submit[?track=..]` (multipart).
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let data = call_by_slug(&state, &user.user, path.into_inner(), q.into_inner().track).await?;
    let up = match service::read_upload(&state, &data, payload).await {
        Ok(up) => up,
        Err(f) => return read_failed(&page, &state, &data, None, f),
    };
    check_csrf(&page.session, user.via, &up)?;
    let input = upload::to_input(&up).ok();
    let claim = upload::form_claim(&up, user.user.id, service::submission_scope(&data));
    match service::submit_once(&state, &user.user, data.clone(), up, page.lang, claim).await {
        Ok(service::Submitted::New(s, _)) => {
            flash(&page.session, "submissions.received");
            Ok(redirect(&format!("/submissions/{}", s.id)))
        }
        Ok(service::Submitted::Again(id)) => {
            flash(&page.session, "submissions.received_once");
            Ok(redirect(&format!("/submissions/{id}")))
        }
        Err(e) => form_error(&page, &state, &data, input, None, e),
    }
}

/// `GET /submissions/{id}`.
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let ctx = show_context(&state, user, path.into_inner()).await?;
    page.render(&state, "submissions/show.html", ctx)
}

/// The context of a paper's page: the paper, its history, and for authors the released
/// reviews and the response to them.
pub async fn show_context(state: &web::Data<AppState>, user: CurrentUser, id: i64) -> AppResult<Context> {
    let u = user.user.clone();
    let st = state.clone();
    let (sv, data, access, files, pdf_author, reviews, notified) = state
        .db
        .run(move |c| {
            let sv = view(c, &u, id)?;
            let (_, _, access) = service::load_visible(c, &u, id)?;
            let data = service::load_call_of(c, &sv.submission)?;
            let mut ids: Vec<i64> = sv.versions.iter().flat_map(|v| [v.pdf_file_id, v.supp_file_id]).flatten().collect();
            ids.sort_unstable();
            ids.dedup();
            let files = ids
                .into_iter()
                .map(|i| crate::files::model::get(c, i))
                .collect::<AppResult<Vec<_>>>()?;
            // Under double-blind review, warn authors whose PDF metadata names someone.
            let pdf_author = match (data.call.anonymity.as_str(), sv.submission.pdf_file_id) {
                ("double_blind", Some(fid)) => {
                    let f = crate::files::model::get(c, fid)?;
                    st.files
                        .local_copy_blocking(&f.sha256)
                        .ok()
                        .and_then(|copy| crate::files::pdf::metadata_author(&copy))
                }
                _ => None,
            };
            // Authors read the reviews here once the chairs release them.
            let reviews = match crate::review::reviews::access::paper(c, &u, id) {
                Ok(p) if p.relation == crate::review::reviews::access::Relation::Author => {
                    let phases = crate::review::phases::load(c, p.submission.venue_id)?;
                    let now = chrono::Utc::now().naive_utc();
                    Some((
                        crate::review::reviews::view::for_reader(c, &p, u.id, &phases, now)?,
                        (
                            crate::review::responses::service::read_for(c, &p, u.id, now)?,
                            crate::review::decisions::service::for_reader(c, p.submission.venue_id, id, p.relation)?,
                        ),
                    ))
                }
                _ => None,
            };
            let notified = store::decision_notified(c, id)?;
            Ok((sv, data, access, files, pdf_author, reviews, notified))
        })
        .await?;
    let now = chrono::Utc::now().naive_utc();
    let tz = deadline::parse_tz(&data.venue.timezone).unwrap_or(chrono_tz::UTC);
    let mut ctx = Context::new();
    ctx.insert("s", &sv);
    ctx.insert("venue", &data.venue);
    ctx.insert(
        "call",
        &vview::call_view(data.call.clone(), data.questions.clone(), &data.venue.timezone),
    );
    ctx.insert("tracks", &data.tracks);
    ctx.insert("topics", &data.topics);
    ctx.insert("files", &files);
    ctx.insert("is_chair", &(access == Access::Chair));
    ctx.insert("is_author", &matches!(access, Access::Author { .. }));
    ctx.insert(
        "can_edit",
        &policy::check_edit(access, &data.call, &sv.submission, notified, now).is_ok(),
    );
    ctx.insert(
        "can_withdraw",
        &(matches!(access, Access::Author { corresponding } if corresponding || !data.call.only_corresponding_edits)
            && sv.submission.status == SUBMITTED),
    );
    ctx.insert("pdf_author", &pdf_author);
    let (reviews, rest) = reviews.unzip();
    let (response, decision) = rest.unzip();
    ctx.insert("author_reviews", &reviews);
    ctx.insert("response", &response);
    ctx.insert("decision", &decision.flatten());
    ctx.insert("extension_local", &sv.submission.extension_until.map(|e| deadline::display(e, tz)));
    ctx.insert(
        "extension_input",
        &sv.submission
            .extension_until
            .map(|e| deadline::utc_to_local_input(e, tz))
            .unwrap_or_default(),
    );
    let answers: serde_json::Value = serde_json::from_str(&sv.submission.answers).unwrap_or_default();
    ctx.insert("answers", &answers);
    Ok(ctx)
}

/// `GET /submissions/{id}/edit`.
pub async fn edit_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let u = user.user.clone();
    let (sv, data, (declared, related), may_edit) = state
        .db
        .run(move |c| {
            let sv = view(c, &u, id)?;
            let data = service::load_call_of(c, &sv.submission)?;
            let declared = (
                crate::review::conflicts::store::declared_by_authors(c, id)?,
                crate::integrity::queue::declaration(c, id)?,
            );
            let (_, _, access) = service::load_visible(c, &u, id)?;
            let notified = store::decision_notified(c, id)?;
            let may_edit = policy::check_edit(access, &data.call, &sv.submission, notified, chrono::Utc::now().naive_utc());
            Ok((sv, data, declared, may_edit))
        })
        .await?;
    // A paper that can no longer be changed (decided, withdrawn, past its deadline, or not this
    // author's to edit) gets its page with the reason instead of a form that would refuse.
    if let Err(e) = may_edit {
        flash_result(&page.session, Err(e), "")?;
        return Ok(redirect(&format!("/submissions/{id}")));
    }
    let s = &sv.submission;
    let track = data
        .tracks
        .iter()
        .find(|t| Some(t.id) == s.track_id)
        .map(|t| t.slug.clone())
        .unwrap_or_default();
    let answers: std::collections::BTreeMap<String, serde_json::Value> = serde_json::from_str(&s.answers).unwrap_or_default();
    let input = SubmissionInput {
        title_zh: s.title_zh.clone(),
        title_en: s.title_en.clone(),
        abstract_text: s.abstract_text.clone(),
        keywords: s.keywords.clone(),
        track,
        topics: sv.topics.clone(),
        authors: sv
            .authors
            .iter()
            .map(|a| AuthorInput {
                name_zh: a.name_zh.clone(),
                name_latin: a.name_latin.clone(),
                email: a.email.clone(),
                affiliation: a.affiliation.clone(),
                country: a.country.clone(),
                orcid: a.orcid.clone().unwrap_or_default(),
            })
            .collect(),
        corresponding: sv.authors.iter().position(|a| a.is_corresponding).unwrap_or(0),
        presenter: sv.authors.iter().position(|a| a.is_presenter).unwrap_or(0),
        answers: answers
            .into_iter()
            .map(|(k, v)| {
                let text = match v {
                    serde_json::Value::Bool(b) => {
                        if b {
                            "yes".to_string()
                        } else {
                            String::new()
                        }
                    }
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, text)
            })
            .collect(),
        conflicts: declared,
        related_submissions: related,
    };
    let mut ctx = form_ctx(&data);
    ctx.insert("editing", &id);
    ctx.insert("accepting", &true);
    ctx.insert("form", &form_value(&input));
    page.render(&state, "submissions/form.html", ctx)
}

/// `POST /submissions/{id}/edit` (multipart).
pub async fn update(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let u = user.user.clone();
    let data = state
        .db
        .run(move |c| {
            let (s, _, _) = service::load_visible(c, &u, id)?;
            service::load_call_of(c, &s)
        })
        .await?;
    let up = match service::read_upload(&state, &data, payload).await {
        Ok(up) => up,
        Err(f) => return read_failed(&page, &state, &data, Some(id), f),
    };
    check_csrf(&page.session, user.via, &up)?;
    let input = upload::to_input(&up).ok();
    match service::update(&state, &user.user, id, up, page.lang).await {
        Ok(_) => {
            flash(&page.session, "submissions.updated");
            Ok(redirect(&format!("/submissions/{id}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => form_error(&page, &state, &data, input, Some(id), e),
        Err(e) => Err(e),
    }
}

/// `POST /submissions/{id}/withdraw`.
pub async fn withdraw(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    service::withdraw(&state, &user.user, id, page.lang).await?;
    flash(&page.session, "submissions.withdrawn");
    Ok(redirect(&format!("/submissions/{id}")))
}

/// Extension form body.
#[derive(Deserialize)]
pub struct ExtensionForm {
    #[serde(default)]
    until: String,
}

/// `POST /submissions/{id}/extension` (chairs): a per-paper deadline, in the venue's zone.
pub async fn extension(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(f): CsrfForm<ExtensionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .tx(move |c| {
            let (s, _, access) = service::load_visible(c, &user.user, id)?;
            if access != Access::Chair {
                return Err(AppError::NotFound);
            }
            let venue = crate::venues::store::by_id(c, s.venue_id)?;
            let until = if f.until.trim().is_empty() {
                None
            } else {
                let tz = deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
                Some(deadline::local_to_utc(&f.until, tz).ok_or_else(|| AppError::field("until", "validation.datetime_invalid"))?)
            };
            store::set_extension(c, id, until, user.user.id)
        })
        .await?;
    flash(&page.session, "submissions.extension_saved");
    Ok(redirect(&format!("/submissions/{id}")))
}

/// `GET /dashboard`: the user's submissions across venues, with deadlines.
pub async fn dashboard(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    let st = state.get_ref().clone();
    let rows = state
        .db
        .run(move |c| {
            let subs = if u.email_verified_at.is_some() {
                store::for_author(c, &u.email)?
            } else {
                vec![]
            };
            let mut rows = Vec::new();
            for s in subs {
                let data = service::load_call_of(c, &s)?;
                let call = vview::call_view(data.call.clone(), vec![], &data.venue.timezone);
                let decision =
                    crate::review::decisions::service::for_reader(c, s.venue_id, s.id, crate::review::reviews::access::Relation::Author)?;
                let notified = decision.is_some();
                let editable = policy::editable_until_deadline(&data.call, &s, notified, chrono::Utc::now().naive_utc());
                rows.push(serde_json::json!({ "s": s, "venue": data.venue, "call": call, "editable": editable, "decision": decision }));
            }
            let mut pending = Vec::new();
            if u.email_verified_at.is_some() {
                for s in store::awaiting_confirmation(c, &u.email)? {
                    let venue = crate::venues::store::by_id(c, s.venue_id)?;
                    pending.push(serde_json::json!({ "s": s, "venue": venue }));
                }
            }
            let manuscripts = crate::journals::manuscripts::view::mine(c, &u)?;
            let invitations = crate::journals::rounds::view::mine(c, &st, &u, chrono::Utc::now().date_naive())?;
            let registrations = crate::participation::registration::view::mine(c, u.id)?;
            let agendas = crate::participation::agenda::service::venues_starred(c, &u)?;
            let desks = crate::participation::checkin::service::desks_of(c, u.id)?;
            let surveys = crate::participation::feedback::service::open_for(c, &u, chrono::Utc::now().naive_utc())?;
            let salons = crate::salons::service::led_by(c, u.id)?;
            let judging = crate::salons::contest::service::judged_by(c, u.id)?;
            let mut societies = Vec::new();
            for id in crate::guard::society::staff_of(c, u.id)? {
                societies.push(crate::salons::plan::store::society_by_id(c, id)?);
            }
            let integrity = crate::integrity::cases::service::committees_of(c, u.id)?;
            Ok((
                rows,
                pending,
                registrations,
                agendas,
                desks,
                (surveys, salons, judging, societies, manuscripts, invitations, integrity),
            ))
        })
        .await?;
    let (rows, pending, registrations, agendas, desks, (surveys, salons, judging, societies, manuscripts, invitations, integrity)) = rows;
    let mut ctx = Context::new();
    ctx.insert("manuscripts", &manuscripts);
    ctx.insert("review_invitations", &invitations);
    ctx.insert("rows", &rows);
    ctx.insert("pending", &pending);
    ctx.insert("registrations", &registrations);
    ctx.insert("agendas", &agendas);
    ctx.insert("desks", &desks);
    ctx.insert("surveys", &surveys);
    ctx.insert("salons_led", &salons);
    ctx.insert("judging", &judging);
    ctx.insert("societies", &societies);
    ctx.insert("integrity_committees", &integrity);
    page.render(&state, "submissions/dashboard.html", ctx)
}

/// `GET /venues/{slug}/submissions` (chairs).
pub async fn table(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<Filter>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let f = q.into_inner();
    let f2 = f.clone();
    let (data, items, total, authors) = state
        .db
        .run(move |c| {
            let chair = crate::guard::chair(c, &user.user, &slug)?;
            let v = &chair.venue;
            let data = service::load_venue(c, v.id)?;
            let (items, total) = store::for_venue(c, chair.venue.id, chair.hidden(), &f2, false)?;
            let authors: std::collections::HashMap<String, String> = items
                .iter()
                .map(|s| {
                    let names = store::authors_of(c, s.id)?
                        .iter()
                        .map(|a| {
                            if a.name_zh.is_empty() {
                                a.name_latin.clone()
                            } else {
                                a.name_zh.clone()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    Ok((s.id.to_string(), names))
                })
                .collect::<AppResult<_>>()?;
            Ok((data, items, total, authors))
        })
        .await?;
    let page_no = f.page.unwrap_or(1).max(1);
    let pages = ((total + store::PAGE_SIZE - 1) / store::PAGE_SIZE).max(1);
    let mut ctx = Context::new();
    ctx.insert("venue", &data.venue);
    ctx.insert("tracks", &data.tracks);
    ctx.insert("topics", &data.topics);
    ctx.insert("items", &items);
    ctx.insert("authors", &authors);
    ctx.insert("total", &total);
    ctx.insert("page_no", &page_no);
    ctx.insert("pages", &pages);
    ctx.insert("filter", &f);
    let query = serde_urlencoded::to_string(Filter { page: None, ..f }).unwrap_or_default();
    ctx.insert("query", &query);
    page.render(&state, "submissions/table.html", ctx)
}

/// Loads the chair's filtered submissions of a venue (404 for anyone else).
async fn chair_items(
    state: &AppState,
    user: CurrentUser,
    slug: String,
    f: Filter,
) -> AppResult<(VenueData, Vec<super::model::Submission>)> {
    state
        .db
        .run(move |c| {
            let chair = crate::guard::chair(c, &user.user, &slug)?;
            let v = &chair.venue;
            let data = service::load_venue(c, v.id)?;
            let (items, _) = store::for_venue(c, chair.venue.id, chair.hidden(), &f, true)?;
            Ok((data, items))
        })
        .await
}

fn attachment(name: String) -> (&'static str, String) {
    ("Content-Disposition", format!("attachment; filename=\"{name}\""))
}

/// Metadata export formats.
#[derive(Clone, Copy)]
enum Sheet {
    Csv,
    Xlsx,
}

async fn export_sheet(state: &AppState, page: &Page, user: CurrentUser, slug: String, f: Filter, kind: Sheet) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    let (data, items) = chair_items(state, user, slug.clone(), f).await?;
    let lang = page.lang;
    let body = state
        .db
        .run(move |c| {
            // The decision table's figures, so the export says what the chairs see there.
            let table = crate::review::decisions::table::load(c, &u, data.venue.id, &Default::default())?;
            let reviews: std::collections::HashMap<i64, super::export::ReviewSummary> = table
                .rows
                .iter()
                .map(|r| {
                    let label = r
                        .decision
                        .as_ref()
                        .map(|k| crate::review::decisions::service::label_of(&table.labels, k))
                        .map(|l| (l.zh, l.en));
                    (
                        r.submission_id,
                        super::export::ReviewSummary {
                            done: r.done,
                            mean: r.aggregate.mean,
                            decision: label,
                        },
                    )
                })
                .collect();
            let rows = super::export::rows(c, &data, &items, &reviews, lang)?;
            match kind {
                Sheet::Csv => super::export::csv(&rows, lang),
                Sheet::Xlsx => super::export::xlsx(&rows, lang),
            }
        })
        .await?;
    let (ct, ext) = match kind {
        Sheet::Csv => ("text/csv; charset=utf-8", "csv"),
        Sheet::Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    };
    Ok(HttpResponse::Ok()
        .content_type(ct)
        .insert_header(attachment(format!("{slug}-submissions.{ext}")))
        .body(body))
}

/// `GET /venues/{slug}/submissions.csv` (chairs): metadata of every matching submission.
pub async fn export_csv(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<Filter>,
) -> AppResult<HttpResponse> {
    export_sheet(&state, &page, user, path.into_inner(), q.into_inner(), Sheet::Csv).await
}

/// `GET /venues/{slug}/submissions.xlsx` (chairs).
pub async fn export_xlsx(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<Filter>,
) -> AppResult<HttpResponse> {
    export_sheet(&state, &page, user, path.into_inner(), q.into_inner(), Sheet::Xlsx).await
}

/// `GET /venues/{slug}/submissions.zip` (chairs): the current PDF of every matching submission, streamed.
pub async fn export_zip(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<Filter>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (_, items) = chair_items(&state, user, slug.clone(), q.into_inner()).await?;
    let files = state
        .db
        .run(move |c| {
            items
                .iter()
                .filter(|s| s.status == super::model::SUBMITTED)
                .filter_map(|s| s.pdf_file_id.map(|f| (s.number, f)))
                .map(|(n, f)| Ok((format!("paper-{n:04}.pdf"), crate::files::model::get(c, f)?.sha256)))
                .collect::<AppResult<Vec<_>>>()
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(attachment(format!("{slug}-papers.zip")))
        .streaming(super::export::zip_stream(state.files.clone(), files)))
}

/// `GET /submissions/{id}/files/{file_id}`: a PDF or supplement of any version, to its authors
/// and the venue's chairs.
pub async fn download(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (id, file_id) = path.into_inner();
    let st = state.clone();
    let (file, number) = state
        .db
        .run(move |c| {
            let sv = view(c, &user.user, id)?;
            let belongs = sv
                .versions
                .iter()
                .any(|v| v.pdf_file_id == Some(file_id) || v.supp_file_id == Some(file_id));
            if !belongs {
                return Err(AppError::NotFound);
            }
            Ok((crate::files::model::get(c, file_id)?, sv.submission.number))
        })
        .await?;
    let ext = if file.content_type == "application/zip" { "zip" } else { "pdf" };
    let download = crate::files::download::Download {
        sha256: &file.sha256,
        ext,
        name: format!("submission-{number}-file-{file_id}.{ext}"),
        inline: false,
    };
    crate::files::download::send(&st, &req, download).await
}

/// `POST /submissions/{id}/authorship`: the user confirms being one of the paper's authors.
pub async fn confirm_authorship(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    state.db.tx(move |c| service::confirm_authorship(c, &user.user, id)).await?;
    crate::web::page::flash(&page.session, "submissions.authorship_confirmed");
    Ok(crate::web::page::redirect(&format!("/submissions/{id}")))
}

/// `GET /venues/{slug}/papers/{number}`: the public page of an accepted paper whose authors
/// have been told (anyone, logged in or not); 404 for every other paper.
pub async fn public_paper(state: web::Data<AppState>, page: Page, path: web::Path<(String, i32)>) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let base = state.config.base_url.clone();
    let paper = state.db.run(move |c| super::public::paper(c, &slug, number, &base)).await?;
    let mut ctx = Context::new();
    ctx.insert("p", &paper);
    page.render(&state, "submissions/public.html", ctx)
}

/// `GET /venues/{slug}/papers/{number}/paper.pdf`: the current PDF of a public paper whose
/// authors agreed to publish it; 404 otherwise.
pub async fn public_pdf(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    path: web::Path<(String, i32)>,
) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let st = state.clone();
    let base = state.config.base_url.clone();
    let (file, name) = state
        .db
        .run(move |c| {
            let p = super::public::paper(c, &slug, number, &base)?;
            let file_id = p.pdf_file_id.ok_or(AppError::NotFound)?;
            Ok((crate::files::model::get(c, file_id)?, format!("{}-{}.pdf", p.venue.slug, p.number)))
        })
        .await?;
    let download = crate::files::download::Download {
        sha256: &file.sha256,
        ext: "pdf",
        name,
        inline: true,
    };
    crate::files::download::send(&st, &req, download).await
}

/// `GET /venues/{slug}/papers/{number}/cite.{format}`: a public paper as BibTeX (`bib`), RIS
/// (`ris`) or CSL-JSON (`json`), to download; 404 for every other paper.
pub async fn public_cite(state: web::Data<AppState>, path: web::Path<(String, i32, String)>) -> AppResult<HttpResponse> {
    let (slug, number, ext) = path.into_inner();
    let format = crate::formats::citation::Format::from_extension(&ext).ok_or(AppError::NotFound)?;
    let base = state.config.base_url.clone();
    let (text, name) = state
        .db
        .run(move |c| super::public::citation(c, &slug, number, format, &base))
        .await?;
    Ok(crate::web::citation::download(format, text, &name))
}

/// The authors' consent form body: the box is sent only when ticked.
#[derive(Deserialize)]
pub struct PdfPublicForm {
    #[serde(default)]
    pdf_public: Option<String>,
}

/// `POST /submissions/{id}/public-pdf`: an author of the paper agrees (or no longer agrees)
/// that its current PDF is public once it is accepted and they have been told.
pub async fn set_pdf_public(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(f): CsrfForm<PdfPublicForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let public = f.pdf_public.is_some();
    state.db.tx(move |c| service::set_pdf_public(c, &user.user, id, public)).await?;
    flash(&page.session, "submissions.pdf_public_saved");
    Ok(redirect(&format!("/submissions/{id}#public-pdf")))
}
