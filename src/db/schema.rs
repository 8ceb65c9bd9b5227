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
        birth_year -> Nullable<Integer>,
        expertise -> Text,
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
        client -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (id) {
        id -> BigInt,
        user_id -> BigInt,
        idem_key -> Text,
        scope -> Text,
        fingerprint -> Text,
        resource_id -> BigInt,
        created_at -> Timestamp,
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
        priority -> Integer,
    }
}

diesel::table! {
    workers (id) {
        id -> Text,
        host -> Text,
        pid -> BigInt,
        started_at -> Timestamp,
        heartbeat_at -> Timestamp,
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
        attachment_name -> Text,
        attachment_type -> Text,
        attachment -> Text,
        attempts -> Integer,
        last_error -> Text,
        last_attempt_at -> Nullable<Timestamp>,
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
        online_url -> Text,
        age_limit -> Nullable<Integer>,
        submission_counter -> Integer,
        opened_at -> Nullable<Timestamp>,
        previous_venue_id -> Nullable<BigInt>,
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
        age_limit -> Nullable<Integer>,
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
        eissn -> Nullable<Text>,
        cn -> Nullable<Text>,
        publisher -> Text,
        country -> Text,
        languages -> Text,
        kind -> Text,
        website -> Text,
        updated_at -> Nullable<Timestamp>,
        manuscript_count -> Integer,
    }
}

diesel::table! {
    venue_topics (id) {
        id -> BigInt,
        venue_id -> BigInt,
        position -> Integer,
        name_zh -> Text,
        name_en -> Text,
    }
}

