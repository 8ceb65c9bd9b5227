DROP TABLE salon_minutes_statements;
DROP TABLE salon_minutes;
