//! The reports' charts as SVG (pure): a radar of the dimensions, a strip placing one score in
//! the round's spread, and a histogram of the round's totals with the grade bands. Colours
//! and sizes are presentation attributes, not styles: the site's CSP allows no inline style,
//! and the same SVG goes into the PDF, where no stylesheet applies.

use std::f64::consts::PI;
use std::fmt::Write;

use super::distribution::Spread;

const FONT: &str = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', sans-serif";
const ACCENT: &str = "#8c1c13";
const MUTED: &str = "#5b6475";
const LINE: &str = "#d9dde5";
const INK: &str = "#1d2433";
const BOX: &str = "#eef1f5";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn open(width: u32, height: u32, label: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}" font-family="{FONT}">"#,
        escape(label)
    )
}

/// One axis of the radar.
#[derive(Debug, Clone)]
pub struct Axis {
    /// Its name in the reader's language.
    pub label: String,
    /// The conference's score, 0–100 (`None`: nothing scored, drawn at 0).
    pub value: Option<f64>,
    /// The round's median, 0–100.
    pub reference: Option<f64>,
}

fn point(cx: f64, cy: f64, radius: f64, i: usize, n: usize, v: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let r = radius * v.clamp(0.0, 100.0) / 100.0;
    (cx + r * angle.cos(), cy + r * angle.sin())
}

fn polygon(cx: f64, cy: f64, radius: f64, values: &[f64]) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(cx, cy, radius, i, values.len(), *v);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The radar of the dimensions: the conference's scores filled, the round's medians dashed,
/// rings at 25, 50, 75 and 100; `legend` names the two shapes. Fewer than three axes draw no
/// radar (a polygon needs three), only the legend's label.
pub fn radar(axes: &[Axis], title: &str, legend: (&str, &str)) -> String {
    // Wide enough for an English dimension name on either side of the radar.
    let (width, height, radius) = (680u32, 340u32, 110.0);
    let (cx, cy) = (width as f64 / 2.0, 170.0);
    let mut svg = open(width, height, title);
    let n = axes.len();
    if n >= 3 {
        for ring in [25.0, 50.0, 75.0, 100.0] {
            let _ = write!(
                svg,
                r#"<polygon points="{}" fill="none" stroke="{LINE}" stroke-width="1"/>"#,
                polygon(cx, cy, radius, &vec![ring; n])
            );
        }
        for (i, a) in axes.iter().enumerate() {
            let (x, y) = point(cx, cy, radius, i, n, 100.0);
            let _ = write!(
                svg,
                r#"<line x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}" stroke="{LINE}" stroke-width="1"/>"#
            );
            let (lx, ly) = point(cx, cy, radius + 14.0, i, n, 100.0);
            let anchor = if (lx - cx).abs() < 4.0 {
                "middle"
            } else if lx > cx {
                "start"
            } else {
                "end"
            };
            let dy = if ly < cy - radius / 2.0 {
                -2.0
            } else if ly > cy + radius / 2.0 {
                10.0
            } else {
                4.0
            };
            let value = a.value.map_or("—".to_string(), |v| format!("{v:.0}"));
            let _ = write!(
                svg,
                r#"<text x="{lx:.1}" y="{:.1}" font-size="13" fill="{INK}" text-anchor="{anchor}">{} {value}</text>"#,
                ly + dy,
                escape(&a.label)
            );
        }
        let medians: Vec<f64> = axes.iter().map(|a| a.reference.unwrap_or(0.0)).collect();
        let values: Vec<f64> = axes.iter().map(|a| a.value.unwrap_or(0.0)).collect();
        let _ = write!(
            svg,
            r#"<polygon points="{}" fill="none" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="4 3"/>"#,
            polygon(cx, cy, radius, &medians)
        );
        let _ = write!(
            svg,
            r#"<polygon points="{}" fill="{ACCENT}" fill-opacity="0.25" stroke="{ACCENT}" stroke-width="2"/>"#,
            polygon(cx, cy, radius, &values)
        );
    }
    let y = height - 8;
    let _ = write!(
        svg,
        r#"<rect x="12" y="{}" width="14" height="10" fill="{ACCENT}" fill-opacity="0.25" stroke="{ACCENT}"/><text x="32" y="{y}" font-size="12" fill="{INK}">{}</text><line x1="180" y1="{}" x2="200" y2="{}" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="4 3"/><text x="206" y="{y}" font-size="12" fill="{INK}">{}</text>"#,
        y - 9,
        escape(legend.0),
        y - 4,
        y - 4,
        escape(legend.1)
    );
    svg.push_str("</svg>");
    svg
}

