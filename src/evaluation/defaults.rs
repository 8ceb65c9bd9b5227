//! The default indicator system (默认指标体系) shipped with xuehui, in both languages: six
//! dimensions, twenty indicators weighing 100 in all. An evaluating body starts from it and
//! changes what it needs; each change of weights makes a new version.

use super::normalise::{Band, Normalisation};

/// How an indicator is scored, as shipped.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Computed from xuehui's own records (`metric` is a `metrics::Metric` code).
    Metric {
        /// The metric's code.
        metric: &'static str,
        /// How the figure becomes a score.
        normalisation: Normalisation,
    },
    /// Reported by the conference with evidence, checked by the experts, scored 0–100 by them.
    SelfReported,
    /// Scored by the experts on the round's scale with the anchors below.
    Expert,
    /// From the participants' feedback survey (mean satisfaction, 1–5).
    Participant,
}

/// A dimension (维度).
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// Code.
    pub code: &'static str,
    /// Name in Chinese.
    pub name_zh: &'static str,
    /// Name in English.
    pub name_en: &'static str,
}

/// An indicator (指标).
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Code.
    pub code: &'static str,
    /// The dimension's code.
    pub dimension: &'static str,
    /// Name in Chinese.
    pub name_zh: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// Guidance for experts and conferences, Chinese.
    pub guidance_zh: &'static str,
    /// Guidance, English.
    pub guidance_en: &'static str,
    /// Weight (the system's weights sum to 100).
    pub weight: f64,
    /// How it is scored.
    pub source: Source,
}

/// The anchors of the default expert scale, 1 (lowest) to 5: (Chinese, English).
pub const EXPERT_ANCHORS: [(&str, &str); 5] = [
    ("差：明显不符合要求", "Poor: clearly below what is expected"),
    ("一般：基本符合要求，有明显不足", "Fair: meets the basics with clear shortcomings"),
    ("良好：符合要求", "Good: meets what is expected"),
    ("优秀：在同类会议中突出", "Very good: stands out among comparable conferences"),
    ("卓越：可作为示范", "Outstanding: a model for others"),
];

/// The six dimensions.
pub fn dimensions() -> Vec<Dimension> {
    let d = |code, name_zh, name_en| Dimension { code, name_zh, name_en };
    vec![
        d("scale_influence", "规模与影响", "Scale and influence"),
        d("quality_control", "学术质量控制", "Academic quality control"),
        d("exchange", "交流与互动", "Exchange and interaction"),
        d("openness_youth", "开放与青年", "Openness and youth"),
        d("outputs", "成果与传播", "Outputs and spread"),
        d("organisation_integrity", "组织与诚信", "Organisation and integrity"),
    ]
}

fn linear(zero: f64, full: f64) -> Normalisation {
    Normalisation::Linear { zero, full }
}

fn metric(metric: &'static str, normalisation: Normalisation) -> Source {
    Source::Metric { metric, normalisation }
}

