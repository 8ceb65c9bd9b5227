//! Proposes conflicts of interest between papers and committee members for a chair to confirm
//! or dismiss: a shared institutional mail domain (public mail providers excluded), the same
//! affiliation, co-authorship of any paper in the system, and the same person under another
//! address (same ORCID iD, or same name at the same institution). Pure: no I/O.

use std::collections::{BTreeSet, HashMap, HashSet};

/// Mail providers whose domain says nothing about where someone works.
const PUBLIC_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "yeah.net",
    "sina.com",
    "sina.cn",
    "sohu.com",
    "aliyun.com",
    "139.com",
    "189.cn",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "protonmail.com",
    "proton.me",
    "mail.com",
    "gmx.com",
    "gmx.de",
    "yandex.com",
    "zoho.com",
];

/// Second-level labels under a country code that are not an organisation (edu.cn, ac.uk, com.au...).
const GENERIC_SLDS: &[&str] = &["edu", "ac", "com", "org", "gov", "net", "co"];

/// Someone on either side: an author of a paper or a committee member.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// Lower-cased e-mail addresses.
    pub emails: Vec<String>,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
    /// ORCID iD.
    pub orcid: Option<String>,
}

/// A paper and its authors.
#[derive(Debug, Clone)]
pub struct Paper {
    /// Submission id.
    pub id: i64,
    /// Authors.
    pub authors: Vec<Person>,
}

/// A committee member.
#[derive(Debug, Clone)]
pub struct Member {
    /// Account id.
    pub user_id: i64,
    /// Their profile and address(es).
    pub person: Person,
}

/// Why a pair looks conflicted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// The member is an author of the paper.
    Author,
    /// The same person as an author, under another address.
    SamePerson(String),
    /// Co-authored another paper with an author.
    CoAuthor(String),
    /// Works at the same institution as an author.
    SameAffiliation(String),
    /// Shares an institutional mail domain with an author.
    SameDomain(String),
}

impl Reason {
    /// Stable code and detail, as stored.
    pub fn encode(&self) -> String {
        match self {
            Reason::Author => "author:".into(),
            Reason::SamePerson(d) => format!("same_person:{d}"),
            Reason::CoAuthor(d) => format!("coauthor:{d}"),
            Reason::SameAffiliation(d) => format!("same_affiliation:{d}"),
            Reason::SameDomain(d) => format!("same_domain:{d}"),
        }
    }
}

/// A proposed conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Paper.
    pub paper_id: i64,
    /// Committee member's account.
    pub user_id: i64,
    /// Every reason found, most serious first.
    pub reasons: Vec<Reason>,
}

/// The organisation part of a mail domain: `cs.tsinghua.edu.cn` -> `tsinghua.edu.cn`.
pub fn org_domain(email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.trim().to_lowercase();
    let labels: Vec<&str> = domain.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && GENERIC_SLDS.contains(&labels[n - 2]) {
        3
    } else {
        2
    };
    let org = labels[n.saturating_sub(keep)..].join(".");
    (!PUBLIC_PROVIDERS.contains(&org.as_str()) && !PUBLIC_PROVIDERS.contains(&domain.as_str())).then_some(org)
}

/// Affiliation compared without case, spaces and punctuation.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn same_name(a: &Person, b: &Person) -> bool {
    let zh = !a.name_zh.trim().is_empty() && norm(&a.name_zh) == norm(&b.name_zh);
    let latin = !a.name_latin.trim().is_empty() && norm(&a.name_latin) == norm(&b.name_latin);
    zh || latin
}

fn same_affiliation(a: &Person, b: &Person) -> bool {
    let (x, y) = (norm(&a.affiliation), norm(&b.affiliation));
    !x.is_empty() && x == y
}

/// Who has written with whom: e-mail -> co-authors' e-mails, over every paper given.
pub fn coauthor_index(papers: &[Paper]) -> HashMap<String, HashSet<String>> {
    let mut idx: HashMap<String, HashSet<String>> = HashMap::new();
    for p in papers {
        let emails: Vec<&String> = p.authors.iter().flat_map(|a| &a.emails).collect();
        for a in &emails {
            for b in &emails {
                if a != b {
                    idx.entry((*a).clone()).or_default().insert((*b).clone());
                }
            }
        }
    }
    idx
}

