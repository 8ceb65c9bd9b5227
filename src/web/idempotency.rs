//! Creating requests that may safely be sent twice.
//!
//! A client that loses the answer to a creating request (a timeout, a dropped connection, a
//! crash of the server after the commit) cannot know whether it worked; a person may press
//! "Submit" twice. With an `Idempotency-Key` header (API) or the form's one-time `once` field
//! (pages), the first request records its key in the transaction that creates the object; a
//! repeat with the same key gets that object instead of a second one, and the key reused for a
//! different request is refused (the IETF `Idempotency-Key` draft's rules).

use actix_web::HttpRequest;
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::idempotency_keys as k;
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};

/// The request header that carries the key.
pub const HEADER: &str = "Idempotency-Key";

/// How long a key is remembered: longer than any client retries.
const KEPT_FOR_DAYS: i64 = 7;

/// Longest key accepted (the draft suggests UUIDs; 255 leaves room for other schemes).
const MAX_KEY_LEN: usize = 255;

/// One creating request's claim on a key: who sent it, what it creates, and a digest of what
/// it contained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The caller.
    pub user_id: i64,
    /// The key as sent (pages prefix theirs with `form:`).
    pub key: String,
    /// What kind of object in which place, e.g. `submission:icml-2027:` (venue and track).
    pub scope: String,
    /// SHA-256 over the request's content, to tell a repeat from a different request.
    pub fingerprint: String,
}

/// What an earlier request with the same key left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    scope: String,
    fingerprint: String,
    /// The object it created.
    pub resource_id: i64,
}

/// Checks a key's form: 1 to 255 visible ASCII characters.
pub fn parse_key(raw: &str) -> Result<String, AppError> {
    let key = raw.trim();
    if key.is_empty() || key.len() > MAX_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::BadRequest(format!(
            "{HEADER} must be 1 to {MAX_KEY_LEN} visible ASCII characters (e.g. a UUID)"
        )));
    }
    Ok(key.to_string())
}

/// The key of an API request, if it sent one; a malformed one is a 400.
pub fn key_of(req: &HttpRequest) -> Result<Option<String>, AppError> {
    match req.headers().get(HEADER) {
        None => Ok(None),
        Some(v) => {
            let raw = v
                .to_str()
                .map_err(|_| AppError::BadRequest(format!("{HEADER} must be visible ASCII characters")))?;
            parse_key(raw).map(Some)
        }
    }
}

/// SHA-256 (hex) over the parts of a request, each length-prefixed so that parts cannot run
/// into each other.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    hex::encode(h.finalize())
}

/// The decision for a request whose key was used before: the same request gets the earlier
/// object; anything else with that key is refused.
pub fn replay(earlier: &Earlier, claim: &Claim) -> AppResult<i64> {
    if earlier.scope != claim.scope || earlier.fingerprint != claim.fingerprint {
        return Err(AppError::Validation {
            fields: [("idempotency_key".to_string(), "validation.idempotency_key_reused".to_string())].into(),
        });
    }
    Ok(earlier.resource_id)
}

fn oldest_kept(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::days(KEPT_FOR_DAYS)
}

/// What an earlier request with this claim's user and key left, if it is still remembered.
pub fn earlier(conn: &mut AnyConnection, claim: &Claim) -> AppResult<Option<Earlier>> {
    let row: Option<(String, String, i64)> = k::table
        .filter(k::user_id.eq(claim.user_id))
        .filter(k::idem_key.eq(&claim.key))
        .filter(k::created_at.ge(oldest_kept(Utc::now().naive_utc())))
        .select((k::scope, k::fingerprint, k::resource_id))
        .first(conn)
        .optional()?;
    Ok(row.map(|(scope, fingerprint, resource_id)| Earlier {
        scope,
        fingerprint,
        resource_id,
    }))
}

/// Records that `claim` created `resource_id`; call it in the transaction that creates the
/// object. A concurrent request with the same key fails here on the unique index, rolls back,
/// and then finds this one's row with [`earlier`].
pub fn record(conn: &mut AnyConnection, claim: &Claim, resource_id: i64) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    // Forgotten keys of this user make room (and a forgotten key may be used again).
    diesel::delete(
        k::table
            .filter(k::user_id.eq(claim.user_id))
            .filter(k::created_at.lt(oldest_kept(now))),
    )
    .execute(conn)?;
    diesel::insert_into(k::table)
        .values((
            k::user_id.eq(claim.user_id),
            k::idem_key.eq(&claim.key),
            k::scope.eq(&claim.scope),
            k::fingerprint.eq(&claim.fingerprint),
            k::resource_id.eq(resource_id),
            k::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// What a creating request led to: a new object, or the one an earlier send of the same
/// request made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// Made by this request.
    New(i64),
    /// Made by an earlier send with the same key and content.
    Again(i64),
}

impl Created {
    /// The object's id, either way.
    pub fn id(self) -> i64 {
        match self {
            Created::New(id) | Created::Again(id) => id,
        }
    }
}

/// Runs `create` (which returns the new object's id) in one transaction, once per claim: with a
/// claim already used, the earlier object is returned instead; of two concurrent sends, the
/// second fails on the unique index, and then finds the first's object.
pub async fn create_once<F>(db: &Db, claim: Option<Claim>, create: F) -> AppResult<Created>
where
    F: FnOnce(&mut AnyConnection) -> AppResult<i64> + Send + 'static,
{
    let Some(claim) = claim else {
        return db.tx(create).await.map(Created::New);
    };
    let c = claim.clone();
    let result = db
        .tx(move |conn| {
            if let Some(found) = earlier(conn, &c)? {
                return replay(&found, &c).map(Created::Again);
            }
            let id = create(conn)?;
            record(conn, &c, id)?;
            Ok(Created::New(id))
        })
        .await;
    match result {
        Ok(created) => Ok(created),
        Err(e) => {
            let c = claim.clone();
            match db.run(move |conn| earlier(conn, &c)).await? {
                Some(found) => replay(&found, &claim).map(Created::Again),
                None => Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(scope: &str, fp: &str) -> Claim {
        Claim {
            user_id: 1,
            key: "k".into(),
            scope: scope.into(),
            fingerprint: fp.into(),
        }
    }

    #[test]
    fn the_same_request_again_gets_the_earlier_object() {
        let earlier = Earlier {
            scope: "submission:a:".into(),
            fingerprint: "f".into(),
            resource_id: 7,
        };
        assert_eq!(replay(&earlier, &claim("submission:a:", "f")).unwrap(), 7);
        assert!(matches!(
            replay(&earlier, &claim("submission:a:", "g")),
            Err(AppError::Validation { .. })
        ));
        assert!(matches!(
            replay(&earlier, &claim("submission:b:", "f")),
            Err(AppError::Validation { .. })
        ));
    }

    #[test]
    fn keys_are_visible_ascii_of_bounded_length() {
        assert_eq!(parse_key(" 3f2a-77 ").unwrap(), "3f2a-77");
        for bad in ["", "   ", "a b", "键", &"x".repeat(256)] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn fingerprints_do_not_let_parts_run_together() {
        assert_ne!(fingerprint([b"ab".as_slice(), b"c"]), fingerprint([b"a".as_slice(), b"bc"]));
        assert_eq!(fingerprint([b"ab".as_slice()]), fingerprint([b"ab".as_slice()]));
    }
}
