//! Codes shown as words in the reader's language: countries (ISO 3166-1 alpha-2) and languages
//! (ISO 639-1). Pages use the `country_name` and `language_names` filters
//! (`{{ j.country | country_name(lang=lang) }}`, `{{ j.languages | language_names(lang=lang) }}`);
//! an unknown code is shown as it is.

mod data;

use std::collections::HashMap;

use tera::{Result as TeraResult, Value};

use super::i18n::Lang;

fn lookup(table: &'static [(&'static str, &'static str, &'static str)], code: &str, lang: Lang) -> Option<&'static str> {
    let i = table.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()?;
    let (_, zh, en) = table[i];
    Some(if lang == Lang::ZhCn { zh } else { en })
}

/// The name of a country code, if known.
pub fn country(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(data::COUNTRIES, &code.trim().to_ascii_uppercase(), lang)
}

/// The name of a language code, if known.
pub fn language(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(data::LANGUAGES, &code.trim().to_ascii_lowercase(), lang)
}

/// Countries most journals come from, offered first.
const COMMON_COUNTRIES: &[&str] = &["CN", "US", "GB", "DE", "NL", "JP", "FR", "CH", "KR", "SG", "HK", "TW"];

/// Languages most journals publish in, offered first.
const COMMON_LANGUAGES: &[&str] = &["zh", "en", "ja", "de", "fr", "ru", "ko", "es"];

/// A code with its name in the reader's language, for choosing one in a form.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Choice {
    /// ISO code.
    pub code: &'static str,
    /// Its name in the reader's language.
    pub name: &'static str,
    /// Whether it is among the common ones offered first.
    pub common: bool,
}

fn choices(table: &'static [(&'static str, &'static str, &'static str)], common: &[&str], lang: Lang) -> Vec<Choice> {
    let name = |zh: &'static str, en: &'static str| if lang == Lang::ZhCn { zh } else { en };
    let mut first: Vec<Choice> = common
        .iter()
        .filter_map(|c| table.iter().find(|(code, _, _)| code == c))
        .map(|(code, zh, en)| Choice {
            code,
            name: name(zh, en),
            common: true,
        })
        .collect();
    let mut rest: Vec<Choice> = table
        .iter()
        .filter(|(code, _, _)| !common.contains(code))
        .map(|(code, zh, en)| Choice {
            code,
            name: name(zh, en),
            common: false,
        })
        .collect();
    rest.sort_by(|a, b| a.name.cmp(b.name));
    first.append(&mut rest);
    first
}

/// Every country, the common ones first, then by name.
pub fn country_choices(lang: Lang) -> Vec<Choice> {
    choices(data::COUNTRIES, COMMON_COUNTRIES, lang)
}

/// Every language, the common ones first, then by name.
pub fn language_choices(lang: Lang) -> Vec<Choice> {
    choices(data::LANGUAGES, COMMON_LANGUAGES, lang)
}

fn lang_arg(args: &HashMap<String, Value>) -> TeraResult<Lang> {
    args.get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .ok_or_else(|| tera::Error::msg("needs lang=lang"))
}

fn country_name(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let lang = lang_arg(args)?;
    let code = value.as_str().unwrap_or("");
    Ok(Value::String(country(code, lang).unwrap_or(code).to_string()))
}

/// A list of codes, or one comma-separated string of them, as names joined by the reader's
/// list separator.
fn language_names(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let lang = lang_arg(args)?;
    let codes: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Value::String(s) => s.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect(),
        _ => vec![],
    };
    let names: Vec<&str> = codes.iter().map(|c| language(c, lang).unwrap_or(c)).collect();
    Ok(Value::String(names.join(if lang == Lang::ZhCn { "、" } else { ", " })))
}

/// Adds the filters to a template set.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("country_name", country_name);
    tera.register_filter("language_names", language_names);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words_in_both_languages() {
        assert_eq!(country("CN", Lang::ZhCn), Some("中国"));
        assert_eq!(country("gb", Lang::En), Some("United Kingdom"));
        assert_eq!(country("GB", Lang::ZhCn), Some("英国"));
        assert_eq!(language("de", Lang::ZhCn), Some("德语"));
        assert_eq!(language("zh", Lang::En), Some("Chinese"));
        assert_eq!(country("XX", Lang::En), None);
    }

    #[test]
    fn the_tables_are_sorted_so_lookups_find_every_code() {
        for table in [data::COUNTRIES, data::LANGUAGES] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
            for (code, zh, en) in table {
                assert!(!zh.is_empty() && !en.is_empty(), "{code}");
            }
        }
    }

    #[test]
    fn templates_show_names() {
        let mut tera = tera::Tera::default();
        register(&mut tera);
        tera.add_raw_template(
            "p",
            "{{ c | country_name(lang=lang) }}|{{ l | language_names(lang=lang) }}|{{ s | language_names(lang=lang) }}",
        )
        .unwrap();
        let ctx =
            |lang: &str| tera::Context::from_value(serde_json::json!({"lang": lang, "c": "DE", "l": ["de", "en"], "s": "zh,en"})).unwrap();
        assert_eq!(tera.render("p", &ctx("zh-CN")).unwrap(), "德国|德语、英语|中文、英语");
        assert_eq!(tera.render("p", &ctx("en")).unwrap(), "Germany|German, English|Chinese, English");
    }
}
