DROP TABLE integrity_case_audit;
DROP TABLE integrity_sanctions;
DROP TABLE integrity_case_entries;
DROP TABLE integrity_case_parties;
DROP TABLE integrity_cases;