/// Every suggested conflict between `papers` and `members`; `coauthors` covers all papers in the
/// system (see [`coauthor_index`]), so co-authorship elsewhere counts too.
pub fn suggest(papers: &[Paper], members: &[Member], coauthors: &HashMap<String, HashSet<String>>) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for p in papers {
        for m in members {
            let mut reasons = BTreeSet::new();
            let mine: HashSet<&String> = m.person.emails.iter().collect();
            for a in &p.authors {
                if a.emails.iter().any(|e| mine.contains(e)) {
                    reasons.insert(Reason::Author);
                    continue;
                }
                let orcid = matches!((&a.orcid, &m.person.orcid), (Some(x), Some(y)) if x == y);
                if orcid || (same_name(a, &m.person) && same_affiliation(a, &m.person)) {
                    reasons.insert(Reason::SamePerson(a.emails.first().cloned().unwrap_or_default()));
                }
                if let Some(e) = a
                    .emails
                    .iter()
                    .find(|e| m.person.emails.iter().any(|me| coauthors.get(me).is_some_and(|s| s.contains(*e))))
                {
                    reasons.insert(Reason::CoAuthor(e.clone()));
                }
                if same_affiliation(a, &m.person) {
                    reasons.insert(Reason::SameAffiliation(a.affiliation.trim().to_string()));
                }
                let theirs: HashSet<String> = a.emails.iter().filter_map(|e| org_domain(e)).collect();
                if let Some(d) = m.person.emails.iter().filter_map(|e| org_domain(e)).find(|d| theirs.contains(d)) {
                    reasons.insert(Reason::SameDomain(d));
                }
            }
            if reasons.contains(&Reason::Author) {
                // Being an author says it all; co-authorship on this very paper is noise.
                reasons.retain(|r| *r == Reason::Author);
            }
            if !reasons.is_empty() {
                out.push(Suggestion {
                    paper_id: p.id,
                    user_id: m.user_id,
                    reasons: reasons.into_iter().collect(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(email: &str, zh: &str, aff: &str) -> Person {
        Person {
            emails: vec![email.into()],
            name_zh: zh.into(),
            affiliation: aff.into(),
            ..Default::default()
        }
    }

    #[test]
    fn organisation_domains_ignore_departments_and_public_providers() {
        assert_eq!(org_domain("a@cs.tsinghua.edu.cn").as_deref(), Some("tsinghua.edu.cn"));
        assert_eq!(org_domain("a@mail.ox.ac.uk").as_deref(), Some("ox.ac.uk"));
        assert_eq!(org_domain("a@ict.ac.cn").as_deref(), Some("ict.ac.cn"));
        assert_eq!(org_domain("a@research.example.com").as_deref(), Some("example.com"));
        assert_eq!(org_domain("a@qq.com"), None);
        assert_eq!(org_domain("a@gmail.com"), None);
        assert_eq!(org_domain("a@vip.163.com"), None);
    }

    #[test]
    fn each_kind_of_link_is_found_and_strangers_are_not() {
        let paper = Paper {
            id: 1,
            authors: vec![
                person("zhang@cs.pku.edu.cn", "张三", "北京大学"),
                person("li@gmail.com", "李四", "Fudan University"),
            ],
        };
        let other = Paper {
            id: 2,
            authors: vec![person("li@gmail.com", "李四", ""), person("coauthor@example.org", "", "")],
        };
        let members = vec![
            Member {
                user_id: 10,
                person: person("wang@math.pku.edu.cn", "王五", ""),
            },
            Member {
                user_id: 11,
                person: person("zhao@qq.com", "赵六", " fudan  university"),
            },
            Member {
                user_id: 12,
                person: person("coauthor@example.org", "", ""),
            },
            Member {
                user_id: 13,
                person: person("zhang3@163.com", "张三", "北京大学"),
            },
            Member {
                user_id: 14,
                person: person("li@gmail.com", "", ""),
            },
            Member {
                user_id: 15,
                person: person("qian@gmail.com", "钱七", "Zhejiang University"),
            },
        ];
        let idx = coauthor_index(&[paper.clone(), other]);
        let s = suggest(&[paper], &members, &idx);
        let reasons = |u: i64| s.iter().find(|x| x.user_id == u).map(|x| x.reasons.clone()).unwrap_or_default();
        assert_eq!(reasons(10), vec![Reason::SameDomain("pku.edu.cn".into())]);
        assert_eq!(reasons(11), vec![Reason::SameAffiliation("Fudan University".into())]);
        assert_eq!(reasons(12), vec![Reason::CoAuthor("li@gmail.com".into())]);
        assert!(reasons(13).contains(&Reason::SamePerson("zhang@cs.pku.edu.cn".into())));
        assert_eq!(reasons(14), vec![Reason::Author]);
        assert!(reasons(15).is_empty(), "a stranger at a public provider is not suggested");
    }

    #[test]
    fn the_same_orcid_is_the_same_person() {
        let mut a = person("a@uni-a.de", "", "");
        a.orcid = Some("0000-0002-1825-0097".into());
        let mut m = person("b@uni-b.de", "", "");
        m.orcid = a.orcid.clone();
        let s = suggest(
            &[Paper { id: 1, authors: vec![a] }],
            &[Member { user_id: 1, person: m }],
            &HashMap::new(),
        );
        assert_eq!(s[0].reasons, vec![Reason::SamePerson("a@uni-a.de".into())]);
    }
}
