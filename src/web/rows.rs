//! Lists on organisers' forms as rows of real inputs.
//!
//! A list is posted as one input per cell, named `list[i].field` (`tracks[2].slug`), which is
//! also the key a validation error of that cell carries, so the page shows the error next to
//! the input. [`decode`] turns such a body into JSON (`{"tracks": [{"slug": ..}, ..]}`), so a
//! form struct reads its rows like the API reads its arrays. [`Rows`] holds a form's rows: it
//! renders the rows typed plus a few blank spare ones (`spare: true`, hidden by
//! `static/xuehui.js` until "add a row" reveals them; shown when JavaScript is off). Blank rows
//! and rows ticked "remove" are left out of the API input; [`Kept`] remembers which row each
//! item came from, so errors the shared validation gives about `tracks[0]` name the row.

use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{AppError, FieldErrors};

/// Most rows a posted list may have.
pub const MAX_ROWS: usize = 200;
/// Blank rows rendered after the last typed one.
pub const SPARE_ROWS: usize = 5;

/// One row of a form list.
pub trait Row: Default + Serialize {
    /// Nothing typed (selects and checkboxes alone do not count): the row is ignored.
    fn is_blank(&self) -> bool;
    /// The "remove" box is ticked: the row is left out, but shown again if the form has errors.
    fn removed(&self) -> bool {
        false
    }
}

/// Splits `list[i].field` into its parts.
fn row_key(key: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = key.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    let field = rest.strip_prefix('.')?;
    if list.is_empty() || field.is_empty() || index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((list, index.parse().ok()?, field))
}

/// An urlencoded body as a JSON object: plain names become strings (the last of repeated ones
/// wins), `list[i].field` names become arrays of row objects (missing rows are empty objects).
pub fn decode(body: &[u8]) -> Result<Value, AppError> {
    let mut out = Map::new();
    for (key, value) in url::form_urlencoded::parse(body) {
        match row_key(&key) {
            Some((list, index, field)) => {
                if index >= MAX_ROWS {
                    return Err(AppError::BadRequest(format!("at most {MAX_ROWS} rows in `{list}`")));
                }
                let rows = out.entry(list.to_string()).or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(rows) = rows else {
                    return Err(AppError::BadRequest(format!("`{list}` is both a field and a list")));
                };
                while rows.len() <= index {
                    rows.push(Value::Object(Map::new()));
                }
                if let Value::Object(row) = &mut rows[index] {
                    row.insert(field.to_string(), Value::String(value.into_owned()));
                }
            }
            None => {
                if matches!(out.get(key.as_ref()), Some(Value::Array(_))) {
                    return Err(AppError::BadRequest(format!("`{key}` is both a field and a list")));
                }
                out.insert(key.into_owned(), Value::String(value.into_owned()));
            }
        }
    }
    Ok(Value::Object(out))
}

/// Reads a form struct from an urlencoded body with rows.
pub fn from_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_value(decode(body)?).map_err(|e| AppError::BadRequest(format!("malformed form: {e}")))
}

/// A checkbox: ticked when posted with any value (or `true` in JSON).
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Tick {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Tick>::deserialize(d)? {
        None => false,
        Some(Tick::Bool(b)) => b,
        Some(Tick::Text(t)) => !t.is_empty(),
    })
}

/// The rows of one list on a form, rendered with `SPARE` blank rows after the last typed one.
#[derive(Debug, Clone)]
pub struct Rows<R, const SPARE: usize = SPARE_ROWS>(pub Vec<R>);

impl<R, const SPARE: usize> Default for Rows<R, SPARE> {
    fn default() -> Self {
        Rows(Vec::new())
    }
}

impl<R, const SPARE: usize> Rows<R, SPARE> {
    /// Rows from stored items.
    pub fn of<T>(items: impl IntoIterator<Item = T>, row: impl Fn(T) -> R) -> Self {
        Rows(items.into_iter().map(row).collect())
    }
}

impl<'de, R: Deserialize<'de>, const SPARE: usize> Deserialize<'de> for Rows<R, SPARE> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Rows(Vec::<R>::deserialize(d)?))
    }
}

/// Renders the rows up to the last one typed, then `SPARE` blank ones; each row gets `i` (its
/// index), `blank`, and `spare` (a blank row that waits hidden for "add a row"; the first blank
/// row of an empty list is shown).
impl<R: Row, const SPARE: usize> Serialize for Rows<R, SPARE> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let used = self.0.iter().rposition(|r| !r.is_blank()).map_or(0, |p| p + 1);
        let blank = R::default();
        let mut seq = s.serialize_seq(Some(used + SPARE))?;
        for i in 0..used + SPARE {
            let row = self.0.get(i).filter(|_| i < used).unwrap_or(&blank);
            let mut v = serde_json::to_value(row).map_err(serde::ser::Error::custom)?;
            if let Value::Object(o) = &mut v {
                o.insert("i".into(), i.into());
                o.insert("spare".into(), (i >= used && !(used == 0 && i == 0)).into());
                o.insert("blank".into(), row.is_blank().into());
            }
            seq.serialize_element(&v)?;
        }
        seq.end()
    }
}

