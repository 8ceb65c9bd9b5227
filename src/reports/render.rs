//! Rendering a template with data into PDF bytes (CPU work: run it on a blocking thread).

use std::path::Path;

use serde::Serialize;

use super::fonts;
use super::world::Doc;

/// A typeset document.
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its pages.
    pub pages: u32,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No installed font covers Chinese.
    #[error("no font with Chinese characters was found: install Debian's fonts-noto-cjk or put a CJK font in XUEHUI_FONTS_DIR")]
    NoChineseFont,
    /// The template file is missing.
    #[error("template {0} not found: {1}")]
    Template(String, std::io::Error),
    /// The template does not compile (a bug of ours: the data is never spliced into it).
    #[error("template {template}: {message}")]
    Compile {
        /// Template name.
        template: String,
        /// Typst's messages with line numbers.
        message: String,
    },
    /// The data could not be written as JSON.
    #[error("report data: {0}")]
    Data(#[from] serde_json::Error),
}

/// Renders `templates/reports/<name>.typ` (under `templates_dir`) with `data` offered to it
/// as `data.json`.
pub fn render<T: Serialize>(templates_dir: &Path, fonts_dir: Option<&Path>, name: &str, data: &T) -> Result<Rendered, ReportError> {
    let fonts = fonts::shared(fonts_dir);
    render_with(templates_dir, fonts, name, data)
}

/// [`render`] with a given font set.
pub fn render_with<T: Serialize>(
    templates_dir: &Path,
    fonts: std::sync::Arc<fonts::Fonts>,
    name: &str,
    data: &T,
) -> Result<Rendered, ReportError> {
    if !fonts.has_chinese {
        return Err(ReportError::NoChineseFont);
    }
    let path = templates_dir.join("reports").join(format!("{name}.typ"));
    let template = std::fs::read_to_string(&path).map_err(|e| ReportError::Template(path.display().to_string(), e))?;
    let doc = Doc::new(template, serde_json::to_vec(data)?, fonts);
    let compiled = typst::compile::<typst_layout::PagedDocument>(&doc);
    let document = compiled.output.map_err(|errors| ReportError::Compile {
        template: name.to_string(),
        message: describe(&doc, &errors),
    })?;
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| ReportError::Compile {
        template: name.to_string(),
        message: describe(&doc, &errors),
    })?;
    // Typst memoises across compilations; a long-running worker keeps only recent entries.
    typst::comemo::evict(10);
    Ok(Rendered {
        pdf,
        pages: u32::try_from(document.pages().len()).unwrap_or(u32::MAX),
    })
}

