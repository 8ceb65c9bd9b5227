//! A reviewer's credit as their page, the API and the certificate show it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::journals::rounds::model::{Invitation, Status};
use crate::reports::documents::{CertifiedReview, ReviewCertificate, Titles};

/// A completed review, as the reviewer's page lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CreditedReview)]
pub struct Review {
    /// Manuscript number.
    pub number: i32,
    /// Round.
    pub round: i32,
    /// Manuscript title, Chinese.
    pub title_zh: String,
    /// Manuscript title, English.
    pub title_en: String,
    /// When the review came in.
    pub submitted_on: NaiveDate,
}

/// A reviewer's completed reviews for one journal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JournalCredit {
    /// Journal id.
    pub journal_id: i64,
    /// Journal name, Chinese.
    pub journal_zh: String,
    /// Journal name, English.
    pub journal_en: String,
    /// How many reviews.
    pub count: usize,
    /// The reviews, newest first.
    pub reviews: Vec<Review>,
    /// The certificate's address.
    pub certificate: String,
}

/// The completed reviews among `invitations` (the review in), by journal: journals in name
/// order, reviews newest first.
fn by_journal(conn: &mut AnyConnection, invitations: Vec<Invitation>) -> AppResult<Vec<(crate::journals::model::Journal, Vec<Review>)>> {
    let mut out: Vec<(crate::journals::model::Journal, Vec<Review>)> = Vec::new();
    for inv in invitations {
        let (Status::Submitted, Some(at)) = (inv.status, inv.submitted_at) else {
            continue;
        };
        let ms = crate::journals::manuscripts::store::get(conn, inv.manuscript_id)?;
        let review = Review {
            number: ms.number,
            round: inv.round,
            title_zh: ms.title_zh,
            title_en: ms.title_en,
            submitted_on: at.date(),
        };
        match out.iter_mut().find(|(j, _)| j.id == ms.journal_id) {
            Some((_, list)) => list.push(review),
            None => out.push((crate::journals::store::get(conn, ms.journal_id)?, vec![review])),
        }
    }
    for (_, list) in &mut out {
        list.sort_by(|a, b| b.submitted_on.cmp(&a.submitted_on).then(b.number.cmp(&a.number)));
    }
    out.sort_by(|a, b| a.0.name_en.cmp(&b.0.name_en).then(a.0.name_zh.cmp(&b.0.name_zh)));
    Ok(out)
}

/// The invitations of `user`: linked to the account, or to its address once verified.
fn invitations_of(conn: &mut AnyConnection, user: &User) -> AppResult<Vec<Invitation>> {
    let email = user.email_verified_at.is_some().then_some(user.email.as_str());
    crate::journals::rounds::store::of_reviewer(conn, email, user.id)
}

/// `user`'s credit, per journal.
pub fn of_user(conn: &mut AnyConnection, user: &User) -> AppResult<Vec<JournalCredit>> {
    let invitations = invitations_of(conn, user)?;
    Ok(by_journal(conn, invitations)?
        .into_iter()
        .map(|(j, reviews)| JournalCredit {
            certificate: format!("/me/reviews/{}/certificate.pdf", j.id),
            journal_id: j.id,
            journal_zh: j.name_zh,
            journal_en: j.name_en,
            count: reviews.len(),
            reviews,
        })
        .collect())
}

/// What a certificate says of the journal.
struct Masthead {
    id: i64,
    names: Titles,
    issn: Vec<String>,
    publisher: String,
}

impl From<&crate::journals::model::Journal> for Masthead {
    fn from(j: &crate::journals::model::Journal) -> Self {
        Masthead {
            id: j.id,
            names: Titles {
                title_zh: j.name_zh.clone(),
                title_en: j.name_en.clone(),
            },
            issn: [&j.issn, &j.eissn].into_iter().flatten().cloned().collect(),
            publisher: j.publisher.clone(),
        }
    }
}

