//! Reading form rows (`tracks[0].slug`) back out of a page, as a person would see them.

/// The opening tag of the element named `name`.
fn tag<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    Some(&html[start..=end])
}

/// The value the input `name` shows (as the page escapes it), `None` if there is no such input.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let t = tag(html, name)?;
    let v = t.split("value=\"").nth(1).unwrap_or("\"");
    Some(v[..v.find('"')?].to_string())
}

/// The text of the textarea `name`.
pub fn textarea_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let open = at + html[at..].find('>')? + 1;
    let close = open + html[open..].find("</textarea>")?;
    Some(html[open..close].to_string())
}

/// The option selected in the select `name`.
pub fn selected(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let end = at + html[at..].find("</select>")?;
    let sel = html[at..end].find(" selected")? + at;
    let opt = html[..sel].rfind("value=\"")? + "value=\"".len();
    Some(html[opt..opt + html[opt..].find('"')?].to_string())
}

/// Whether the checkbox `name` is ticked.
pub fn ticked(html: &str, name: &str) -> bool {
    tag(html, name).is_some_and(|t| t.contains(" checked"))
}

/// The error shown beside the input `name` (`<p class="error" id="e-name">`), if any.
pub fn error_beside(html: &str, name: &str) -> Option<String> {
    let marker = format!("id=\"e-{name}\">");
    let at = html.find(&marker)? + marker.len();
    Some(html[at..at + html[at..].find('<')?].trim().to_string())
}

/// Whether the row element with this id is a hidden spare (class `spare`).
pub fn is_spare(html: &str, id: &str) -> Option<bool> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let t = &html[start..end];
    Some(
        t.split("class=\"")
            .nth(1)
            .is_some_and(|c| c[..c.find('"').unwrap_or(0)].split(' ').any(|w| w == "spare")),
    )
}
