//! A JATS `<body>` from an HTML galley (pure): headings open nested `<sec>`s with their
//! `<title>`, paragraphs and lists are kept with their emphasis, super- and subscripts, code and
//! web links; what JATS cannot take from HTML without guessing (scripts, styles, navigation,
//! images, tables, forms) is left out. The result is the inside of `<body>`, already escaped,
//! ordered as the Journal Publishing DTD wants it (a section's paragraphs before its
//! subsections).

use scraper::{ElementRef, Html};

/// Elements whose content is not article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "input", "select", "textarea",
    "iframe", "object", "embed", "svg", "math", "img", "picture", "video", "audio", "canvas", "figure", "table", "head", "title", "meta",
    "link",
];

/// Inline elements and the JATS element each becomes (`None`: its content only).
fn inline_tag(name: &str) -> Option<Option<&'static str>> {
    Some(match name {
        "em" | "i" | "cite" | "dfn" | "var" => Some("italic"),
        "strong" | "b" => Some("bold"),
        "sup" => Some("sup"),
        "sub" => Some("sub"),
        "u" | "ins" => Some("underline"),
        "code" | "kbd" | "samp" | "tt" => Some("monospace"),
        "s" | "del" | "strike" => Some("strike"),
        "sc" => Some("sc"),
        "span" | "abbr" | "acronym" | "small" | "big" | "mark" | "q" | "time" | "label" | "font" | "bdi" | "bdo" | "data" => None,
        _ => return None,
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One section: its level (1–6, 0 for the body itself), title, blocks and subsections.
struct Sec {
    level: u8,
    title: String,
    blocks: Vec<String>,
    children: Vec<Sec>,
}

impl Sec {
    fn new(level: u8, title: String) -> Sec {
        Sec {
            level,
            title,
            blocks: Vec::new(),
            children: Vec::new(),
        }
    }

    fn render(&self, out: &mut String) {
        for b in &self.blocks {
            out.push_str(b);
        }
        for c in &self.children {
            out.push_str("<sec>");
            out.push_str("<title>");
            out.push_str(&c.title);
            out.push_str("</title>");
            c.render(out);
            out.push_str("</sec>");
        }
    }

    fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.children.iter().all(Sec::is_empty)
    }
}

/// Builds the section tree while walking the document in order.
struct Builder {
    /// Open sections, the body first.
    open: Vec<Sec>,
}

impl Builder {
    /// A builder with only the body open.
    fn new() -> Builder {
        Builder {
            open: vec![Sec::new(0, String::new())],
        }
    }

    fn block(&mut self, xml: String) {
        if let Some(top) = self.open.last_mut() {
            top.blocks.push(xml);
        }
    }

    /// Closes sections until the innermost open one is shallower than `level`.
    fn close_to(&mut self, level: u8) {
        while self.open.len() > 1 && self.open.last().is_some_and(|s| s.level >= level) {
            if let Some(done) = self.open.pop()
                && let Some(parent) = self.open.last_mut()
            {
                parent.children.push(done);
            }
        }
    }

    fn heading(&mut self, level: u8, title: String) {
        self.close_to(level);
        self.open.push(Sec::new(level, title));
    }

    fn finish(mut self) -> Sec {
        self.close_to(1);
        self.open.pop().unwrap_or_else(|| Sec::new(0, String::new()))
    }
}

/// Appends `text` with runs of whitespace collapsed to one space.
fn push_text(out: &mut String, text: &str) {
    let mut last_space = out.ends_with(' ');
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
            last_space = false;
        }
    }
}

/// The inline JATS of one node (text or element), whitespace collapsed (not trimmed).
fn inline_node(node: ego_tree::NodeRef<scraper::Node>, out: &mut String) {
    let Some(e) = ElementRef::wrap(node) else {
        if let Some(t) = node.value().as_text() {
            push_text(out, t);
        }
        return;
    };
    let name = e.value().name();
    if SKIPPED.contains(&name) {
        return;
    }
    if name == "br" {
        out.push(' ');
        return;
    }
    if name == "a" {
        let href = e.value().attr("href").unwrap_or("").trim();
        if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:") {
            out.push_str(&format!("<ext-link ext-link-type=\"uri\" xlink:href=\"{}\">", escape(href)));
            inline(e, out);
            out.push_str("</ext-link>");
        } else {
            inline(e, out);
        }
        return;
    }
    match inline_tag(name) {
        Some(Some(tag)) => {
            let mut inner = String::new();
            inline(e, &mut inner);
            if inner.trim().is_empty() {
                out.push_str(&inner);
            } else {
                out.push_str(&format!("<{tag}>{inner}</{tag}>"));
            }
        }
        // Plain or unknown inline elements keep their text.
        _ => inline(e, out),
    }
}

/// The inline content of `el` as JATS.
fn inline(el: ElementRef, out: &mut String) {
    for child in el.children() {
        inline_node(child, out);
    }
}