diesel::table! {
    calls (id) {
        id -> BigInt,
        venue_id -> BigInt,
        track_id -> Nullable<BigInt>,
        abstract_deadline -> Nullable<Timestamp>,
        paper_deadline -> Timestamp,
        grace_minutes -> Integer,
        page_limit -> Nullable<Integer>,
        max_file_mb -> Integer,
        supp_max_mb -> Integer,
        anonymity -> Text,
        only_corresponding_edits -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    call_questions (id) {
        id -> BigInt,
        call_id -> BigInt,
        position -> Integer,
        kind -> Text,
        label_zh -> Text,
        label_en -> Text,
        options -> Text,
        required -> Bool,
    }
}

diesel::table! {
    files (id) {
        id -> BigInt,
        sha256 -> Text,
        size_bytes -> BigInt,
        content_type -> Text,
        original_name -> Text,
        page_count -> Nullable<Integer>,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviewer_copies (id) {
        id -> BigInt,
        source_file_id -> BigInt,
        copy_file_id -> Nullable<BigInt>,
        error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    submissions (id) {
        id -> BigInt,
        venue_id -> BigInt,
        call_id -> BigInt,
        track_id -> Nullable<BigInt>,
        number -> Integer,
        status -> Text,
        title_zh -> Text,
        title_en -> Text,
        abstract_text -> Text,
        keywords -> Text,
        answers -> Text,
        version -> Integer,
        pdf_file_id -> Nullable<BigInt>,
        supp_file_id -> Nullable<BigInt>,
        extension_until -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        pdf_public -> Bool,
    }
}

diesel::table! {
    submission_topics (submission_id, topic_id) {
        submission_id -> BigInt,
        topic_id -> BigInt,
    }
}

diesel::table! {
    submission_authors (id) {
        id -> BigInt,
        submission_id -> BigInt,
        position -> Integer,
        name_zh -> Text,
        name_latin -> Text,
        email -> Text,
        affiliation -> Text,
        country -> Text,
        orcid -> Nullable<Text>,
        is_corresponding -> Bool,
        is_presenter -> Bool,
        confirmed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    submission_versions (id) {
        id -> BigInt,
        submission_id -> BigInt,
        version -> Integer,
        event -> Text,
        snapshot -> Text,
        pdf_file_id -> Nullable<BigInt>,
        supp_file_id -> Nullable<BigInt>,
        changed_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    committee_members (id) {
        id -> BigInt,
        venue_id -> BigInt,
        email -> Text,
        name -> Text,
        user_id -> Nullable<BigInt>,
        role -> Text,
        status -> Text,
        token_hash -> Text,
        invited_by -> Nullable<BigInt>,
        invited_at -> Timestamp,
        responded_at -> Nullable<Timestamp>,
        decline_reason -> Text,
        suggestion -> Text,
        min_load -> Nullable<Integer>,
        max_load -> Nullable<Integer>,
    }
}

diesel::table! {
    member_topics (member_id, topic_id) {
        member_id -> BigInt,
        topic_id -> BigInt,
    }
}

diesel::table! {
    past_papers (id) {
        id -> BigInt,
        user_id -> BigInt,
        title -> Text,
        abstract_text -> Text,
        year -> Nullable<Integer>,
        submission_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    conflicts (id) {
        id -> BigInt,
        venue_id -> BigInt,
        submission_id -> BigInt,
        user_id -> BigInt,
        status -> Text,
        source -> Text,
        reason -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    bids (submission_id, user_id) {
        submission_id -> BigInt,
        user_id -> BigInt,
        value -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    imported_affinities (submission_id, user_id) {
        submission_id -> BigInt,
        user_id -> BigInt,
        score -> Double,
    }
}

diesel::table! {
    review_settings (venue_id) {
        venue_id -> BigInt,
        reviewers_per_paper -> Integer,
        min_load -> Integer,
        max_load -> Integer,
        weight_bid -> Double,
        weight_topic -> Double,
        weight_text -> Double,
        use_imported -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    paper_demands (submission_id) {
        submission_id -> BigInt,
        reviewers -> Integer,
    }
}

diesel::table! {
    assignments (id) {
        id -> BigInt,
        venue_id -> BigInt,
        submission_id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        source -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    assignment_runs (id) {
        id -> BigInt,
        venue_id -> BigInt,
        role -> Text,
        mode -> Text,
        params -> Text,
        proposal -> Text,
        status -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    review_forms (venue_id) {
        venue_id -> BigInt,
        fields -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    review_phases (venue_id) {
        venue_id -> BigInt,
        review_deadline -> Nullable<Timestamp>,
        reminder_days -> Text,
        discussion_after_review -> Bool,
        reviews_to_authors -> Bool,
        rebuttal_opens -> Nullable<Timestamp>,
        rebuttal_deadline -> Nullable<Timestamp>,
        rebuttal_max_chars -> Integer,
        decision_labels -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> BigInt,
        venue_id -> BigInt,
        submission_id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        status -> Text,
        answers -> Text,
        overall -> Nullable<Integer>,
        confidence -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        edits_after_submit -> Integer,
    }
}

diesel::table! {
    discussion_posts (id) {
        id -> BigInt,
        venue_id -> BigInt,
        submission_id -> BigInt,
        user_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        role -> Text,
    }
}

diesel::table! {
    rebuttals (submission_id) {
        submission_id -> BigInt,
        venue_id -> BigInt,
        body -> Text,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    decisions (submission_id) {
        submission_id -> BigInt,
        venue_id -> BigInt,
        label -> Text,
        decided_by -> BigInt,
        decided_at -> Timestamp,
        notified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    fields (id) {
        id -> BigInt,
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    journal_staff_changes (id) {
        id -> BigInt,
        journal_id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        action -> Text,
        changed_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    journal_fields (journal_id, field_id) {
        journal_id -> BigInt,
        field_id -> BigInt,
    }
}

diesel::table! {
    catalogue_editions (id) {
        id -> BigInt,
        society_id -> Nullable<BigInt>,
        field_id -> BigInt,
        year -> Integer,
        slug -> Text,
        title_zh -> Text,
        title_en -> Text,
        phase -> Text,
        nomination_closes -> Nullable<Timestamp>,
        evaluation_closes -> Nullable<Timestamp>,
        notice_days -> Integer,
        notice_starts -> Nullable<Timestamp>,
        notice_ends -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        method -> Text,
        max_share_pct -> Integer,
        quota_t1 -> Nullable<Integer>,
        quota_t2 -> Nullable<Integer>,
        quota_t3 -> Nullable<Integer>,
        min_votes -> Integer,
        rules -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    catalogue_indicators (id) {
        id -> BigInt,
        edition_id -> BigInt,
        position -> Integer,
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        higher_is_better -> Bool,
        source -> Text,
    }
}

diesel::table! {
    catalogue_indicator_values (indicator_id, journal_id) {
        indicator_id -> BigInt,
        journal_id -> BigInt,
        value -> Double,
    }
}

diesel::table! {
    catalogue_nominations (id) {
        id -> BigInt,
        edition_id -> BigInt,
        journal_id -> BigInt,
        user_id -> BigInt,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    catalogue_proposals (id) {
        id -> BigInt,
        edition_id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        issn -> Text,
        website -> Text,
        reason -> Text,
        status -> Text,
        journal_id -> Nullable<BigInt>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    catalogue_vote_drafts (edition_id, journal_id, user_id) {
        edition_id -> BigInt,
        journal_id -> BigInt,
        user_id -> BigInt,
        tier -> Text,
        comment -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    catalogue_votes (edition_id, journal_id, user_id) {
        edition_id -> BigInt,
        journal_id -> BigInt,
        user_id -> BigInt,
        tier -> Text,
        comment -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    catalogue_overrides (edition_id, journal_id) {
        edition_id -> BigInt,
        journal_id -> BigInt,
        tier -> Text,
        reason -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    catalogue_entries (edition_id, journal_id) {
        edition_id -> BigInt,
        journal_id -> BigInt,
        tier -> Text,
        position -> Integer,
        explanation -> Text,
    }
}

diesel::table! {
    panel_conflicts (round_kind, round_id, user_id, subject_id) {
        round_kind -> Text,
        round_id -> BigInt,
        user_id -> BigInt,
        subject_id -> BigInt,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    panel_objections (id) {
        id -> BigInt,
        round_kind -> Text,
        round_id -> BigInt,
        subject_id -> BigInt,
        user_id -> BigInt,
        reason -> Text,
        status -> Text,
        decision_reason -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    panel_audit (id) {
        id -> BigInt,
        round_kind -> Text,
        round_id -> BigInt,
        user_id -> Nullable<BigInt>,
        action -> Text,
        subject_id -> Nullable<BigInt>,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_systems (id) {
        id -> BigInt,
        society_id -> BigInt,
        name_zh -> Text,
        name_en -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_system_versions (id) {
        id -> BigInt,
        system_id -> BigInt,
        version -> Integer,
        definition -> Text,
        note -> Text,
        finalised_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_rounds (id) {
        id -> BigInt,
        society_id -> BigInt,
        slug -> Text,
        title_zh -> Text,
        title_en -> Text,
        description_zh -> Text,
        description_en -> Text,
        system_id -> BigInt,
        system_version -> Integer,
        phase -> Text,
        applications_close -> Nullable<Timestamp>,
        scoring_closes -> Nullable<Timestamp>,
        notice_ends -> Nullable<Timestamp>,
        quota -> Integer,
        grade_bands -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_entries (id) {
        id -> BigInt,
        round_id -> BigInt,
        venue_id -> Nullable<BigInt>,
        origin -> Text,
        name_zh -> Text,
        name_en -> Text,
        organiser -> Text,
        held -> Text,
        website -> Text,
        status -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_figures (round_id, entry_id, metric) {
        round_id -> BigInt,
        entry_id -> BigInt,
        metric -> Text,
        value -> Nullable<Double>,
        numerator -> Double,
        denominator -> Double,
        missing -> Nullable<Text>,
        computed_at -> Timestamp,
        computed_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    evaluation_reports (id) {
        id -> BigInt,
        round_id -> BigInt,
        entry_id -> BigInt,
        indicator -> Text,
        value -> Nullable<Double>,
        statement -> Text,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_evidence (id) {
        id -> BigInt,
        round_id -> BigInt,
        entry_id -> BigInt,
        indicator -> Text,
        file_id -> BigInt,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_scores (round_id, entry_id, indicator, expert_id) {
        round_id -> BigInt,
        entry_id -> BigInt,
        indicator -> Text,
        expert_id -> BigInt,
        level -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_comments (round_id, entry_id, expert_id) {
        round_id -> BigInt,
        entry_id -> BigInt,
        expert_id -> BigInt,
        comment -> Text,
        released -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_drafts (round_id, entry_id, expert_id) {
        round_id -> BigInt,
        entry_id -> BigInt,
        expert_id -> BigInt,
        body -> Text,
        saved_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_overrides (round_id, entry_id) {
        round_id -> BigInt,
        entry_id -> BigInt,
        grade -> Nullable<Text>,
        demonstrative -> Nullable<Bool>,
        reason -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_published_results (round_id) {
        round_id -> BigInt,
        body -> Text,
        published_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_recommendations (round_id, entry_id) {
        round_id -> BigInt,
        entry_id -> BigInt,
        text_zh -> Text,
        text_en -> Text,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    final_phases (call_id) {
        call_id -> BigInt,
        opens_at -> Nullable<Timestamp>,
        deadline -> Timestamp,
        page_limit -> Nullable<Integer>,
        source_required -> Bool,
        changes_required -> Bool,
        template_name -> Text,
        template_url -> Text,
        licence -> Text,
        consent_zh -> Text,
        consent_en -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    final_versions (submission_id) {
        submission_id -> BigInt,
        venue_id -> BigInt,
        status -> Text,
        version -> Nullable<Integer>,
        pdf_file_id -> Nullable<BigInt>,
        source_file_id -> Nullable<BigInt>,
        changes -> Text,
        pages -> Nullable<Integer>,
        warnings -> Text,
        uploaded_by -> Nullable<BigInt>,
        uploaded_at -> Nullable<Timestamp>,
        message -> Text,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<Timestamp>,
        authors_confirmed_at -> Nullable<Timestamp>,
        authors_confirmed_by -> Nullable<BigInt>,
        reminded_at -> Nullable<Timestamp>,
        withdrawn_reason -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    final_author_changes (id) {
        id -> BigInt,
        submission_id -> BigInt,
        authors -> Text,
        reason -> Text,
        status -> Text,
        requested_by -> BigInt,
        requested_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        note -> Text,
    }
}

diesel::table! {
    consents (id) {
        id -> BigInt,
        submission_id -> BigInt,
        user_id -> BigInt,
        signer_name -> Text,
        signer_email -> Text,
        licence -> Text,
        text_zh -> Text,
        text_en -> Text,
        digest -> Text,
        ip -> Text,
        accepted_at -> Timestamp,
    }
}

diesel::table! {
    proceedings_volumes (id) {
        id -> BigInt,
        venue_id -> BigInt,
        title_zh -> Text,
        title_en -> Text,
        subtitle_zh -> Text,
        subtitle_en -> Text,
        series -> Text,
        volume -> Text,
        publisher -> Text,
        place -> Text,
        year -> Integer,
        isbn -> Text,
        doi -> Text,
        preface_zh -> Text,
        preface_en -> Text,
        status -> Text,
        error -> Text,
        build_stamp -> Text,
        pdf_file_id -> Nullable<BigInt>,
        pages -> Nullable<Integer>,
        built_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    proceedings_papers (volume_id, submission_id) {
        volume_id -> BigInt,
        submission_id -> BigInt,
        position -> Integer,
        part_zh -> Text,
        part_en -> Text,
        first_page -> Integer,
        last_page -> Integer,
        file_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    rooms (id) {
        id -> BigInt,
        venue_id -> BigInt,
        guid -> Text,
        position -> Integer,
        name_zh -> Text,
        name_en -> Text,
        capacity -> Nullable<Integer>,
        location -> Text,
        online_url -> Text,
        recorded -> Bool,
        streamed -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    programme_sessions (id) {
        id -> BigInt,
        venue_id -> BigInt,
        guid -> Text,
        kind -> Text,
        title_zh -> Text,
        title_en -> Text,
        room_id -> Nullable<BigInt>,
        track_id -> Nullable<BigInt>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        capacity -> Nullable<Integer>,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    programme_session_people (id) {
        id -> BigInt,
        session_id -> BigInt,
        role -> Text,
        position -> Integer,
        name_zh -> Text,
        name_latin -> Text,
        email -> Text,
        affiliation -> Text,
    }
}

diesel::table! {
    programme_slots (id) {
        id -> BigInt,
        venue_id -> BigInt,
        guid -> Text,
        session_id -> Nullable<BigInt>,
        position -> Integer,
        kind -> Text,
        submission_id -> Nullable<BigInt>,
        title_zh -> Text,
        title_en -> Text,
        abstract_text -> Text,
        language -> Text,
        speakers -> Text,
        duration_min -> Integer,
        pinned -> Bool,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    speaker_unavailability (id) {
        id -> BigInt,
        venue_id -> BigInt,
        email -> Text,
        user_id -> Nullable<BigInt>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    programme_settings (venue_id) {
        venue_id -> BigInt,
        defaults -> Text,
        revision -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    programme_proposals (id) {
        id -> BigInt,
        venue_id -> BigInt,
        status -> Text,
        mode -> Text,
        revision -> BigInt,
        result -> Text,
        requested_by -> BigInt,
        requested_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    programme_releases (id) {
        id -> BigInt,
        venue_id -> BigInt,
        number -> Integer,
        name -> Text,
        comment_zh -> Text,
        comment_en -> Text,
        snapshot -> Text,
        changes -> Text,
        revision -> BigInt,
        published_by -> BigInt,
        published_at -> Timestamp,
    }
}

diesel::table! {
    registration_forms (id) {
        id -> BigInt,
        venue_id -> BigInt,
        scope -> Text,
        scope_key -> Text,
        track_id -> Nullable<BigInt>,
        session_id -> Nullable<BigInt>,
        title_zh -> Text,
        title_en -> Text,
        opens_at -> Nullable<Timestamp>,
        closes_at -> Nullable<Timestamp>,
        capacity -> Nullable<Integer>,
        taken -> Integer,
        approval -> Bool,
        offer_hours -> Integer,
        fee_note_zh -> Text,
        fee_note_en -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    registration_categories (id) {
        id -> BigInt,
        form_id -> BigInt,
        position -> Integer,
        name_zh -> Text,
        name_en -> Text,
        invited_only -> Bool,
    }
}

diesel::table! {
    registration_questions (id) {
        id -> BigInt,
        form_id -> BigInt,
        position -> Integer,
        kind -> Text,
        label_zh -> Text,
        label_en -> Text,
        options -> Text,
        required -> Bool,
    }
}

diesel::table! {
    registrations (id) {
        id -> BigInt,
        form_id -> BigInt,
        user_id -> BigInt,
        category_id -> Nullable<BigInt>,
        status -> Text,
        invited -> Bool,
        holds_place -> Bool,
        answers -> Text,
        name_zh -> Text,
        name_latin -> Text,
        institution -> Text,
        country -> Text,
        birth_year -> Nullable<Integer>,
        code -> Text,
        queued_at -> Nullable<Timestamp>,
        offer_until -> Nullable<Timestamp>,
        fee -> Text,
        fee_note -> Text,
        fee_by -> Nullable<BigInt>,
        fee_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        viewpoint -> Text,
        field -> Text,
        decision_note -> Text,
    }
}

diesel::table! {
    registration_invitations (id) {
        id -> BigInt,
        form_id -> BigInt,
        kind -> Text,
        email -> Text,
        name -> Text,
        token_hash -> Text,
        category_id -> Nullable<BigInt>,
        submission_id -> Nullable<BigInt>,
        invited_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        registration_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    agenda_stars (id) {
        id -> BigInt,
        user_id -> BigInt,
        venue_id -> BigInt,
        kind -> Text,
        guid -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agenda_feeds (id) {
        id -> BigInt,
        user_id -> BigInt,
        token -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    checkins (id) {
        id -> BigInt,
        registration_id -> BigInt,
        venue_id -> BigInt,
        day -> Text,
        place -> Text,
        by_user -> Nullable<BigInt>,
        at -> Timestamp,
    }
}

diesel::table! {
    survey_questions (id) {
        id -> BigInt,
        venue_id -> BigInt,
        position -> Integer,
        scope -> Text,
        kind -> Text,
        label_zh -> Text,
        label_en -> Text,
        required -> Bool,
    }
}

diesel::table! {
    survey_receipts (id) {
        id -> BigInt,
        user_id -> BigInt,
        venue_id -> BigInt,
        target -> Text,
    }
}

diesel::table! {
    survey_answers (id) {
        id -> BigInt,
        venue_id -> BigInt,
        target -> Text,
        answers -> Text,
    }
}
diesel::table! {
    salon_settings (venue_id) {
        venue_id -> BigInt,
        participants_min -> Integer,
        participants_max -> Integer,
        unit_field_max -> Integer,
        young_age -> Integer,
        young_share_permille -> Integer,
        talk_max_min -> Integer,
        key_talk_max_min -> Integer,
        intervention_max_min -> Integer,
        debate_min_pct -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    salon_overrides (id) {
        id -> BigInt,
        venue_id -> BigInt,
        registration_id -> BigInt,
        rule -> Text,
        reason -> Text,
        user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    salon_plans (id) {
        id -> BigInt,
        society_id -> BigInt,
        year -> Integer,
        intro_zh -> Text,
        intro_en -> Text,
        published_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    salon_theme_proposals (id) {
        id -> BigInt,
        society_id -> BigInt,
        year -> Integer,
        user_id -> BigInt,
        theme_zh -> Text,
        theme_en -> Text,
        rationale -> Text,
        lead_scientist -> Text,
        status -> Text,
        decision_note -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    salon_plan_items (id) {
        id -> BigInt,
        plan_id -> BigInt,
        position -> Integer,
        theme_zh -> Text,
        theme_en -> Text,
        lead_scientists -> Text,
        starts_on -> Nullable<Date>,
        ends_on -> Nullable<Date>,
        place -> Text,
        venue_id -> Nullable<BigInt>,
        proposal_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    salon_minutes (id) {
        id -> BigInt,
        venue_id -> BigInt,
        title_zh -> Text,
        title_en -> Text,
        intro_zh -> Text,
        intro_en -> Text,
        outlook_zh -> Text,
        outlook_en -> Text,
        status -> Text,
        review_deadline -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    salon_minutes_statements (id) {
        id -> BigInt,
        minutes_id -> BigInt,
        position -> Integer,
        kind -> Text,
        text_zh -> Text,
        text_en -> Text,
        speaker_id -> Nullable<BigInt>,
        speaker_name -> Text,
        attribution -> Text,
        review -> Text,
        review_comment -> Text,
        proposed_zh -> Text,
        proposed_en -> Text,
        writer_reply -> Text,
        reviewed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    contests (id) {
        id -> BigInt,
        venue_id -> BigInt,
        track_id -> Nullable<BigInt>,
        state -> Text,
        method -> Text,
        trim_count -> Integer,
        criteria -> Text,
        awards -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    contest_entries (id) {
        id -> BigInt,
        contest_id -> BigInt,
        submission_id -> BigInt,
        position -> Integer,
    }
}

diesel::table! {
    contest_scores (id) {
        id -> BigInt,
        contest_id -> BigInt,
        entry_id -> BigInt,
        judge_id -> BigInt,
        points -> Text,
        comment -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    forum_topics (id) {
        id -> BigInt,
        venue_id -> BigInt,
        origin -> Text,
        name_zh -> Text,
        name_en -> Text,
        description -> Text,
        convener -> Text,
        convener_email -> Text,
        proposed_by -> BigInt,
        status -> Text,
        decision_note -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        topic_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(role_grants -> users (user_id));
diesel::joinable!(auth_sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(venues -> societies (society_id));
diesel::joinable!(tracks -> venues (venue_id));
diesel::table! {
    journal_settings (journal_id) {
        journal_id -> BigInt,
        enabled -> Bool,
        review_mode -> Text,
        section_editors_decide -> Bool,
        guidelines_zh -> Text,
        guidelines_en -> Text,
        checklist -> Text,
        source_files -> Text,
        max_file_mb -> Integer,
        review_form -> Nullable<Text>,
        response_days -> Integer,
        review_days -> Integer,
        remind_before_days -> Integer,
        remind_after_days -> Integer,
        doi_prefix -> Text,
        doi_pattern -> Text,
        licence_url -> Text,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    journal_sections (id) {
        id -> BigInt,
        journal_id -> BigInt,
        position -> Integer,
        code -> Text,
        title_zh -> Text,
        title_en -> Text,
        policy_zh -> Text,
        policy_en -> Text,
        open -> Bool,
        peer_reviewed -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    journal_section_editors (section_id, user_id) {
        section_id -> BigInt,
        user_id -> BigInt,
    }
}

diesel::table! {
    manuscripts (id) {
        id -> BigInt,
        journal_id -> BigInt,
        section_id -> BigInt,
        number -> Integer,
        stage -> Text,
        round -> Integer,
        title_zh -> Text,
        title_en -> Text,
        abstract_zh -> Text,
        abstract_en -> Text,
        keywords_zh -> Text,
        keywords_en -> Text,
        language -> Text,
        cover_letter -> Text,
        suggested_reviewers -> Text,
        opposed_reviewers -> Text,
        handling_editor_id -> Nullable<BigInt>,
        submitted_by -> BigInt,
        submitted_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    manuscript_authors (id) {
        id -> BigInt,
        manuscript_id -> BigInt,
        position -> Integer,
        family_zh -> Text,
        given_zh -> Text,
        family_en -> Text,
        given_en -> Text,
        email -> Text,
        affiliation -> Text,
        country -> Text,
        orcid -> Nullable<Text>,
        corresponding -> Bool,
        confirmed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    manuscript_files (id) {
        id -> BigInt,
        manuscript_id -> BigInt,
        round -> Integer,
        kind -> Text,
        file_id -> BigInt,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    manuscript_events (id) {
        id -> BigInt,
        manuscript_id -> BigInt,
        kind -> Text,
        actor_id -> Nullable<BigInt>,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    manuscript_mails (manuscript_id, mail_id) {
        manuscript_id -> BigInt,
        mail_id -> BigInt,
        kind -> Text,
    }
}

diesel::table! {
    reviewer_invitations (id) {
        id -> BigInt,
        manuscript_id -> BigInt,
        round -> Integer,
        email -> Text,
        name -> Text,
        affiliation -> Text,
        user_id -> Nullable<BigInt>,
        token_hash -> Text,
        link_nonce -> Text,
        status -> Text,
        message -> Text,
        conflicts -> Text,
        invited_by -> Nullable<BigInt>,
        invited_at -> Timestamp,
        response_due -> Date,
        review_due -> Date,
        responded_at -> Nullable<Timestamp>,
        decline_reason -> Text,
        suggestion -> Text,
        recommendation -> Nullable<Text>,
        answers -> Text,
        form -> Nullable<Text>,
        saved_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        confirmed_at -> Nullable<Timestamp>,
        thanked_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        reminders_sent -> Integer,
        last_reminded_at -> Nullable<Timestamp>,
        stamp -> Integer,
    }
}

diesel::table! {
    editorial_decisions (id) {
        id -> BigInt,
        manuscript_id -> BigInt,
        round -> Integer,
        decision -> Text,
        status -> Text,
        decided_by -> Nullable<BigInt>,
        subject_zh -> Text,
        body_zh -> Text,
        subject_en -> Text,
        body_en -> Text,
        note -> Text,
        resolved_by -> Nullable<BigInt>,
        resolved_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    manuscript_revisions (id) {
        id -> BigInt,
        manuscript_id -> BigInt,
        round -> Integer,
        response -> Text,
        submitted_by -> Nullable<BigInt>,
        submitted_at -> Timestamp,
    }
}

diesel::table! {
    journal_issues (id) {
        id -> BigInt,
        journal_id -> BigInt,
        volume -> Integer,
        number -> Integer,
        year -> Integer,
        title_zh -> Text,
        title_en -> Text,
        cover_file_id -> Nullable<BigInt>,
        published_on -> Nullable<Date>,
        published_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    articles (id) {
        id -> BigInt,
        journal_id -> BigInt,
        manuscript_id -> Nullable<BigInt>,
        section_id -> BigInt,
        issue_id -> Nullable<BigInt>,
        seq -> Nullable<Integer>,
        first_page -> Text,
        last_page -> Text,
        article_number -> Text,
        doi -> Nullable<Text>,
        title_zh -> Text,
        title_en -> Text,
        abstract_zh -> Text,
        abstract_en -> Text,
        keywords_zh -> Text,
        keywords_en -> Text,
        language -> Text,
        licence_url -> Text,
        refs -> Text,
        received_on -> Date,
        revised_on -> Nullable<Date>,
        accepted_on -> Date,
        published_on -> Nullable<Date>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    article_authors (id) {
        id -> BigInt,
        article_id -> BigInt,
        position -> Integer,
        family_zh -> Text,
        given_zh -> Text,
        family_en -> Text,
        given_en -> Text,
        email -> Text,
        affiliation -> Text,
        country -> Text,
        orcid -> Nullable<Text>,
        corresponding -> Bool,
    }
}

diesel::table! {
    article_galleys (id) {
        id -> BigInt,
        article_id -> BigInt,
        kind -> Text,
        lang -> Text,
        file_id -> BigInt,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        jats_body -> Nullable<Text>,
    }
}

diesel::joinable!(journals -> societies (society_id));
diesel::joinable!(editorial_decisions -> manuscripts (manuscript_id));
diesel::joinable!(manuscript_revisions -> manuscripts (manuscript_id));
diesel::joinable!(journal_issues -> journals (journal_id));
diesel::joinable!(articles -> journal_issues (issue_id));
diesel::table! {
    oai_records (id) {
        id -> BigInt,
        kind -> Text,
        item_id -> BigInt,
        set_top -> Text,
        set_spec -> Text,
        set_name_zh -> Text,
        set_name_en -> Text,
        datestamp -> Timestamp,
        deleted -> Bool,
        dc_xml -> Text,
        jats_xml -> Nullable<Text>,
    }
}

diesel::table! {
    crossref_deposits (id) {
        id -> BigInt,
        kind -> Text,
        item_id -> BigInt,
        batch_id -> Text,
        xml -> Text,
        status -> Text,
        message -> Text,
        attempts -> Integer,
        polls -> Integer,
        requested_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    integrity_documents (id) {
        id -> BigInt,
        kind -> Text,
        source_id -> BigInt,
        venue_id -> Nullable<BigInt>,
        journal_id -> Nullable<BigInt>,
        file_id -> Nullable<BigInt>,
        state -> Text,
        problem -> Text,
        body -> Text,
        fingerprints -> Integer,
        updated_at -> Timestamp,
        compared_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    integrity_fingerprints (document_id, hash) {
        document_id -> BigInt,
        hash -> BigInt,
    }
}

diesel::table! {
    integrity_flags (id) {
        id -> BigInt,
        document_id -> BigInt,
        other_document_id -> BigInt,
        own_permille -> Integer,
        other_permille -> Integer,
        passages -> Integer,
        state -> Text,
        reason -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        found_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    integrity_policies (venue_id) {
        venue_id -> BigInt,
        dual_submission -> Text,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    integrity_declarations (submission_id) {
        submission_id -> BigInt,
        related -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    integrity_audit (id) {
        id -> BigInt,
        user_id -> Nullable<BigInt>,
        action -> Text,
        venue_id -> Nullable<BigInt>,
        journal_id -> Nullable<BigInt>,
        flag_id -> Nullable<BigInt>,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    integrity_cases (id) {
        id -> BigInt,
        society_id -> BigInt,
        number -> Integer,
        subject_kind -> Text,
        subject -> Text,
        state -> Text,
        reporter_id -> Nullable<BigInt>,
        reporter_email -> Text,
        anonymous -> Bool,
        reporter_lang -> Text,
        mailbox_nonce -> Text,
        mailbox_hash -> Text,
        due_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    integrity_case_parties (id) {
        id -> BigInt,
        case_id -> BigInt,
        user_id -> Nullable<BigInt>,
        email -> Text,
        name -> Text,
        lang -> Text,
        link_nonce -> Text,
        link_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    integrity_case_entries (id) {
        id -> BigInt,
        case_id -> BigInt,
        kind -> Text,
        step -> Nullable<Text>,
        author -> Text,
        user_id -> Nullable<BigInt>,
        party_id -> Nullable<BigInt>,
        audience -> Text,
        body -> Text,
        due_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        file_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    integrity_sanctions (id) {
        id -> BigInt,
        case_id -> BigInt,
        society_id -> BigInt,
        party_id -> BigInt,
        user_id -> Nullable<BigInt>,
        email -> Text,
        bars -> Text,
        starts_on -> Date,
        ends_on -> Date,
        created_at -> Timestamp,
        lifted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    integrity_case_audit (id) {
        id -> BigInt,
        society_id -> BigInt,
        case_id -> Nullable<BigInt>,
        user_id -> Nullable<BigInt>,
        party_id -> Nullable<BigInt>,
        action -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(article_authors -> articles (article_id));
diesel::joinable!(article_galleys -> articles (article_id));
diesel::joinable!(integrity_fingerprints -> integrity_documents (document_id));
diesel::joinable!(reviewer_invitations -> manuscripts (manuscript_id));
diesel::joinable!(manuscript_mails -> manuscripts (manuscript_id));
diesel::joinable!(manuscript_mails -> mails (mail_id));
diesel::joinable!(manuscripts -> journals (journal_id));
diesel::joinable!(manuscripts -> journal_sections (section_id));
diesel::joinable!(manuscript_authors -> manuscripts (manuscript_id));
diesel::joinable!(manuscript_files -> manuscripts (manuscript_id));
diesel::joinable!(manuscript_files -> files (file_id));
diesel::joinable!(manuscript_events -> manuscripts (manuscript_id));
diesel::joinable!(journal_settings -> journals (journal_id));
diesel::joinable!(journal_sections -> journals (journal_id));
diesel::joinable!(journal_section_editors -> journal_sections (section_id));
diesel::joinable!(journal_section_editors -> users (user_id));
diesel::joinable!(venue_topics -> venues (venue_id));
diesel::joinable!(calls -> venues (venue_id));
diesel::joinable!(call_questions -> calls (call_id));
diesel::joinable!(submissions -> venues (venue_id));
diesel::joinable!(submissions -> calls (call_id));
diesel::joinable!(submission_topics -> submissions (submission_id));
diesel::joinable!(submission_topics -> venue_topics (topic_id));
diesel::joinable!(submission_authors -> submissions (submission_id));
diesel::joinable!(submission_versions -> submissions (submission_id));
diesel::joinable!(committee_members -> venues (venue_id));
diesel::joinable!(member_topics -> committee_members (member_id));
diesel::joinable!(member_topics -> venue_topics (topic_id));
diesel::joinable!(past_papers -> users (user_id));
diesel::joinable!(conflicts -> submissions (submission_id));
diesel::joinable!(bids -> submissions (submission_id));
diesel::joinable!(imported_affinities -> submissions (submission_id));
diesel::joinable!(assignments -> submissions (submission_id));
diesel::joinable!(assignments -> users (user_id));
diesel::joinable!(paper_demands -> submissions (submission_id));
diesel::joinable!(assignment_runs -> venues (venue_id));
diesel::joinable!(reviews -> submissions (submission_id));
diesel::joinable!(reviews -> users (user_id));
diesel::joinable!(discussion_posts -> submissions (submission_id));
diesel::joinable!(discussion_posts -> users (user_id));
diesel::joinable!(rebuttals -> submissions (submission_id));
diesel::joinable!(decisions -> submissions (submission_id));
diesel::joinable!(journal_fields -> journals (journal_id));
diesel::joinable!(journal_staff_changes -> journals (journal_id));
diesel::joinable!(journal_fields -> fields (field_id));
diesel::joinable!(catalogue_editions -> fields (field_id));
diesel::joinable!(catalogue_indicator_values -> catalogue_indicators (indicator_id));
diesel::joinable!(catalogue_entries -> journals (journal_id));

diesel::joinable!(final_phases -> calls (call_id));
diesel::joinable!(final_versions -> submissions (submission_id));
diesel::joinable!(final_author_changes -> submissions (submission_id));
diesel::joinable!(consents -> submissions (submission_id));
diesel::joinable!(proceedings_papers -> proceedings_volumes (volume_id));
diesel::joinable!(proceedings_papers -> submissions (submission_id));

diesel::joinable!(rooms -> venues (venue_id));
diesel::joinable!(programme_sessions -> venues (venue_id));
diesel::joinable!(programme_session_people -> programme_sessions (session_id));
diesel::joinable!(programme_slots -> programme_sessions (session_id));
diesel::joinable!(speaker_unavailability -> venues (venue_id));
diesel::joinable!(programme_releases -> venues (venue_id));

diesel::joinable!(registration_categories -> registration_forms (form_id));
diesel::joinable!(registration_questions -> registration_forms (form_id));
diesel::joinable!(registrations -> registration_forms (form_id));
diesel::joinable!(registration_invitations -> registration_forms (form_id));
diesel::joinable!(checkins -> registrations (registration_id));
diesel::joinable!(salon_minutes -> venues (venue_id));
diesel::joinable!(salon_minutes_statements -> salon_minutes (minutes_id));
diesel::joinable!(contests -> venues (venue_id));
diesel::joinable!(contest_entries -> contests (contest_id));
diesel::joinable!(contest_entries -> submissions (submission_id));
diesel::joinable!(contest_scores -> contest_entries (entry_id));
diesel::joinable!(salon_overrides -> registrations (registration_id));
diesel::joinable!(salon_plan_items -> salon_plans (plan_id));
diesel::joinable!(forum_topics -> venues (venue_id));
diesel::joinable!(forum_topics -> venue_topics (topic_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    integrity_documents,
    integrity_fingerprints,
    integrity_flags,
    integrity_policies,
    integrity_declarations,
    integrity_audit,
    oai_records,
    crossref_deposits,
    role_grants,
    auth_sessions,
    api_tokens,
    email_tokens,
    login_failures,
    idempotency_keys,
    jobs,
    workers,
    mails,
    societies,
    venues,
    tracks,
    journals,
    journal_settings,
    journal_sections,
    journal_section_editors,
    manuscripts,
    manuscript_authors,
    manuscript_files,
    manuscript_events,
    manuscript_mails,
    reviewer_invitations,
    editorial_decisions,
    manuscript_revisions,
    venue_topics,
    calls,
    call_questions,
    files,
    reviewer_copies,
    submissions,
    submission_topics,
    submission_authors,
    submission_versions,
    committee_members,
    member_topics,
    past_papers,
    conflicts,
    bids,
    imported_affinities,
    review_settings,
    paper_demands,
    assignments,
    review_forms,
    review_phases,
    reviews,
    discussion_posts,
    rebuttals,
    decisions,
    assignment_runs,
    fields,
    journal_fields,
    journal_staff_changes,
    catalogue_editions,
    catalogue_indicators,
    catalogue_indicator_values,
    catalogue_nominations,
    catalogue_proposals,
    panel_conflicts,
    catalogue_votes,
    catalogue_vote_drafts,
    catalogue_overrides,
    catalogue_entries,
    panel_objections,
    panel_audit,
    evaluation_systems,
    evaluation_system_versions,
    evaluation_rounds,
    evaluation_entries,
    evaluation_figures,
    evaluation_reports,
    evaluation_evidence,
    evaluation_scores,
    evaluation_comments,
    evaluation_drafts,
    evaluation_overrides,
    evaluation_published_results,
    evaluation_recommendations,
    final_phases,
    final_versions,
    final_author_changes,
    consents,
    proceedings_volumes,
    proceedings_papers,
    rooms,
    programme_sessions,
    programme_session_people,
    programme_slots,
    speaker_unavailability,
    programme_settings,
    programme_proposals,
    programme_releases,
    registration_forms,
    registration_categories,
    registration_questions,
    registrations,
    registration_invitations,
    agenda_stars,
    agenda_feeds,
    checkins,
    salon_settings,
    salon_overrides,
    salon_plans,
    salon_theme_proposals,
    salon_plan_items,
    survey_questions,
    survey_receipts,
    survey_answers,
    salon_minutes,
    salon_minutes_statements,
    contests,
    contest_entries,
    contest_scores,
    forum_topics,
    journal_issues,
    articles,
    article_authors,
    article_galleys,
);
