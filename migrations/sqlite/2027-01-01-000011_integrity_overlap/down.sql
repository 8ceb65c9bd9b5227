DROP TABLE integrity_audit;
DROP TABLE integrity_declarations;
DROP TABLE integrity_policies;
DROP TABLE integrity_flags;
DROP TABLE integrity_fingerprints;
DROP TABLE integrity_documents;
