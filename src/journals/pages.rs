//! Register pages: the public list and journal page; organisers' forms, CSV import and fields.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::import::{self, ImportReport};
use super::model::KINDS;
use super::policy;
use super::store::{self, RegisterQuery};
use super::validate::{self, FieldInput, JournalInput};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `GET /journals`: the register, filtered and paged.
pub async fn index(state: web::Data<AppState>, page: Page, query: web::Query<RegisterQuery>) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let user = page.user.clone();
    let q2 = q.clone();
    let (result, fields, manages, present) = state
        .db
        .run(move |c| {
            let manages = match &user {
                Some(u) => policy::may_manage(c, u)?,
                None => false,
            };
            Ok((
                store::list(c, &q2),
                store::all_fields(c)?,
                manages,
                store::countries_and_languages(c)?,
            ))
        })
        .await?;
    let (countries, languages) = present;
    let mut ctx = Context::new();
    match result {
        Ok(p) => {
            let pages = (p.total + p.per_page - 1) / p.per_page;
            ctx.insert("result", &p);
            ctx.insert("pages", &pages);
        }
        // A bad filter in the address shows the message above an empty list.
        Err(AppError::Validation { fields }) => {
            let msg: Vec<String> = fields.values().map(|k| page.t(k)).collect();
            ctx.insert("filter_error", &msg.join(" "));
        }
        Err(e) => return Err(e),
    }
    ctx.insert("q", &q);
    ctx.insert("fields", &fields);
    ctx.insert("kinds", &KINDS);
    ctx.insert("countries", &countries);
    ctx.insert("languages", &languages);
    ctx.insert("manages", &manages);
    page.render(&state, "journals/index.html", ctx)
}

/// `GET /journals/{id}`.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let user = page.user.clone();
    let (journal, fields, manages) = state
        .db
        .run(move |c| {
            let manages = match &user {
                Some(u) => policy::may_manage(c, u)?,
                None => false,
            };
            let sees_staff = match &user {
                Some(u) => super::staff::may_view(c, u, id)?,
                None => false,
            };
            let (staff, changes) = if sees_staff {
                (super::staff::list(c, id)?, super::staff::changes(c, id)?)
            } else {
                (Vec::new(), Vec::new())
            };
            let editorial = match &user {
                Some(u) => crate::guard::journal::staff_of(c, u, id)?,
                None => None,
            };
            let guidelines = match super::setup::view::guidelines(c, id) {
                Ok(g) => Some(g),
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            };
            Ok((
                store::view(c, id)?,
                store::all_fields(c)?,
                (
                    manages,
                    sees_staff,
                    crate::catalogue::published::history(c, id)?,
                    staff,
                    changes,
                    editorial,
                    guidelines,
                ),
            ))
        })
        .await?;
    let (manages, sees_staff, history, staff, changes, editorial, guidelines) = manages;
    let mut ctx = Context::new();
    ctx.insert(
        "manages_issues",
        &crate::guard::policy::may_journal(editorial, crate::guard::policy::JournalAction::ManageIssues),
    );
    ctx.insert(
        "reads_integrity",
        &crate::guard::policy::may_journal(editorial, crate::guard::policy::JournalAction::ReadIntegrity),
    );
    ctx.insert("editorial", &editorial);
    ctx.insert("guidelines", &guidelines);
    ctx.insert("staff_roles", &crate::auth::roles::JOURNAL_ROLES);
    ctx.insert("staff", &staff);
    ctx.insert("sees_staff", &sees_staff);
    ctx.insert("staff_changes", &changes);
    ctx.insert("history", &history);
    ctx.insert("j", &journal);
    ctx.insert("fields", &fields);
    ctx.insert("manages", &manages);
    page.render(&state, "journals/show.html", ctx)
}

/// The journal form as posted: field checkboxes arrive as `field_<code>` keys.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct JournalForm {
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    issn: String,
    #[serde(default)]
    eissn: String,
    #[serde(default)]
    cn: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    website: String,
    #[serde(flatten)]
    rest: BTreeMap<String, String>,
}

