//! Possible conflicts of interest between a reviewer the editors are about to invite and the
//! manuscript's authors, found as the review module finds them (`review::conflicts::detect`:
//! same person, co-authorship anywhere in the installation, same institution or institutional
//! mail domain), plus the authors' own list of opposed reviewers.

use serde::Serialize;

use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::journals::manuscripts::model::{Author, Manuscript, Reviewer};
use crate::review::conflicts::detect::{self, Member, Paper, Person, Reason};

/// A possible conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = ReviewerConflict)]
pub struct Warning {
    /// `author`, `same_person`, `coauthor`, `same_affiliation`, `same_domain` or `opposed`.
    pub reason: String,
    /// What matched: an author's address, the institution, the domain, or the authors' reason.
    pub detail: String,
}

/// Someone the editors want to invite.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    /// Lower-cased address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Institution.
    pub affiliation: String,
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn author_person(a: &Author) -> Person {
    Person {
        emails: vec![a.email.clone()],
        name_zh: format!("{}{}", a.family_zh, a.given_zh),
        name_latin: a.latin_name(),
        affiliation: a.affiliation.clone(),
        orcid: a.orcid.clone(),
    }
}

/// The candidate as the detector sees them: what the editor typed, and their account's profile
/// when the address has one.
fn candidate_person(c: &Candidate, account: Option<&User>) -> Person {
    let (mut name_zh, mut name_latin) = if has_han(&c.name) {
        (c.name.clone(), String::new())
    } else {
        (String::new(), c.name.clone())
    };
    let mut affiliation = c.affiliation.clone();
    let mut orcid = None;
    if let Some(u) = account {
        if name_zh.is_empty() {
            name_zh = u.name_zh.clone();
        }
        if name_latin.is_empty() {
            name_latin = u.name_latin.clone();
        }
        if affiliation.is_empty() {
            affiliation = u.affiliation.clone();
        }
        orcid = u.orcid.clone();
    }
    Person {
        emails: vec![c.email.clone()],
        name_zh,
        name_latin,
        affiliation,
        orcid,
    }
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether the authors asked the editors not to invite the candidate (same address, or same name).
fn opposed<'a>(c: &Candidate, list: &'a [Reviewer]) -> Option<&'a Reviewer> {
    list.iter().find(|o| {
        (!o.email.trim().is_empty() && o.email.trim().eq_ignore_ascii_case(&c.email))
            || (!norm(&o.name).is_empty() && norm(&o.name) == norm(&c.name))
    })
}

/// Every possible conflict, most serious first (pure).
pub fn warnings(c: &Candidate, account: Option<&User>, authors: &[Author], opposed_list: &[Reviewer], written: &[Paper]) -> Vec<Warning> {
    let paper = Paper {
        id: 0,
        authors: authors.iter().map(author_person).collect(),
    };
    let member = Member {
        user_id: 0,
        person: candidate_person(c, account),
    };
    let coauthors = detect::coauthor_index(written);
    let mut out: Vec<Warning> = detect::suggest(&[paper], &[member], &coauthors)
        .into_iter()
        .flat_map(|s| s.reasons)
        .map(|r| {
            let (reason, detail) = match r {
                Reason::Author => ("author", c.email.clone()),
                Reason::SamePerson(d) => ("same_person", d),
                Reason::CoAuthor(d) => ("coauthor", d),
                Reason::SameAffiliation(d) => ("same_affiliation", d),
                Reason::SameDomain(d) => ("same_domain", d),
            };
            Warning {
                reason: reason.into(),
                detail,
            }
        })
        .collect();
    if let Some(o) = opposed(c, opposed_list) {
        out.push(Warning {
            reason: "opposed".into(),
            detail: o.reason.clone(),
        });
    }
    out
}

/// The possible conflicts of inviting `c` to review `ms`.
pub fn check(conn: &mut AnyConnection, ms: &Manuscript, c: &Candidate) -> AppResult<Vec<Warning>> {
    let authors = crate::journals::manuscripts::store::authors_of(conn, ms.id)?;
    let opposed_list: Vec<Reviewer> = serde_json::from_str(&ms.opposed_reviewers).unwrap_or_default();
    let account = crate::auth::store::by_email(conn, &c.email)?;
    let emails = vec![c.email.clone()];
    let mut written = crate::review::conflicts::store::papers_written_by(conn, &emails)?;
    written.extend(crate::journals::manuscripts::store::papers_written_by(conn, &emails)?);
    // The manuscript itself is not "another paper" written together.
    written.retain(|p| p.id != -ms.id);
    Ok(warnings(c, account.as_ref(), &authors, &opposed_list, &written))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(email: &str, family_zh: &str, given_zh: &str, affiliation: &str) -> Author {
        Author {
            id: 1,
            manuscript_id: 1,
            position: 1,
            family_zh: family_zh.into(),
            given_zh: given_zh.into(),
            family_en: String::new(),
            given_en: String::new(),
            email: email.into(),
            affiliation: affiliation.into(),
            country: "CN".into(),
            orcid: None,
            corresponding: true,
            confirmed_at: None,
        }
    }

    fn reasons(w: &[Warning]) -> Vec<&str> {
        w.iter().map(|w| w.reason.as_str()).collect()
    }

    #[test]
    fn an_author_a_colleague_a_coauthor_and_an_opposed_reviewer_are_each_found() {
        let authors = vec![author("li@cs.pku.edu.cn", "李", "雷", "北京大学")];
        let cand = |email: &str, name: &str, aff: &str| Candidate {
            email: email.into(),
            name: name.into(),
            affiliation: aff.into(),
        };
        let none: Vec<Paper> = vec![];
        assert_eq!(
            reasons(&warnings(&cand("li@cs.pku.edu.cn", "李雷", ""), None, &authors, &[], &none)),
            ["author"]
        );
        assert_eq!(
            reasons(&warnings(
                &cand("wang@math.pku.edu.cn", "王芳", "北京大学"),
                None,
                &authors,
                &[],
                &none
            )),
            ["same_affiliation", "same_domain"]
        );
        let written = vec![Paper {
            id: 9,
            authors: vec![
                Person {
                    emails: vec!["ada@example.org".into()],
                    ..Default::default()
                },
                Person {
                    emails: vec!["li@cs.pku.edu.cn".into()],
                    ..Default::default()
                },
            ],
        }];
        assert_eq!(
            reasons(&warnings(&cand("ada@example.org", "Ada", ""), None, &authors, &[], &written)),
            ["coauthor"]
        );
        let opposed = vec![Reviewer {
            name: "Bob Rival".into(),
            reason: "competing group".into(),
            ..Default::default()
        }];
        let w = warnings(&cand("bob@gmail.com", " bob rival", ""), None, &authors, &opposed, &none);
        assert_eq!(
            w,
            vec![Warning {
                reason: "opposed".into(),
                detail: "competing group".into()
            }]
        );
        assert!(warnings(&cand("zoe@gmail.com", "Zoe", "MIT"), None, &authors, &opposed, &none).is_empty());
    }
}
