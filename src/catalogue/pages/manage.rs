//! The committee's pages: creating an edition and changing its rules, moving its phase, the
//! panel with voting progress, indicator data, the proposal with overrides, and the audit log.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::auth::{CurrentUser, User};
use crate::catalogue::model::{Bilingual, Edition, IndicatorSource};
use crate::catalogue::validate::{EditionInput, IndicatorInput};
use crate::catalogue::{audit, panel, policy, proposal, service, store, validate};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::guard::edition::committee;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};
use crate::web::rows::{Kept, Row, Rows, key, renumber};

/// The edition form: numbers and lists arrive as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EditionForm {
    #[serde(default)]
    field: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    nomination_closes: String,
    #[serde(default)]
    evaluation_closes: String,
    #[serde(default)]
    notice_days: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    max_share_pct: String,
    #[serde(default)]
    quota_t1: String,
    #[serde(default)]
    quota_t2: String,
    #[serde(default)]
    quota_t3: String,
    #[serde(default)]
    min_votes: String,
    /// The three tier definitions, T1 to T3 (left all empty: the standard wording).
    #[serde(default)]
    tiers: Vec<TextRow>,
    #[serde(default)]
    criteria: Rows<TextRow>,
    /// In priority order.
    #[serde(default)]
    indicators: Rows<IndicatorRow>,
}

/// A tier definition or criterion: the same text in Chinese and English.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
struct TextRow {
    #[serde(default)]
    zh: String,
    #[serde(default)]
    en: String,
    #[serde(default, deserialize_with = "crate::web::rows::checkbox")]
    remove: bool,
}

