//! Turning submitted account forms into checked domain values (pure, no I/O).

use serde::Deserialize;

use super::orcid;
use crate::error::{AppError, FieldErrors};
use crate::web::i18n::Lang;

/// Shortest accepted password.
pub const MIN_PASSWORD: usize = 10;

/// Profile fields as submitted by a form or the API.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct ProfileInput {
    /// Name in Chinese characters.
    #[serde(default)]
    pub name_zh: String,
    /// Name in Latin script.
    #[serde(default)]
    pub name_latin: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
    /// Country or region.
    #[serde(default)]
    pub country: String,
    /// ORCID iD, e.g. 0000-0002-1825-0097.
    #[serde(default)]
    pub orcid: String,
    /// `zh-CN` or `en`; empty for "decide from the browser".
    #[serde(default)]
    pub preferred_lang: String,
    /// Year of birth (needed for forums with an age limit).
    #[serde(default, deserialize_with = "crate::web::serde_form::opt_i32")]
    pub birth_year: Option<i32>,
}

/// Sign-up fields.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct SignupInput {
    /// E-mail address, used to log in.
    #[serde(default)]
    pub email: String,
    /// At least 10 characters.
    #[serde(default)]
    pub password: String,
    /// Profile fields.
    #[serde(flatten)]
    pub profile: ProfileInput,
}

/// A checked profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region.
    pub country: String,
    /// Normalised ORCID iD.
    pub orcid: Option<String>,
    /// Chosen language.
    pub preferred_lang: Option<Lang>,
    /// Year of birth.
    pub birth_year: Option<i32>,
}

/// A checked sign-up.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Lower-cased e-mail.
    pub email: String,
    /// The password in clear, to be hashed.
    pub password: String,
    /// Profile.
    pub profile: Profile,
}

fn limit(fields: &mut FieldErrors, name: &str, value: &str, max: usize) {
    if value.chars().count() > max {
        fields.insert(name.into(), "validation.too_long".into());
    }
    crate::text::check(fields, name, value, false);
}

/// Normalises and checks an e-mail address.
pub fn email(input: &str, fields: &mut FieldErrors) -> String {
    let e = input.trim().to_lowercase();
    if e.is_empty() {
        fields.insert("email".into(), "validation.required".into());
    } else if crate::values::Email::parse(&e).is_none() {
        fields.insert("email".into(), "validation.email_invalid".into());
    }
    e
}

/// Checks a new password's strength rules.
pub fn password(input: &str, field: &str, fields: &mut FieldErrors) {
    if input.chars().count() < MIN_PASSWORD {
        fields.insert(field.into(), "validation.password_short".into());
    } else if input.len() > 256 {
        fields.insert(field.into(), "validation.too_long".into());
    }
}

/// Checks profile fields.
pub fn profile(input: &ProfileInput, fields: &mut FieldErrors) -> Profile {
    let p = Profile {
        name_zh: input.name_zh.trim().to_string(),
        name_latin: input.name_latin.trim().to_string(),
        affiliation: input.affiliation.trim().to_string(),
        country: input.country.trim().to_string(),
        orcid: None,
        preferred_lang: None,
        birth_year: input.birth_year,
    };
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    if input.birth_year.is_some_and(|y| y < 1900 || y > this_year) {
        fields.insert("birth_year".into(), "validation.birth_year_range".into());
    }
    if p.name_zh.is_empty() && p.name_latin.is_empty() {
        fields.insert("name_latin".into(), "validation.name_required".into());
    }
    limit(fields, "name_zh", &p.name_zh, 100);
    limit(fields, "name_latin", &p.name_latin, 100);
    limit(fields, "affiliation", &p.affiliation, 200);
    limit(fields, "country", &p.country, 100);
    let orcid_value = if input.orcid.trim().is_empty() {
        None
    } else {
        let o = orcid::normalize(&input.orcid);
        if o.is_none() {
            fields.insert("orcid".into(), "validation.orcid_invalid".into());
        }
        o
    };
    let lang = if input.preferred_lang.trim().is_empty() {
        None
    } else {
        let l = Lang::parse(&input.preferred_lang);
        if l.is_none() {
            fields.insert("preferred_lang".into(), "validation.lang_invalid".into());
        }
        l
    };
    Profile {
        orcid: orcid_value,
        preferred_lang: lang,
        ..p
    }
}

/// Checks a whole sign-up form.
pub fn signup(input: &SignupInput) -> Result<NewAccount, AppError> {
    let mut fields = FieldErrors::new();
    let email = email(&input.email, &mut fields);
    password(&input.password, "password", &mut fields);
    let profile = profile(&input.profile, &mut fields);
    if fields.is_empty() {
        Ok(NewAccount {
            email,
            password: input.password.clone(),
            profile,
        })
    } else {
        Err(AppError::Validation { fields })
    }
}

/// Checks a profile form.
pub fn profile_update(input: &ProfileInput) -> Result<Profile, AppError> {
    let mut fields = FieldErrors::new();
    let p = profile(input, &mut fields);
    if fields.is_empty() {
        Ok(p)
    } else {
        Err(AppError::Validation { fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SignupInput {
        SignupInput {
            email: " Li.Hua@Example.EDU.cn ".into(),
            password: "a long enough password".into(),
            profile: ProfileInput {
                name_zh: "李华".into(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn signup_normalises_email() {
        assert_eq!(signup(&valid()).unwrap().email, "li.hua@example.edu.cn");
    }

    #[test]
    fn signup_reports_every_bad_field() {
        let input = SignupInput {
            email: "not-an-email".into(),
            password: "short".into(),
            profile: ProfileInput {
                orcid: "0000-0002-1825-0098".into(),
                preferred_lang: "fr".into(),
                ..Default::default()
            },
        };
        let Err(AppError::Validation { fields }) = signup(&input) else {
            panic!("should fail")
        };
        assert_eq!(fields["email"], "validation.email_invalid");
        assert_eq!(fields["password"], "validation.password_short");
        assert_eq!(fields["name_latin"], "validation.name_required");
        assert_eq!(fields["orcid"], "validation.orcid_invalid");
        assert_eq!(fields["preferred_lang"], "validation.lang_invalid");
    }

    #[test]
    fn look_alike_and_invisible_characters_make_an_address_invalid() {
        for (addr, ok) in [
            ("li.hua@example.edu.cn", true),
            ("a+tag@sub.example.org", true),
            ("x@xn--fiqs8s.example", true),
            ("p\u{0430}ypal@example.com", false), // Cyrillic a
            ("admin@ex\u{0430}mple.org", false),
            ("李华@example.cn", false),
            ("li\u{200B}hua@example.org", false),
            ("li\u{202E}hua@example.org", false),
            ("li\u{0}hua@example.org", false),
            ("no-dot@localhost", false),
            ("dot.in.local@localhost", false),
        ] {
            assert_eq!(crate::values::Email::parse(addr).is_some(), ok, "{addr:?}");
        }
    }

    #[test]
    fn names_refuse_control_and_bidi_characters() {
        let mut input = valid();
        input.profile.name_zh = "李\u{202E}华".into();
        input.profile.affiliation = "Uni\u{7}".into();
        let Err(AppError::Validation { fields }) = signup(&input) else {
            panic!("should fail")
        };
        assert_eq!(fields["name_zh"], "validation.control_chars");
        assert_eq!(fields["affiliation"], "validation.control_chars");
    }
}
