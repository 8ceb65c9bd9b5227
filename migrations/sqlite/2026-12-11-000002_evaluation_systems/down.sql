DROP TABLE evaluation_system_versions;
DROP TABLE evaluation_systems;
