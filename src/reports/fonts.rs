//! The fonts Typst may use: every font file in the configured folder and the system's font
//! folders, indexed once per process (file, face, metadata); a face's bytes are read only when
//! a document uses it. A Chinese-capable face is required.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};

/// Folders searched besides the configured one.
pub const SYSTEM_DIRS: &[&str] = &["/usr/share/fonts", "/usr/local/share/fonts"];

/// Indexed fonts: where each face of the book lives; bytes loaded on first use.
pub struct Fonts {
    /// Metadata of every face, in index order.
    pub book: FontBook,
    faces: Vec<(PathBuf, u32)>,
    loaded: Mutex<HashMap<PathBuf, Bytes>>,
    /// Whether some face covers common Chinese characters.
    pub has_chinese: bool,
}

impl Fonts {
    /// Indexes the font files under `dirs` (recursively).
    pub fn scan(dirs: &[PathBuf]) -> Fonts {
        let mut book = FontBook::new();
        let mut faces = Vec::new();
        let mut has_chinese = false;
        let mut files = Vec::new();
        for d in dirs {
            collect(d, &mut files, 0);
        }
        files.sort();
        for path in files {
            let Ok(data) = std::fs::read(&path) else { continue };
            for (i, info) in FontInfo::iter(&data).enumerate() {
                has_chinese |= "学会论文".chars().all(|c| info.coverage.contains(c as u32));
                book.push(info);
                faces.push((path.clone(), u32::try_from(i).unwrap_or(0)));
            }
        }
        Fonts {
            book,
            faces,
            loaded: Mutex::new(HashMap::new()),
            has_chinese,
        }
    }

    /// Face `index` of the book.
    pub fn font(&self, index: usize) -> Option<Font> {
        let (path, face) = self.faces.get(index)?;
        let bytes = {
            let mut loaded = self.loaded.lock().ok()?;
            match loaded.get(path) {
                Some(b) => b.clone(),
                None => {
                    let b = Bytes::new(std::fs::read(path).ok()?);
                    loaded.insert(path.clone(), b.clone());
                    b
                }
            }
        };
        Font::new(bytes, *face)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, depth: u32) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect(&path, out, depth + 1);
        } else if path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| matches!(x.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
        {
            out.push(path);
        }
    }
}

/// The process's fonts for `extra` (the configured folder) plus the system folders, indexed on
/// first use and kept (fonts do not change while the service runs).
pub fn shared(extra: Option<&Path>) -> Arc<Fonts> {
    static CACHE: OnceLock<Mutex<HashMap<Option<PathBuf>, Arc<Fonts>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = extra.map(Path::to_path_buf);
    let mut map = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    map.entry(key)
        .or_insert_with(|| {
            let mut dirs: Vec<PathBuf> = extra.map(Path::to_path_buf).into_iter().collect();
            dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
            if let Some(home) = std::env::var_os("HOME") {
                dirs.push(PathBuf::from(home).join(".local/share/fonts"));
            }
            Arc::new(Fonts::scan(&dirs))
        })
        .clone()
}
