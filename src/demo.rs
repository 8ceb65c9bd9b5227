//! Demo data for a first look: a society, a conference with a forum track, a journal, tiered
//! catalogues, and one account per role. Safe to run again: existing rows are kept, nothing is duplicated.

use chrono::Utc;
use diesel::prelude::*;

use crate::auth::roles::{self, AUTHOR, CHAIR, EDITOR, REVIEWER, SCOPE_JOURNAL, SCOPE_SITE, SCOPE_VENUE, SITE_ADMIN};
use crate::auth::validate::{NewAccount, Profile};
use crate::auth::{password, store};
use crate::db::schema::{journals, societies};
use crate::db::{AnyConnection, transaction};
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Password of every demo account (listed in the README).
pub const DEMO_PASSWORD: &str = "xuehui-demo";

/// Demo accounts: e-mail, Chinese name, Latin name, affiliation, language.
pub const ACCOUNTS: &[(&str, &str, &str, &str, Lang)] = &[
    ("admin@xuehui.example", "管理员", "Site Admin", "学会秘书处", Lang::ZhCn),
    ("organiser@xuehui.example", "王程", "Wang Cheng", "清华大学", Lang::ZhCn),
    ("reviewer1@xuehui.example", "李审", "Li Shen", "北京大学", Lang::ZhCn),
    ("reviewer2@xuehui.example", "", "Maria Rossi", "Politecnico di Milano", Lang::En),
    ("reviewer3@xuehui.example", "陈思", "Chen Si", "浙江大学", Lang::ZhCn),
    ("author1@xuehui.example", "张伟", "Zhang Wei", "复旦大学", Lang::ZhCn),
    ("author2@xuehui.example", "", "James Smith", "University of Edinburgh", Lang::En),
    ("editor@xuehui.example", "刘编", "Liu Bian", "示范学报编辑部", Lang::ZhCn),
    ("areachair@xuehui.example", "周领", "Zhou Ling", "南京大学", Lang::ZhCn),
    ("helper@xuehui.example", "赵签", "Zhao Qian", "学会秘书处", Lang::ZhCn),
    ("lead@xuehui.example", "孙立", "Sun Li", "中国科学院大连化学物理研究所", Lang::ZhCn),
];

fn ensure_user(conn: &mut AnyConnection, hash: &str, (email, zh, latin, aff, lang): (&str, &str, &str, &str, Lang)) -> AppResult<i64> {
    if let Some(u) = store::by_email(conn, email)? {
        return Ok(u.id);
    }
    let account = NewAccount {
        email: email.into(),
        password: String::new(),
        profile: Profile {
            name_zh: zh.into(),
            name_latin: latin.into(),
            affiliation: aff.into(),
            country: if lang == Lang::En { "" } else { "中国" }.into(),
            orcid: None,
            preferred_lang: Some(lang),
            birth_year: None,
        },
    };
    Ok(store::create(conn, &account, hash, true)?.id)
}

