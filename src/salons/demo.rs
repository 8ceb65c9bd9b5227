//! The demo salon: a lead scientist, applications approved and declined (one waiting), a
//! balance warning (too few young participants), and a published agenda that keeps the salon
//! rules. Nothing when the salon exists already.

use chrono::{Duration, NaiveDateTime};

use super::validate::Decision;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::participation::registration::validate::{RegisterInput, RegistrationFormInput};
use crate::web::AppState;

/// The demo salon's URL name.
pub const SLUG: &str = "salon-single-atom";

/// One applicant: account, birth year, field, viewpoint, and the decision (`None`: waiting).
type Application<'a> = (i64, Option<i32>, &'a str, &'a str, Option<(bool, &'a str)>);

/// Seeds the salon of `society` run by `chair` and led by `lead`; `people` are the applicants
/// in order: reviewer1, reviewer3, author1, area chair, editor, author2.
pub fn seed(
    conn: &mut AnyConnection,
    state: &AppState,
    society: i64,
    chair: i64,
    lead: i64,
    people: &[i64],
    now: NaiveDateTime,
) -> AppResult<Option<i64>> {
    use crate::venues::{store as vstore, validate};
    if vstore::by_slug(conn, SLUG).is_ok() || people.len() < 6 {
        return Ok(None);
    }
    let day = |d: i64| (now + Duration::days(d)).date().to_string();
    let input = validate::VenueInput {
        details: validate::VenueDetails {
            slug: SLUG.into(),
            kind: "salon".into(),
            title_zh: "单原子催化中的动态活性位点".into(),
            title_en: "Dynamic active sites in single-atom catalysis".into(),
            description_zh: "新观点新学说学术沙龙：单原子催化剂的活性位点在反应中是否保持“单原子”？围绕原位表征的新证据与理论计算的分歧展开圆桌讨论。".into(),
            description_en: "A \"new viewpoints, new theories\" salon: do single-atom catalysts stay single atoms while they work? A round table on new operando evidence and where theory disagrees.".into(),
            starts_on: day(-16),
            ends_on: day(-15),
            place: "北京 · 中国科技会堂 / China Science and Technology Hall, Beijing".into(),
            timezone: "Asia/Shanghai".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let venue = vstore::create_for(conn, &validate::venue(&input)?, chair, Some(society))?;
    vstore::open(conn, venue.id, now - Duration::days(60))?;
    let chair_user = crate::auth::store::by_id(conn, chair)?;
    let ch = crate::guard::venue::chair_of(conn, &chair_user, venue.clone())?;
    let lead_user = crate::auth::store::by_id(conn, lead)?;
    super::service::add_lead(conn, state, &ch, &lead_user.email)?;
    let form_id = crate::participation::registration::service::save_form(
        conn,
        state,
        &ch,
        None,
        &RegistrationFormInput {
            approval: true,
            capacity: Some(30),
            ..Default::default()
        },
        now,
    )?;
    let form = crate::participation::registration::store::form_by_id(conn, form_id)?;
    let apps: [Application; 6] = [
        (
            people[0],
            Some(1975),
            "催化化学",
            "原位电镜显示，单原子位点在反应条件下会可逆地团聚为亚纳米簇，真正的活性中心可能是动态的簇而非孤立原子。",
            Some((true, "观点鲜明，与沙龙主题高度相关。")),
        ),
        (
            people[1],
            Some(1980),
            "理论计算化学",
            "Static DFT models of single sites miss the solvent and the potential; grand-canonical simulations suggest the site changes its coordination during the cycle.",
            Some((true, "Welcome: theory needs its own voice at the table.")),
        ),
        (
            people[2],
            Some(1994),
            "催化化学",
            "我们的原位X射线吸收谱数据表明，在低覆盖度下孤立位点稳定存在，“动态团聚”并非普遍现象。",
            Some((true, "欢迎带来不同的证据。")),
        ),
        (
            people[3],
            Some(1970),
            "表面科学",
            "Model catalysts under ultra-high vacuum can bridge the gap: I propose a common benchmark set of single-atom systems.",
            Some((true, "The benchmark proposal fits the second round.")),
        ),
        (
            people[4],
            Some(1968),
            "科技期刊出版",
            "希望从期刊编辑角度讨论单原子催化论文中表征数据的报告标准。",
            Some((false, "本次沙龙聚焦科学问题本身；报告标准的议题建议在学会期刊工作会议上讨论。")),
        ),
        (
            people[5],
            None,
            "Catalysis engineering",
            "Industrial reactors will never see a true single-atom catalyst: I will argue the concept should be replaced by site-distribution metrics.",
            None,
        ),
    ];
    let lead_guard = crate::guard::salon::lead(conn, &lead_user, SLUG)?;
    for (user_id, born, field, viewpoint, decision) in apps {
        let user = crate::auth::store::by_id(conn, user_id)?;
        let reg = RegisterInput {
            birth_year: born,
            field: Some(field.into()),
            viewpoint: Some(viewpoint.into()),
            ..Default::default()
        };
        let id = crate::participation::registration::service::register(conn, state, &user, &form, &reg, None, now - Duration::days(40))?;
        if let Some((approve, reason)) = decision {
            let d = Decision {
                approve,
                reason: reason.into(),
                override_reason: String::new(),
            };
            super::service::decide(conn, state, &lead_guard, id, &d, now - Duration::days(30))?;
        }
    }
    crate::participation::registration::service::close_form(conn, &ch, form_id, now - Duration::days(20))?;
    agenda(conn, state, &ch, &lead_user, now)?;
    let regs = super::service::registrations(conn, venue.id)?;
    let participants: Vec<i64> = super::service::participants(&regs).iter().map(|r| r.user_id).collect();
    super::minutes::demo::seed(conn, venue.id, lead, &participants)?;
    plan(conn, state, society, chair, people, now)?;
    Ok(Some(venue.id))
}

/// This year's published salon plan of the society (the demo salon in it, two more planned),
/// a theme accepted into it, one waiting and one declined.
fn plan(conn: &mut AnyConnection, state: &AppState, society: i64, staff: i64, people: &[i64], now: NaiveDateTime) -> AppResult<()> {
    use super::plan::{service, store, validate};
    use crate::auth::roles;
    roles::grant(conn, staff, roles::SOCIETY_STAFF, roles::SCOPE_SOCIETY, society)?;
    let staff_user = crate::auth::store::by_id(conn, staff)?;
    let s = store::society(conn, "demo-society")?;
    let year = chrono::Datelike::year(&now);
    service::save_intro(
        conn,
        &staff_user,
        &s,
        year,
        "本学会每年举办若干场“新观点新学说”学术沙龙，围绕前沿问题开展小范围、高层次的圆桌讨论。欢迎会员建议主题。",
        "Each year the society holds a few \"new viewpoints, new theories\" salons: small, high-level round tables on frontier questions. Members are welcome to propose themes.",
        now,
    )?;
    let item = |zh: &str, en: &str, lead: &str, from: &str, to: &str, place: &str, venue: &str| validate::SalonPlanItemInput {
        theme_zh: zh.into(),
        theme_en: en.into(),
        lead_scientists: lead.into(),
        starts_on: from.into(),
        ends_on: to.into(),
        place: place.into(),
        venue: venue.into(),
    };
    let salon = crate::venues::store::by_slug(conn, SLUG)?;
    let first = salon.starts_on.map(|d| d.to_string()).unwrap_or_default();
    let last = salon.ends_on.map(|d| d.to_string()).unwrap_or_default();
    let items = [
        item(
            "单原子催化中的动态活性位点",
            "Dynamic active sites in single-atom catalysis",
            "孙立（中国科学院大连化学物理研究所）",
            &first,
            &last,
            "北京",
            SLUG,
        ),
        item(
            "大模型能否发现新的科学规律？",
            "Can large models discover new scientific laws?",
            "王程（清华大学）",
            "",
            "",
            "北京",
            "",
        ),
        item(
            "深地生物圈的能量来源",
            "Where the deep biosphere gets its energy",
            "陈思（浙江大学）",
            "",
            "",
            "杭州",
            "",
        ),
    ];
    for i in &items {
        // Dates of a plan made late in the year may fall outside it; the demo keeps them only when they fit.
        let spec = validate::item(i, year).or_else(|_| {
            validate::item(
                &validate::SalonPlanItemInput {
                    starts_on: String::new(),
                    ends_on: String::new(),
                    ..i.clone()
                },
                year,
            )
        })?;
        service::add_item(conn, &staff_user, &s, year, &spec, now)?;
    }
    service::publish(conn, &staff_user, &s, year, true, now)?;
    let theme = |zh: &str, en: &str, why: &str, lead: &str| validate::SalonThemeInput {
        year: Some(year),
        theme_zh: zh.into(),
        theme_en: en.into(),
        rationale: why.into(),
        lead_scientist: lead.into(),
    };
    let proposals = [
        (
            people[2],
            theme(
                "钙钛矿电池的稳定性极限",
                "The stability limit of perovskite cells",
                "多个团队报告的寿命相差两个数量级，分歧在于测试条件还是材料本身，值得正面讨论。",
                "张伟（复旦大学）",
            ),
            Some((true, "主题新颖且争议明确，已纳入计划，日期待定。")),
        ),
        (
            people[5],
            theme(
                "",
                "Should peer review be paid?",
                "Several publishers now pay reviewers; the evidence on quality is thin and contested.",
                "",
            ),
            Some((
                false,
                "This is a policy question rather than a scientific one; we suggest the society's journal forum.",
            )),
        ),
        (
            people[0],
            theme(
                "暗物质直接探测的下一步",
                "What next for direct dark-matter searches",
                "探测器灵敏度即将触及中微子本底，需要讨论新的探测思路。",
                "李审（北京大学）",
            ),
            None,
        ),
    ];
    for (who, t, decision) in proposals {
        let user = crate::auth::store::by_id(conn, who)?;
        let spec = validate::theme(&t, year)?;
        let id = service::propose(conn, state, &user, &s, &spec, now)?;
        if let Some((accept, note)) = decision {
            service::decide(conn, state, &staff_user, &s, id, (accept, note), now)?;
        }
    }
    Ok(())
}

/// Two rounds on the first day and a closing debate on the second, within the salon rules.
fn agenda(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &crate::guard::venue::Chair,
    lead: &crate::auth::User,
    now: NaiveDateTime,
) -> AppResult<()> {
    use crate::programme::{release, service, validate};
    let room = service::add_room(
        conn,
        ch,
        &validate::RoomInput {
            name_zh: "圆桌厅".into(),
            name_en: "Round-table room".into(),
            capacity: Some(30),
            location: "三层 / 2nd floor".into(),
            ..Default::default()
        },
        now,
    )?;
    let days = service::days(&ch.venue);
    let (d1, d2) = (days.first.to_string(), days.first.succ_opt().unwrap_or(days.first).to_string());
    let session = |kind: &str, zh: &str, en: &str, date: &str, start: &str, end: &str| validate::SessionInput {
        kind: kind.into(),
        title_zh: zh.into(),
        title_en: en.into(),
        room_id: Some(room),
        date: date.into(),
        start: start.into(),
        end: end.into(),
        ..Default::default()
    };
    let person = |u: &crate::auth::User| validate::PersonInput {
        name_zh: u.name_zh.clone(),
        name_latin: u.name_latin.clone(),
        email: u.email.clone(),
        affiliation: u.affiliation.clone(),
    };
    let r1 = service::add_session(
        conn,
        ch,
        &session(
            "salon",
            "第一轮：活性位点是静态的吗？",
            "Round 1: are active sites static?",
            &d1,
            "09:00",
            "12:00",
        ),
        now,
    )?;
    service::add_session(conn, ch, &session("meal", "午餐", "Lunch", &d1, "12:00", "13:30"), now)?;
    let r2 = service::add_session(
        conn,
        ch,
        &session(
            "salon",
            "第二轮：理论与实验的分歧",
            "Round 2: where theory and experiment disagree",
            &d1,
            "13:30",
            "16:30",
        ),
        now,
    )?;
    let r3 = service::add_session(
        conn,
        ch,
        &session(
            "salon",
            "综合讨论：共识与分歧",
            "Closing debate: agreement and dissent",
            &d2,
            "09:00",
            "11:30",
        ),
        now,
    )?;
    let slot = |kind: &str, zh: &str, en: &str, minutes: i32, session: i64, speakers: Vec<validate::PersonInput>| validate::SlotInput {
        kind: kind.into(),
        title_zh: zh.into(),
        title_en: en.into(),
        duration_min: Some(minutes),
        session_id: Some(session),
        speakers,
        language: "zh".into(),
        ..Default::default()
    };
    let regs = super::service::registrations(conn, ch.venue.id)?;
    let mut speakers = Vec::new();
    for r in super::service::participants(&regs) {
        speakers.push(crate::auth::store::by_id(conn, r.user_id)?);
    }
    let items = [
        slot(
            "key_talk",
            "主题引导：单原子还是动态簇？",
            "Key talk: single atoms or dynamic clusters?",
            20,
            r1,
            vec![person(lead)],
        ),
        slot(
            "invited",
            "原位电镜下的团聚证据",
            "Aggregation seen by operando microscopy",
            10,
            r1,
            speakers.first().map(person).into_iter().collect(),
        ),
        slot(
            "invited",
            "低覆盖度下的孤立位点",
            "Isolated sites at low coverage",
            10,
            r1,
            speakers.get(2).map(person).into_iter().collect(),
        ),
        slot("free", "自由讨论", "Free debate", 120, r1, vec![]),
        slot(
            "invited",
            "巨正则模拟下的配位变化",
            "Coordination changes in grand-canonical simulations",
            10,
            r2,
            speakers.get(1).map(person).into_iter().collect(),
        ),
        slot(
            "intervention",
            "插话：模型催化剂基准",
            "Intervention: a benchmark of model catalysts",
            5,
            r2,
            speakers.get(3).map(person).into_iter().collect(),
        ),
        slot("free", "自由讨论", "Free debate", 150, r2, vec![]),
        slot(
            "free",
            "自由讨论与纪要要点",
            "Free debate and the points for the minutes",
            150,
            r3,
            vec![],
        ),
    ];
    for s in &items {
        service::add_slot(conn, ch, s, now)?;
    }
    release::publish(
        conn,
        state,
        ch,
        &validate::ReleaseInput {
            name: "v1".into(),
            comment_zh: "沙龙议程".into(),
            comment_en: "The salon's agenda".into(),
            over_warnings: true,
        },
        now - Duration::days(25),
    )?;
    Ok(())
}
