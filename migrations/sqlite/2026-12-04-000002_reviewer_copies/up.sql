-- The anonymised copy of a PDF that reviewers read under double-blind review: made once by a
-- job, stored in the file store like any upload, one per original file. A copy that could not
-- be made has no copy_file_id and says why in error.
CREATE TABLE reviewer_copies (
    id INTEGER PRIMARY KEY,
    source_file_id BIGINT NOT NULL UNIQUE REFERENCES files(id),
    copy_file_id BIGINT REFERENCES files(id),
    error TEXT,
    created_at TIMESTAMP NOT NULL
);