impl Row for TextRow {
    fn is_blank(&self) -> bool {
        self.zh.trim().is_empty() && self.en.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

impl TextRow {
    fn of(b: &Bilingual) -> TextRow {
        TextRow {
            zh: b.zh.clone(),
            en: b.en.clone(),
            remove: false,
        }
    }
    fn bilingual(&self) -> Bilingual {
        Bilingual {
            zh: self.zh.clone(),
            en: self.en.clone(),
        }
    }
}

/// An indicator row: code, names, and which direction is better.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
struct IndicatorRow {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    name_en: String,
    /// `higher` or `lower` (a select).
    #[serde(default)]
    better: String,
    /// Where the values come from (a select of `IndicatorSource`).
    #[serde(default)]
    source: String,
    #[serde(default, deserialize_with = "crate::web::rows::checkbox")]
    remove: bool,
}

impl Row for IndicatorRow {
    fn is_blank(&self) -> bool {
        [&self.code, &self.name_zh, &self.name_en].iter().all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The form's tier rows: always three, T1 to T3.
fn three(tiers: &[Bilingual]) -> Vec<TextRow> {
    let mut rows: Vec<TextRow> = tiers.iter().take(3).map(TextRow::of).collect();
    rows.resize(3, TextRow::default());
    rows
}

/// The API input of the form, and where its list items came from.
struct FormInput {
    input: EditionInput,
    kept: [Kept; 2],
}

impl FormInput {
    /// Makes errors of the shared checks name the form's rows.
    fn renumber(&self, err: AppError) -> AppError {
        renumber(err, &[&self.kept[0], &self.kept[1]])
    }
}

impl EditionForm {
    /// The API input, or the fields whose text is not a number; blank and removed rows are
    /// left out.
    fn input(&self) -> Result<FormInput, AppError> {
        let mut f = FieldErrors::new();
        let mut num = |name: &str, v: &str| -> Option<i32> {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            v.parse::<i32>()
                .map_err(|_| f.insert(name.into(), "validation.number_invalid".into()))
                .ok()
        };
        let year = num("year", &self.year);
        let notice_days = num("notice_days", &self.notice_days);
        let max_share_pct = num("max_share_pct", &self.max_share_pct);
        let quota_t1 = num("quota_t1", &self.quota_t1);
        let quota_t2 = num("quota_t2", &self.quota_t2);
        let quota_t3 = num("quota_t3", &self.quota_t3);
        let min_votes = num("min_votes", &self.min_votes);
        let (criteria, kept_criteria) = self.criteria.kept("criteria", |_, r| r.bilingual());
        let (indicators, kept_indicators) = self.indicators.kept("indicators", |i, r| {
            let higher_is_better = match r.better.trim() {
                "" | "higher" => true,
                "lower" => false,
                _ => {
                    f.insert(key("indicators", i, "better"), "validation.indicator_direction".into());
                    true
                }
            };
            let source = match r.source.trim() {
                "" => IndicatorSource::Manual,
                s => IndicatorSource::parse(s).unwrap_or_else(|| {
                    f.insert(key("indicators", i, "source"), "validation.indicator_source".into());
                    IndicatorSource::Manual
                }),
            };
            IndicatorInput {
                code: r.code.clone(),
                name_zh: r.name_zh.clone(),
                name_en: r.name_en.clone(),
                higher_is_better,
                source,
            }
        });
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        // All three tier rows empty means the standard wording; otherwise each row is its tier.
        let tiers = if self.tiers.iter().all(Row::is_blank) {
            Vec::new()
        } else {
            self.tiers.iter().map(TextRow::bilingual).collect()
        };
        Ok(FormInput {
            input: EditionInput {
                field: self.field.clone(),
                year,
                slug: self.slug.clone(),
                title_zh: self.title_zh.clone(),
                title_en: self.title_en.clone(),
                nomination_closes: self.nomination_closes.clone(),
                evaluation_closes: self.evaluation_closes.clone(),
                notice_days,
                method: self.method.clone(),
                max_share_pct,
                quota_t1,
                quota_t2,
                quota_t3,
                min_votes,
                tiers,
                criteria,
                indicators: Some(indicators),
            },
            kept: [kept_criteria, kept_indicators],
        })
    }

    fn of(e: &Edition, field: &str, indicators: &[crate::catalogue::model::Indicator]) -> EditionForm {
        let texts = e.texts();
        let day = |d: Option<chrono::NaiveDateTime>| {
            d.map(|d| {
                chrono::TimeZone::from_utc_datetime(&chrono_tz::Asia::Shanghai, &d)
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_default()
        };
        let opt = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
        EditionForm {
            field: field.to_string(),
            year: e.year.to_string(),
            slug: e.slug.clone(),
            title_zh: e.title_zh.clone(),
            title_en: e.title_en.clone(),
            nomination_closes: day(e.nomination_closes),
            evaluation_closes: day(e.evaluation_closes),
            notice_days: e.notice_days.to_string(),
            method: e.method.clone(),
            max_share_pct: e.max_share_pct.to_string(),
            quota_t1: opt(e.quota_t1),
            quota_t2: opt(e.quota_t2),
            quota_t3: opt(e.quota_t3),
            min_votes: e.min_votes.to_string(),
            tiers: three(&texts.tiers),
            criteria: Rows::of(&texts.criteria, TextRow::of),
            indicators: Rows::of(indicators, |i| IndicatorRow {
                code: i.code.clone(),
                name_zh: i.name_zh.clone(),
                name_en: i.name_en.clone(),
                better: if i.higher_is_better { "higher" } else { "lower" }.into(),
                source: i.source.as_str().into(),
                remove: false,
            }),
        }
    }
}

async fn new_ctx(state: &AppState, user: &User) -> AppResult<Context> {
    let u = user.clone();
    let fields = state
        .db
        .run(move |c| {
            if !policy::may_create(c, &u)? {
                return Err(AppError::Forbidden);
            }
            crate::journals::store::all_fields(c)
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("fields", &fields);
    ctx.insert("creating", &true);
    Ok(ctx)
}

/// `GET /catalogues/new`.
pub async fn new_form(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let mut ctx = new_ctx(&state, &user.user).await?;
    let defaults = crate::catalogue::model::Texts::default();
    let form = EditionForm {
        year: Utc::now().format("%Y").to_string(),
        notice_days: "15".into(),
        max_share_pct: "50".into(),
        min_votes: "1".into(),
        method: "median".into(),
        tiers: three(&defaults.tiers),
        criteria: Rows::of(&defaults.criteria, TextRow::of),
        ..Default::default()
    };
    ctx.insert("form", &form);
    page.render(&state, "catalogue/form.html", ctx)
}

/// `POST /catalogues/new`.
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfRowsForm(form): CsrfRowsForm<EditionForm>,
) -> AppResult<HttpResponse> {
    let ctx = new_ctx(&state, &user.user).await?;
    let result = match form.input() {
        Ok(converted) => {
            let uid = user.user.id;
            let input = converted.input.clone();
            state
                .db
                .tx(move |c| {
                    let spec = validate::edition(&input)?;
                    service::create(c, &spec, uid)
                })
                .await
                .map_err(|e| converted.renumber(e))
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(e) => {
            flash(&page.session, "catalogue.created");
            Ok(redirect(&format!("/catalogues/{}/manage", e.slug)))
        }
        Err(e) => page.form_errors(&state, "catalogue/form.html", ctx, &form, e),
    }
}

async fn manage_ctx(state: &AppState, user: &User, slug: String) -> AppResult<(Context, EditionForm)> {
    let u = user.clone();
    let (e, field, indicators, panel, open) = state
        .db
        .run(move |c| {
            let e = committee(c, &u, &slug)?;
            let field = crate::journals::store::field_by_id(c, e.field_id)?;
            let indicators = store::indicators(c, e.id)?;
            let panel = super::super::view::panel_view(c, &e)?;
            let open = crate::catalogue::objections::open_count(c, e.id)?;
            let objections = crate::catalogue::objections::list(c, e.id, None)?;
            let proposals = crate::catalogue::proposals::list(c, e.id)?;
            let journals = if proposals.iter().any(|p| p.status == "open") {
                crate::journals::store::in_field(c, e.field_id)?
            } else {
                Vec::new()
            };
            Ok((e, field, indicators, panel, (open, objections, proposals, journals)))
        })
        .await?;
    let form = EditionForm::of(&e, &field.code, &indicators);
    let mut ctx = Context::new();
    ctx.insert("e", &e);
    ctx.insert("field", &field);
    ctx.insert("indicators", &indicators);
    let platform: Vec<_> = indicators.iter().filter(|i| i.source != IndicatorSource::Manual).collect();
    ctx.insert("platform_indicators", &platform);
    ctx.insert("platform_year", &crate::catalogue::platform::window_year(&e));
    ctx.insert("panel", &panel);
    ctx.insert("open_objections", &open.0);
    ctx.insert("objections", &open.1);
    ctx.insert("proposals", &open.2);
    ctx.insert("field_journals", &open.3);
    ctx.insert("creating", &false);
    Ok((ctx, form))
}

/// `GET /catalogues/{slug}/manage`.
pub async fn manage(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (mut ctx, form) = manage_ctx(&state, &user.user, path.into_inner()).await?;
    ctx.insert("form", &form);
    page.render(&state, "catalogue/manage.html", ctx)
}

/// `POST /catalogues/{slug}/manage`: saves the rules.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(form): CsrfRowsForm<EditionForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (ctx, _) = manage_ctx(&state, &user.user, slug.clone()).await?;
    let u = user.user.clone();
    let s2 = slug.clone();
    let result = match form.input() {
        Ok(converted) => {
            let mut input = converted.input.clone();
            state
                .db
                .tx(move |c| {
                    let e = committee(c, &u, &s2)?;
                    input.field = crate::journals::store::field_by_id(c, e.field_id)?.code;
                    input.year = Some(e.year);
                    input.slug = e.slug.clone();
                    let spec = validate::edition(&input)?;
                    service::update(c, &e, &spec, u.id)
                })
                .await
                .map_err(|e| converted.renumber(e))
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            flash(&page.session, "catalogue.saved");
            Ok(redirect(&format!("/catalogues/{slug}/manage")))
        }
        Err(e) => page.form_errors(&state, "catalogue/manage.html", ctx, &form, e),
    }
}

/// `POST /catalogues/{slug}/phase`.
pub async fn phase(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<super::super::validate::PhaseInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            service::move_phase(c, &e, user.user.id, &form.to, &form.reason, Utc::now().naive_utc()).map(|_| ())
        })
        .await;
    flash_result(&page.session, result, "catalogue.phase_changed")?;
    Ok(redirect(&format!("/catalogues/{slug}/manage#phase")))
}

/// `POST /catalogues/{slug}/panel`: adds experts or committee members by e-mail.
pub async fn add_members(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<super::super::validate::MembersInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let s2 = slug.clone();
    let st = state.get_ref().clone();
    let result = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            panel::add(c, &st, &e, user.user.id, &form.emails, super::super::validate::role_of(&form.role)?).map(|_| ())
        })
        .await;
    if let Err(AppError::Validation { fields }) = &result
        && let Some(unknown) = fields.get("unknown")
    {
        // Name the addresses that have no account, so the committee can ask them to sign up.
        let msg = format!("{} {unknown}", page.t("validation.no_such_accounts"));
        let _ = page.session.insert("flash", msg);
        return Ok(redirect(&format!("/catalogues/{slug}/manage#panel")));
    }
    flash_result(&page.session, result, "catalogue.members_added")?;
    Ok(redirect(&format!("/catalogues/{slug}/manage#panel")))
}

/// Which role a removal is for.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    role: String,
}

/// `POST /catalogues/{slug}/panel/{user}/remove`.
pub async fn remove_member(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RemoveForm>,
) -> AppResult<HttpResponse> {
    let (slug, who) = path.into_inner();
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            panel::remove(c, e.id, user.user.id, who, super::super::validate::role_of(&form.role)?)
        })
        .await;
    flash_result(&page.session, result, "catalogue.member_removed")?;
    Ok(redirect(&format!("/catalogues/{slug}/manage#panel")))
}

