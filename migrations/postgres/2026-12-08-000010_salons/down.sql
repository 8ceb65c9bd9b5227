DROP TABLE salon_plan_items;
DROP TABLE salon_theme_proposals;
DROP TABLE salon_plans;
DROP TABLE salon_overrides;
ALTER TABLE registrations DROP COLUMN decision_note;
ALTER TABLE registrations DROP COLUMN field;
ALTER TABLE registrations DROP COLUMN viewpoint;
DROP TABLE salon_settings;
