//! Reading an OAI-PMH request: the verb and its arguments, checked as the protocol demands
//! (section 3.1 of OAI-PMH 2.0). Pure: the endpoint hands in the pairs of the query string or
//! the form body and gets a request or the protocol error to answer with.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::errors::{Code, OaiError};

/// A harvest's selection, from the request's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The metadata format.
    pub prefix: String,
    /// Only records of this set (or its subsets).
    pub set: Option<String>,
    /// Records changed at or after this.
    pub from: Option<NaiveDateTime>,
    /// Records changed at or before this.
    pub until: Option<NaiveDateTime>,
}

/// A list verb's arguments: a fresh selection or the token of the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// The first page of a selection.
    Fresh(Selection),
    /// A later page.
    Resume(String),
}

/// One of the six verbs with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb {
    /// The repository's description.
    Identify,
    /// The formats, of the repository or of one item.
    ListMetadataFormats(Option<String>),
    /// The sets (no resumption token is ever issued for them).
    ListSets(Option<String>),
    /// One record.
    GetRecord { identifier: String, prefix: String },
    /// Headers only.
    ListIdentifiers(Listing),
    /// Whole records.
    ListRecords(Listing),
}

impl Verb {
    /// The verb's name as the protocol spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Verb::Identify => "Identify",
            Verb::ListMetadataFormats(_) => "ListMetadataFormats",
            Verb::ListSets(_) => "ListSets",
            Verb::GetRecord { .. } => "GetRecord",
            Verb::ListIdentifiers(_) => "ListIdentifiers",
            Verb::ListRecords(_) => "ListRecords",
        }
    }
}

/// A parsed request: the verb, and the arguments as given (echoed in the response's `request`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// What was asked.
    pub verb: Verb,
    /// The arguments, verb first, as received.
    pub echo: Vec<(String, String)>,
}

const VERBS: [&str; 6] = [
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "GetRecord",
    "ListIdentifiers",
    "ListRecords",
];

/// Reads the request's pairs. On `badVerb` and `badArgument` the response echoes no arguments
/// (the protocol says so); other errors come later, from the repository's answer.
pub fn parse(pairs: &[(String, String)]) -> Result<Request, OaiError> {
    let verbs: Vec<&str> = pairs.iter().filter(|(k, _)| k == "verb").map(|(_, v)| v.as_str()).collect();
    let verb = match verbs.as_slice() {
        [] => return Err(OaiError::new(Code::BadVerb, "the verb argument is missing")),
        [v] if VERBS.contains(v) => *v,
        [v] => return Err(OaiError::new(Code::BadVerb, &format!("{v} is not a verb"))),
        _ => return Err(OaiError::new(Code::BadVerb, "the verb argument is repeated")),
    };
    let args: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "verb").collect();
    for (i, (k, _)) in args.iter().enumerate() {
        if args[..i].iter().any(|(other, _)| other == k) {
            return Err(OaiError::new(Code::BadArgument, &format!("{k} is repeated")));
        }
    }
    let get = |name: &str| args.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let allow = |allowed: &[&str]| -> Result<(), OaiError> {
        match args.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            Some((k, _)) => Err(OaiError::new(Code::BadArgument, &format!("{verb} takes no {k} argument"))),
            None => Ok(()),
        }
    };
    let require = |name: &str| -> Result<String, OaiError> {
        get(name).ok_or_else(|| OaiError::new(Code::BadArgument, &format!("{verb} needs the {name} argument")))
    };
    let parsed = match verb {
        "Identify" => {
            allow(&[])?;
            Verb::Identify
        }
        "ListMetadataFormats" => {
            allow(&["identifier"])?;
            Verb::ListMetadataFormats(get("identifier"))
        }
        "ListSets" => {
            allow(&["resumptionToken"])?;
            Verb::ListSets(get("resumptionToken"))
        }
        "GetRecord" => {
            allow(&["identifier", "metadataPrefix"])?;
            Verb::GetRecord {
                identifier: require("identifier")?,
                prefix: require("metadataPrefix")?,
            }
        }
        _ => {
            let listing = match get("resumptionToken") {
                // The token is exclusive: nothing else beside it.
                Some(token) => {
                    allow(&["resumptionToken"])?;
                    Listing::Resume(token)
                }
                None => {
                    allow(&["metadataPrefix", "set", "from", "until"])?;
                    Listing::Fresh(selection(
                        require("metadataPrefix")?,
                        get("set"),
                        get("from").as_deref(),
                        get("until").as_deref(),
                    )?)
                }
            };
            if verb == "ListRecords" {
                Verb::ListRecords(listing)
            } else {
                Verb::ListIdentifiers(listing)
            }
        }
    };
    Ok(Request {
        verb: parsed,
        echo: pairs.to_vec(),
    })
}