impl JournalForm {
    fn input(&self) -> JournalInput {
        JournalInput {
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            issn: self.issn.clone(),
            eissn: self.eissn.clone(),
            cn: self.cn.clone(),
            publisher: self.publisher.clone(),
            country: self.country.clone(),
            // Ticked languages arrive as `lang_<code>`, like fields as `field_<code>`.
            languages: self
                .rest
                .keys()
                .filter_map(|k| k.strip_prefix("lang_"))
                .map(str::to_string)
                .collect(),
            kind: self.kind.clone(),
            fields: self
                .rest
                .keys()
                .filter_map(|k| k.strip_prefix("field_"))
                .map(str::to_string)
                .collect(),
            website: self.website.clone(),
        }
    }

    fn from_view(j: &super::model::JournalView) -> JournalForm {
        JournalForm {
            name_zh: j.name_zh.clone(),
            name_en: j.name_en.clone(),
            issn: j.issn.clone().unwrap_or_default(),
            eissn: j.eissn.clone().unwrap_or_default(),
            cn: j.cn.clone().unwrap_or_default(),
            publisher: j.publisher.clone(),
            country: j.country.clone(),
            kind: j.kind.to_string(),
            website: j.website.clone(),
            rest: j
                .fields
                .iter()
                .map(|c| format!("field_{c}"))
                .chain(j.languages.iter().map(|l| format!("lang_{l}")))
                .map(|k| (k, "on".to_string()))
                .collect(),
        }
    }
}

async fn form_ctx(state: &AppState, page: &Page, user: &CurrentUser, journal: Option<i64>) -> AppResult<Context> {
    let u = user.user.clone();
    let fields = state
        .db
        .run(move |c| {
            policy::require_manage(c, &u)?;
            if let Some(id) = journal {
                store::get(c, id)?;
            }
            store::all_fields(c)
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("fields", &fields);
    ctx.insert("kinds", &KINDS);
    ctx.insert("journal_id", &journal);
    ctx.insert("country_choices", &crate::web::code_names::country_choices(page.lang));
    ctx.insert("language_choices", &crate::web::code_names::language_choices(page.lang));
    Ok(ctx)
}

/// `GET /journals/new`.
pub async fn new_form(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let mut ctx = form_ctx(&state, &page, &user, None).await?;
    ctx.insert(
        "form",
        &JournalForm {
            kind: "basic".into(),
            ..Default::default()
        },
    );
    page.render(&state, "journals/form.html", ctx)
}

/// `POST /journals/new`.
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<JournalForm>,
) -> AppResult<HttpResponse> {
    let ctx = form_ctx(&state, &page, &user, None).await?;
    let input = form.input();
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::journal(&input, &store::field_codes(c)?)?;
            store::create(c, &spec)
        })
        .await;
    match result {
        Ok(id) => {
            flash(&page.session, "journals.saved");
            Ok(redirect(&format!("/journals/{id}")))
        }
        Err(e) => page.form_errors(&state, "journals/form.html", ctx, &form, e),
    }
}

/// `GET /journals/{id}/edit`.
pub async fn edit_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let mut ctx = form_ctx(&state, &page, &user, Some(id)).await?;
    let j = state.db.run(move |c| store::view(c, id)).await?;
    ctx.insert("form", &JournalForm::from_view(&j));
    page.render(&state, "journals/form.html", ctx)
}

/// `POST /journals/{id}/edit`.
pub async fn update(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<JournalForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let ctx = form_ctx(&state, &page, &user, Some(id)).await?;
    let input = form.input();
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::journal(&input, &store::field_codes(c)?)?;
            store::update(c, id, &spec)
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "journals.saved");
            Ok(redirect(&format!("/journals/{id}")))
        }
        Err(e) => page.form_errors(&state, "journals/form.html", ctx, &form, e),
    }
}

/// `GET /journals/import`.
pub async fn import_form(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let ctx = form_ctx(&state, &page, &user, None).await?;
    page.render(&state, "journals/import.html", ctx)
}

/// Reads the import form: the CSRF token, and the CSV from the file or the text box.
pub async fn read_import(mut payload: Multipart) -> AppResult<(String, Vec<u8>)> {
    let mut csrf = String::new();
    let mut file = Vec::new();
    let mut text = Vec::new();
    while let Some(mut field) = payload
        .try_next()
        .await
        .map_err(|e| AppError::BadRequest(format!("malformed upload: {e}")))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let mut value = Vec::new();
        while let Some(chunk) = field
            .try_next()
            .await
            .map_err(|e| AppError::BadRequest(format!("malformed upload: {e}")))?
        {
            if value.len() + chunk.len() > import::MAX_BYTES {
                return Err(AppError::field("file", "register_import.too_large"));
            }
            value.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&value).into_owned(),
            "file" => file = value,
            "csv" => text = value,
            _ => {}
        }
    }
    Ok((csrf, if file.is_empty() { text } else { file }))
}