/// `POST /catalogues/{slug}/indicators/platform`: fills the platform-sourced indicators.
pub async fn fill_from_platform(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let s2 = slug.clone();
    state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            crate::catalogue::platform::fill(c, &e, Some(user.user.id))
        })
        .await?;
    flash(&page.session, "catalogue.platform_filled");
    Ok(redirect(&format!("/catalogues/{slug}/manage#indicators")))
}

/// `POST /catalogues/{slug}/indicators`: indicator values from a CSV file or pasted text.
pub async fn import_indicators(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    // Only the committee's upload is read.
    let (u, s1) = (user.user.clone(), slug.clone());
    state.db.run(move |c| committee(c, &u, &s1).map(|_| ())).await?;
    let (csrf, data) = crate::journals::pages::read_import(payload).await?;
    crate::web::csrf::check(&page.session, &csrf)?;
    let s2 = slug.clone();
    let report = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            crate::catalogue::indicators::apply(c, &e, user.user.id, &data)
        })
        .await?;
    if report.errors.is_empty() {
        flash(&page.session, "catalogue.indicators_imported");
        return Ok(redirect(&format!("/catalogues/{slug}/manage#indicators")));
    }
    let (mut ctx, form) = manage_ctx(&state, &page.user.clone().ok_or(AppError::NotFound)?, slug).await?;
    ctx.insert("form", &form);
    crate::journals::pages::insert_report(&page, &mut ctx, &report);
    page.render_status(
        &state,
        "catalogue/manage.html",
        ctx,
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
    )
}