/// `inline` trimmed; `None` when nothing but space is left.
fn inline_text(el: ElementRef) -> Option<String> {
    let mut s = String::new();
    inline(el, &mut s);
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn list(el: ElementRef) -> Option<String> {
    let ordered = el.value().name() == "ol";
    let mut items = String::new();
    for li in el.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "li") {
        // An item's own text, then its nested lists, each a block of the item.
        let mut inner = Builder::new();
        let mut own = String::new();
        for child in li.children() {
            match ElementRef::wrap(child) {
                Some(e) if matches!(e.value().name(), "ul" | "ol") => {
                    flush(&mut own, &mut inner);
                    if let Some(x) = list(e) {
                        inner.block(x);
                    }
                }
                Some(e) if matches!(e.value().name(), "p" | "div") => {
                    flush(&mut own, &mut inner);
                    if let Some(t) = inline_text(e) {
                        inner.block(format!("<p>{t}</p>"));
                    }
                }
                _ => inline_node(child, &mut own),
            }
        }
        flush(&mut own, &mut inner);
        let body = inner.finish();
        if !body.blocks.is_empty() {
            items.push_str("<list-item>");
            for x in &body.blocks {
                items.push_str(x);
            }
            items.push_str("</list-item>");
        }
    }
    (!items.is_empty()).then(|| format!("<list list-type=\"{}\">{items}</list>", if ordered { "order" } else { "bullet" }))
}

/// Ends a run of loose inline text as a paragraph.
fn flush(own: &mut String, b: &mut Builder) {
    let t = own.trim();
    if !t.is_empty() {
        b.block(format!("<p>{t}</p>"));
    }
    own.clear();
}

/// Walks a block container in document order.
fn blocks(el: ElementRef, b: &mut Builder) {
    let mut own = String::new();
    for child in el.children() {
        let Some(e) = ElementRef::wrap(child) else {
            inline_node(child, &mut own);
            continue;
        };
        let name = e.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(&mut own, b);
                let level = name.as_bytes()[1] - b'0';
                if let Some(title) = inline_text(e) {
                    b.heading(level, title);
                }
            }
            "p" | "pre" | "address" | "dt" | "dd" | "figcaption" | "caption" => {
                flush(&mut own, b);
                if let Some(t) = inline_text(e) {
                    b.block(format!("<p>{t}</p>"));
                }
            }
            "ul" | "ol" => {
                flush(&mut own, b);
                if let Some(x) = list(e) {
                    b.block(x);
                }
            }
            "br" => own.push(' '),
            _ if inline_tag(name).is_some() || name == "a" => inline_node(child, &mut own),
            // Containers (div, section, article, main, blockquote, dl, …).
            _ => {
                flush(&mut own, b);
                blocks(e, b);
            }
        }
    }
    flush(&mut own, b);
}

/// The inside of a JATS `<body>` for the HTML galley `html`; `None` when it holds no text.
pub fn from_html(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let start = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    // Inside an <article> or <main> when there is one: that is the text, not the site around it.
    let main = start
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| matches!(e.value().name(), "article" | "main"))
        .unwrap_or(start);
    let mut b = Builder::new();
    blocks(main, &mut b);
    let body = b.finish();
    if body.is_empty() {
        return None;
    }
    let mut out = String::new();
    body.render(&mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_nest_sections_and_paragraphs_keep_their_marks() {
        let html = r##"<!DOCTYPE html><html lang="zh"><head><title>x</title><style>p{}</style></head><body>
            <nav><a href="/">Home</a></nav>
            <article>
              <p>引言之前的<b>导语</b>。</p>
              <h2>1 引言</h2>
              <p>同行评议是<em>学术</em>交流的基础 (H<sub>2</sub>O, x<sup>2</sup>)。</p>
              <h3>1.1 背景</h3>
              <p>See <a href="https://doi.org/10.1145/3528086">Shah 2022</a> &amp; <a href="#ref1">[1]</a>.</p>
              <script>alert(1)</script>
              <h2>2 Method</h2>
              <ol><li>First <code>step</code></li><li><p>Second</p><ul><li>nested</li></ul></li></ol>
              <table><tr><td>cell</td></tr></table>
            </article></body></html>"##;
        let body = from_html(html).unwrap();
        assert_eq!(
            body,
            "<p>引言之前的<bold>导语</bold>。</p>\
             <sec><title>1 引言</title><p>同行评议是<italic>学术</italic>交流的基础 (H<sub>2</sub>O, x<sup>2</sup>)。</p>\
             <sec><title>1.1 背景</title><p>See <ext-link ext-link-type=\"uri\" xlink:href=\"https://doi.org/10.1145/3528086\">Shah 2022</ext-link> &amp; [1].</p></sec></sec>\
             <sec><title>2 Method</title><list list-type=\"order\"><list-item><p>First <monospace>step</monospace></p></list-item>\
             <list-item><p>Second</p><list list-type=\"bullet\"><list-item><p>nested</p></list-item></list></list-item></list></sec>"
        );
        assert!(!body.contains("Home") && !body.contains("alert") && !body.contains("cell"));
    }

    #[test]
    fn loose_text_becomes_paragraphs_and_an_empty_page_gives_nothing() {
        assert_eq!(
            from_html("<html><body><div>One<br>line</div><div><span>Two</span></div></body></html>").as_deref(),
            Some("<p>One line</p><p>Two</p>")
        );
        assert_eq!(from_html("<html><body><nav>menu</nav><script>x</script></body></html>"), None);
        assert_eq!(from_html(""), None);
    }

    #[test]
    fn a_heading_deeper_than_the_next_closes_back_to_its_level() {
        let body = from_html("<h3>A</h3><p>a</p><h1>B</h1><p>b</p><h2>C</h2><p>c</p>").unwrap();
        assert_eq!(
            body,
            "<sec><title>A</title><p>a</p></sec><sec><title>B</title><p>b</p><sec><title>C</title><p>c</p></sec></sec>"
        );
    }
}
