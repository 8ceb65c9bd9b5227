//! Simplified Chinese and English: message catalogs in `locales/`, language negotiation.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A supported interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub enum Lang {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// BCP 47 code as used in URLs, cookies, templates and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a stored or submitted code (`zh-CN`, `zh`, `en`...).
    pub fn parse(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        if c == "zh" || c.starts_with("zh-") || c.starts_with("zh_") {
            Some(Lang::ZhCn)
        } else if c == "en" || c.starts_with("en-") || c.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Best match for an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranked: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok()))
                    .unwrap_or(1.0);
                Lang::parse(tag).filter(|_| q > 0.0).map(|l| (q, i, l))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }
}

struct Catalog {
    flat: HashMap<String, String>,
    tree: tera::Value,
}

fn load(src: &str, name: &str) -> Catalog {
    let table: toml::Table = toml::from_str(src).unwrap_or_else(|e| panic!("locales/{name}.toml is invalid: {e}"));
    let mut flat = HashMap::new();
    flatten("", &toml::Value::Table(table.clone()), &mut flat);
    let tree = serde_json::to_value(&table).expect("catalog converts to JSON");
    Catalog { flat, tree }
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut HashMap<String, String>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

static ZH: LazyLock<Catalog> = LazyLock::new(|| load(include_str!("../../locales/zh-CN.toml"), "zh-CN"));
static EN: LazyLock<Catalog> = LazyLock::new(|| load(include_str!("../../locales/en.toml"), "en"));

fn catalog(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

/// Translates `key`; an unknown key comes back unchanged (tests check both catalogs have every key).
pub fn t(lang: Lang, key: &str) -> String {
    catalog(lang).flat.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// Whether `key` exists in the catalogs.
pub fn has_key(key: &str) -> bool {
    EN.flat.contains_key(key)
}

/// The whole catalog as a nested value for templates (`{{ t.login.title }}`).
pub fn tree(lang: Lang) -> &'static tera::Value {
    &catalog(lang).tree
}

/// All keys of a catalog (for the completeness test).
pub fn keys(lang: Lang) -> Vec<String> {
    let mut k: Vec<String> = catalog(lang).flat.keys().cloned().collect();
    k.sort();
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_have_the_same_keys() {
        assert_eq!(keys(Lang::ZhCn), keys(Lang::En));
    }

    #[test]
    fn accept_language_prefers_higher_q() {
        assert_eq!(Lang::from_accept_language("en;q=0.5, zh-CN;q=0.9"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_accept_language("fr, en-GB;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(Lang::from_accept_language("zh-TW, en"), Some(Lang::ZhCn));
    }
}
