DROP INDEX jobs_locked_by;
DROP TABLE workers;
