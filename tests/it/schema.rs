//! Both migration sets apply from scratch, revert cleanly, and produce exactly the tables and
//! columns that `src/db/schema.rs` declares.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use std::collections::BTreeMap;

use xuehui::db::{AnyConnection, Db, migrate};

use crate::support::{TestDb, db::pg_admin_url};

/// table -> column -> (diesel type, nullable)
type Columns = BTreeMap<String, BTreeMap<String, (String, bool)>>;

fn declared() -> Columns {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/db/schema.rs")).unwrap();
    let mut out = Columns::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let t = line.trim();
        if line.starts_with("    ") && !line.starts_with("        ") && t.ends_with('{') && t.contains(" (") {
            let name = t.split(' ').next().unwrap().to_string();
            out.insert(name.clone(), BTreeMap::new());
            current = Some(name);
        } else if let (Some(table), Some((col, ty))) = (&current, t.split_once(" -> ")) {
            let ty = ty.trim_end_matches(',');
            let (ty, nullable) = match ty.strip_prefix("Nullable<").and_then(|s| s.strip_suffix('>')) {
                Some(inner) => (inner.to_string(), true),
                None => (ty.to_string(), false),
            };
            out.get_mut(table).unwrap().insert(col.to_string(), (ty, nullable));
        } else if t == "}" && line.starts_with("    }") {
            current = None;
        }
    }
    assert!(out.len() >= 10, "schema.rs parsed: {out:?}");
    out
}

#[derive(QueryableByName)]
struct SqliteCol {
    #[diesel(sql_type = Text)]
    tbl: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    ty: String,
    #[diesel(sql_type = Integer)]
    not_null: i32,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct PgCol {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

fn sqlite_type(ty: &str, pk: bool) -> &'static str {
    match ty.to_uppercase().as_str() {
        "INTEGER" if pk => "BigInt",
        "BIGINT" => "BigInt",
        "INTEGER" => "Integer",
        "TEXT" => "Text",
        "TIMESTAMP" => "Timestamp",
        "DATE" => "Date",
        "BOOLEAN" => "Bool",
        "DOUBLE PRECISION" => "Double",
        _ => "unknown",
    }
}

fn pg_type(ty: &str) -> &'static str {
    match ty {
        "bigint" => "BigInt",
        "integer" => "Integer",
        "text" => "Text",
        "timestamp without time zone" => "Timestamp",
        "date" => "Date",
        "boolean" => "Bool",
        "double precision" => "Double",
        _ => "unknown",
    }
}

fn live(conn: &mut AnyConnection) -> Columns {
    let mut out = Columns::new();
    match conn {
        AnyConnection::Sqlite(c) => {
            let rows: Vec<SqliteCol> = diesel::sql_query(
                "SELECT m.name AS tbl, p.name AS name, p.type AS ty, p.\"notnull\" AS not_null, p.pk AS pk \
                 FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'",
            )
            .load(c)
            .unwrap();
            for r in rows {
                let pk = r.pk > 0;
                out.entry(r.tbl)
                    .or_default()
                    .insert(r.name, (sqlite_type(&r.ty, pk).to_string(), r.not_null == 0 && !pk));
            }
        }
        AnyConnection::Postgresql(c) => {
            let rows: Vec<PgCol> = diesel::sql_query(
                "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, is_nullable::text AS is_nullable \
                 FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
            )
            .load(c)
            .unwrap();
            for r in rows {
                out.entry(r.table_name)
                    .or_default()
                    .insert(r.column_name, (pg_type(&r.data_type).to_string(), r.is_nullable == "YES"));
            }
        }
    }
    out
}

fn check(db: &TestDb) {
    let pool = Db::connect(&db.url, 1, false).unwrap();
    let mut conn = pool.conn().unwrap();
    let applied = migrate::run_pending(&mut conn).unwrap();
    assert!(!applied.is_empty());
    assert_eq!(live(&mut conn), declared(), "schema.rs differs from the migrations on {}", db.url);
    let reverted = migrate::revert_all(&mut conn).unwrap();
    assert_eq!(reverted, applied.len());
    assert!(live(&mut conn).is_empty(), "down migrations leave tables behind");
    migrate::run_pending(&mut conn).unwrap();
    assert_eq!(live(&mut conn), declared());
}

#[test]
fn sqlite_migrations_apply_from_scratch_and_match_schema_rs() {
    let dir = tempfile::tempdir().unwrap();
    check(&TestDb::sqlite(dir.path()));
}

#[test]
fn postgres_migrations_apply_from_scratch_and_match_schema_rs() {
    let Some(admin) = pg_admin_url() else {
        eprintln!("NOTICE: XUEHUI_TEST_DATABASE_URL is not set; the PostgreSQL migration check runs in scripts/test");
        return;
    };
    check(&TestDb::postgres(&admin));
}
