DROP TABLE evaluation_evidence;
DROP TABLE evaluation_reports;
