//! Proceedings pages: the volume page (chairs: details form, build, publish, contents;
//! everyone: the published volume's contents and downloads) and the downloads themselves.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::model::{Volume, VolumeStatus};
use super::service;
use super::validate::VolumeInput;
use super::view::{self, VolumeView};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// What the volume page shows: the venue, whether the reader manages it, the volume, and (for
/// chairs) its Crossref deposits.
struct Shown {
    venue: Venue,
    chair: bool,
    volume: Option<VolumeView>,
    deposits: Vec<crate::crossref::model::Deposit>,
}

fn load(c: &mut crate::db::AnyConnection, user: Option<&crate::auth::User>, slug: &str) -> AppResult<Shown> {
    let venue = crate::guard::venue::visible(c, user, slug)?;
    let chair = match user {
        Some(u) => crate::guard::venue::may_manage(c, u, venue.id)?,
        None => false,
    };
    let volume = if chair {
        match super::store::of_venue(c, venue.id)? {
            Some(v) => Some(view::load(c, &venue, v)?),
            None => None,
        }
    } else {
        Some(view::published(c, &venue)?)
    };
    let deposits = if chair {
        super::crossref::deposits(c, venue.id)?
    } else {
        Vec::new()
    };
    Ok(Shown {
        venue,
        chair,
        volume,
        deposits,
    })
}

/// `GET /venues/{slug}/proceedings`.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let shown = state.db.run(move |c| load(c, user.as_ref(), &slug)).await?;
    let form = shown
        .volume
        .as_ref()
        .map_or_else(|| default_form(&shown.venue), |v| form_of(&v.volume));
    render(&state, &page, shown, &form, None)
}

fn render(state: &AppState, page: &Page, shown: Shown, form: &VolumeInput, err: Option<AppError>) -> AppResult<HttpResponse> {
    let mut ctx = Context::new();
    ctx.insert("venue", &shown.venue);
    ctx.insert("chair", &shown.chair);
    ctx.insert("vol", &shown.volume);
    ctx.insert("deposits", &shown.deposits);
    ctx.insert("crossref_on", &state.config.crossref.is_some());
    let parts: Vec<(String, String, Vec<usize>)> = shown.volume.as_ref().map_or_else(Vec::new, |v| {
        let planned: Vec<super::plan::Planned> = v
            .contents
            .iter()
            .map(|c| super::plan::Planned {
                submission_id: c.submission_id,
                part_zh: c.part_zh.clone(),
                part_en: c.part_en.clone(),
                pages: 1,
                authors: vec![],
            })
            .collect();
        super::plan::parts(&planned)
    });
    ctx.insert("parts", &parts);
    match err {
        Some(e) => page.form_errors(state, "proceedings/show.html", ctx, form, e),
        None => {
            ctx.insert("form", form);
            page.render(state, "proceedings/show.html", ctx)
        }
    }
}

fn default_form(venue: &Venue) -> VolumeInput {
    use chrono::Datelike;
    VolumeInput {
        title_zh: format!("{}论文集", venue.title_zh),
        title_en: if venue.title_en.is_empty() {
            String::new()
        } else {
            format!("Proceedings of {}", venue.title_en)
        },
        year: venue.starts_on.map_or_else(|| Utc::now().year(), |d| d.year()),
        place: venue.place.clone(),
        ..VolumeInput::default()
    }
}

fn form_of(v: &Volume) -> VolumeInput {
    VolumeInput {
        title_zh: v.title_zh.clone(),
        title_en: v.title_en.clone(),
        subtitle_zh: v.subtitle_zh.clone(),
        subtitle_en: v.subtitle_en.clone(),
        series: v.series.clone(),
        volume: v.volume.clone(),
        publisher: v.publisher.clone(),
        place: v.place.clone(),
        year: v.year,
        isbn: v.isbn.clone(),
        doi: v.doi.clone(),
        preface_zh: v.preface_zh.clone(),
        preface_en: v.preface_en.clone(),
    }
}

/// The details form as typed (the year as text).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct VolumeForm {
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    subtitle_zh: String,
    #[serde(default)]
    subtitle_en: String,
    #[serde(default)]
    series: String,
    #[serde(default)]
    volume: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    isbn: String,
    #[serde(default)]
    doi: String,
    #[serde(default)]
    preface_zh: String,
    #[serde(default)]
    preface_en: String,
}

impl VolumeForm {
    fn to_input(&self) -> VolumeInput {
        VolumeInput {
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            subtitle_zh: self.subtitle_zh.clone(),
            subtitle_en: self.subtitle_en.clone(),
            series: self.series.clone(),
            volume: self.volume.clone(),
            publisher: self.publisher.clone(),
            place: self.place.clone(),
            // Not a number: 0, which the check refuses with its own message.
            year: self.year.trim().parse().unwrap_or(0),
            isbn: self.isbn.clone(),
            doi: self.doi.clone(),
            preface_zh: self.preface_zh.clone(),
            preface_en: self.preface_en.clone(),
        }
    }
}

/// `POST /venues/{slug}/proceedings` (chairs): the volume's details.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<VolumeForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = f.to_input();
    let i2 = input.clone();
    match as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::save(c, ch, &i2, now()).map(|_| ())
    })
    .await
    {
        Ok(()) => {
            flash(&page.session, "proceedings.saved");
            Ok(redirect(&format!("/venues/{slug}/proceedings")))
        }
        Err(e @ AppError::Validation { .. }) => {
            let u = user.user.clone();
            let shown = state.db.run(move |c| load(c, Some(&u), &slug)).await?;
            render(&state, &page, shown, &input, Some(e))
        }
        Err(e) => Err(e),
    }
}