/// One score placed in the round's spread on a 0–100 line: whiskers from lowest to highest, a
/// box from the first to the third quartile, a tick at the median, a dot for `value`.
pub fn strip(spread: Option<&Spread>, value: Option<f64>, label: &str) -> String {
    let (width, height) = (180u32, 22u32);
    let x = |v: f64| 6.0 + 168.0 * v.clamp(0.0, 100.0) / 100.0;
    let mut svg = open(width, height, label);
    let _ = write!(svg, r#"<line x1="6" y1="11" x2="174" y2="11" stroke="{LINE}" stroke-width="1"/>"#);
    if let Some(s) = spread {
        let _ = write!(
            svg,
            r#"<line x1="{:.1}" y1="11" x2="{:.1}" y2="11" stroke="{MUTED}" stroke-width="1.5"/><rect x="{:.1}" y="5" width="{:.1}" height="12" fill="{BOX}" stroke="{MUTED}" stroke-width="1"/><line x1="{:.1}" y1="4" x2="{:.1}" y2="18" stroke="{MUTED}" stroke-width="2"/>"#,
            x(s.min),
            x(s.max),
            x(s.q1),
            (x(s.q3) - x(s.q1)).max(1.0),
            x(s.median),
            x(s.median)
        );
    }
    if let Some(v) = value {
        let _ = write!(svg, r#"<circle cx="{:.1}" cy="11" r="5" fill="{ACCENT}"/>"#, x(v));
    }
    svg.push_str("</svg>");
    svg
}

/// The round's totals in ten bins of 10 points, with a dashed line at each grade band's
/// threshold (`bands`: label and lowest total).
pub fn histogram(bins: &[usize; 10], bands: &[(String, f64)], title: &str) -> String {
    let (width, height) = (520u32, 220u32);
    // Band labels take the top two rows (alternating, so close thresholds do not collide);
    // the bars and their counts stay below them.
    let (left, bottom, plot_w, plot_h) = (36.0, 180.0, 460.0, 120.0);
    let most = bins.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = open(width, height, title);
    let _ = write!(
        svg,
        r#"<line x1="{left}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="{MUTED}" stroke-width="1"/>"#,
        left + plot_w
    );
    let bar = plot_w / 10.0;
    for (i, c) in bins.iter().enumerate() {
        let h = plot_h * *c as f64 / most as f64;
        let x = left + bar * i as f64;
        if *c > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{ACCENT}" fill-opacity="0.7"/><text x="{:.1}" y="{:.1}" font-size="11" fill="{INK}" text-anchor="middle">{c}</text>"#,
                x + 2.0,
                bottom - h,
                bar - 4.0,
                x + bar / 2.0,
                bottom - h - 4.0
            );
        }
    }
    for tick in (0..=100).step_by(20) {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{}" font-size="11" fill="{MUTED}" text-anchor="middle">{tick}</text>"#,
            left + plot_w * tick as f64 / 100.0,
            bottom + 14.0
        );
    }
    for (i, (label, at)) in bands.iter().enumerate() {
        let x = left + plot_w * at.clamp(0.0, 100.0) / 100.0;
        let y = 14.0 + 16.0 * (i % 2) as f64;
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom}" stroke="{MUTED}" stroke-width="1" stroke-dasharray="4 3"/><text x="{:.1}" y="{y:.1}" font-size="11" fill="{MUTED}">{} ≥ {at}</text>"#,
            y - 10.0,
            x + 3.0,
            escape(label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes(values: &[f64]) -> Vec<Axis> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Axis {
                label: format!("<D{i}>"),
                value: Some(*v),
                reference: Some(50.0),
            })
            .collect()
    }

    #[test]
    fn the_radar_has_one_corner_per_dimension_and_escapes_names() {
        let svg = radar(&axes(&[100.0, 0.0, 50.0, 75.0]), "R & D", ("this", "median"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("aria-label=\"R &amp; D\"") && svg.contains("&lt;D0&gt; 100"));
        // Four rings, the medians and the conference: six polygons of four corners.
        assert_eq!(svg.matches("<polygon").count(), 6);
        // A full score reaches the outer ring straight above the centre.
        assert!(svg.contains("340.0,60.0"));
    }

    #[test]
    fn too_few_dimensions_draw_no_radar() {
        assert_eq!(radar(&axes(&[10.0, 20.0]), "t", ("a", "b")).matches("<polygon").count(), 0);
    }

    #[test]
    fn a_strip_without_a_spread_shows_the_score_alone() {
        let svg = strip(None, Some(50.0), "x");
        assert!(svg.contains(r#"<circle cx="90.0""#) && !svg.contains("<rect"));
        let s = Spread {
            n: 3,
            min: 0.0,
            q1: 25.0,
            median: 50.0,
            q3: 75.0,
            max: 100.0,
        };
        assert!(strip(Some(&s), None, "x").contains(r#"<rect x="48.0" y="5" width="84.0""#));
    }

    #[test]
    fn the_histogram_marks_each_band() {
        let svg = histogram(&[0, 0, 0, 0, 0, 1, 2, 0, 3, 0], &[("Excellent".into(), 85.0)], "t");
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("Excellent ≥ 85"));
    }
}
