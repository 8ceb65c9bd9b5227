//! Survey figures, pure: per question the number of answers, the count of each rating 1 to 5
//! and their mean, the comments in an order that says nothing about who wrote them; results
//! of a target with fewer than three answers are withheld; and a bar chart as plain SVG.

use super::model::{StoredAnswers, SurveyKind, SurveyQuestion};

/// Fewest answers a target needs before its results are shown: below that, a rating or a
/// comment could be traced to the one or two people who answered.
pub const MIN_ANSWERS: usize = 3;

/// Whether the results of a target with `answers` answers are withheld.
pub fn withheld(answers: usize) -> bool {
    answers < MIN_ANSWERS
}

/// The figures of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFigures {
    /// The question's id.
    pub id: i64,
    /// How many answered it (a rating or a comment).
    pub answered: i64,
    /// Ratings 1 to 5 (index 0 is rating 1); zeros for comment questions.
    pub counts: [i64; 5],
    /// Mean rating, rounded to two decimals; `None` without ratings.
    pub mean: Option<f64>,
    /// The comments, sorted (never in the order they came, which could identify people).
    pub comments: Vec<String>,
}

/// Count per rating and mean of `ratings` (values outside 1 to 5 are ignored).
pub fn ratings(ratings: &[u8]) -> ([i64; 5], Option<f64>) {
    let mut counts = [0i64; 5];
    for r in ratings.iter().filter(|r| (1..=5).contains(*r)) {
        counts[usize::from(*r) - 1] += 1;
    }
    let n: i64 = counts.iter().sum();
    let mean = (n > 0).then(|| {
        let sum: i64 = counts.iter().enumerate().map(|(i, c)| (i as i64 + 1) * c).sum();
        (sum as f64 / n as f64 * 100.0).round() / 100.0
    });
    (counts, mean)
}

/// The figures of each question in `questions` over the answers of one target.
pub fn tally(questions: &[SurveyQuestion], answers: &[StoredAnswers]) -> Vec<QuestionFigures> {
    questions
        .iter()
        .map(|q| {
            let given: Vec<_> = answers.iter().filter_map(|a| a.get(&q.id)).collect();
            let values: Vec<u8> = match q.kind {
                SurveyKind::Rating => given.iter().filter_map(|a| a.rating).collect(),
                SurveyKind::Comment => Vec::new(),
            };
            let (counts, mean) = ratings(&values);
            let mut comments: Vec<String> = given.iter().filter(|a| !a.comment.is_empty()).map(|a| a.comment.clone()).collect();
            comments.sort();
            QuestionFigures {
                id: q.id,
                answered: given.len() as i64,
                counts,
                mean,
                comments,
            }
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart of the counts of ratings 1 to 5 as SVG, sized by attributes and
/// coloured by the classes of `static/xuehui.css` (the site's CSP allows no inline style);
/// `title` names it for screen readers.
pub fn chart(counts: &[i64; 5], title: &str) -> String {
    const ROW: i64 = 24;
    const LABEL: i64 = 28;
    const BAR: i64 = 240;
    const TEXT: i64 = 48;
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let height = ROW * 5;
    let width = LABEL + BAR + TEXT;
    let summary = counts
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}: {c}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let mut svg = format!(
        r#"<svg class="survey-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{} ({})">"#,
        escape(title),
        summary
    );
    for (i, c) in counts.iter().enumerate() {
        let y = ROW * i as i64;
        let w = if *c == 0 { 0 } else { (BAR * c / most).max(2) };
        svg.push_str(&format!(
            r#"<text class="survey-chart-label" x="{}" y="{}" text-anchor="end">{}</text><rect class="survey-chart-bar survey-chart-bar-{}" x="{LABEL}" y="{}" width="{w}" height="{}"/><text class="survey-chart-count" x="{}" y="{}">{c}</text>"#,
            LABEL - 8,
            y + 16,
            i + 1,
            i + 1,
            y + 4,
            ROW - 8,
            LABEL + w + 6,
            y + 16,
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participation::feedback::model::{StoredAnswer, SurveyScope};

    fn q(id: i64, kind: SurveyKind) -> SurveyQuestion {
        SurveyQuestion {
            id,
            venue_id: 1,
            position: 0,
            scope: SurveyScope::Event,
            kind,
            label_zh: String::new(),
            label_en: String::new(),
            required: false,
        }
    }

    fn a(rating: Option<u8>, comment: &str) -> StoredAnswer {
        StoredAnswer {
            rating,
            comment: comment.into(),
        }
    }

    #[test]
    fn counts_per_rating_and_the_mean() {
        assert_eq!(ratings(&[5, 4, 4, 1]), ([1, 0, 0, 2, 1], Some(3.5)));
        assert_eq!(ratings(&[2, 3, 3]), ([0, 1, 2, 0, 0], Some(2.67)));
        assert_eq!(ratings(&[]), ([0; 5], None));
        assert_eq!(ratings(&[0, 6]), ([0; 5], None), "out of range is not counted");
    }

    #[test]
    fn fewer_than_three_answers_are_withheld() {
        assert!(withheld(0) && withheld(1) && withheld(2));
        assert!(!withheld(3) && !withheld(40));
    }

    #[test]
    fn tallies_per_question_with_comments_sorted_not_in_arrival_order() {
        let questions = [q(1, SurveyKind::Rating), q(2, SurveyKind::Comment), q(3, SurveyKind::Rating)];
        let answers: Vec<StoredAnswers> = vec![
            [(1, a(Some(5), "zebra")), (2, a(None, "second"))].into(),
            [(1, a(Some(3), "")), (2, a(None, "first"))].into(),
            [(2, a(None, "another"))].into(),
        ];
        let t = tally(&questions, &answers);
        assert_eq!(t[0].answered, 2);
        assert_eq!(t[0].counts, [0, 0, 1, 0, 1]);
        assert_eq!(t[0].mean, Some(4.0));
        assert_eq!(t[0].comments, ["zebra"]);
        assert_eq!(t[1].comments, ["another", "first", "second"]);
        assert_eq!((t[1].answered, t[1].mean), (3, None));
        assert_eq!((t[2].answered, t[2].counts, t[2].mean), (0, [0; 5], None));
    }

    #[test]
    fn the_chart_is_svg_without_inline_style_and_escapes_its_title() {
        let svg = chart(&[0, 1, 2, 4, 1], "Overall <rating> & \"more\"");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("style"), "{svg}");
        assert!(svg.contains("&lt;rating&gt; &amp; &quot;more&quot;"));
        assert!(svg.contains(r#"width="240" height="16""#), "the longest bar is full width: {svg}");
        assert!(svg.contains(r#"width="0" height="16""#), "an empty bar: {svg}");
        assert_eq!(svg.matches("<rect").count(), 5);
    }
}