/// Granularity of a datestamp argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Granularity {
    Day,
    Second,
}

/// A datestamp argument; `end` says it bounds from above (a day then means its last second).
fn datestamp(name: &str, value: &str, end: bool) -> Result<(NaiveDateTime, Granularity), OaiError> {
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        && value.len() == 10
    {
        let time = if end {
            NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time")
        } else {
            NaiveTime::MIN
        };
        return Ok((day.and_time(time), Granularity::Day));
    }
    if value.len() == 20
        && let Ok(t) = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%SZ")
    {
        return Ok((t, Granularity::Second));
    }
    Err(OaiError::new(
        Code::BadArgument,
        &format!("{name} is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ)"),
    ))
}

/// A fresh selection, its dates checked: both of one granularity, `from` not after `until`.
fn selection(prefix: String, set: Option<String>, from: Option<&str>, until: Option<&str>) -> Result<Selection, OaiError> {
    let from = from.map(|v| datestamp("from", v, false)).transpose()?;
    let until = until.map(|v| datestamp("until", v, true)).transpose()?;
    if let (Some((f, fg)), Some((u, ug))) = (from, until) {
        if fg != ug {
            return Err(OaiError::new(Code::BadArgument, "from and until have different granularities"));
        }
        if f > u {
            return Err(OaiError::new(Code::BadArgument, "from is after until"));
        }
    }
    Ok(Selection {
        prefix,
        set,
        from: from.map(|(t, _)| t),
        until: until.map(|(t, _)| t),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(q: &str) -> Result<Verb, Code> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).unwrap();
        parse(&pairs).map(|r| r.verb).map_err(|e| e.code)
    }

    #[test]
    fn verbs_and_their_arguments() {
        assert_eq!(req("verb=Identify"), Ok(Verb::Identify));
        assert_eq!(req("verb=ListMetadataFormats"), Ok(Verb::ListMetadataFormats(None)));
        assert_eq!(
            req("verb=ListMetadataFormats&identifier=oai:x.org:article/1"),
            Ok(Verb::ListMetadataFormats(Some("oai:x.org:article/1".into())))
        );
        assert_eq!(
            req("verb=GetRecord&identifier=i&metadataPrefix=oai_dc"),
            Ok(Verb::GetRecord {
                identifier: "i".into(),
                prefix: "oai_dc".into()
            })
        );
        assert_eq!(
            req("verb=ListRecords&resumptionToken=abc"),
            Ok(Verb::ListRecords(Listing::Resume("abc".into())))
        );
        let Ok(Verb::ListIdentifiers(Listing::Fresh(s))) =
            req("verb=ListIdentifiers&metadataPrefix=oai_dc&set=journal&from=2027-01-01&until=2027-01-31")
        else {
            panic!("a fresh listing")
        };
        assert_eq!(s.set.as_deref(), Some("journal"));
        assert_eq!(s.from.unwrap().to_string(), "2027-01-01 00:00:00");
        assert_eq!(s.until.unwrap().to_string(), "2027-01-31 23:59:59");
    }

    #[test]
    fn bad_verbs() {
        for q in ["", "verb=Foo", "verb=Identify&verb=Identify", "verb=identify"] {
            assert_eq!(req(q), Err(Code::BadVerb), "{q}");
        }
    }

    #[test]
    fn bad_arguments() {
        for q in [
            "verb=Identify&set=x",
            "verb=GetRecord&identifier=i",
            "verb=GetRecord&metadataPrefix=oai_dc",
            "verb=ListRecords",
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            "verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc",
            "verb=ListIdentifiers&resumptionToken=abc&set=x",
            "verb=ListRecords&metadataPrefix=oai_dc&from=2027-13-01",
            "verb=ListRecords&metadataPrefix=oai_dc&from=2027-01-01T00:00:00",
            "verb=ListRecords&metadataPrefix=oai_dc&from=2027-01-01&until=2027-02-01T00:00:00Z",
            "verb=ListRecords&metadataPrefix=oai_dc&from=2027-02-01&until=2027-01-01",
            "verb=ListSets&set=x",
        ] {
            assert_eq!(req(q), Err(Code::BadArgument), "{q}");
        }
    }

    #[test]
    fn second_granularity() {
        let Ok(Verb::ListRecords(Listing::Fresh(s))) =
            req("verb=ListRecords&metadataPrefix=oai_dc&from=2027-01-01T10:00:00Z&until=2027-01-01T10:00:00Z")
        else {
            panic!("a fresh listing")
        };
        assert_eq!(s.from, s.until);
    }
}