/// `POST /venues/{slug}/proceedings/build` (chairs).
pub async fn build(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::request_build(c, ch, now()).map(|_| ())
    })
    .await;
    flash_result(&page.session, result, "proceedings.build_queued")?;
    Ok(redirect(&format!("/venues/{slug}/proceedings")))
}

/// The publish form.
#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    published: String,
}

/// `POST /venues/{slug}/proceedings/publish` (chairs).
pub async fn publish(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<PublishForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let on = f.published == "yes";
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::publish(c, ch, on, now()).map(|_| ())
    })
    .await;
    flash_result(
        &page.session,
        result,
        if on { "proceedings.published" } else { "proceedings.unpublished" },
    )?;
    Ok(redirect(&format!("/venues/{slug}/proceedings")))
}

/// Queues the deposit of the chair's published volume.
pub async fn queue_deposit(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<crate::crossref::model::Deposit> {
    let (base, from, account) = (
        state.config.base_url.clone(),
        state.config.mail_from_address(),
        state.config.crossref.clone(),
    );
    as_chair(state, user, slug, move |c, ch| {
        let site = crate::formats::crossref::Site {
            base_url: &base,
            depositor_email: &from,
        };
        super::crossref::request_deposit(c, ch, &site, account.as_ref(), now())
    })
    .await
}

/// `POST /venues/{slug}/proceedings/crossref/deposit` (chairs): queues the deposit.
pub async fn deposit(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let result = queue_deposit(&state, &user, slug.clone()).await.map(|_| ());
    flash_result(&page.session, result, "crossref.queued")?;
    Ok(redirect(&format!("/venues/{slug}/proceedings#crossref")))
}

/// The built volume as `user` may download it: chairs once built, everyone once published.
fn downloadable(c: &mut crate::db::AnyConnection, user: Option<&crate::auth::User>, slug: &str) -> AppResult<(Venue, VolumeView)> {
    let shown = load(c, user, slug)?;
    let v = shown.volume.ok_or(AppError::NotFound)?;
    if !matches!(v.volume.status, VolumeStatus::Built | VolumeStatus::Published) && v.volume.pdf_file_id.is_none() {
        return Err(AppError::NotFound);
    }
    Ok((shown.venue, v))
}

async fn pdf_response(req: &HttpRequest, state: &AppState, sha: &str, name: String) -> AppResult<HttpResponse> {
    let download = crate::files::download::Download {
        sha256: sha,
        ext: "pdf",
        name,
        inline: true,
    };
    crate::files::download::send(state, req, download).await
}

/// `GET /venues/{slug}/proceedings/volume.pdf`: the whole volume.
pub async fn volume_pdf(state: web::Data<AppState>, page: Page, req: HttpRequest, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let (sha, name) = state
        .db
        .run(move |c| {
            let (venue, v) = downloadable(c, user.as_ref(), &slug)?;
            let file = v.volume.pdf_file_id.ok_or(AppError::NotFound)?;
            Ok((crate::files::model::get(c, file)?.sha256, format!("{}-proceedings.pdf", venue.slug)))
        })
        .await?;
    pdf_response(&req, &state, &sha, name).await
}

/// `GET /venues/{slug}/proceedings/papers/{number}/paper.pdf`: one paper with the volume's
/// page numbers.
pub async fn paper_pdf(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<(String, i32)>,
) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let user = page.user.clone();
    let (sha, name) = state
        .db
        .run(move |c| {
            let (venue, v) = downloadable(c, user.as_ref(), &slug)?;
            let line = v.contents.iter().find(|l| l.number == number).ok_or(AppError::NotFound)?;
            let papers = super::store::papers_of(c, v.volume.id)?;
            let file = papers
                .iter()
                .find(|p| p.submission_id == line.submission_id)
                .and_then(|p| p.file_id)
                .ok_or(AppError::NotFound)?;
            Ok((
                crate::files::model::get(c, file)?.sha256,
                format!("{}-{}-p{}.pdf", venue.slug, number, line.first_page),
            ))
        })
        .await?;
    pdf_response(&req, &state, &sha, name).await
}

/// `GET /venues/{slug}/proceedings/papers.zip`: every paper alone, stamped, streamed.
pub async fn papers_zip(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let (files, name) = state
        .db
        .run(move |c| {
            let (venue, v) = downloadable(c, user.as_ref(), &slug)?;
            let papers = super::store::papers_of(c, v.volume.id)?;
            let mut files = Vec::new();
            for (line, p) in v.contents.iter().zip(&papers) {
                if let Some(f) = p.file_id {
                    files.push((
                        format!("{:04}-paper-{}.pdf", line.first_page, line.number),
                        crate::files::model::get(c, f)?.sha256,
                    ));
                }
            }
            Ok((files, format!("{}-proceedings-papers.zip", venue.slug)))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(actix_web::http::header::ContentDisposition {
            disposition: actix_web::http::header::DispositionType::Attachment,
            parameters: vec![actix_web::http::header::DispositionParam::Filename(name)],
        })
        .streaming(crate::submissions::export::zip_stream(state.files.clone(), files)))
}
