//! Copying the stored files to a folder and back (`xuehui backup-files`, `xuehui restore-files`):
//! a backup of the bucket (or the local folder) that any file tool can keep, and the way to move
//! an installation's files from the local folder into a bucket. Content-addressed, so a copy
//! that is already there is skipped and every copy is checked against its hash.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use super::FileStore;
use super::storage::is_sha256;

/// What a backup or restore did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Files copied.
    pub copied: usize,
    /// Files already at the destination.
    pub present: usize,
}

fn in_folder(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(&sha256[..2]).join(sha256)
}

fn hash_of(path: &Path) -> std::io::Result<String> {
    let mut hash = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hash)?;
    Ok(hex::encode(hash.finalize()))
}

/// Copies every stored file missing from `dir` into `dir/<aa>/<sha256>`.
pub fn backup(store: &FileStore, dir: &Path) -> std::io::Result<Copied> {
    let mut done = Copied::default();
    for sha in store.stored_blocking()? {
        let dest = in_folder(dir, &sha);
        if dest.exists() {
            done.present += 1;
            continue;
        }
        std::fs::create_dir_all(dest.parent().expect("has parent"))?;
        let source = store.local_copy_blocking(&sha)?;
        let part = dest.with_extension("part");
        std::fs::copy(&*source, &part)?;
        if hash_of(&part)? != sha {
            let _ = std::fs::remove_file(&part);
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("stored file {sha} does not match its hash"),
            ));
        }
        std::fs::rename(part, dest)?;
        done.copied += 1;
    }
    Ok(done)
}

/// Stores every file of a backup folder that the store lacks; a file whose content does not
/// match its name is refused.
pub fn restore(store: &FileStore, dir: &Path) -> std::io::Result<Copied> {
    let mut done = Copied::default();
    for shard in std::fs::read_dir(dir)? {
        let shard = shard?.path();
        if !shard.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&shard)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if !is_sha256(&name) {
                continue;
            }
            if store.exists_blocking(&name)? {
                done.present += 1;
                continue;
            }
            if hash_of(&path)? != name {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{} does not match its hash", path.display()),
                ));
            }
            std::fs::create_dir_all(store.tmp_dir())?;
            let staged = store.tmp_dir().join(format!("{name}-{}", crate::auth::tokens::random_hex(8)));
            std::fs::copy(&path, &staged)?;
            store.store_staged_blocking(&staged, &name)?;
            done.copied += 1;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_incremental_and_restores_what_was_lost() {
        let data = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let store = FileStore::new(data.path());
        let a = store.put_bytes(b"first paper").unwrap();
        let b = store.put_bytes(b"second paper").unwrap();
        assert_eq!(backup(&store, out.path()).unwrap(), Copied { copied: 2, present: 0 });
        assert_eq!(backup(&store, out.path()).unwrap(), Copied { copied: 0, present: 2 });

        std::fs::remove_file(store.path_of(&a)).unwrap();
        assert_eq!(restore(&store, out.path()).unwrap(), Copied { copied: 1, present: 1 });
        assert_eq!(store.read_blocking(&a).unwrap(), b"first paper");

        // A damaged backup copy is refused, not stored under a name it does not match.
        std::fs::remove_file(store.path_of(&b)).unwrap();
        std::fs::write(in_folder(out.path(), &b), b"tampered").unwrap();
        assert!(restore(&store, out.path()).is_err());
        assert!(!store.exists_blocking(&b).unwrap());
    }
}
