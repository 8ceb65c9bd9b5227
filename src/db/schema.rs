// Diesel table definitions. Must match both migration sets; the `schema_matches_migrations`
// test compares this file with the live databases.

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Text,
        name_zh -> Text,
        name_latin -> Text,
        affiliation -> Text,
        country -> Text,
        orcid -> Nullable<Text>,
        preferred_lang -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    role_grants (id) {
        id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        scope_kind -> Text,
        scope_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    auth_sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_seen_at -> Timestamp,
        user_agent -> Text,
        ip -> Text,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        token_prefix -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    email_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        scope -> Text,
        scope_key -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> BigInt,
        kind -> Text,
        payload -> Text,
        state -> Text,
        attempts -> Integer,
        max_attempts -> Integer,
        run_at -> Timestamp,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    mails (id) {
        id -> BigInt,
        to_addr -> Text,
        to_name -> Text,
        lang -> Text,
        template -> Text,
        subject -> Text,
        body_text -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    societies (id) {
        id -> BigInt,
        slug -> Text,
        name_zh -> Text,
        name_en -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    venues (id) {
        id -> BigInt,
        society_id -> Nullable<BigInt>,
        slug -> Text,
        kind -> Text,
        title_zh -> Text,
        title_en -> Text,
        description_zh -> Text,
        description_en -> Text,
        starts_on -> Nullable<Date>,
        ends_on -> Nullable<Date>,
        place -> Text,
        timezone -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tracks (id) {
        id -> BigInt,
        venue_id -> BigInt,
        slug -> Text,
        kind -> Text,
        name_zh -> Text,
        name_en -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    journals (id) {
        id -> BigInt,
        society_id -> Nullable<BigInt>,
        slug -> Text,
        name_zh -> Text,
        name_en -> Text,
        issn -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(role_grants -> users (user_id));
diesel::joinable!(auth_sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(venues -> societies (society_id));
diesel::joinable!(tracks -> venues (venue_id));
diesel::joinable!(journals -> societies (society_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    role_grants,
    auth_sessions,
    api_tokens,
    email_tokens,
    login_failures,
    jobs,
    mails,
    societies,
    venues,
    tracks,
    journals,
);