/// `GET /catalogues/{slug}/proposal`.
pub async fn proposal_page(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (e, p) = state
        .db
        .run(move |c| {
            let e = committee(c, &user.user, &slug)?;
            let p = proposal::build(c, &e)?;
            Ok((e, p))
        })
        .await?;
    let warnings: Vec<String> = p
        .warnings
        .iter()
        .map(|(key, tier, a, b)| {
            page.t(key)
                .replace("{tier}", tier)
                .replace("{limit}", &a.to_string())
                .replace("{count}", &b.to_string())
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("e", &e);
    ctx.insert("p", &p);
    ctx.insert("warnings", &warnings);
    page.render(&state, "catalogue/proposal.html", ctx)
}

/// `POST /catalogues/{slug}/overrides/{journal}`: `tier` empty clears the override.
pub async fn override_tier(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<super::super::validate::OverrideInput>,
) -> AppResult<HttpResponse> {
    let (slug, journal) = path.into_inner();
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            if form.tier.trim().is_empty() {
                proposal::clear_override(c, &e, user.user.id, journal, &form.reason)
            } else {
                proposal::set_override(c, &e, user.user.id, journal, &form.tier, &form.reason)
            }
        })
        .await;
    flash_result(&page.session, result, "catalogue.override_saved")?;
    Ok(redirect(&format!("/catalogues/{slug}/proposal#j{journal}")))
}

/// `GET /catalogues/{slug}/audit`.
pub async fn audit_page(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (e, lines) = state
        .db
        .run(move |c| {
            let e = committee(c, &user.user, &slug)?;
            let lines = audit::list(c, e.id, 5000)?;
            Ok((e, lines))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("e", &e);
    ctx.insert("lines", &lines);
    page.render(&state, "catalogue/audit.html", ctx)
}

/// `POST /catalogues/{slug}/objections/{objection}/decide`.
pub async fn decide_objection(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<crate::catalogue::objections::DecisionInput>,
) -> AppResult<HttpResponse> {
    let (slug, oid) = path.into_inner();
    let s2 = slug.clone();
    let st = state.get_ref().clone();
    let result = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            crate::catalogue::objections::decide(c, &st, &e, user.user.id, oid, &form)
        })
        .await;
    flash_result(&page.session, result, "catalogue.objection_decided_ok")?;
    Ok(redirect(&format!("/catalogues/{slug}/manage#objections")))
}

/// `POST /catalogues/{slug}/proposals/{proposal}/resolve`.
pub async fn resolve_proposal(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (slug, pid) = path.into_inner();
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let input = crate::catalogue::proposals::ResolveInput {
        status: get("status"),
        journal: get("journal").parse().ok(),
    };
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = committee(c, &user.user, &s2)?;
            crate::catalogue::proposals::resolve(c, &e, user.user.id, pid, &input)
        })
        .await;
    flash_result(&page.session, result, "catalogue.proposal_resolved")?;
    Ok(redirect(&format!("/catalogues/{slug}/manage#proposals")))
}
