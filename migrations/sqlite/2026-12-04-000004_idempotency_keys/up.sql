-- A creating request sent again (a client retrying after a lost answer, a form posted twice)
-- finds its key here and gets the first request's result instead of making a second object.
-- The row is written in the same transaction as the object, so it exists exactly when the
-- object does.
CREATE TABLE idempotency_keys (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    idem_key TEXT NOT NULL,
    scope TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    resource_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_user_key ON idempotency_keys (user_id, idem_key);
