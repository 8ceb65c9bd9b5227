//! Consistent online backup of the SQLite database (`VACUUM INTO`).

use diesel::RunQueryDsl;
use std::path::Path;

use super::AnyConnection;

/// Writes a consistent copy of the live SQLite database to `dest`, which must not exist yet.
/// For PostgreSQL the answer is an error that points to `pg_dump`.
pub fn backup_sqlite(conn: &mut AnyConnection, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        anyhow::bail!("{} already exists; choose a new file name", dest.display());
    }
    if let Some(parent) = dest.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    match conn {
        AnyConnection::Sqlite(c) => {
            // VACUUM INTO reads one snapshot, so writers may continue while it runs.
            diesel::sql_query("VACUUM INTO ?")
                .bind::<diesel::sql_types::Text, _>(dest.to_string_lossy().to_string())
                .execute(c)?;
            Ok(())
        }
        AnyConnection::Postgresql(_) => anyhow::bail!(
            "`xuehui backup` copies SQLite databases; for PostgreSQL use `pg_dump --format=custom`, then `xuehui backup-files DIR` for the uploaded files (see the README, section Backups)"
        ),
    }
}
