//! The one display rule for texts kept in both languages (titles, names, descriptions): the
//! reader's language, else the other one, never blank while either has text. Pages use the
//! `bi` filter (`{{ s | bi(f="title", lang=lang) }}` shows `s.title_zh` or `s.title_en`), mails
//! and flat values the `fallback` filter (`{{ venue_en | fallback(to=venue_zh) }}`); Rust code
//! calls [`pick`].

use std::collections::HashMap;

use tera::{Result as TeraResult, Value};

use super::i18n::Lang;

/// `zh` or `en` as the reader of `lang` should see it: their language when it has text,
/// else the other.
pub fn pick<'a>(zh: &'a str, en: &'a str, lang: Lang) -> &'a str {
    let (first, second) = match lang {
        Lang::ZhCn => (zh, en),
        Lang::En => (en, zh),
    };
    if first.trim().is_empty() { second } else { first }
}

fn text(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or("")
}

/// Tera filter `bi(f=<field>, lang=<code>)` over an object with `<field>_zh` and `<field>_en`,
/// or with `zh` and `en` when `f` is left out, or with the keys `zh=".."` and `en=".."` name
/// (a person: `bi(zh="name_zh", en="name_latin", lang=lang)`).
fn bi(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let key = |name: &str| args.get(name).and_then(Value::as_str).map(str::to_string);
    let (zh_key, en_key) = match (key("f"), key("zh"), key("en")) {
        (_, Some(zh), Some(en)) => (zh, en),
        (Some(field), _, _) => (format!("{field}_zh"), format!("{field}_en")),
        _ => ("zh".to_string(), "en".to_string()),
    };
    let lang = Lang::parse(text(args.get("lang"))).ok_or_else(|| tera::Error::msg("bi needs lang=lang"))?;
    // Tuples from the stores arrive as arrays: their keys are positions.
    let get = |k: &str| match value {
        Value::Array(items) => k.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => value.get(k),
    };
    let zh = text(get(&zh_key));
    let en = text(get(&en_key));
    Ok(Value::String(pick(zh, en, lang).to_string()))
}

/// Tera filter `fallback(to=<other>)`: the value when it has text, else `to`.
fn fallback(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let own = value.as_str().unwrap_or("");
    Ok(if own.trim().is_empty() {
        args.get("to").cloned().unwrap_or(Value::String(String::new()))
    } else {
        value.clone()
    })
}

/// Adds the filters to a template set (pages and mails share it).
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("bi", bi);
    tera.register_filter("fallback", fallback);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_readers_language_first_else_the_other_never_blank() {
        assert_eq!(pick("中文", "English", Lang::ZhCn), "中文");
        assert_eq!(pick("中文", "English", Lang::En), "English");
        assert_eq!(pick("", "English", Lang::ZhCn), "English");
        assert_eq!(pick("中文", " ", Lang::En), "中文");
        assert_eq!(pick("", "", Lang::En), "");
    }

    #[test]
    fn templates_follow_the_same_rule() {
        let mut tera = tera::Tera::default();
        register(&mut tera);
        tera.add_raw_template(
            "p",
            r#"[{{ s | bi(f="title", lang=lang) }}][{{ v_en | fallback(to=v_zh) }}][{{ o | bi(lang=lang) }}]"#,
        )
        .unwrap();
        let render = |lang: &str, zh: &str, en: &str| {
            let ctx = tera::Context::from_value(json!({
                "lang": lang, "s": {"title_zh": zh, "title_en": en}, "v_zh": zh, "v_en": en,
                "o": {"zh": zh, "en": en}
            }))
            .unwrap();
            tera.render("p", &ctx).unwrap()
        };
        assert_eq!(render("zh-CN", "", "Only English"), "[Only English][Only English][Only English]");
        assert_eq!(render("en", "只有中文", ""), "[只有中文][只有中文][只有中文]");
        assert_eq!(render("en", "中文", "English"), "[English][English][English]");
        assert_eq!(render("zh-CN", "中文", "English"), "[中文][English][中文]");
    }
}
