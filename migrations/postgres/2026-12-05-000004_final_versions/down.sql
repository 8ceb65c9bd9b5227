DROP TABLE proceedings_papers;
DROP TABLE proceedings_volumes;
DROP TABLE consents;
DROP TABLE final_author_changes;
DROP TABLE final_versions;
DROP TABLE final_phases;
