//! Editorial set-up pages: `/journals/{id}/setup` (settings, sections, review form) for the
//! editorial office, and the section forms.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::forms::{SectionForm, SetupForm, renumbered};
use super::model::{ReviewMode, SourceFiles};
use super::service;
use super::validate;
use super::view::{self, EditorialSetup};
use crate::auth::CurrentUser;
use crate::auth::pages::Empty;
use crate::error::{AppError, AppResult};
use crate::guard::journal::{as_editorial, editorial};
use crate::guard::policy::JournalAction;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, redirect};

fn base(id: i64) -> String {
    format!("/journals/{id}/setup")
}

/// The page's data: the journal, its set-up, and whether this user may change it.
async fn setup_ctx(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<(Context, EditorialSetup)> {
    let u = user.user.clone();
    let (journal, setup, can_change, role) = state
        .db
        .run(move |c| {
            let ed = editorial(c, &u, id)?;
            let setup = view::setup(c, &ed.journal)?;
            Ok((
                crate::journals::store::view(c, id)?,
                setup,
                ed.may(JournalAction::ChangeSetup),
                ed.role,
            ))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("j", &journal);
    ctx.insert("setup", &setup);
    ctx.insert("can_change", &can_change);
    ctx.insert("role", &role);
    ctx.insert("review_modes", &ReviewMode::ALL);
    ctx.insert("source_options", &SourceFiles::ALL);
    ctx.insert("fields", &setup.review_form);
    ctx.insert("blank_field", &crate::review::forms::model::blank_field());
    Ok((ctx, setup))
}

/// `GET /journals/{id}/setup` (editorial office).
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (mut ctx, setup) = setup_ctx(&state, &user, path.into_inner()).await?;
    ctx.insert("form", &SetupForm::of(&setup));
    page.render(&state, "journals/setup.html", ctx)
}

/// `POST /journals/{id}/setup` (chief and managing editors).
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfRowsForm(form): CsrfRowsForm<SetupForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (input, kept) = form.to_input();
    let result = match validate::setup(&input) {
        Ok(spec) => {
            as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
                service::save(c, ed, &spec, Utc::now().naive_utc())
            })
            .await
        }
        Err(e) => Err(e),
    }
    .map_err(|e| renumbered(e, &kept));
    match result {
        Ok(()) => {
            flash(&page.session, "journal_setup.saved");
            Ok(redirect(&base(id)))
        }
        Err(e) => {
            let (ctx, _) = setup_ctx(&state, &user, id).await?;
            page.form_errors(&state, "journals/setup.html", ctx, &form, e)
        }
    }
}

/// `POST /journals/{id}/review-form` (chief and managing editors): the review form editor.
pub async fn save_review_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(posted): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let fields = crate::review::forms::pages::parse(&posted);
    let f2 = fields.clone();
    let result = as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
        service::save_review_form(c, ed, Some(&f2), Utc::now().naive_utc())
    })
    .await;
    match result {
        Ok(()) => {
            flash(&page.session, "journal_setup.form_saved");
            Ok(redirect(&format!("{}#review-form", base(id))))
        }
        Err(e) => {
            let (mut ctx, setup) = setup_ctx(&state, &user, id).await?;
            ctx.insert("fields", &fields);
            ctx.insert("form", &SetupForm::of(&setup));
            ctx.insert("form_failed", &true);
            // The form editor's errors are keyed `fields[i].part`; the page shows them per row.
            page.form_errors(&state, "journals/setup.html", ctx, &SetupForm::of(&setup), e)
        }
    }
}

/// `POST /journals/{id}/review-form/reset` (chief and managing editors).
pub async fn reset_review_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    as_editorial(&state, &user, id, JournalAction::ChangeSetup, |c, ed| {
        service::save_review_form(c, ed, None, Utc::now().naive_utc())
    })
    .await?;
    flash(&page.session, "journal_setup.form_reset");
    Ok(redirect(&format!("{}#review-form", base(id))))
}

/// The section form's data.
async fn section_ctx(state: &AppState, user: &CurrentUser, id: i64, section: Option<i64>) -> AppResult<(Context, SectionForm)> {
    let u = user.user.clone();
    let (journal, setup, ed_ok) = state
        .db
        .run(move |c| {
            let ed = editorial(c, &u, id)?;
            let setup = view::setup(c, &ed.journal)?;
            Ok((crate::journals::store::view(c, id)?, setup, ed.may(JournalAction::ChangeSetup)))
        })
        .await?;
    if !ed_ok {
        return Err(AppError::Forbidden);
    }
    let form = match section {
        Some(sid) => {
            let s = setup.sections.iter().find(|s| s.section.id == sid).ok_or(AppError::NotFound)?;
            SectionForm::of(s)
        }
        None => SectionForm::blank(),
    };
    let mut ctx = Context::new();
    ctx.insert("j", &journal);
    ctx.insert("choices", &setup.section_editor_choices);
    ctx.insert("section_id", &section);
    Ok((ctx, form))
}

/// `GET /journals/{id}/sections/new`.
pub async fn new_section(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (mut ctx, form) = section_ctx(&state, &user, path.into_inner(), None).await?;
    ctx.insert("form", &form);
    page.render(&state, "journals/section.html", ctx)
}

/// `GET /journals/{id}/sections/{section}`.
pub async fn edit_section(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (id, sid) = path.into_inner();
    let (mut ctx, form) = section_ctx(&state, &user, id, Some(sid)).await?;
    ctx.insert("form", &form);
    page.render(&state, "journals/section.html", ctx)
}

/// `POST /journals/{id}/sections`: adds a section.
pub async fn create_section(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<SectionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = form.to_input();
    let result = match validate::section(&input) {
        Ok(spec) => {
            as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
                service::create_section(c, ed, &spec, Utc::now().naive_utc())
            })
            .await
        }
        Err(e) => Err(e),
    };
    section_saved(&state, &page, &user, id, None, &form, result.map(|_| ())).await
}

/// `POST /journals/{id}/sections/{section}`: changes a section.
pub async fn update_section(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<SectionForm>,
) -> AppResult<HttpResponse> {
    let (id, sid) = path.into_inner();
    let input = form.to_input();
    let result = match validate::section(&input) {
        Ok(spec) => {
            as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
                service::update_section(c, ed, sid, &spec, Utc::now().naive_utc())
            })
            .await
        }
        Err(e) => Err(e),
    };
    section_saved(&state, &page, &user, id, Some(sid), &form, result).await
}

async fn section_saved(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    id: i64,
    section: Option<i64>,
    form: &SectionForm,
    result: AppResult<()>,
) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => {
            flash(&page.session, "journal_setup.section_saved");
            Ok(redirect(&format!("{}#sections", base(id))))
        }
        Err(e) => {
            let (ctx, _) = section_ctx(state, user, id, section).await?;
            page.form_errors(state, "journals/section.html", ctx, form, e)
        }
    }
}

/// `POST /journals/{id}/sections/{section}/delete`.
pub async fn delete_section(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (id, sid) = path.into_inner();
    let result = as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
        service::delete_section(c, ed, sid)
    })
    .await;
    match result {
        Ok(()) => flash(&page.session, "journal_setup.section_deleted"),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("{}#sections", base(id))))
}
