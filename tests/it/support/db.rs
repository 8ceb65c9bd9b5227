//! A fresh database per test: a SQLite file, or a new PostgreSQL database when
//! `XUEHUI_TEST_DATABASE_URL` names a server (e.g. postgres://postgres@127.0.0.1:5432/postgres).

use diesel::{Connection, PgConnection, RunQueryDsl};

/// One test's database; a PostgreSQL one is dropped when the test ends.
pub struct TestDb {
    /// URL for the service.
    pub url: String,
    pg: Option<(String, String)>,
}

/// The PostgreSQL server URL for tests, if one is configured.
pub fn pg_admin_url() -> Option<String> {
    std::env::var("XUEHUI_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres"))
}

fn with_database(url: &str, db: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("URL has a database part");
    format!("{base}/{db}")
}

impl TestDb {
    /// Creates the database for one test.
    pub fn create(dir: &std::path::Path) -> TestDb {
        match pg_admin_url() {
            Some(admin) => TestDb::postgres(&admin),
            None => TestDb::sqlite(dir),
        }
    }

    /// A new SQLite file in `dir`.
    pub fn sqlite(dir: &std::path::Path) -> TestDb {
        TestDb {
            url: format!("sqlite://{}", dir.join("test.db").display()),
            pg: None,
        }
    }

    /// A new, empty PostgreSQL database on the server at `admin`.
    pub fn postgres(admin: &str) -> TestDb {
        let name = format!("xh_test_{}", xuehui::auth::tokens::random_hex(6));
        let mut conn = PgConnection::establish(admin).unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin}: {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .expect("create test database");
        TestDb {
            url: with_database(admin, &name),
            pg: Some((admin.to_string(), name)),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg
            && let Ok(mut conn) = PgConnection::establish(admin)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
        }
    }
}
