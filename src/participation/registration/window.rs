//! Whether a form takes registrations at a moment (pure).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::Form;

/// A form's state at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RegistrationWindow)]
pub enum Window {
    /// Before its opening.
    NotYet,
    /// Taking registrations.
    Open,
    /// After its closing.
    Closed,
}

/// Where `now` falls between the opening (inclusive) and the closing (exclusive).
pub fn at(opens: Option<NaiveDateTime>, closes: Option<NaiveDateTime>, now: NaiveDateTime) -> Window {
    if opens.is_some_and(|o| now < o) {
        Window::NotYet
    } else if closes.is_some_and(|c| now >= c) {
        Window::Closed
    } else {
        Window::Open
    }
}

/// The form's state at `now`.
pub fn of(form: &Form, now: NaiveDateTime) -> Window {
    at(form.opens_at, form.closes_at, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn opening_is_inclusive_and_closing_exclusive() {
        let (o, c) = (Some(t("2027-05-01 09:00")), Some(t("2027-05-10 09:00")));
        assert_eq!(at(o, c, t("2027-05-01 08:59")), Window::NotYet);
        assert_eq!(at(o, c, t("2027-05-01 09:00")), Window::Open);
        assert_eq!(at(o, c, t("2027-05-10 08:59")), Window::Open);
        assert_eq!(at(o, c, t("2027-05-10 09:00")), Window::Closed);
        assert_eq!(at(None, None, t("2000-01-01 00:00")), Window::Open);
    }
}