/// `POST /journals/import`: applies the file, or shows every problem and applies nothing.
pub async fn import_submit(state: web::Data<AppState>, page: Page, user: CurrentUser, payload: Multipart) -> AppResult<HttpResponse> {
    let mut ctx = form_ctx(&state, &page, &user, None).await?;
    let (csrf, data) = match read_import(payload).await {
        Ok(x) => x,
        Err(AppError::Validation { fields }) => {
            insert_report(
                &page,
                &mut ctx,
                &ImportReport {
                    errors: vec![import_error(fields)],
                    ..Default::default()
                },
            );
            return page.render_status(
                &state,
                "journals/import.html",
                ctx,
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        Err(e) => return Err(e),
    };
    crate::web::csrf::check(&page.session, &csrf)?;
    let report = state.db.tx(move |c| import::apply(c, &data)).await?;
    let status = if report.errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    insert_report(&page, &mut ctx, &report);
    page.render_status(&state, "journals/import.html", ctx, status)
}

/// Puts the report on the page with each problem in the page's language.
pub fn insert_report(page: &Page, ctx: &mut Context, report: &ImportReport) {
    let errors: Vec<serde_json::Value> = report
        .errors
        .iter()
        .map(|e| serde_json::json!({"line": e.line, "column": e.column, "value": e.value, "message": page.t(&e.problem)}))
        .collect();
    ctx.insert(
        "report",
        &serde_json::json!({"created": report.created, "updated": report.updated, "errors": errors}),
    );
}

fn import_error(fields: crate::error::FieldErrors) -> import::RowError {
    let (column, problem) = fields.into_iter().next().unwrap_or_default();
    import::RowError {
        line: 0,
        column,
        problem,
        value: String::new(),
    }
}

/// `GET /fields`: the subject fields, with a form for organisers.
pub async fn fields(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let ctx = fields_ctx(&state, &page).await?;
    page.render(&state, "journals/fields.html", ctx)
}

async fn fields_ctx(state: &AppState, page: &Page) -> AppResult<Context> {
    let user = page.user.clone();
    let (fields, manages) = state
        .db
        .run(move |c| {
            let m = match &user {
                Some(u) => policy::may_manage(c, u)?,
                None => false,
            };
            Ok((store::all_fields(c)?, m))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("fields", &fields);
    ctx.insert("manages", &manages);
    Ok(ctx)
}

/// `POST /fields`.
pub async fn create_field(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<FieldInput>,
) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    let f = form.clone();
    let result = state
        .db
        .tx(move |c| {
            policy::require_manage(c, &u)?;
            let input = validate::field(&f)?;
            store::create_field(c, &input)
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "journals.field_saved");
            Ok(redirect("/fields"))
        }
        Err(e) => {
            let ctx = fields_ctx(&state, &page).await?;
            page.form_errors(&state, "journals/fields.html", ctx, &form, e)
        }
    }
}

/// A refused staff change is said on the page rather than shown as an error page.
fn staff_refusal(e: AppError) -> AppError {
    match e {
        AppError::Forbidden => AppError::Conflict("journals.staff_not_allowed".into()),
        other => other,
    }
}

/// `POST /journals/{id}/staff`: adds an editor or board member.
pub async fn add_staff(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<super::staff::StaffInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let result = state
        .db
        .tx(move |c| super::staff::add(c, &user.user, id, &form))
        .await
        .map_err(staff_refusal);
    crate::web::page::flash_result(&page.session, result, "journals.staff_saved")?;
    Ok(redirect(&format!("/journals/{id}#staff")))
}

/// Which role a removal is for.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StaffRemoveForm {
    #[serde(default)]
    role: String,
}

/// `POST /journals/{id}/staff/{user}/remove`.
pub async fn remove_staff(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<StaffRemoveForm>,
) -> AppResult<HttpResponse> {
    let (id, who) = path.into_inner();
    let result = state
        .db
        .tx(move |c| super::staff::remove(c, &user.user, id, who, &form.role))
        .await
        .map_err(staff_refusal);
    crate::web::page::flash_result(&page.session, result, "journals.staff_removed")?;
    Ok(redirect(&format!("/journals/{id}#staff")))
}
