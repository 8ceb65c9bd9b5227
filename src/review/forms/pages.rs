//! The review form editor on the chairs' set-up page: one row per field, blank rows to add
//! fields, a box to delete one; scale labels one per line as "value name".

use actix_web::{HttpResponse, web};

use super::model::{Field, ScaleLabel, TEXT};
use super::store;
use crate::auth::CurrentUser;
use crate::auth::pages::Empty;
use crate::error::AppResult;
use crate::guard::{as_chair, venue::chaired};
use crate::review::phases::pages::{setup_context, stored};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// Parses "1 Strong reject" lines (Chinese and English lists are matched by value).
fn scale_labels(zh: &str, en: &str) -> Vec<ScaleLabel> {
    let mut out: Vec<ScaleLabel> = Vec::new();
    let lines = |text: &str| -> Vec<(i32, String)> {
        text.lines()
            .filter_map(|l| {
                let l = l.trim();
                let (n, name) = l.split_once(|c: char| c.is_whitespace() || c == '=' || c == ':' || c == '：')?;
                Some((n.trim().parse().ok()?, name.trim().to_string()))
            })
            .collect()
    };
    for (value, name) in lines(zh) {
        out.push(ScaleLabel {
            value,
            zh: name,
            en: String::new(),
        });
    }
    for (value, name) in lines(en) {
        match out.iter_mut().find(|l| l.value == value) {
            Some(l) => l.en = name,
            None => out.push(ScaleLabel {
                value,
                zh: String::new(),
                en: name,
            }),
        }
    }
    out.sort_by_key(|l| l.value);
    out
}

/// Reads the editor's rows `f{i}_{part}`; rows with no key and no label are blank.
pub fn parse(form: &[(String, String)]) -> Vec<Field> {
    let get = |name: String| form.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let mut rows: Vec<(i32, Field)> = Vec::new();
    for i in 0..super::model::MAX_FIELDS + 10 {
        let p = |part: &str| get(format!("f{i}_{part}"));
        let (key, label_zh, label_en) = (
            p("key").trim().to_string(),
            p("label_zh").trim().to_string(),
            p("label_en").trim().to_string(),
        );
        if (key.is_empty() && label_zh.is_empty() && label_en.is_empty()) || !p("delete").is_empty() {
            continue;
        }
        let kind = p("kind");
        let number = |s: String| s.trim().parse::<i32>().ok();
        let field = Field {
            key,
            label_zh,
            label_en,
            help_zh: p("help_zh").trim().to_string(),
            help_en: p("help_en").trim().to_string(),
            min: number(p("min")).unwrap_or(if kind == TEXT { 0 } else { -1 }),
            max: number(p("max")).unwrap_or(0),
            labels: scale_labels(&p("labels_zh"), &p("labels_en")),
            required: !p("required").is_empty(),
            visible_to_authors: !p("visible_to_authors").is_empty(),
            overall: !p("overall").is_empty(),
            max_chars: number(p("max_chars")),
            kind,
        };
        let position = number(p("position")).unwrap_or(i as i32 + 1);
        rows.push((position, field));
    }
    rows.sort_by_key(|(pos, _)| *pos);
    rows.into_iter().map(|(_, f)| f).collect()
}

/// `POST /venues/{slug}/review-form` (chairs).
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let v = chaired(&state, &user, path.into_inner()).await?;
    let fields = parse(&form);
    let f2 = fields.clone();
    match as_chair(&state, &user, v.slug.clone(), move |c, ch| store::save(c, ch.venue.id, &f2)).await {
        Ok(()) => {
            flash(&page.session, "review_setup.form_saved");
            Ok(redirect(&format!("/venues/{}/review-setup#form", v.slug)))
        }
        Err(e) => {
            let (phase, _, _) = stored(&state, &v).await?;
            let ctx = setup_context(&v, &phase, &fields, true);
            page.form_errors(&state, "review/setup.html", ctx, &serde_json::json!({}), e)
        }
    }
}

/// `POST /venues/{slug}/review-form/reset` (chairs).
pub async fn reset(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    as_chair(&state, &user, slug.clone(), |c, ch| store::reset(c, ch.venue.id)).await?;
    flash(&page.session, "review_setup.form_reset");
    Ok(redirect(&format!("/venues/{slug}/review-setup#form")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_rows_become_fields_in_position_order() {
        let form: Vec<(String, String)> = [
            ("f0_key", "novelty"),
            ("f0_kind", "score"),
            ("f0_label_en", "Novelty"),
            ("f0_min", "1"),
            ("f0_max", "3"),
            ("f0_labels_zh", "1 低\n3 高"),
            ("f0_labels_en", "1 Low\n2 Medium\n3: High"),
            ("f0_position", "2"),
            ("f1_key", "overall"),
            ("f1_kind", "score"),
            ("f1_label_zh", "总体"),
            ("f1_min", "1"),
            ("f1_max", "5"),
            ("f1_overall", "on"),
            ("f1_position", "1"),
            ("f2_key", "gone"),
            ("f2_label_en", "Gone"),
            ("f2_delete", "on"),
            ("f3_key", ""),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let fields = parse(&form);
        assert_eq!(fields.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["overall", "novelty"]);
        assert!(fields[0].overall);
        assert_eq!(fields[1].labels.len(), 3);
        assert_eq!(fields[1].labels[0].zh, "低");
        assert_eq!(fields[1].labels[0].en, "Low");
        assert_eq!(fields[1].labels[2].en, "High");
        assert_eq!(super::super::model::check_form(&fields), Ok(()));
    }
}
