//! Resumption tokens. They are stateless: the token carries the selection and the key of the
//! last record sent (datestamp, id), so a harvest resumes by keyset whatever happened in
//! between, on any process of a cluster, after a restart. Records hold nothing secret, so the
//! token needs no signature; a token that does not read back is `badResumptionToken`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::errors::{Code, OaiError};
use super::request::Selection;

/// Where a list stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// The selection's format.
    #[serde(rename = "p")]
    pub prefix: String,
    /// The selection's set.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    /// The selection's lower bound.
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDateTime>,
    /// The selection's upper bound.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDateTime>,
    /// Datestamp of the last record sent.
    #[serde(rename = "d")]
    pub after_datestamp: NaiveDateTime,
    /// Id of the last record sent.
    #[serde(rename = "i")]
    pub after_id: i64,
    /// How many records were sent before the next page.
    #[serde(rename = "c")]
    pub cursor: u64,
    /// The list's size when it began.
    #[serde(rename = "t")]
    pub total: u64,
}

impl Resume {
    /// The selection the list was made of.
    pub fn selection(&self) -> Selection {
        Selection {
            prefix: self.prefix.clone(),
            set: self.set.clone(),
            from: self.from,
            until: self.until,
        }
    }

    /// The token's text.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a token serialises"))
    }

    /// Reads a token.
    pub fn decode(token: &str) -> Result<Resume, OaiError> {
        let bad = || OaiError::new(Code::BadResumptionToken, "");
        let bytes = URL_SAFE_NO_PAD.decode(token.as_bytes()).map_err(|_| bad())?;
        let r: Resume = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if r.after_id < 0 || r.prefix.is_empty() {
            return Err(bad());
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_and_garbage_does_not() {
        let t = NaiveDateTime::parse_from_str("2027-01-02 03:04:05", "%Y-%m-%d %H:%M:%S").unwrap();
        let r = Resume {
            prefix: "oai_dc".into(),
            set: Some("journal:demo".into()),
            from: None,
            until: Some(t),
            after_datestamp: t,
            after_id: 42,
            cursor: 100,
            total: 250,
        };
        let token = r.encode();
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(Resume::decode(&token), Ok(r));
        for bad in ["", "abc", "!!!", &URL_SAFE_NO_PAD.encode(b"{\"p\":1}")] {
            assert_eq!(Resume::decode(bad).unwrap_err().code, Code::BadResumptionToken, "{bad}");
        }
    }
}