/// The certificate of `reviewer`'s `reviews` for `journal`, issued on `today`.
fn certificate(journal: Masthead, reviewer: &str, reviews: &[Review], today: NaiveDate) -> ReviewCertificate {
    let mut listed: Vec<CertifiedReview> = reviews
        .iter()
        .map(|r| CertifiedReview {
            number: r.number,
            round: r.round,
            submitted_on: r.submitted_on.to_string(),
        })
        .collect();
    listed.sort_by(|a, b| a.submitted_on.cmp(&b.submitted_on).then(a.number.cmp(&b.number)));
    let years = reviews.iter().map(|r| r.submitted_on.year());
    let (first_year, last_year) = (years.clone().min().unwrap_or(today.year()), years.max().unwrap_or(today.year()));
    // The code covers who, where and what: a changed certificate no longer matches it.
    let mut h = Sha256::new();
    h.update(format!("{}\n{}\n{reviewer}\n", journal.id, journal.names.title_en));
    for r in &listed {
        h.update(format!("{} {} {}\n", r.number, r.round, r.submitted_on));
    }
    let code = hex::encode(h.finalize())[..16].to_uppercase();
    ReviewCertificate {
        reviewer: reviewer.to_string(),
        journal: journal.names,
        issn: journal.issn,
        publisher: journal.publisher,
        reviews: listed,
        first_year,
        last_year,
        issued_on: today.to_string(),
        code,
    }
}

/// `user`'s certificate for journal `journal_id`; 404 without a completed review there.
pub fn for_user(conn: &mut AnyConnection, user: &User, journal_id: i64, today: NaiveDate) -> AppResult<ReviewCertificate> {
    let invitations = invitations_of(conn, user)?;
    let (journal, reviews) = by_journal(conn, invitations)?
        .into_iter()
        .find(|(j, _)| j.id == journal_id)
        .ok_or(AppError::NotFound)?;
    Ok(certificate((&journal).into(), &user.display_name(), &reviews, today))
}

/// The certificate of the review behind a personal link (reviewers without an account); 404
/// until the review is in.
pub fn for_token(conn: &mut AnyConnection, token: &str, today: NaiveDate) -> AppResult<ReviewCertificate> {
    let (inv, _) = crate::journals::rounds::service::by_token(conn, token)?;
    let name = if inv.name.trim().is_empty() {
        inv.email.clone()
    } else {
        inv.name.clone()
    };
    let (journal, reviews) = by_journal(conn, vec![inv])?.into_iter().next().ok_or(AppError::NotFound)?;
    Ok(certificate((&journal).into(), &name, &reviews, today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_changes_with_what_is_certified() {
        let journal = || Masthead {
            id: 1,
            names: Titles {
                title_zh: "演示学报".into(),
                title_en: "Journal of Demonstration Science".into(),
            },
            issn: vec!["1234-5679".into()],
            publisher: String::new(),
        };
        let day = |d| NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
        let review = |n, d| Review {
            number: n,
            round: 1,
            title_zh: String::new(),
            title_en: "Secret".into(),
            submitted_on: day(d),
        };
        let c = certificate(journal(), "Maria Rossi", &[review(7, 20), review(3, 2)], day(30));
        assert_eq!(c.reviews.iter().map(|r| r.number).collect::<Vec<_>>(), [3, 7], "oldest first");
        assert_eq!((c.first_year, c.last_year), (2027, 2027));
        assert_eq!(c.code.len(), 16);
        assert_eq!(
            c.code,
            certificate(journal(), "Maria Rossi", &[review(3, 2), review(7, 20)], day(1)).code
        );
        assert_ne!(c.code, certificate(journal(), "Maria Rossi", &[review(3, 2)], day(30)).code);
        assert_ne!(
            c.code,
            certificate(journal(), "Someone Else", &[review(7, 20), review(3, 2)], day(30)).code
        );
        assert!(
            !serde_json::to_string(&c).unwrap().contains("Secret"),
            "no titles on the certificate"
        );
    }
}
