-- Salons: the rules' numbers per salon, applications' viewpoint and field on registrations
-- (with the reason of a decision), overrides of the balance rules, and societies' annual salon
-- plans with the themes anyone may propose.
CREATE TABLE salon_settings (
    venue_id BIGINT PRIMARY KEY REFERENCES venues(id) ON DELETE CASCADE,
    participants_min INTEGER NOT NULL,
    participants_max INTEGER NOT NULL,
    unit_field_max INTEGER NOT NULL,
    young_age INTEGER NOT NULL,
    young_share_permille INTEGER NOT NULL,
    talk_max_min INTEGER NOT NULL,
    key_talk_max_min INTEGER NOT NULL,
    intervention_max_min INTEGER NOT NULL,
    debate_min_pct INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

ALTER TABLE registrations ADD COLUMN viewpoint TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';

CREATE TABLE salon_overrides (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX salon_overrides_venue ON salon_overrides (venue_id, created_at);

CREATE TABLE salon_plans (
    id INTEGER PRIMARY KEY,
    society_id BIGINT NOT NULL REFERENCES societies(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    intro_zh TEXT NOT NULL,
    intro_en TEXT NOT NULL,
    published_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX salon_plans_year ON salon_plans (society_id, year);

CREATE TABLE salon_theme_proposals (
    id INTEGER PRIMARY KEY,
    society_id BIGINT NOT NULL REFERENCES societies(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    theme_zh TEXT NOT NULL,
    theme_en TEXT NOT NULL,
    rationale TEXT NOT NULL,
    lead_scientist TEXT NOT NULL,
    status TEXT NOT NULL,
    decision_note TEXT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX salon_theme_proposals_year ON salon_theme_proposals (society_id, year, created_at);

CREATE TABLE salon_plan_items (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES salon_plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    theme_zh TEXT NOT NULL,
    theme_en TEXT NOT NULL,
    lead_scientists TEXT NOT NULL,
    starts_on DATE,
    ends_on DATE,
    place TEXT NOT NULL,
    venue_id BIGINT REFERENCES venues(id) ON DELETE SET NULL,
    proposal_id BIGINT REFERENCES salon_theme_proposals(id) ON DELETE SET NULL
);
CREATE INDEX salon_plan_items_plan ON salon_plan_items (plan_id, position);
