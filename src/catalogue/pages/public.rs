//! Public catalogue pages: the list of editions, an edition with its rules and (from public
//! notice on) its entries with filters and shares, and the nomination form.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::seen;
use crate::auth::CurrentUser;
use crate::catalogue::entries::Entry;
use crate::catalogue::{nominations, objections, policy, view};
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash_result, redirect};

/// `GET /catalogues`.
pub async fn index(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let user = page.user.clone();
    let (editions, can_create) = state
        .db
        .run(move |c| {
            let can = match &user {
                Some(u) => policy::may_create(c, u)?,
                None => false,
            };
            Ok((super::super::view::summaries(c)?, can))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("editions", &editions);
    ctx.insert("can_create", &can_create);
    page.render(&state, "catalogue/index.html", ctx)
}

/// Filters of a public catalogue.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EntryFilter {
    /// `T1`, `T2` or `T3`.
    pub tier: Option<String>,
    /// Journal type.
    pub kind: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Words of the name, or an ISSN.
    pub q: Option<String>,
}

impl EntryFilter {
    /// The message keys of values no entry could have.
    fn check(&self) -> Result<(), Vec<&'static str>> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let mut bad = Vec::new();
        if given(&self.tier).is_some_and(|t| crate::catalogue::tiers::Tier::parse(&t).is_none()) {
            bad.push("validation.tier_invalid");
        }
        if given(&self.kind).is_some_and(|k| crate::journals::model::JournalKind::parse(&k).is_none()) {
            bad.push("validation.journal_kind");
        }
        if given(&self.language).is_some_and(|l| l.len() != 2 || !l.chars().all(|c| c.is_ascii_alphabetic())) {
            bad.push("validation.language_code");
        }
        if given(&self.country).is_some_and(|c| isocountry::CountryCode::for_alpha2(&c.to_ascii_uppercase()).is_err()) {
            bad.push("validation.country");
        }
        if given(&self.q).is_some_and(|q| q.chars().count() > 200) {
            bad.push("validation.search_q");
        }
        if bad.is_empty() { Ok(()) } else { Err(bad) }
    }

    fn keeps(&self, e: &Entry) -> bool {
        let is = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let j = &e.journal;
        is(&self.tier).is_none_or(|t| t.eq_ignore_ascii_case(&e.tier))
            && is(&self.kind).is_none_or(|k| j.kind == k.as_str())
            && is(&self.language).is_none_or(|l| j.languages.iter().any(|x| x.eq_ignore_ascii_case(&l)))
            && is(&self.country).is_none_or(|c| c.eq_ignore_ascii_case(&j.country))
            && is(&self.q).is_none_or(|q| {
                let q = q.to_lowercase();
                j.name_zh.to_lowercase().contains(&q)
                    || j.name_en.to_lowercase().contains(&q)
                    || j.issn.as_deref().is_some_and(|i| i.contains(&q))
                    || j.eissn.as_deref().is_some_and(|i| i.contains(&q))
            })
    }
}

/// `GET /catalogues/{slug}`.
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    filter: web::Query<EntryFilter>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let now = Utc::now().naive_utc();
    let (s, mut detail, journals, mine, my_objections) = state
        .db
        .run(move |c| {
            let s = seen(c, &slug, user.as_ref())?;
            let detail = view::detail(c, s.edition.clone())?;
            let open = nominations::open(&s.edition, now);
            let objecting = objections::open(&s.edition, now);
            let journals = if open || objecting {
                crate::journals::store::in_field(c, s.edition.field_id)?
            } else {
                Vec::new()
            };
            let mine = match (&user, open) {
                (Some(u), true) => nominations::mine(c, s.edition.id, u.id)?,
                _ => Vec::new(),
            };
            let my_objections = match &user {
                Some(u) if view::is_public(&s.edition) => objections::list(c, s.edition.id, Some(u.id))?,
                _ => Vec::new(),
            };
            Ok((s, detail, journals, mine, my_objections))
        })
        .await?;
    let filter = filter.into_inner();
    let total = detail.entries.len();
    // The filters offer the countries and languages the entries have, by name.
    let countries: std::collections::BTreeSet<String> = detail.entries.iter().map(|e| e.journal.country.clone()).collect();
    let languages: std::collections::BTreeSet<String> = detail.entries.iter().flat_map(|e| e.journal.languages.iter().cloned()).collect();
    let mut ctx = Context::new();
    ctx.insert("countries", &countries);
    ctx.insert("languages", &languages);
    match filter.check() {
        Ok(()) => detail.entries.retain(|e| filter.keeps(e)),
        Err(keys) => {
            // A bad filter in the address shows its message above an empty list.
            ctx.insert("filter_error", &keys.iter().map(|k| page.t(k)).collect::<Vec<_>>().join(" "));
            detail.entries.clear();
        }
    }
    ctx.insert("nominating", &nominations::open(&s.edition, now));
    ctx.insert("objecting", &objections::open(&s.edition, now));
    ctx.insert("my_objections", &my_objections);
    ctx.insert("d", &detail);
    ctx.insert("total", &total);
    ctx.insert("filter", &filter);
    ctx.insert("committee", &s.committee);
    ctx.insert("expert", &s.expert);
    ctx.insert("journals", &journals);
    ctx.insert("mine", &mine);
    page.render(&state, "catalogue/show.html", ctx)
}

