DROP TABLE evaluation_overrides;
