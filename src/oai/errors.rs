//! The protocol's errors, with the descriptions of the specification's table (section 3.6).

/// An OAI-PMH error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// Illegal, missing or repeated arguments.
    BadArgument,
    /// An invalid or expired resumption token.
    BadResumptionToken,
    /// A missing, repeated or unknown verb.
    BadVerb,
    /// A format the item or the repository does not have.
    CannotDisseminateFormat,
    /// An unknown identifier.
    IdDoesNotExist,
    /// An empty list.
    NoRecordsMatch,
    /// An item without formats (never here: every record has Dublin Core).
    NoMetadataFormats,
}

impl Code {
    /// The code as the protocol spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BadArgument => "badArgument",
            Code::BadResumptionToken => "badResumptionToken",
            Code::BadVerb => "badVerb",
            Code::CannotDisseminateFormat => "cannotDisseminateFormat",
            Code::IdDoesNotExist => "idDoesNotExist",
            Code::NoRecordsMatch => "noRecordsMatch",
            Code::NoMetadataFormats => "noMetadataFormats",
        }
    }

    /// The specification's description of the code.
    pub fn description(self) -> &'static str {
        match self {
            Code::BadArgument => {
                "The request includes illegal arguments, is missing required arguments, includes a repeated argument, or values for arguments have an illegal syntax."
            }
            Code::BadResumptionToken => "The value of the resumptionToken argument is invalid or expired.",
            Code::BadVerb => {
                "Value of the verb argument is not a legal OAI-PMH verb, the verb argument is missing, or the verb argument is repeated."
            }
            Code::CannotDisseminateFormat => {
                "The metadata format identified by the value given for the metadataPrefix argument is not supported by the item or by the repository."
            }
            Code::IdDoesNotExist => "The value of the identifier argument is unknown or illegal in this repository.",
            Code::NoRecordsMatch => {
                "The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list."
            }
            Code::NoMetadataFormats => "There are no metadata formats available for the specified item.",
        }
    }
}

/// An error to answer with: the code, and what exactly was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiError {
    /// The code.
    pub code: Code,
    /// The specification's description, then the particular reason.
    pub message: String,
}

impl OaiError {
    /// The error `code` because of `detail`.
    pub fn new(code: Code, detail: &str) -> Self {
        let message = if detail.is_empty() {
            code.description().to_string()
        } else {
            format!("{} ({detail})", code.description())
        };
        OaiError { code, message }
    }

    /// Whether the response echoes the request's arguments: not for a bad verb or argument.
    pub fn echoes_arguments(&self) -> bool {
        !matches!(self.code, Code::BadVerb | Code::BadArgument)
    }
}
