//! Checks invitations before anything is stored.

use serde::{Deserialize, Serialize};

use super::model::REVIEWER;
use crate::error::{AppError, FieldErrors};

/// Someone to invite.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct InviteeInput {
    /// E-mail address.
    pub email: String,
    /// Name, optional.
    #[serde(default)]
    pub name: String,
}

/// An invitation request: several people, one role.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct InviteInput {
    /// The people to invite.
    pub invitees: Vec<InviteeInput>,
    /// `reviewer` or `area_chair`.
    pub role: String,
    /// A personal note added to the mail.
    #[serde(default)]
    pub message: String,
}

/// A checked invitee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    /// Lower-cased address.
    pub email: String,
    /// Trimmed name.
    pub name: String,
}

/// A checked invitation request.
#[derive(Debug, Clone)]
pub struct InviteSpec {
    /// Distinct invitees.
    pub invitees: Vec<Invitee>,
    /// Role constant.
    pub role: super::model::CommitteeRole,
    /// Personal note.
    pub message: String,
}

/// Checks an invitation request.
pub fn invite(input: &InviteInput) -> Result<InviteSpec, AppError> {
    let mut f = FieldErrors::new();
    let role = super::model::CommitteeRole::parse(input.role.trim()).unwrap_or_else(|| {
        f.insert("role".into(), "validation.role_invalid".into());
        REVIEWER
    });
    if input.invitees.is_empty() {
        f.insert("invitees".into(), "validation.invitees_required".into());
    }
    if input.invitees.len() > 500 {
        f.insert("invitees".into(), "validation.too_many_invitees".into());
    }
    let mut invitees: Vec<Invitee> = Vec::new();
    for (k, i) in input.invitees.iter().enumerate() {
        let at = |field: &str| crate::web::rows::key("invitees", k, field);
        let errors_before = f.len();
        let mut ef = FieldErrors::new();
        let email = crate::auth::validate::email(&i.email, &mut ef);
        if let Some(message) = ef.remove("email") {
            f.insert(at("email"), message);
        }
        let name = i.name.trim().to_string();
        if name.chars().count() > 200 {
            f.insert(at("name"), "validation.too_long".into());
        }
        crate::text::check(&mut f, &at("name"), &name, false);
        if f.len() > errors_before {
            continue;
        }
        if !invitees.iter().any(|x| x.email == email) {
            invitees.push(Invitee { email, name });
        }
    }
    let message = input.message.trim().to_string();
    if message.chars().count() > 2000 {
        f.insert("message".into(), "validation.too_long".into());
    }
    crate::text::check(&mut f, "message", &message, true);
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(InviteSpec { invitees, role, message })
}

/// What an invitee may say when declining.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct DeclineInput {
    /// Why, optional.
    #[serde(default)]
    pub reason: String,
    /// Someone to invite instead (name and e-mail), optional.
    #[serde(default)]
    pub suggestion: String,
}

/// Trims and bounds a decline.
pub fn decline(input: &DeclineInput) -> Result<(String, String), AppError> {
    let mut f = FieldErrors::new();
    for (name, v) in [("reason", &input.reason), ("suggestion", &input.suggestion)] {
        if v.chars().count() > 1000 {
            f.insert(name.into(), "validation.too_long".into());
        }
        crate::text::check(&mut f, name, v, true);
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok((input.reason.trim().to_string(), input.suggestion.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitee(email: &str, name: &str) -> InviteeInput {
        InviteeInput {
            email: email.into(),
            name: name.into(),
        }
    }

    #[test]
    fn duplicate_invitees_collapse() {
        let input = InviteInput {
            invitees: vec![
                invitee("li@example.cn", "李四"),
                invitee("LI@example.cn", ""),
                invitee("wang@example.org", ""),
            ],
            role: "reviewer".into(),
            message: String::new(),
        };
        let spec = invite(&input).unwrap();
        assert_eq!(spec.invitees.len(), 2);
        assert_eq!(spec.invitees[0].name, "李四");
    }

    #[test]
    fn bad_addresses_and_roles_are_named() {
        let input = InviteInput {
            invitees: vec![invitee("li@example.cn", ""), invitee("not-an-address", "")],
            role: "boss".into(),
            message: String::new(),
        };
        let Err(AppError::Validation { fields }) = invite(&input) else {
            panic!()
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["invitees[1].email", "role"]);
    }
}

/// A member's own load limits; absent values fall back to the venue's settings.
#[derive(Debug, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct LoadsInput {
    /// Least papers for this member.
    pub min_load: Option<i32>,
    /// Most papers for this member.
    pub max_load: Option<i32>,
}

/// Checks load limits.
pub fn check_loads(l: &LoadsInput) -> crate::error::AppResult<()> {
    let mut f = crate::error::FieldErrors::new();
    if l.min_load.is_some_and(|m| !(0..=1000).contains(&m)) {
        f.insert("min_load".into(), "validation.load_range".into());
    }
    if l.max_load.is_some_and(|m| !(0..=1000).contains(&m)) || matches!((l.min_load, l.max_load), (Some(a), Some(b)) if b < a) {
        f.insert("max_load".into(), "validation.max_load".into());
    }
    if f.is_empty() {
        Ok(())
    } else {
        Err(crate::error::AppError::Validation { fields: f })
    }
}

/// Checks a `role` parameter.
pub fn role_param(role: Option<&str>) -> crate::error::AppResult<super::model::CommitteeRole> {
    match role {
        None => Ok(super::model::REVIEWER),
        Some(r) => super::model::CommitteeRole::parse(r).ok_or_else(|| crate::error::AppError::field("role", "validation.role_invalid")),
    }
}
