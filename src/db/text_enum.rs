//! Statuses, roles and kinds stored as text: one enum per set of values, read from and written
//! to a text column, sent as the same text in JSON and shown as an enum in the OpenAPI document.
//! A value the code does not know fails the read instead of passing through as a string.

/// A stored text that names no value of the enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a known {what}")]
pub struct Unknown {
    /// The enum's name.
    pub what: &'static str,
    /// The text found.
    pub text: String,
}

impl From<Unknown> for crate::error::AppError {
    fn from(err: Unknown) -> Self {
        crate::error::AppError::caused("reading a stored value", err)
    }
}

/// Declares a text enum: `text_enum! { /// doc  pub enum Status { Draft = "draft", ... } }`.
/// Model fields of the type read through `#[diesel(deserialize_as = String)]`; a value is a
/// text expression in filters and writes (`status.eq(Status::Draft)`).
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:tt),+ $(,)? }) => {
        // The derive comes first, so that a `#[schema(as = ..)]` among the attributes applies.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and sent text.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value named by `text`, if any.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::db::text_enum::Unknown;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::parse(text).ok_or_else(|| $crate::db::text_enum::Unknown { what: stringify!($name), text: text.to_string() })
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::db::text_enum::Unknown;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                text.parse()
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_string()
            }
        }

        impl diesel::expression::AsExpression<diesel::sql_types::Text> for $name {
            type Expression = <&'static str as diesel::expression::AsExpression<diesel::sql_types::Text>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <&'static str as diesel::expression::AsExpression<diesel::sql_types::Text>>::as_expression(self.as_str())
            }
        }

        impl diesel::expression::AsExpression<diesel::sql_types::Nullable<diesel::sql_types::Text>> for $name {
            type Expression =
                <&'static str as diesel::expression::AsExpression<diesel::sql_types::Nullable<diesel::sql_types::Text>>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <&'static str as diesel::expression::AsExpression<diesel::sql_types::Nullable<diesel::sql_types::Text>>>::as_expression(
                    self.as_str(),
                )
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$name> for &String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::text_enum! {
        /// A test set.
        pub enum Colour { Red = "red", DarkBlue = "dark_blue" }
    }

    #[test]
    fn values_read_and_write_as_their_text() {
        assert_eq!(Colour::DarkBlue.as_str(), "dark_blue");
        assert_eq!("red".parse::<Colour>(), Ok(Colour::Red));
        assert_eq!(Colour::try_from("dark_blue".to_string()), Ok(Colour::DarkBlue));
        assert_eq!(String::from(Colour::Red), "red");
        assert_eq!(serde_json::to_string(&Colour::DarkBlue).unwrap(), r#""dark_blue""#);
        assert_eq!(serde_json::from_str::<Colour>(r#""red""#).unwrap(), Colour::Red);
        assert_eq!(Colour::ALL, &[Colour::Red, Colour::DarkBlue]);
        assert!(Colour::Red == "red");
    }

    #[test]
    fn an_unknown_text_is_an_error_naming_the_set() {
        let e = "green".parse::<Colour>().unwrap_err();
        assert_eq!(e.to_string(), r#""green" is not a known Colour"#);
        assert!(serde_json::from_str::<Colour>(r#""Red""#).is_err());
    }
}
