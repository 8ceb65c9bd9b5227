//! PDF documents we typeset (consent forms, the front matter and author index of proceedings;
//! later reports and certificates): Typst templates in `templates/reports/`, filled with JSON
//! data, with Chinese text set in the system's CJK fonts.

pub mod documents;
pub mod fonts;
pub mod render;
mod world;

pub use render::{Rendered, ReportError, render};