/// Where the items of an API list came from on the form.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    list: String,
    rows: Vec<usize>,
}

impl<R: Row, const SPARE: usize> Rows<R, SPARE> {
    /// The rows that count (typed, not removed) converted to the API's items, with the row each
    /// came from.
    pub fn kept<T>(&self, list: &str, mut convert: impl FnMut(usize, &R) -> T) -> (Vec<T>, Kept) {
        let mut items = Vec::new();
        let mut rows = Vec::new();
        for (i, r) in self.0.iter().enumerate() {
            if r.is_blank() || r.removed() {
                continue;
            }
            items.push(convert(i, r));
            rows.push(i);
        }
        (
            items,
            Kept {
                list: list.to_string(),
                rows,
            },
        )
    }
}

impl Kept {
    /// Renames error keys `list[k].field` of item `k` to the row it came from.
    pub fn renumber(&self, fields: FieldErrors) -> FieldErrors {
        fields
            .into_iter()
            .map(|(key, message)| match row_key(&key) {
                Some((list, k, field)) if list == self.list => match self.rows.get(k) {
                    Some(row) => (format!("{list}[{row}].{field}"), message),
                    None => (key, message),
                },
                _ => (key, message),
            })
            .collect()
    }
}

/// Renames the row errors of a validation error for each list (other errors pass unchanged).
pub fn renumber(err: AppError, kept: &[&Kept]) -> AppError {
    match err {
        AppError::Validation { mut fields } => {
            for k in kept {
                fields = k.renumber(fields);
            }
            AppError::Validation { fields }
        }
        other => other,
    }
}

/// Row errors nested for templates, `{"tracks": {"2": {"slug": "..."}}}` (Tera cannot look up
/// a key holding `[` or `.`); pages get it as `row_errors` beside the flat `errors`.
pub fn nested_errors<'a>(errors: impl IntoIterator<Item = (&'a String, &'a String)>) -> Value {
    let mut out = Map::new();
    for (key, message) in errors {
        if let Some((list, i, field)) = row_key(key) {
            let rows = out.entry(list.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(rows) = rows
                && let Value::Object(row) = rows.entry(i.to_string()).or_insert_with(|| Value::Object(Map::new()))
            {
                row.insert(field.to_string(), Value::String(message.clone()));
            }
        }
    }
    Value::Object(out)
}

/// The error key of one cell.
pub fn key(list: &str, i: usize, field: &str) -> String {
    format!("{list}[{i}].{field}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Serialize, Deserialize)]
    struct T {
        #[serde(default)]
        name: String,
        #[serde(default, deserialize_with = "checkbox")]
        remove: bool,
    }
    impl Row for T {
        fn is_blank(&self) -> bool {
            self.name.trim().is_empty()
        }
        fn removed(&self) -> bool {
            self.remove
        }
    }
    #[derive(Debug, Deserialize)]
    struct F {
        title: String,
        #[serde(default)]
        items: Rows<T>,
    }

    #[test]
    fn rows_decode_by_index_and_plain_fields_stay() {
        let f: F = from_body(b"title=x&items%5B1%5D.name=b&items%5B0%5D.name=a&items%5B2%5D.remove=on&items%5B2%5D.name=c").unwrap();
        assert_eq!(f.title, "x");
        assert_eq!(f.items.0.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(f.items.0[2].remove);
        assert!(from_body::<F>(b"title=x&items%5B999%5D.name=a").is_err());
        assert!(from_body::<F>(b"items=x&items%5B0%5D.name=a").is_err());
    }

    #[test]
    fn blank_and_removed_rows_are_left_out_and_errors_name_their_row() {
        let rows: Rows<T> = Rows(vec![
            T {
                name: "a".into(),
                remove: false,
            },
            T::default(),
            T {
                name: "gone".into(),
                remove: true,
            },
            T {
                name: "d".into(),
                remove: false,
            },
        ]);
        let (items, kept) = rows.kept("items", |_, t| t.name.clone());
        assert_eq!(items, ["a", "d"]);
        let mut f = FieldErrors::new();
        f.insert("items[1].name".into(), "bad".into());
        f.insert("items".into(), "whole".into());
        f.insert("other[1].name".into(), "x".into());
        let AppError::Validation { fields } = renumber(AppError::Validation { fields: f }, &[&kept]) else {
            panic!()
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["items", "items[3].name", "other[1].name"]);
    }

    #[test]
    fn rendering_adds_spare_rows_after_the_last_typed_one() {
        let v = serde_json::to_value(Rows::<T>(vec![
            T::default(),
            T {
                name: "b".into(),
                remove: false,
            },
            T::default(),
        ]))
        .unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 2 + SPARE_ROWS);
        assert_eq!(rows[0]["spare"], false, "a blank row between typed ones stays");
        assert_eq!(rows[2]["spare"], true);
        let empty = serde_json::to_value(Rows::<T>::default()).unwrap();
        assert_eq!(empty[0]["spare"], false, "an empty list shows one row");
        assert_eq!(empty[1]["spare"], true);
    }
}