fn describe(doc: &Doc, errors: &[typst::diag::SourceDiagnostic]) -> String {
    use typst::WorldExt;
    errors
        .iter()
        .map(|e| {
            let line = doc
                .range(e.span)
                .and_then(|r| doc.main_source().lines().byte_to_line(r.start))
                .map(|l| format!("line {}: ", l + 1))
                .unwrap_or_default();
            format!("{line}{}", e.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::documents::*;

    fn templates() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
    }

    fn text_of(pdf: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().join("r.pdf");
        std::fs::write(&path, pdf).ok()?;
        let out = std::process::Command::new("pdftotext").args([path.to_str()?, "-"]).output().ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn front() -> FrontMatter {
        FrontMatter {
            volume: VolumeInfo {
                title_zh: "2026 年学术年会论文集".into(),
                title_en: "Proceedings of the 2026 Annual Conference".into(),
                publisher: "科学出版社 Science Press".into(),
                place: "北京".into(),
                year: 2027,
                isbn: "978-0-306-40615-7".into(),
                ..VolumeInfo::default()
            },
            venue: VenueInfo {
                title_zh: "2026 年学术年会".into(),
                title_en: "2026 Annual Conference".into(),
                place: "杭州".into(),
                dates_zh: "2026 年 10 月 12 日".into(),
                dates_en: "12 October 2026".into(),
            },
            preface_zh: "第一段。\n\n第二段 #strong[不是标记] $x$ @ref * ] \\".into(),
            preface_en: String::new(),
            committee: vec![CommitteeGroup {
                role_zh: "程序委员会主席".into(),
                role_en: "Programme chairs".into(),
                members: vec![("王明".into(), "清华大学".into())],
            }],
            contents: vec![ContentsPart {
                part_zh: "主会场".into(),
                part_en: "Main track".into(),
                papers: vec![ContentsPaper {
                    title_zh: "同行评议研究".into(),
                    title_en: "A Study of Peer Review".into(),
                    authors: "Li Hua (李华)".into(),
                    first_page: 1,
                }],
            }],
        }
    }

    #[test]
    fn the_front_matter_sets_chinese_and_english_and_leaves_markup_in_user_text_alone() {
        let r = render(&templates(), None, "proceedings_front", &front()).expect("rendered (is fonts-noto-cjk installed?)");
        assert!(r.pages >= 4, "title, imprint, preface, committee and contents: {}", r.pages);
        if let Some(text) = text_of(&r.pdf) {
            for s in [
                "2026 年学术年会论文集",
                "Proceedings of the 2026 Annual Conference",
                "前言",
                "#strong[不是标记]",
                "$x$",
                "王明",
                "同行评议研究",
                "A Study of Peer Review",
                "ISBN 978-0-306-40615-7",
                "iii",
            ] {
                assert!(text.contains(s), "{s} missing from:\n{text}");
            }
            assert!(!text.contains("Preface"), "an empty English preface has no heading");
        }
    }

    #[test]
    fn the_index_and_the_consent_form_render() {
        let index = AuthorIndex {
            title_zh: "作者索引".into(),
            title_en: "Author index".into(),
            first_page: 57,
            authors: vec![("Li Hua (李华)".into(), vec![1, 9]), ("Zhang Wei".into(), vec![17])],
        };
        let r = render(&templates(), None, "proceedings_index", &index).expect("index");
        if let Some(text) = text_of(&r.pdf) {
            assert!(text.contains("作者索引") && text.contains("1, 9") && text.contains("57"), "{text}");
        }
        let form = ConsentForm {
            venue: Titles {
                title_zh: "2026 年学术年会".into(),
                title_en: "2026 Annual Conference".into(),
            },
            paper: ConsentPaper {
                number: 3,
                title_zh: "同行评议研究".into(),
                title_en: String::new(),
                authors: vec!["李华".into()],
            },
            licence: Licence {
                code: "cc_by_4_0".into(),
                name_zh: "知识共享署名 4.0".into(),
                name_en: "CC BY 4.0".into(),
                text_zh: "本人代表全体作者确认。".into(),
                text_en: "On behalf of all authors I confirm.".into(),
            },
            signer_name: "李华".into(),
            signer_email: "li@x.org".into(),
            accepted_at_local: "2026-12-05 10:00 (Asia/Shanghai)".into(),
            accepted_at_utc: "2026-12-05T02:00:00Z".into(),
            ip: "203.0.113.9".into(),
            consent_id: 12,
            digest: "ab".repeat(32),
        };
        let r = render(&templates(), None, "consent_form", &form).expect("consent form");
        if let Some(text) = text_of(&r.pdf) {
            for s in [
                "著作权许可",
                "Licence and Copyright Consent",
                "本人代表全体作者确认",
                "On behalf of all authors",
                "203.0.113.9",
                &"ab".repeat(32),
            ] {
                assert!(text.contains(s), "{s} missing from:\n{text}");
            }
        }
    }

    #[test]
    fn without_a_chinese_font_the_error_says_what_to_install() {
        let empty = tempfile::tempdir().expect("tempdir");
        let fonts = std::sync::Arc::new(crate::reports::fonts::Fonts::scan(&[empty.path().to_path_buf()]));
        let err = render_with(&templates(), fonts, "consent_form", &ConsentForm::default())
            .err()
            .expect("refused");
        assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
    }

    #[test]
    fn page_templates_never_read_the_typst_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("reports")).expect("dir");
        std::fs::write(dir.path().join("page.html"), "<p>{{ 1 + 1 }}</p>").expect("write");
        std::fs::write(dir.path().join("reports/r.typ"), "#let x = {{ 1 }} {% {#").expect("write");
        let tera = crate::web::load_templates(dir.path()).expect("Typst braces are not Tera's");
        assert!(tera.get_template_names().all(|n| !n.ends_with(".typ")));
    }

    #[test]
    fn a_broken_template_names_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("reports")).expect("dir");
        std::fs::write(dir.path().join("reports/bad.typ"), "ok\n#let x = (\n").expect("write");
        let err = render(dir.path(), None, "bad", &()).err().expect("refused");
        assert!(err.to_string().contains("line"), "{err}");
    }
}