/// The twenty indicators.
pub fn indicators() -> Vec<Indicator> {
    let i = |code, dimension, (name_zh, name_en), (guidance_zh, guidance_en), weight, source| Indicator {
        code,
        dimension,
        name_zh,
        name_en,
        guidance_zh,
        guidance_en,
        weight,
        source,
    };
    vec![
        i(
            "submissions",
            "scale_influence",
            ("投稿量", "Submissions"),
            (
                "本届收到的有效投稿数（撤稿不计）；50 篇得 0 分，500 篇及以上得满分。",
                "Valid submissions this edition (withdrawn ones excluded); 50 score 0, 500 or more score 100.",
            ),
            6.0,
            metric("submissions", linear(50.0, 500.0)),
        ),
        i(
            "earlier_editions",
            "scale_influence",
            ("连续举办届数", "Editions held"),
            ("此前在平台上举办的届数。", "Earlier editions held in xuehui."),
            3.0,
            metric(
                "earlier_editions",
                Normalisation::Bands {
                    bands: vec![
                        Band { floor: 0.0, score: 0.0 },
                        Band { floor: 1.0, score: 40.0 },
                        Band { floor: 3.0, score: 70.0 },
                        Band { floor: 5.0, score: 100.0 },
                    ],
                },
            ),
        ),
        i(
            "media_reach",
            "scale_influence",
            ("社会影响与媒体报道", "Media reach and public impact"),
            (
                "会议自报，附报道链接或材料，由专家核实后评分。",
                "Reported by the conference with links or documents; checked and scored by the experts.",
            ),
            4.0,
            Source::SelfReported,
        ),
        i(
            "acceptance_rate",
            "quality_control",
            ("录用率", "Acceptance rate"),
            (
                "录用论文占已决定论文的比例；90% 得 0 分，30% 及以下得满分。",
                "Accepted papers among decided ones; 90 % scores 0, 30 % or less scores 100.",
            ),
            6.0,
            metric("acceptance_rate", linear(0.9, 0.3)),
        ),
        i(
            "reviewers_per_paper",
            "quality_control",
            ("每篇审稿人数", "Reviewers per paper"),
            (
                "每篇已决定论文提交的审稿意见数的平均值；1 份得 0 分，3 份及以上得满分。",
                "Mean number of submitted reviews per decided paper; 1 scores 0, 3 or more score 100.",
            ),
            6.0,
            metric("reviewers_per_paper", linear(1.0, 3.0)),
        ),
        i(
            "review_length",
            "quality_control",
            ("审稿意见长度", "Review length"),
            (
                "审稿意见给作者部分的平均字数（中文按字、英文按词）；100 得 0 分，600 及以上得满分。",
                "Mean length of the comments to authors (Chinese characters or English words); 100 scores 0, 600 or more score 100.",
            ),
            4.0,
            metric("review_length", linear(100.0, 600.0)),
        ),
        i(
            "anonymity",
            "quality_control",
            ("评审匿名方式", "Anonymity of review"),
            (
                "双盲得满分，单盲 60 分，公开评审 30 分。",
                "Double-blind scores 100, single-blind 60, open review 30.",
            ),
            4.0,
            metric(
                "anonymity",
                Normalisation::Bands {
                    bands: vec![
                        Band { floor: 0.0, score: 30.0 },
                        Band { floor: 1.0, score: 60.0 },
                        Band { floor: 2.0, score: 100.0 },
                    ],
                },
            ),
        ),
        i(
            "conflicts",
            "quality_control",
            ("利益冲突申报", "Conflicts of interest declared"),
            (
                "每篇论文申报并确认的利益冲突数；0 得 0 分，每篇 1 条及以上得满分。",
                "Conflicts declared and confirmed per paper; none scores 0, one or more per paper scores 100.",
            ),
            3.0,
            metric("conflicts_per_paper", linear(0.0, 1.0)),
        ),
        i(
            "days_to_decision",
            "quality_control",
            ("截稿至决定天数", "Days from deadline to decision"),
            (
                "论文截止至最后一个决定通知的天数；120 天得 0 分，30 天及以内得满分。",
                "Days from the paper deadline to the last decision told; 120 score 0, 30 or fewer score 100.",
            ),
            3.0,
            metric("days_to_decision", linear(120.0, 30.0)),
        ),
        i(
            "academic_level",
            "quality_control",
            ("学术水平", "Academic level"),
            (
                "专家依据程序与录用论文评价会议的学术水平与前沿性。",
                "The experts judge the academic level and novelty of the programme and accepted papers.",
            ),
            12.0,
            Source::Expert,
        ),
        i(
            "debate_share",
            "exchange",
            ("讨论时间占比", "Share of discussion time"),
            (
                "日程中讨论、辩论与问答时间的占比；10% 得 0 分，50% 及以上得满分。",
                "Share of the programme given to discussion, debate and questions; 10 % scores 0, 50 % or more scores 100.",
            ),
            5.0,
            metric("debate_share", linear(0.1, 0.5)),
        ),
        i(
            "attendance",
            "exchange",
            ("到会率", "Attendance"),
            (
                "签到人数占确认报名人数的比例；50% 得 0 分，95% 及以上得满分。",
                "People checked in among confirmed registrations; 50 % scores 0, 95 % or more scores 100.",
            ),
            5.0,
            metric("attendance", linear(0.5, 0.95)),
        ),
        i(
            "satisfaction",
            "exchange",
            ("参会者满意度", "Participants' satisfaction"),
            (
                "参会反馈问卷中满意度的平均分（1–5）；3 分得 0 分，5 分得满分。",
                "Mean satisfaction in the participants' feedback survey (1–5); 3 scores 0, 5 scores 100.",
            ),
            8.0,
            Source::Participant,
        ),
        i(
            "international_authors",
            "openness_youth",
            ("境外作者占比", "International authors"),
            (
                "作者单位所在国家或地区不是中国的作者占比；0 得 0 分，30% 及以上得满分。",
                "Authors from outside China among all authors; none scores 0, 30 % or more scores 100.",
            ),
            4.0,
            metric("international_authors", linear(0.0, 0.3)),
        ),
        i(
            "international_participants",
            "openness_youth",
            ("境外参会者占比", "International participants"),
            (
                "境外参会者占确认报名人数的比例；0 得 0 分，20% 及以上得满分。",
                "Participants from outside China among confirmed registrations; none scores 0, 20 % or more scores 100.",
            ),
            3.0,
            metric("international_participants", linear(0.0, 0.2)),
        ),
        i(
            "young_participants",
            "openness_youth",
            ("40 岁以下参会者占比", "Participants under 40"),
            (
                "已知出生年份的参会者中 40 岁以下的比例；10% 得 0 分，50% 及以上得满分。",
                "Participants under 40 among those whose birth year is known; 10 % scores 0, 50 % or more scores 100.",
            ),
            4.0,
            metric("young_participants", linear(0.1, 0.5)),
        ),
        i(
            "young_speakers",
            "openness_youth",
            ("40 岁以下报告人占比", "Speakers under 40"),
            (
                "日程中报告人 40 岁以下的比例；10% 得 0 分，50% 及以上得满分。",
                "Speakers in the programme under 40; 10 % scores 0, 50 % or more scores 100.",
            ),
            4.0,
            metric("young_speakers", linear(0.1, 0.5)),
        ),
        i(
            "catalogue_outputs",
            "outputs",
            ("高质量期刊发表", "Publication in catalogue journals"),
            (
                "录用论文作者此后在已发布分级目录期刊上发表的比例（T1 计 1，T2 计 0.6，T3 计 0.3）；0 得 0 分，0.5 及以上得满分。",
                "Accepted papers whose authors later published in journals of a published tiered catalogue (T1 counts 1, T2 0.6, T3 0.3); none scores 0, 0.5 or more scores 100.",
            ),
            5.0,
            metric("catalogue_outputs", linear(0.0, 0.5)),
        ),
        i(
            "proceedings_spread",
            "outputs",
            ("论文集与传播", "Proceedings and spread"),
            (
                "会议自报论文集出版、开放获取与传播情况，附材料，由专家核实后评分。",
                "Reported by the conference: proceedings, open access and spread, with documents; checked and scored by the experts.",
            ),
            3.0,
            Source::SelfReported,
        ),
        i(
            "organisation",
            "organisation_integrity",
            ("组织与诚信", "Organisation and integrity"),
            (
                "专家评价组织工作、节俭办会与学术诚信。",
                "The experts judge the organisation, frugality and research integrity of the conference.",
            ),
            8.0,
            Source::Expert,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_system_weighs_100_and_every_indicator_has_a_dimension_and_both_languages() {
        let dims = dimensions();
        let inds = indicators();
        assert_eq!(inds.len(), 20);
        assert!((inds.iter().map(|i| i.weight).sum::<f64>() - 100.0).abs() < 1e-9);
        for i in &inds {
            assert!(dims.iter().any(|d| d.code == i.dimension), "{}", i.code);
            assert!(!i.name_zh.is_empty() && !i.name_en.is_empty() && !i.guidance_zh.is_empty() && !i.guidance_en.is_empty());
            if let Source::Metric { normalisation, .. } = &i.source {
                assert_eq!(super::super::normalise::problem(normalisation), None, "{}", i.code);
            }
        }
        for d in &dims {
            assert!(inds.iter().any(|i| i.dimension == d.code), "{} has indicators", d.code);
        }
        let mut codes: Vec<_> = inds.iter().map(|i| i.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 20);
    }
}
