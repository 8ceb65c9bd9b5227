//! A published issue's Crossref deposit (schema 5.4.0): the issue and its articles, or one of
//! them, as `formats::crossref` writes them, for the journal's office to download (and deposit
//! with Crossref). The depositor is the journal's publisher, reached at the service's sender
//! address.

use chrono::NaiveDateTime;

use super::model::Issue;
use crate::auth::User;
use crate::crossref::model::{Deposit, DepositKind};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::formats::crossref::{self, Abstract, Citation, Contributor, Head};
use crate::guard::journal::issue_for;
use crate::guard::policy::JournalAction;
use crate::journals::articles::model::Article;
use crate::journals::articles::store as articles;
use crate::journals::model::Journal;

use crate::formats::crossref::Site;

fn record(conn: &mut AnyConnection, j: &Journal, a: &Article, site: &Site) -> AppResult<crossref::Article> {
    let people = articles::authors_of(conn, a.id)?;
    let refs = crate::journals::articles::view::references(a)?;
    let english = !a.title_en.trim().is_empty();
    Ok(crossref::Article {
        language: a.language.clone(),
        title: if english { a.title_en.clone() } else { a.title_zh.clone() },
        original_title: (english && a.language == "zh" && !a.title_zh.trim().is_empty()).then(|| ("zh".to_string(), a.title_zh.clone())),
        contributors: people
            .iter()
            .map(|p| {
                let latin = !p.family_en.trim().is_empty();
                Contributor {
                    given: if latin { p.given_en.clone() } else { p.given_zh.clone() },
                    surname: if latin { p.family_en.clone() } else { p.family_zh.clone() },
                    affiliation: p.affiliation.clone(),
                    orcid: p.orcid.clone(),
                }
            })
            .collect(),
        abstracts: [("zh", &a.abstract_zh), ("en", &a.abstract_en)]
            .into_iter()
            .map(|(lang, text)| Abstract {
                lang: lang.into(),
                text: text.clone(),
            })
            .collect(),
        published: a
            .published_on
            .ok_or_else(|| AppError::Conflict("journal_issue.not_published".into()))?,
        first_page: a.first_page.clone(),
        last_page: a.last_page.clone(),
        article_number: a.article_number.clone(),
        licence_url: a.licence_url.clone(),
        doi: a.doi.clone().ok_or_else(|| AppError::Conflict("journal_issue.no_dois".into()))?,
        url: format!("{}/j/{}/articles/{}", site.base_url.trim_end_matches('/'), j.slug, a.id),
        citations: refs.into_iter().map(|r| Citation { text: r.text, doi: r.doi }).collect(),
    })
}

/// The deposit of published issue `issue_id` (only article `only` of it, when given) and its
/// file name, for someone who manages the journal's issues. 409 before publication or when
/// the journal registers no DOIs; 404 for an article that is not in the issue.
pub fn deposit(
    conn: &mut AnyConnection,
    user: &User,
    issue_id: i64,
    only: Option<i64>,
    site: &Site,
    now: NaiveDateTime,
) -> AppResult<crossref::DepositFile> {
    let (issue, ed): (Issue, _) = issue_for(conn, user, issue_id, JournalAction::ManageIssues)?;
    let Some(published) = issue.published_on else {
        return Err(AppError::Conflict("journal_issue.not_published".into()));
    };
    let j = &ed.journal;
    let mut list = articles::in_issue(conn, issue.id)?;
    if let Some(id) = only {
        list.retain(|a| a.id == id);
        if list.is_empty() {
            return Err(AppError::NotFound);
        }
    }
    let records = list.iter().map(|a| record(conn, j, a, site)).collect::<AppResult<Vec<_>>>()?;
    let languages = j.language_list();
    let stamp = now.format("%Y%m%d%H%M%S").to_string();
    let owner = if j.publisher.trim().is_empty() {
        j.name_en.clone()
    } else {
        j.publisher.clone()
    };
    let head = Head {
        batch_id: format!("xuehui-{}-{}-{}-{stamp}", j.slug, issue.volume, issue.number),
        timestamp: stamp,
        depositor_name: owner.clone(),
        depositor_email: site.depositor_email.to_string(),
        registrant: owner,
    };
    let out = crossref::Issue {
        journal_title: if j.name_en.trim().is_empty() {
            j.name_zh.clone()
        } else {
            j.name_en.clone()
        },
        journal_language: if languages.len() == 1 {
            languages[0].clone()
        } else {
            String::new()
        },
        issn: j.issn.clone(),
        eissn: j.eissn.clone(),
        volume: issue.volume.to_string(),
        number: issue.number.to_string(),
        published,
        articles: records,
    };
    let xml = crossref::journal::deposit(&head, &out).map_err(|e| AppError::caused("crossref deposit", e))?;
    let name = match only {
        Some(id) => format!("crossref-{}-{}-{}-article-{id}.xml", j.slug, issue.volume, issue.number),
        None => format!("crossref-{}-{}-{}.xml", j.slug, issue.volume, issue.number),
    };
    Ok(crossref::DepositFile {
        xml,
        name,
        batch_id: head.batch_id,
    })
}

/// Queues the deposit of published issue `issue_id` (or of its article `only`) with the
/// configured Crossref account, for someone who manages the journal's issues.
pub fn request_deposit(
    conn: &mut AnyConnection,
    user: &User,
    issue_id: i64,
    only: Option<i64>,
    site: &Site,
    account: Option<&crate::config::CrossrefConfig>,
    now: NaiveDateTime,
) -> AppResult<Deposit> {
    let file = deposit(conn, user, issue_id, only, site, now)?;
    let (kind, item) = match only {
        Some(article) => (DepositKind::Article, article),
        None => (DepositKind::Issue, issue_id),
    };
    crate::crossref::service::request(conn, account, kind, item, &file, user.id, now)
}

/// The deposits of issue `issue_id` and of its articles, newest first, for someone who manages
/// the journal's issues.
pub fn deposits(conn: &mut AnyConnection, user: &User, issue_id: i64) -> AppResult<Vec<Deposit>> {
    let (issue, _): (Issue, _) = issue_for(conn, user, issue_id, JournalAction::ManageIssues)?;
    let mut all = crate::crossref::store::of_items(conn, DepositKind::Issue, &[issue.id])?;
    let ids: Vec<i64> = articles::in_issue(conn, issue.id)?.iter().map(|a| a.id).collect();
    all.extend(crate::crossref::store::of_items(conn, DepositKind::Article, &ids)?);
    all.sort_by_key(|d| std::cmp::Reverse(d.id));
    Ok(all)
}
