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
        .map(|r| r.role.to_string())
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

#[test]
fn assign_reads_openreview_matcher_files_and_explains_infeasible_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).display().to_string();
    // Rounding to hundredths would make both assignments tie; the exact optimum picks ~Bo for p1.
    std::fs::write(
        p("scores.csv"),
        "paper,reviewer,score\np1,~Ann,0.504\np1,~Bo,0.506\np2,~Ann,0.496\np2,~Bo,0.496\n",
    )
    .unwrap();
    std::fs::write(p("constraints.csv"), "p2,~Cy,1\n").unwrap();
    let run = |k: &str, extra: &[&str]| {
        let mut args = vec![
            "assign",
            "--scores",
            &p("scores.csv"),
            "--reviewers-per-paper",
            k,
            "--out",
            &p("out.json"),
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        args.extend(extra.iter().map(|s| s.to_string()));
        Command::new(env!("CARGO_BIN_EXE_xuehui"))
            .args(&args)
            .env("XUEHUI_LOG", "error")
            .output()
            .unwrap()
    };
    let out = run("1", &["--max-load", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(p("out.json")).unwrap()).unwrap();
    assert_eq!(json["p1"][0]["user"], "~Bo");
    assert_eq!(json["p1"][0]["aggregate_score"], 0.506);
    assert_eq!(json["p2"][0]["user"], "~Ann");

    // A forced reviewer without score: p2 must get ~Cy.
    let out = run("1", &["--max-load", "1", "--constraints", &p("constraints.csv")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(p("out.json")).unwrap()).unwrap();
    assert_eq!(json["p2"][0]["user"], "~Cy");

    // Two reviewers per paper cannot be had with a maximum load of 1: the paper is named.
    std::fs::write(p("conflicts.csv"), "p1,~Bo,-1\n").unwrap();
    let out = run("2", &["--constraints", &p("conflicts.csv"), "--max-load", "2"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("p1") && err.contains("needs 2"), "{err}");

    // A bad line is reported with its number.
    std::fs::write(p("bad.csv"), "p1,~Ann,0.5\np1,~Bo,high\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .args([
            "assign",
            "--scores",
            &p("bad.csv"),
            "--reviewers-per-paper",
            "1",
            "--max-load",
            "1",
            "--out",
            &p("x.json"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("scores line 2"));
}
