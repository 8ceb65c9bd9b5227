//! The command line: creating accounts, granting roles, and refusing bad configuration.

use std::process::Command;

fn xuehui(dir: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .args(args)
        .env("XUEHUI_DATA_DIR", dir)
        .env("XUEHUI_DATABASE_URL", db)
        .env("XUEHUI_LOG", "error")
        .env_remove("XUEHUI_SECRET_KEY")
        .output()
        .unwrap()
}

#[test]
fn admin_commands_create_accounts_and_grant_roles() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::TestDb::create(dir.path());
    let out = xuehui(
        dir.path(),
        &db.url,
        &[
            "admin",
            "create-user",
            "--email",
            "Chief@Example.org",
            "--password",
            "long enough pw",
            "--name",
            "Chief",
            "--site-admin",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("chief@example.org"));
    assert!(dir.path().join("secret.key").exists(), "secret generated on first start");

    let out = xuehui(
        dir.path(),
        &db.url,
        &["admin", "create-user", "--email", "x@example.org", "--password", "short"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10 characters"));

    let out = xuehui(
        dir.path(),
        &db.url,
        &["admin", "grant", "--email", "chief@example.org", "--role", "organiser"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = xuehui(
        dir.path(),
        &db.url,
        &["admin", "grant", "--email", "chief@example.org", "--role", "chair"],
    );
    assert!(!out.status.success(), "a venue role needs --venue");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--venue"));
    let out = xuehui(
        dir.path(),
        &db.url,
        &["admin", "grant", "--email", "nobody@example.org", "--role", "organiser"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no account"));

    let pool = xuehui::db::Db::connect(&db.url, 1, false).unwrap();
    let mut c = pool.conn().unwrap();
    let user = xuehui::auth::store::by_email(&mut c, "chief@example.org").unwrap().unwrap();
    let roles: Vec<String> = xuehui::auth::roles::of_user(&mut c, user.id)
        .unwrap()
        .into_iter()
        .map(|r| r.role)
        .collect();
    assert_eq!(roles, vec!["organiser", "site_admin"]);
}

#[test]
fn an_unknown_database_scheme_stops_start_up_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = xuehui(dir.path(), "mysql://root@localhost/x", &["migrate"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mysql") && err.contains("sqlite://") && err.contains("postgres://"),
        "{err}"
    );
}