fn ensure_society(conn: &mut AnyConnection) -> AppResult<i64> {
    let found: Option<i64> = societies::table
        .filter(societies::slug.eq("demo-society"))
        .select(societies::id)
        .first(conn)
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    Ok(diesel::insert_into(societies::table)
        .values((
            societies::slug.eq("demo-society"),
            societies::name_zh.eq("中国示范科技学会"),
            societies::name_en.eq("Demonstration Society of Science and Technology"),
            societies::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(societies::id)
        .get_result(conn)?)
}

fn ensure_venue(conn: &mut AnyConnection, society: i64, chair: i64) -> AppResult<i64> {
    use crate::venues::{store as vstore, validate};
    if let Ok(v) = vstore::by_slug(conn, "annual-2026") {
        return Ok(v.id);
    }
    let track = |slug: &str, kind: &str, zh: &str, en: &str| validate::TrackInput {
        slug: slug.into(),
        kind: kind.into(),
        name_zh: zh.into(),
        name_en: en.into(),
        age_limit: None,
    };
    let topic = |zh: &str, en: &str| validate::TopicInput {
        name_zh: zh.into(),
        name_en: en.into(),
    };
    let input = validate::VenueInput {
        details: validate::VenueDetails {
            slug: "annual-2026".into(),
            kind: "conference".into(),
            title_zh: "2026年学术年会".into(),
            title_en: "2026 Annual Academic Conference".into(),
            description_zh: "学会年度综合性学术会议，设主会场与青年科学家论坛。".into(),
            description_en: "The society's yearly comprehensive conference, with a main track and a Young Scientists Forum.".into(),
            // Three months on: after every deadline of the demo (calls, reviews).
            starts_on: shanghai_day(90),
            ends_on: shanghai_day(92),
            place: "杭州国际博览中心 / Hangzhou International Expo Center".into(),
            timezone: "Asia/Shanghai".into(),
            ..Default::default()
        },
        tracks: vec![
            track("main", "track", "主会场", "Main track"),
            track("young-scientists", "forum", "青年科学家论坛", "Young Scientists Forum"),
        ],
        topics: vec![
            topic("人工智能", "Artificial intelligence"),
            topic("材料科学", "Materials science"),
            topic("生命科学", "Life sciences"),
            topic("学术评价", "Research evaluation"),
        ],
        ..Default::default()
    };
    Ok(vstore::create_for(conn, &validate::venue(&input)?, chair, Some(society))?.id)
}

/// Next year's forum, still a draft the chair is preparing: only the chairs see it.
fn ensure_draft_venue(conn: &mut AnyConnection, society: i64, chair: i64) -> AppResult<()> {
    use crate::venues::{store as vstore, validate};
    if vstore::by_slug(conn, "ysf-2027").is_ok() {
        return Ok(());
    }
    let input = validate::VenueInput {
        details: validate::VenueDetails {
            slug: "ysf-2027".into(),
            kind: "forum".into(),
            title_zh: "2027年青年科学家论坛".into(),
            title_en: "Young Scientists Forum 2027".into(),
            description_zh: "面向40岁以下青年学者的前沿论坛（筹备中）。".into(),
            description_en: "A frontier forum for researchers under 40 (in preparation).".into(),
            starts_on: shanghai_day(300),
            ends_on: shanghai_day(301),
            place: "南京 / Nanjing".into(),
            timezone: "Asia/Shanghai".into(),
            ..Default::default()
        },
        age_limit: Some(40),
        ..Default::default()
    };
    vstore::create_for(conn, &validate::venue(&input)?, chair, Some(society))?;
    Ok(())
}

fn ensure_journal(conn: &mut AnyConnection, society: i64) -> AppResult<i64> {
    use crate::journals::{store as jstore, validate};
    let found: Option<i64> = journals::table
        .filter(journals::issn.eq("2049-3630"))
        .select(journals::id)
        .first(conn)
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    crate::catalogue::demo::computing_field(conn)?;
    let input = validate::JournalInput {
        name_zh: "示范科学学报".into(),
        name_en: "Journal of Demonstration Science".into(),
        issn: "2049-3630".into(),
        cn: "11-6001/N".into(),
        publisher: "中国示范科技学会".into(),
        country: "CN".into(),
        languages: vec!["zh".into(), "en".into()],
        kind: "basic".into(),
        fields: vec!["computing".into()],
        ..Default::default()
    };
    let spec = validate::journal(&input, &jstore::field_codes(conn)?)?;
    jstore::create_for(conn, &spec, Some(society))
}

/// The Young Scientists Forum has a call of its own: later deadline, shorter papers, its own question.
fn ensure_forum_call(conn: &mut AnyConnection, venue: i64) -> AppResult<()> {
    use crate::venues::{store as vstore, validate};
    let forum = vstore::track_by_slug(conn, venue, "young-scientists")?;
    if vstore::call_for(conn, venue, Some(forum.id))?.is_some() {
        return Ok(());
    }
    let input = validate::CallInput {
        paper_deadline: shanghai_evening(28),
        page_limit: Some(6),
        anonymity: "double_blind".into(),
        questions: vec![question(
            "checkbox",
            false,
            "申请青年优秀论文奖",
            "Apply for the young scientist paper award",
            &[],
        )],
        ..Default::default()
    };
    let spec = validate::call(&input, "Asia/Shanghai")?;
    vstore::save_call(conn, venue, Some(forum.id), &spec)?;
    Ok(())
}

/// A call's extra question.
fn question(kind: &str, required: bool, zh: &str, en: &str, options: &[(&str, &str)]) -> crate::venues::validate::QuestionInput {
    crate::venues::validate::QuestionInput {
        kind: kind.into(),
        required,
        label_zh: zh.into(),
        label_en: en.into(),
        options: options
            .iter()
            .map(|(zh, en)| crate::venues::validate::OptionText {
                zh: (*zh).into(),
                en: (*en).into(),
            })
            .collect(),
    }
}

/// The date in Shanghai `days` from today, as a form would enter it.
fn shanghai_day(days: i64) -> String {
    (Utc::now() + chrono::Duration::days(days))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%d")
        .to_string()
}

/// 23:59 in Shanghai, `days` from today, as a form would enter it.
fn shanghai_evening(days: i64) -> String {
    (Utc::now() + chrono::Duration::days(days))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT23:59")
        .to_string()
}

fn ensure_call(conn: &mut AnyConnection, venue: i64) -> AppResult<()> {
    use crate::venues::{store as vstore, validate};
    if vstore::call_of(conn, venue)?.is_some() {
        return Ok(());
    }
    let input = validate::CallInput {
        abstract_deadline: shanghai_evening(14),
        paper_deadline: shanghai_evening(21),
        grace_minutes: 30,
        page_limit: Some(12),
        anonymity: "double_blind".into(),
        questions: vec![
            question(
                "choice",
                true,
                "报告形式",
                "Presentation",
                &[("口头报告", "Oral"), ("墙报", "Poster")],
            ),
            question("text", false, "给组织者的备注", "Notes for the organisers", &[]),
        ],
        ..Default::default()
    };
    let spec = validate::call(&input, "Asia/Shanghai")?;
    vstore::save_call(conn, venue, None, &spec)?;
    Ok(())
}

/// Demo papers: Chinese title, English title, keywords, submitting author (index into ACCOUNTS), co-author e-mail.
const PAPERS: &[(&str, &str, &str, usize, &str)] = &[
    (
        "完善同行评议的学术评价体系",
        "Improving the peer-review-based academic evaluation system",
        "同行评议, 学术评价, peer review",
        5,
        "author2@xuehui.example",
    ),
    (
        "学术会议质量评估指标研究",
        "Indicators for the quality evaluation of academic conferences",
        "学术会议, 质量评估",
        5,
        "",
    ),
    (
        "",
        "Graph neural networks for materials discovery",
        "materials, graph neural networks",
        6,
        "author1@xuehui.example",
    ),
    ("面向青年科学家的跨学科合作网络分析", "", "青年科学家, 合作网络", 5, ""),
    (
        "",
        "Reproducibility of computational life-science pipelines",
        "reproducibility, bioinformatics",
        6,
        "",
    ),
    (
        "高质量科技期刊分级目录的同质等效原则",
        "Equivalent-quality principle for tiered journal catalogues",
        "期刊分级, 同质等效",
        5,
        "author2@xuehui.example",
    ),
];

fn ensure_submissions(conn: &mut AnyConnection, state: &AppState, venue: i64, user_ids: &[i64]) -> AppResult<()> {
    use crate::db::schema::submissions;
    use crate::submissions::{
        store as sstore,
        validate::{AuthorSpec, SubmissionSpec},
    };
    let existing: i64 = submissions::table
        .filter(submissions::venue_id.eq(venue))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(());
    }
    let tracks = crate::venues::store::tracks_of(conn, &[venue])?;
    let topics = crate::venues::store::topics_of(conn, venue)?;
    let files = state.files.clone();
    for (i, (zh, en, keywords, who, coauthor)) in PAPERS.iter().enumerate() {
        let submitter = store::by_id(conn, user_ids[*who])?;
        let track_id = tracks.get(i % 2).map(|t| t.id);
        let call = crate::venues::store::effective_call(conn, venue, track_id)?.ok_or(crate::error::AppError::NotFound)?;
        let mut authors = vec![AuthorSpec {
            name_zh: submitter.name_zh.clone(),
            name_latin: submitter.name_latin.clone(),
            email: submitter.email.clone(),
            affiliation: submitter.affiliation.clone(),
            country: submitter.country.clone(),
            orcid: None,
            is_corresponding: true,
            is_presenter: true,
        }];
        if !coauthor.is_empty() {
            let co = store::by_email(conn, coauthor)?.ok_or(crate::error::AppError::NotFound)?;
            authors.push(AuthorSpec {
                name_zh: co.name_zh,
                name_latin: co.name_latin,
                email: co.email,
                affiliation: co.affiliation,
                country: co.country,
                orcid: None,
                is_corresponding: false,
                is_presenter: false,
            });
        }
        let spec = SubmissionSpec {
            title_zh: zh.to_string(),
            title_en: en.to_string(),
            abstract_text: format!(
                "{} — {}",
                if zh.is_empty() { en } else { zh },
                "示例摘要 / demo abstract: 本文讨论学会学术交流中的相关问题。"
            ),
            keywords: keywords.to_string(),
            track_id,
            topic_ids: topics.get(i % topics.len().max(1)).map(|t| vec![t.id]).unwrap_or_default(),
            authors,
            answers: crate::venues::store::questions_of(conn, call.id)?
                .first()
                .map(|q| {
                    let answer = if q.kind == "checkbox" {
                        serde_json::json!(true)
                    } else {
                        serde_json::json!(i % 2)
                    };
                    (q.id.to_string(), answer)
                })
                .into_iter()
                .collect(),
            conflicts: vec![],
            related_submissions: String::new(),
        };
        let pdf = crate::files::pdf::sample(3 + (i as u32 % 5), if en.is_empty() { "demo paper" } else { en }, None);
        let sha = files
            .put_bytes(&pdf)
            .map_err(|e| crate::error::AppError::caused("storing a demo file", e))?;
        let file_id = crate::files::model::insert(
            conn,
            &crate::files::model::NewFile {
                sha256: &sha,
                size_bytes: pdf.len() as i64,
                content_type: "application/pdf",
                original_name: "paper.pdf",
                page_count: Some(3 + (i as i32 % 5)),
                uploaded_by: Some(submitter.id),
            },
        )?;
        let s = sstore::create(conn, venue, call.id, &spec, Some(file_id), None, submitter.id)?;
        // Co-authors confirm their authorship, except on the last paper, which stays waiting
        // in the co-author's dashboard to show how a listing is confirmed.
        if !coauthor.is_empty() && i + 1 < PAPERS.len() {
            sstore::confirm_authorship(conn, s.id, coauthor)?;
        }
        if i == 4 {
            sstore::withdraw(conn, s.id, submitter.id)?;
        }
    }
    Ok(())
}

/// Puts a demo reviewer on the programme committee as if they had accepted an invitation.
fn ensure_committee_member(
    conn: &mut AnyConnection,
    venue: i64,
    user_id: i64,
    chair: i64,
    role: crate::review::committee::model::CommitteeRole,
) -> AppResult<()> {
    use crate::review::committee::{model, store as cstore, validate::Invitee};
    if cstore::membership(conn, venue, user_id)?.is_some() {
        return Ok(());
    }
    let user = store::by_id(conn, user_id)?;
    let who = Invitee {
        email: user.email.clone(),
        name: user.display_name(),
    };
    let member = match cstore::invite(conn, venue, &who, role, chair)? {
        cstore::Invited::New(m, _) | cstore::Invited::Again(m, _) | cstore::Invited::AlreadyMember(m) => m,
    };
    cstore::accept(conn, member.id, user_id)?;
    roles::grant(
        conn,
        user_id,
        if role == model::AREA_CHAIR { roles::AREA_CHAIR } else { REVIEWER },
        SCOPE_VENUE,
        venue,
    )
}

/// Demo reviewers have bid on most papers they may see (reviewer 3 leaves two open).
fn ensure_bids(conn: &mut AnyConnection, venue: i64, reviewers: &[i64]) -> AppResult<()> {
    use crate::review::bids::{model::Bid, papers, store as bstore};
    if !bstore::of_venue(conn, venue)?.is_empty() {
        return Ok(());
    }
    for (i, &r) in reviewers.iter().enumerate() {
        let user = store::by_id(conn, r)?;
        for (j, p) in papers::visible(conn, venue, &user)?.iter().enumerate() {
            if i == 2 && j >= 2 {
                break;
            }
            bstore::set(conn, p.id, r, Some(Bid::ALL[(i + j) % 4]))?;
        }
    }
    Ok(())
}

/// The organiser has committed an optimal assignment: two reviewers per paper.
fn ensure_assignment(conn: &mut AnyConnection, state: &AppState, venue: i64, chair: i64) -> AppResult<()> {
    use crate::review::{assignment, committee::model::REVIEWER, settings};
    if assignment::store::latest_run(conn, venue)?.is_some() {
        return Ok(());
    }
    let s = settings::Settings {
        reviewers_per_paper: 2,
        max_load: 4,
        ..Default::default()
    };
    settings::save(conn, venue, &s)?;
    let run = assignment::propose::propose(conn, venue, REVIEWER, "max_total", chair)?;
    if run.status == "proposed" {
        assignment::propose::commit(conn, state, venue, run.id, chair)?;
    }
    Ok(())
}

/// The review phase is open; the first papers have reviews, one reviewer still has a draft.
fn ensure_reviews(conn: &mut AnyConnection, venue: i64) -> AppResult<()> {
    use crate::review::forms::model::{Answer, Answers};
    use crate::review::reviews::service::{ReviewInput, save};
    use crate::review::{assignment, committee::model::REVIEWER, phases};
    let p = phases::load(conn, venue)?;
    if p.stamp.is_some() {
        return Ok(());
    }
    let now = chrono::Utc::now().naive_utc();
    phases::save(
        conn,
        venue,
        &phases::Phases {
            // After the calls close (+21 and +28 days), before the conference (+90).
            review_deadline: Some(now + chrono::Duration::days(45)),
            ..Default::default()
        },
    )?;
    let texts = [
        (
            "论文提出了完善同行评议的评价框架，论证清楚。",
            "The evaluation section would benefit from a larger sample.",
        ),
        (
            "A clear study of conference quality indicators.",
            "相关工作部分需要补充近年的国内研究。",
        ),
    ];
    let mut seen: Vec<i64> = Vec::new();
    for (i, a) in assignment::store::list(conn, venue, REVIEWER)?.into_iter().enumerate() {
        if !seen.contains(&a.submission_id) {
            seen.push(a.submission_id);
        }
        // Papers 1 and 2 are fully reviewed, paper 3 half; the rest wait for their reviewers.
        let paper_index = seen.iter().position(|&s| s == a.submission_id).unwrap_or(0);
        if paper_index > 2 || crate::submissions::store::get(conn, a.submission_id)?.status != crate::submissions::model::SUBMITTED {
            continue;
        }
        let (summary, weak) = texts[i % 2];
        let mut answers = Answers::new();
        answers.insert("overall".into(), Answer::Number(2 + (i as i64 % 3)));
        answers.insert("summary".into(), Answer::Text(summary.into()));
        let submit = paper_index < 2 || i % 2 == 0;
        if submit {
            answers.insert("confidence".into(), Answer::Number(3));
            answers.insert("weaknesses".into(), Answer::Text(weak.into()));
        }
        let user = crate::auth::store::by_id(conn, a.user_id)?;
        save(conn, &user, a.submission_id, &ReviewInput { answers, submit }, now)?;
    }
    Ok(())
}

/// The area chair oversees papers #1 and #2 and has written the meta-review of #1; #1 has a
/// short discussion and is accepted (authors told, PDF public), and the organiser has decided
/// #2 without telling its authors yet.
fn ensure_discussion(conn: &mut AnyConnection, venue: i64, chair: i64, area_chair: i64) -> AppResult<()> {
    use crate::review::forms::model::{Answer, Answers};
    use crate::review::{assignment, committee::model, discussion, reviews};
    let papers: Vec<i64> = crate::db::schema::submissions::table
        .filter(crate::db::schema::submissions::venue_id.eq(venue))
        .order(crate::db::schema::submissions::number)
        .select(crate::db::schema::submissions::id)
        .limit(2)
        .load(conn)?;
    let Some(&first) = papers.first() else {
        return Ok(());
    };
    if !discussion::store::of_paper(conn, first)?.is_empty() {
        return Ok(());
    }
    for &p in &papers {
        assignment::store::add(conn, venue, p, area_chair, model::AREA_CHAIR, assignment::store::MANUAL, chair)?;
    }
    let now = Utc::now().naive_utc();
    let ac = store::by_id(conn, area_chair)?;
    let mut meta = Answers::new();
    meta.insert(
        "meta".into(),
        Answer::Text("两位审稿人都肯定了评价框架的价值；请作者在终稿中扩大样本并补充国内相关研究。".into()),
    );
    meta.insert("recommendation".into(), Answer::Number(3));
    meta.insert(
        "to_committee".into(),
        Answer::Text("Both reviews agree; I recommend acceptance.".into()),
    );
    reviews::service::save(
        conn,
        &ac,
        first,
        &reviews::service::ReviewInput {
            answers: meta,
            submit: true,
        },
        now,
    )?;
    let reviewer = reviews::store::of_paper(conn, first, reviews::model::REVIEW)?
        .into_iter()
        .find(|(r, _, _)| r.is_submitted())
        .map(|(r, _, _)| r.user_id);
    let mut posts = vec![(area_chair, "area_chair", "评分差距不大。请两位审稿人看看对方的意见，是否同意接收？")];
    if let Some(r) = reviewer {
        posts.push((
            r,
            "reviewer",
            "I agree with accepting it; the sample size is my only concern and the authors can address it.",
        ));
    }
    posts.push((chair, "chair", "谢谢，论文 #1 拟接收为口头报告。"));
    for (who, role, body) in posts {
        discussion::store::add(conn, venue, first, who, role, body, now)?;
    }
    // #1 is accepted, its authors are told and agreed to a public PDF, so its public page
    // (/venues/annual-2026/papers/1) is reachable; #2 is decided but not told yet.
    crate::review::decisions::store::set(conn, venue, first, "accept_oral", chair, now)?;
    crate::review::decisions::store::mark_notified(conn, first, now)?;
    crate::submissions::store::set_pdf_public(conn, first, true)?;
    if let Some(&second) = papers.get(1) {
        crate::review::decisions::store::set(conn, venue, second, "accept_poster", chair, now)?;
    }
    Ok(())
}

/// After acceptance: the final-version phase on the main call, #1 and #3 accepted and told
/// with approved final versions and consent, #4 accepted and told but missing its final (a
/// reminder is queued), and a proceedings volume whose build is queued (the worker builds it).
fn ensure_finals(conn: &mut AnyConnection, state: &AppState, venue: i64, chair: i64) -> AppResult<()> {
    use crate::finals::{model::FinalStatus, store as fstore};
    let Some(call) = crate::venues::store::call_for(conn, venue, None)? else {
        return Ok(());
    };
    if fstore::phase_of_call(conn, call.id)?.is_some() {
        return Ok(());
    }
    let now = Utc::now().naive_utc();
    let (zh, en) = crate::finals::validate::standard_text("cc_by_4_0");
    let spec = crate::finals::validate::PhaseSpec {
        opens_at: None,
        deadline: now + chrono::Duration::days(60),
        page_limit: Some(12),
        source_required: false,
        changes_required: true,
        template_name: "学会会议论文模板 (LaTeX / Word)".into(),
        template_url: "https://example.org/xuehui-template.zip".into(),
        licence: "cc_by_4_0".into(),
        consent_zh: zh.into(),
        consent_en: en.into(),
    };
    fstore::put_phase(conn, call.id, &spec, now)?;
    let papers: Vec<(i64, i32)> = crate::db::schema::submissions::table
        .filter(crate::db::schema::submissions::venue_id.eq(venue))
        .order(crate::db::schema::submissions::number)
        .select((crate::db::schema::submissions::id, crate::db::schema::submissions::number))
        .load(conn)?;
    let id_of = |n: i32| papers.iter().find(|p| p.1 == n).map(|p| p.0);
    let (Some(first), Some(third), Some(fourth)) = (id_of(1), id_of(3), id_of(4)) else {
        return Ok(());
    };
    for (paper, label) in [(third, "accept_poster"), (fourth, "accept_oral")] {
        crate::review::decisions::store::set(conn, venue, paper, label, chair, now)?;
        crate::review::decisions::store::mark_notified(conn, paper, now)?;
    }
    let files = state.files.clone();
    for (paper, pages) in [(first, 8u32), (third, 6)] {
        let s = crate::submissions::store::get(conn, paper)?;
        let authors = crate::submissions::store::authors_of(conn, paper)?;
        let corresponding = authors
            .iter()
            .find(|a| a.is_corresponding)
            .ok_or(crate::error::AppError::NotFound)?;
        let author = store::by_email(conn, &corresponding.email)?.ok_or(crate::error::AppError::NotFound)?;
        let title = if s.title_en.is_empty() {
            "Final version"
        } else {
            s.title_en.as_str()
        };
        let pdf = crate::files::pdf::sample(pages, title, Some(&author.name_latin));
        let sha = files
            .put_bytes(&pdf)
            .map_err(|e| crate::error::AppError::caused("storing a demo file", e))?;
        let file = crate::files::model::insert(
            conn,
            &crate::files::model::NewFile {
                sha256: &sha,
                size_bytes: pdf.len() as i64,
                content_type: "application/pdf",
                original_name: "final.pdf",
                page_count: Some(pages as i32),
                uploaded_by: Some(author.id),
            },
        )?;
        fstore::ensure(conn, paper, venue, now)?;
        let version = crate::submissions::store::record_final(conn, paper, file, None, author.id)?;
        let changes = "已按审稿意见补充实验并恢复作者信息。 Experiments added as the reviewers asked; author names restored.";
        let upload = fstore::Upload {
            version,
            pdf: file,
            source: None,
            changes,
            pages: pages as i32,
            warnings: &[],
            status: FinalStatus::Checked,
        };
        fstore::set_upload(conn, paper, &upload, author.id, now)?;
        fstore::confirm_authors(conn, paper, author.id, now)?;
        let name = if author.name_zh.is_empty() {
            author.name_latin.clone()
        } else {
            author.name_zh.clone()
        };
        let mut record = fstore::NewConsent {
            submission_id: paper,
            user_id: author.id,
            signer_name: &name,
            signer_email: &author.email,
            licence: &spec.licence,
            text_zh: &spec.consent_zh,
            text_en: &spec.consent_en,
            digest: "",
            ip: "127.0.0.1",
            accepted_at: now,
        };
        let digest = crate::finals::service::consent_digest(&record);
        record.digest = &digest;
        fstore::insert_consent(conn, &record)?;
        fstore::set_review(conn, paper, FinalStatus::Approved, "", chair, now)?;
    }
    crate::jobs::typed::enqueue_unique(conn, &crate::finals::service::Remind { submission_id: fourth })?;
    let volume = crate::proceedings::store::put(
        conn,
        venue,
        &crate::proceedings::validate::VolumeInput {
            title_zh: "2026 年学术年会论文集".into(),
            title_en: "Proceedings of the 2026 Annual Academic Conference".into(),
            series: "学会学术会议论文集 Society Conference Proceedings".into(),
            volume: "1".into(),
            publisher: "示范学会 Demo Society".into(),
            place: "北京 Beijing".into(),
            year: chrono::Datelike::year(&now),
            isbn: "978-0-306-40615-7".into(),
            preface_zh: "本论文集收录 2026 年学术年会录用并经作者确认的终稿论文。\n\n感谢全体作者、审稿人和程序委员会的辛勤工作。".into(),
            preface_en: "This volume collects the final versions of the papers accepted at the 2026 Annual Academic Conference.\n\nWe thank the authors, the reviewers and the programme committee.".into(),
            ..Default::default()
        },
        chair,
        now,
    )?;
    let stamp = format!("demo-{}", now.and_utc().timestamp());
    crate::proceedings::store::set_building(conn, volume.id, &stamp, now)?;
    crate::jobs::typed::enqueue(
        conn,
        &crate::proceedings::build::Build {
            volume_id: volume.id,
            stamp,
        },
    )?;
    Ok(())
}

/// A programme for the demo conference: three rooms, two days of sessions with the accepted
/// papers, a keynote, a panel and breaks; released as v1 and v2 (a reordering, so the
/// changelog shows something), then a draft edit whose overrun waits as a warning.
fn ensure_programme(conn: &mut AnyConnection, state: &AppState, venue: i64, chair: i64) -> AppResult<()> {
    use crate::programme::{release, service, store as pstore, validate};
    if !pstore::rooms_of(conn, venue)?.is_empty() {
        return Ok(());
    }
    let now = Utc::now().naive_utc();
    let user = crate::auth::store::by_id(conn, chair)?;
    let v = crate::venues::store::by_id(conn, venue)?;
    let ch = crate::guard::venue::chair_of(conn, &user, v)?;
    let room = |zh: &str, en: &str, capacity: i32, location: &str, recorded: bool| validate::RoomInput {
        name_zh: zh.into(),
        name_en: en.into(),
        capacity: Some(capacity),
        location: location.into(),
        recorded,
        streamed: recorded,
        ..Default::default()
    };
    let hall = service::add_room(
        conn,
        &ch,
        &room("主报告厅", "Main Hall", 400, "A 馆 1 层 / Hall A, ground floor", true),
        now,
    )?;
    let r1 = service::add_room(
        conn,
        &ch,
        &room("第一会议室", "Room 1", 120, "A 馆 2 层 / Hall A, 1st floor", true),
        now,
    )?;
    let r2 = service::add_room(
        conn,
        &ch,
        &room("第二会议室", "Room 2", 80, "A 馆 2 层 / Hall A, 1st floor", false),
        now,
    )?;
    let days = service::days(&ch.venue);
    let d1 = days.first.to_string();
    let d2 = days.first.succ_opt().unwrap_or(days.first).to_string();
    let tracks = crate::venues::store::tracks_of(conn, &[venue])?;
    let forum_track = tracks.iter().find(|t| t.slug == "young-scientists").map(|t| t.id);
    let main_track = tracks.iter().find(|t| t.slug == "main").map(|t| t.id);
    let person = |zh: &str, latin: &str, email: &str, aff: &str| validate::PersonInput {
        name_zh: zh.into(),
        name_latin: latin.into(),
        email: email.into(),
        affiliation: aff.into(),
    };
    let session = |kind: &str,
                   zh: &str,
                   en: &str,
                   room: Option<i64>,
                   track: Option<i64>,
                   date: &str,
                   start: &str,
                   end: &str,
                   chairs: Vec<validate::PersonInput>| validate::SessionInput {
        kind: kind.into(),
        title_zh: zh.into(),
        title_en: en.into(),
        room_id: room,
        track_id: track,
        date: date.into(),
        start: start.into(),
        end: end.into(),
        chairs,
        ..Default::default()
    };
    let reviewer = person("李审", "Li Shen", "reviewer1@xuehui.example", "北京大学");
    service::add_session(
        conn,
        &ch,
        &session("opening", "开幕式", "Opening", Some(hall), None, &d1, "08:30", "09:00", vec![]),
        now,
    )?;
    let keynote = service::add_session(
        conn,
        &ch,
        &session(
            "keynote",
            "大会特邀报告",
            "Keynote",
            Some(hall),
            None,
            &d1,
            "09:00",
            "10:00",
            vec![reviewer.clone()],
        ),
        now,
    )?;
    service::add_session(
        conn,
        &ch,
        &session("break", "茶歇", "Coffee break", Some(hall), None, &d1, "10:00", "10:20", vec![]),
        now,
    )?;
    let ai = service::add_session(
        conn,
        &ch,
        &session(
            "paper_session",
            "人工智能与学术评价",
            "AI and research evaluation",
            Some(r1),
            main_track,
            &d1,
            "10:20",
            "12:00",
            vec![reviewer.clone()],
        ),
        now,
    )?;
    let forum = service::add_session(
        conn,
        &ch,
        &session(
            "forum",
            "青年科学家论坛",
            "Young Scientists Forum",
            Some(r2),
            forum_track,
            &d1,
            "13:30",
            "15:00",
            vec![person("陈思", "Chen Si", "reviewer3@xuehui.example", "浙江大学")],
        ),
        now,
    )?;
    service::add_session(
        conn,
        &ch,
        &session("meal", "午餐", "Lunch", None, None, &d1, "12:00", "13:30", vec![]),
        now,
    )?;
    let posters = service::add_session(
        conn,
        &ch,
        &session(
            "poster_session",
            "墙报交流",
            "Posters",
            Some(r2),
            None,
            &d2,
            "09:00",
            "10:30",
            vec![],
        ),
        now,
    )?;
    let panel = service::add_session(
        conn,
        &ch,
        &session(
            "panel",
            "圆桌：学术会议的质量",
            "Panel: the quality of academic conferences",
            Some(hall),
            None,
            &d2,
            "14:00",
            "15:30",
            vec![],
        ),
        now,
    )?;
    let slot =
        |kind: &str, paper: Option<i32>, zh: &str, en: &str, speakers: Vec<validate::PersonInput>, minutes: Option<i32>, session: i64| {
            validate::SlotInput {
                kind: kind.into(),
                paper,
                title_zh: zh.into(),
                title_en: en.into(),
                abstract_text: String::new(),
                language: "zh".into(),
                speakers,
                duration_min: minutes,
                session_id: Some(session),
                ..Default::default()
            }
        };
    let invited = service::add_slot(
        conn,
        &ch,
        &slot(
            "invited",
            None,
            "学术共同体与同行评议的未来",
            "The future of peer review in learned societies",
            vec![person("周领", "Zhou Ling", "areachair@xuehui.example", "南京大学")],
            Some(50),
            keynote,
        ),
        now,
    )?;
    let d = crate::programme::draft::load(conn, &ch.venue, false, now)?;
    // Papers whose authors were told; #2's decision is not told yet and stays waiting.
    let told = |n: &i32| d.papers.values().any(|p| p.number == *n && p.told);
    let numbers: Vec<i32> = d
        .waiting
        .iter()
        .filter(|w| w.label.as_deref() == Some("accept_oral"))
        .filter_map(|w| w.number)
        .filter(told)
        .collect();
    let poster_numbers: Vec<i32> = d
        .waiting
        .iter()
        .filter(|w| w.label.as_deref() == Some("accept_poster"))
        .filter_map(|w| w.number)
        .filter(told)
        .collect();
    for n in poster_numbers {
        service::add_slot(conn, &ch, &slot("paper", Some(n), "", "", vec![], None, posters), now)?;
    }
    let mut first = None;
    for (i, n) in numbers.iter().enumerate() {
        let target = if i == numbers.len() - 1 && numbers.len() > 1 { forum } else { ai };
        let id = service::add_slot(conn, &ch, &slot("paper", Some(*n), "", "", vec![], None, target), now)?;
        first.get_or_insert(id);
    }
    service::add_slot(
        conn,
        &ch,
        &slot(
            "panel",
            None,
            "圆桌讨论",
            "Panel discussion",
            vec![
                person("王程", "Wang Cheng", "organiser@xuehui.example", "清华大学"),
                person("", "Maria Rossi", "reviewer2@xuehui.example", "Politecnico di Milano"),
            ],
            Some(90),
            panel,
        ),
        now,
    )?;
    let publish = |conn: &mut AnyConnection, name: &str, zh: &str, en: &str| {
        release::publish(
            conn,
            state,
            &ch,
            &validate::ReleaseInput {
                name: name.into(),
                comment_zh: zh.into(),
                comment_en: en.into(),
                over_warnings: true,
            },
            now,
        )
    };
    publish(conn, "v1", "首版日程。", "First programme.")?;
    // v2 reorders the AI session: its first talk moves to the end.
    if let Some(id) = first {
        service::move_slot(
            conn,
            &ch,
            id,
            &validate::MoveInput {
                session_id: Some(ai),
                position: Some(10),
                ..Default::default()
            },
            now,
        )?;
    }
    publish(conn, "v2", "调整人工智能专场的报告顺序。", "Talk order of the AI session changed.")?;
    // The draft since: the keynote talk grew past its session, a warning for the chair.
    service::move_slot(
        conn,
        &ch,
        invited,
        &validate::MoveInput {
            session_id: Some(keynote),
            duration_min: Some(70),
            ..Default::default()
        },
        now,
    )?;
    Ok(())
}

/// Loads the demo data (idempotent).
pub fn seed(state: &AppState) -> anyhow::Result<()> {
    let mut conn = state.db.conn()?;
    let hash = password::hash(DEMO_PASSWORD, state.config.argon2_memory_kib)?;
    transaction(&mut conn, |c| {
        let society = ensure_society(c)?;
        let ids: Vec<i64> = ACCOUNTS.iter().map(|a| ensure_user(c, &hash, *a)).collect::<AppResult<_>>()?;
        let venue = ensure_venue(c, society, ids[1])?;
        ensure_draft_venue(c, society, ids[1])?;
        let journal = ensure_journal(c, society)?;
        ensure_call(c, venue)?;
        ensure_forum_call(c, venue)?;
        if !crate::venues::store::by_id(c, venue)?.is_open() {
            crate::venues::store::open(c, venue, Utc::now().naive_utc())?;
        }
        roles::grant(c, ids[0], SITE_ADMIN, SCOPE_SITE, 0)?;
        roles::grant(c, ids[1], CHAIR, SCOPE_VENUE, venue)?;
        roles::grant(c, ids[1], roles::ORGANISER, SCOPE_SITE, 0)?;
        for &r in &ids[2..5] {
            ensure_committee_member(c, venue, r, ids[1], crate::review::committee::model::REVIEWER)?;
        }
        ensure_committee_member(c, venue, ids[8], ids[1], crate::review::committee::model::AREA_CHAIR)?;
        for &a in &ids[5..7] {
            roles::grant(c, a, AUTHOR, SCOPE_VENUE, venue)?;
        }
        roles::grant(c, ids[7], EDITOR, SCOPE_JOURNAL, journal)?;
        crate::journals::demo::seed(c, state, journal, ids[7], &ids[5..7], Utc::now().naive_utc())?;
        ensure_submissions(c, state, venue, &ids)?;
        ensure_bids(c, venue, &ids[2..5])?;
        ensure_assignment(c, state, venue, ids[1])?;
        ensure_reviews(c, venue)?;
        ensure_discussion(c, venue, ids[1], ids[8])?;
        ensure_finals(c, state, venue, ids[1])?;
        ensure_programme(c, state, venue, ids[1])?;
        let people = [ids[2], ids[3], ids[4], ids[5], ids[6], ids[8], ids[7]];
        crate::participation::registration::demo::seed(c, state, venue, ids[1], &people, Utc::now().naive_utc())?;
        crate::participation::agenda::demo::seed(c, "annual-2026", &[ids[5], ids[2], ids[3], ids[4], ids[6]])?;
        crate::participation::checkin::demo::seed(c, state, venue, ids[1], ids[9])?;
        crate::participation::feedback::demo::seed(c, venue, ids[1])?;
        crate::catalogue::demo::seed(c, ids[1], &ids[2..5], ids[7], &ids[5..7], journal)?;
        let applicants = [ids[2], ids[4], ids[5], ids[8], ids[7], ids[6]];
        crate::salons::demo::seed(c, state, society, ids[1], ids[10], &applicants, Utc::now().naive_utc())?;
        crate::salons::contest::demo::seed_forum(c, state, society, ids[1], &ids[5..7], &ids[2..5])?;
        let forum = crate::venues::store::by_slug(c, crate::salons::contest::demo::FORUM_SLUG)?.id;
        crate::integrity::demo::seed(c, venue, forum)?;
        roles::grant(c, ids[10], roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, society)?;
        crate::integrity::cases::demo::seed(c, state, society, ids[10], ids[1])?;
        let evaluators = crate::evaluation::demo::People {
            staff: ids[1],
            experts: vec![ids[7], ids[10], ids[4]],
            objector: ids[6],
        };
        crate::evaluation::demo::seed(c, state, society, &evaluators, Utc::now().naive_utc())?;
        Ok(())
    })?;
    tracing::info!("demo data is loaded");
    Ok(())
}