/// The nomination form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct NominateForm {
    #[serde(default)]
    journal: String,
    #[serde(default)]
    reason: String,
}

/// What a journal-and-reason form does: nominate, or object.
type JournalAction =
    fn(&mut crate::db::AnyConnection, &crate::catalogue::model::Edition, i64, i64, &str, chrono::NaiveDateTime) -> AppResult<()>;

/// Handles a form naming a journal of the edition with a reason, then goes back to `anchor`.
async fn journal_form(
    state: &AppState,
    page: &Page,
    user: CurrentUser,
    slug: String,
    form: NominateForm,
    (anchor, ok_key): (&str, &str),
    action: JournalAction,
) -> AppResult<HttpResponse> {
    let back = format!("/catalogues/{slug}#{anchor}");
    let result = state
        .db
        .tx(move |c| {
            let e = crate::catalogue::store::by_slug(c, &slug)?;
            let journal = form
                .journal
                .trim()
                .parse::<i64>()
                .map_err(|_| crate::error::AppError::field("journal", "validation.required"))?;
            action(c, &e, user.user.id, journal, &form.reason, Utc::now().naive_utc())
        })
        .await;
    flash_result(&page.session, result, ok_key)?;
    Ok(redirect(&back))
}

/// `POST /catalogues/{slug}/nominate`.
pub async fn nominate(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<NominateForm>,
) -> AppResult<HttpResponse> {
    journal_form(
        &state,
        &page,
        user,
        path.into_inner(),
        form,
        ("nominate", "catalogue.nominated"),
        nominations::nominate,
    )
    .await
}

/// `POST /catalogues/{slug}/objections`.
pub async fn object(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<NominateForm>,
) -> AppResult<HttpResponse> {
    fn file(
        c: &mut crate::db::AnyConnection,
        e: &crate::catalogue::model::Edition,
        u: i64,
        j: i64,
        r: &str,
        now: chrono::NaiveDateTime,
    ) -> AppResult<()> {
        objections::file(c, e, u, j, r, now).map(|_| ())
    }
    journal_form(
        &state,
        &page,
        user,
        path.into_inner(),
        form,
        ("objections", "catalogue.objection_filed"),
        file,
    )
    .await
}

/// `GET /catalogues/{slug}/catalogue.{format}`: CSV or XLSX download.
pub async fn export(state: web::Data<AppState>, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, format) = path.into_inner();
    if !matches!(format.as_str(), "csv" | "xlsx") {
        return Err(crate::error::AppError::NotFound);
    }
    let (b, ct, name) = state
        .db
        .run(move |c| {
            let e = crate::catalogue::store::by_slug(c, &slug)?;
            super::super::published::export(c, &e, &format)
        })
        .await?;
    Ok(crate::web::sheets::download(b, ct, &name))
}

/// `GET /catalogues/{slug}/print`: the catalogue on paper, grouped by tier.
pub async fn print(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let detail = state
        .db
        .run(move |c| {
            let e = crate::catalogue::store::by_slug(c, &slug)?;
            if !view::is_public(&e) {
                return Err(crate::error::AppError::NotFound);
            }
            view::detail(c, e)
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("d", &detail);
    page.render(&state, "catalogue/print.html", ctx)
}

/// `?from=` names the other edition by URL name.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DiffQuery {
    /// The earlier edition.
    pub from: Option<String>,
}

/// `GET /catalogues/{slug}/diff?from=<slug>`: what changed since another public edition.
pub async fn diff(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<DiffQuery>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let from = query.into_inner().from.unwrap_or_default();
    let (to, others, comparison, has_previous) = state
        .db
        .run(move |c| {
            let to = crate::catalogue::store::by_slug(c, &slug)?;
            if !view::is_public(&to) {
                return Err(crate::error::AppError::NotFound);
            }
            let others: Vec<_> = crate::catalogue::store::list(c)?
                .into_iter()
                .filter(|e| e.id != to.id && view::is_public(e))
                .collect();
            // Without a choice, the page compares with the previous public edition of the
            // same field; the first edition says that there is none.
            let previous = others
                .iter()
                .filter(|e| e.field_id == to.field_id && e.year < to.year)
                .max_by_key(|e| e.year)
                .cloned();
            let chosen = match from.trim() {
                "" => previous.clone(),
                f => others.iter().find(|e| e.slug == f).cloned(),
            };
            let comparison = match chosen {
                Some(f) => Some(crate::catalogue::published::compare(c, &f, &to)?),
                None => None,
            };
            Ok((to, others, comparison, previous.is_some()))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("e", &to);
    ctx.insert("others", &others);
    ctx.insert("cmp", &comparison);
    ctx.insert("has_previous", &has_previous);
    page.render(&state, "catalogue/diff.html", ctx)
}

/// `POST /catalogues/{slug}/proposals`: proposes a journal that is not in the register.
pub async fn propose(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<crate::catalogue::proposals::ProposalInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let back = format!("/catalogues/{slug}#propose");
    let result = state
        .db
        .tx(move |c| {
            let e = crate::catalogue::store::by_slug(c, &slug)?;
            crate::catalogue::proposals::propose(c, &e, user.user.id, &form, Utc::now().naive_utc()).map(|_| ())
        })
        .await;
    flash_result(&page.session, result, "catalogue.proposed_ok")?;
    Ok(redirect(&back))
}
