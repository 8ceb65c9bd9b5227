//! The Typst world of one document: its template as the main file, the data as `data.json`,
//! the shared fonts; nothing else can be read (no packages, no other files).

use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

/// One document to compile.
pub struct Doc {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Arc<Fonts>,
    main: Source,
    data: Bytes,
    data_id: FileId,
}

fn id(path: &str) -> FileId {
    // The paths are constants of ours, always valid.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("valid virtual path {path}"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl Doc {
    /// A document from template text and JSON data.
    pub fn new(template: String, data: Vec<u8>, fonts: Arc<Fonts>) -> Doc {
        Doc {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(fonts.book.clone()),
            fonts,
            main: Source::new(id("/main.typ"), template),
            data: Bytes::new(data),
            data_id: id("/data.json"),
        }
    }

    /// The template's source (for line numbers of errors).
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for Doc {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        use chrono::Datelike;
        let d = chrono::Utc::now().date_naive();
        Datetime::from_ymd(d.year(), u8::try_from(d.month()).ok()?, u8::try_from(d.day()).ok()?)
    }
}
