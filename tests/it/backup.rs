//! `xuehui backup` copies a live SQLite database consistently, and the copy restores to an
//! equal, working database.

use diesel::prelude::*;
use diesel::sql_types::Text;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use xuehui::db::{AnyConnection, Db};

use crate::support::{TestDb, test_config};

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = Text)]
    v: String,
}

/// Every table's rows as JSON text, table by table.
fn dump(conn: &mut AnyConnection) -> Vec<(String, String)> {
    let AnyConnection::Sqlite(c) = conn else { panic!("SQLite only") };
    let tables: Vec<One> =
        diesel::sql_query("SELECT name AS v FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .load(c)
            .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let cols: Vec<One> = diesel::sql_query(format!("SELECT name AS v FROM pragma_table_info('{}')", t.v))
                .load(c)
                .unwrap();
            let list = cols.iter().map(|c| format!("\"{}\"", c.v)).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT coalesce(json_group_array(json_array({list})), '[]') AS v FROM (SELECT * FROM \"{}\" ORDER BY 1)",
                t.v
            );
            let rows: One = diesel::sql_query(sql).get_result(c).unwrap();
            (t.v, rows.v)
        })
        .collect()
}

fn backup_cli(db_url: &str, dest: &std::path::Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .arg("backup")
        .arg(dest)
        .env("XUEHUI_DATABASE_URL", db_url)
        .env("XUEHUI_SECRET_KEY", "k".repeat(64))
        .env("XUEHUI_DATA_DIR", dest.parent().unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "backup failed: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_live_sqlite_database_restores_to_an_equal_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let state = xuehui::web::AppState::new(test_config(dir.path(), &db.url), false).unwrap();
    xuehui::server::migrate(&state).unwrap();
    xuehui::demo::seed(&state).unwrap();

    // Writers keep going while the first backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (pool, stop) = (state.db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let mut c = pool.conn().unwrap();
                xuehui::jobs::store::enqueue(&mut c, "test.noop", &json!({ "n": n })).unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let during = dir.path().join("during.db");
    backup_cli(&db.url, &during);
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0);
    let copy = Db::connect(&format!("sqlite://{}", during.display()), 1, false).unwrap();
    let AnyConnection::Sqlite(c) = &mut *copy.conn().unwrap() else {
        unreachable!()
    };
    let check: One = diesel::sql_query("SELECT integrity_check AS v FROM pragma_integrity_check")
        .get_result(c)
        .unwrap();
    assert_eq!(check.v, "ok");

    // After the writers stop, a backup restores to an equal database that works.
    let after = dir.path().join("after.db");
    backup_cli(&db.url, &after);
    let restored_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&after, restored_dir.path().join("xuehui.db")).unwrap();
    let restored = xuehui::web::AppState::new(
        test_config(
            restored_dir.path(),
            &format!("sqlite://{}", restored_dir.path().join("xuehui.db").display()),
        ),
        false,
    )
    .unwrap();
    assert!(xuehui::server::migrate(&restored).unwrap().is_empty(), "nothing to migrate");
    assert_eq!(dump(&mut restored.db.conn().unwrap()), dump(&mut state.db.conn().unwrap()));
    let (user, _) = xuehui::auth::service::login(&restored, "admin@xuehui.example", xuehui::demo::DEMO_PASSWORD, "127.0.0.1", "test")
        .await
        .unwrap();
    assert_eq!(user.email, "admin@xuehui.example");
}

#[test]
fn backup_refuses_to_overwrite_and_explains_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path());
    let pool = Db::connect(&db.url, 1, false).unwrap();
    let existing = dir.path().join("exists.db");
    std::fs::write(&existing, b"x").unwrap();
    let err = xuehui::db::backup::backup_sqlite(&mut pool.conn().unwrap(), &existing).unwrap_err();
    assert!(err.to_string().contains("already exists"));
    if let Some(admin) = crate::support::db::pg_admin_url() {
        let pg = TestDb::postgres(&admin);
        let pool = Db::connect(&pg.url, 1, false).unwrap();
        let err = xuehui::db::backup::backup_sqlite(&mut pool.conn().unwrap(), &dir.path().join("new.db")).unwrap_err();
        assert!(err.to_string().contains("pg_dump"));
    }
}
