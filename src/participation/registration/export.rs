//! The chairs' export of a form's registrations as CSV or XLSX: one row per registration with
//! its details, category, status, fee and every answer (choices as words). Birth years are
//! left out: organisers see ages only in aggregate.

use actix_web::{HttpResponse, web};

use super::model::Registration;
use super::store;
use super::validate::ListFilter;
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::page::Page;

/// File format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// UTF-8 CSV.
    Csv,
    /// Excel workbook.
    Xlsx,
}

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    let (first, second) = if lang == Lang::ZhCn { (zh, en) } else { (en, zh) };
    if first.is_empty() { second.to_string() } else { first.to_string() }
}

/// The header and rows of a form's export, in `lang`.
pub fn table(
    conn: &mut crate::db::AnyConnection,
    form: &super::model::Form,
    lang: Lang,
    t: &dyn Fn(&str) -> String,
) -> AppResult<(Vec<String>, Vec<Vec<String>>)> {
    let categories = store::categories(conn, form.id)?;
    let questions = store::questions(conn, form.id)?;
    let mut headers: Vec<String> = [
        "participation.col_id",
        "participation.col_name_zh",
        "participation.col_name_latin",
        "participation.col_email",
        "participation.col_institution",
        "participation.col_country",
        "participation.col_category",
        "participation.col_status",
        "participation.col_invited",
        "participation.col_fee",
        "participation.col_fee_note",
        "participation.col_code",
        "participation.col_registered",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    headers.extend(questions.iter().map(|q| pick(lang, &q.label_zh, &q.label_en)));
    let mut rows = Vec::new();
    for (r, email) in store::list(conn, form.id, &ListFilter::default())? {
        rows.push(row(&r, &email, &categories, &questions, lang, t));
    }
    Ok((headers, rows))
}

fn row(
    r: &Registration,
    email: &str,
    categories: &[super::model::Category],
    questions: &[super::model::Question],
    lang: Lang,
    t: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let category = r
        .category_id
        .and_then(|c| categories.iter().find(|x| x.id == c))
        .map(|c| pick(lang, &c.name_zh, &c.name_en))
        .unwrap_or_default();
    let country = crate::web::code_names::country(&r.country, lang).unwrap_or(&r.country).to_string();
    let answers: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&r.answers).unwrap_or_default();
    let mut out = vec![
        r.id.to_string(),
        r.name_zh.clone(),
        r.name_latin.clone(),
        email.to_string(),
        r.institution.clone(),
        country,
        category,
        t(&format!("participation.status_{}", r.status.as_str())),
        if r.invited { t("participation.yes") } else { String::new() },
        t(&format!("participation.fee_{}", r.fee.as_str())),
        r.fee_note.clone(),
        if r.status == super::model::RegStatus::Confirmed {
            r.code.clone()
        } else {
            String::new()
        },
        r.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
    ];
    for q in questions {
        let a = answers.get(&q.id.to_string());
        out.push(match a {
            Some(serde_json::Value::Bool(true)) => t("participation.yes"),
            Some(serde_json::Value::Bool(false)) | None => String::new(),
            Some(serde_json::Value::Number(n)) => {
                let opts = crate::venues::questions::options(&q.options);
                n.as_u64()
                    .and_then(|i| opts.get(usize::try_from(i).ok()?))
                    .map(|o| pick(lang, &o.zh, &o.en))
                    .unwrap_or_default()
            }
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        });
    }
    out
}

/// Answers the download for the chairs (404 for anyone else).
pub async fn download(
    state: &web::Data<AppState>,
    page: &Page,
    user: &CurrentUser,
    (slug, id): (String, i64),
    format: Format,
) -> AppResult<HttpResponse> {
    let lang = page.lang;
    let (headers, rows) = as_chair(state, user, slug, move |c, ch| {
        let f = store::form(c, ch.venue.id, id)?;
        table(c, &f, lang, &|k| crate::web::i18n::t(lang, k))
    })
    .await?;
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    Ok(match format {
        Format::Csv => crate::web::sheets::download(
            crate::web::sheets::csv(&headers, &rows)?,
            "text/csv; charset=utf-8",
            &format!("registrations-{id}.csv"),
        ),
        Format::Xlsx => crate::web::sheets::download(
            crate::web::sheets::xlsx("registrations", &headers, &rows)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("registrations-{id}.xlsx"),
        ),
    })
}
