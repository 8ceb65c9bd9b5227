//! Account data as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{role_grants, users};

/// A registered person.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = users)]
pub struct User {
    /// Internal id.
    pub id: i64,
    /// Lower-cased e-mail address, unique.
    pub email: String,
    /// argon2 hash; never serialised.
    #[serde(skip)]
    pub password_hash: String,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region.
    pub country: String,
    /// ORCID iD, validated.
    pub orcid: Option<String>,
    /// `zh-CN` or `en`, if the user chose one.
    pub preferred_lang: Option<String>,
    /// When the e-mail address was confirmed.
    pub email_verified_at: Option<NaiveDateTime>,
    /// Creation time (UTC).
    pub created_at: NaiveDateTime,
    /// Last change (UTC).
    pub updated_at: NaiveDateTime,
    /// Year of birth, needed for forums with an age limit.
    pub birth_year: Option<i32>,
    /// Expertise keywords (comma separated), used to match reviewers with papers.
    pub expertise: String,
}

impl User {
    /// The language mails to this person are written in (Chinese unless they chose English).
    pub fn mail_lang(&self) -> crate::web::i18n::Lang {
        self.preferred_lang
            .as_deref()
            .and_then(crate::web::i18n::Lang::parse)
            .unwrap_or(crate::web::i18n::Lang::ZhCn)
    }

    /// The name to show: Chinese and Latin when both exist.
    pub fn display_name(&self) -> String {
        match (self.name_zh.is_empty(), self.name_latin.is_empty()) {
            (false, false) => format!("{} ({})", self.name_zh, self.name_latin),
            (false, true) => self.name_zh.clone(),
            (true, false) => self.name_latin.clone(),
            (true, true) => self.email.clone(),
        }
    }
}

/// A new account row.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    /// Lower-cased e-mail.
    pub email: &'a str,
    /// argon2 hash.
    pub password_hash: &'a str,
    /// Name in Chinese characters.
    pub name_zh: &'a str,
    /// Name in Latin script.
    pub name_latin: &'a str,
    /// Institution.
    pub affiliation: &'a str,
    /// Country or region.
    pub country: &'a str,
    /// ORCID iD.
    pub orcid: Option<&'a str>,
    /// Preferred language code.
    pub preferred_lang: Option<&'a str>,
    /// Set for accounts created already verified (admin CLI, demo data).
    pub email_verified_at: Option<NaiveDateTime>,
    /// Creation time.
    pub created_at: NaiveDateTime,
    /// Same as `created_at`.
    pub updated_at: NaiveDateTime,
}

/// One role held by a user on one scope (site, venue, journal...).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = role_grants)]
pub struct RoleGrant {
    /// Internal id.
    pub id: i64,
    /// Holder.
    pub user_id: i64,
    /// Role name, e.g. `chair`, `reviewer`, `editor`, `site_admin`.
    #[diesel(deserialize_as = String)]
    pub role: super::roles::Role,
    /// What the role is on: `site`, `venue`, `journal`, `edition`.
    #[diesel(deserialize_as = String)]
    pub scope_kind: super::roles::Scope,
    /// Id of the venue or journal; 0 for `site`.
    pub scope_id: i64,
    /// When the role was granted.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}
