//! The `xuehui` command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

use xuehui::auth::validate::{NewAccount, ProfileInput, SignupInput};
use xuehui::auth::{password, roles, store, validate};
use xuehui::config::Config;

/// xuehui (学会): academic conference and journal management.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// TOML configuration file (settings in XUEHUI_* variables override it).
    #[arg(long, global = true, env = "XUEHUI_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web service (migrates first; runs a job worker too unless XUEHUI_IN_PROCESS_WORKER=false).
    Serve {
        /// Load the demo data (safe to repeat).
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Run a standalone job worker (mail, indexing); several may run at once.
    Worker,
    /// Load the demo data (safe to repeat).
    SeedDemo,
    /// Rebuild the search index from the database (the service may keep running).
    Reindex {
        /// Only this index (`documents`, the only one).
        #[arg(long)]
        index: Option<String>,
    },
    /// Compare every paper's and manuscript's text with every other and record the overlaps.
    IntegrityRescan,
    /// Write a consistent copy of the live SQLite database to PATH.
    Backup {
        /// Destination file; must not exist.
        path: PathBuf,
    },
    /// Copy every stored file (local folder or S3 bucket) missing from DIR into it, checked against its hash.
    BackupFiles {
        /// Destination folder (files go to DIR/<aa>/<sha256>).
        dir: PathBuf,
    },
    /// Store every file of a backup folder that the file store lacks (also moves a local folder into a bucket).
    RestoreFiles {
        /// A folder written by `backup-files` (or a copy of `<data dir>/files`).
        dir: PathBuf,
    },
    /// Assign reviewers to papers from openreview-matcher's files (exact optimum; no database).
    Assign {
        /// Scores: `paper,reviewer,score` rows (only listed pairs are candidates unless --all-pairs).
        #[arg(long)]
        scores: PathBuf,
        /// Constraints: `paper,reviewer,-1` (conflict) or `paper,reviewer,1` (forced) rows.
        #[arg(long)]
        constraints: Option<PathBuf>,
        /// Reviewers each paper needs.
        #[arg(long)]
        reviewers_per_paper: u32,
        /// Least papers per reviewer.
        #[arg(long, default_value_t = 0)]
        min_load: u32,
        /// Most papers per reviewer.
        #[arg(long)]
        max_load: u32,
        /// First maximise the lowest paper total, then the total.
        #[arg(long)]
        fair: bool,
        /// Every paper × reviewer pair is a candidate; missing scores count 0 (openreview-matcher's behaviour).
        #[arg(long)]
        all_pairs: bool,
        /// Output JSON: {"paper": [{"user": reviewer, "aggregate_score": s}, ...]}.
        #[arg(long)]
        out: PathBuf,
    },
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a verified account, optionally a site administrator.
    CreateUser {
        /// E-mail address (login name).
        #[arg(long)]
        email: String,
        /// Password (at least 10 characters); or set XUEHUI_NEW_PASSWORD.
        #[arg(long, env = "XUEHUI_NEW_PASSWORD", hide_env_values = true)]
        password: String,
        /// Name in Latin script.
        #[arg(long, default_value = "")]
        name: String,
        /// Name in Chinese characters.
        #[arg(long, default_value = "")]
        name_zh: String,
        /// Grant the site administrator role.
        #[arg(long)]
        site_admin: bool,
    },
    /// Grant a role: `organiser` or `site_admin` site-wide, `chair`/`reviewer` on a venue, `editor` on a journal, `society_staff` or `integrity_committee` on a society.
    Grant {
        /// E-mail of the account.
        #[arg(long)]
        email: String,
        /// Role name.
        #[arg(long)]
        role: String,
        /// Venue URL name, for venue roles.
        #[arg(long)]
        venue: Option<String>,
        /// Society URL name, for `society_staff`.
        #[arg(long)]
        society: Option<String>,
        /// Journal URL name, for journal roles.
        #[arg(long)]
        journal: Option<String>,
    },
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("XUEHUI_LOG").unwrap_or_else(|_| "info,actix_server=warn".into());
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

fn main() {
    // Errors are printed as their cause chain in one paragraph, never as a Debug dump with a
    // backtrace: the reader is an operator starting the service.
    if let Err(e) = run() {
        eprintln!("xuehui: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing();
    if let Command::Assign {
        scores,
        constraints,
        reviewers_per_paper,
        min_load,
        max_load,
        fair,
        all_pairs,
        out,
    } = cli.command
    {
        let args = xuehui::review::assign_command::AssignArgs {
            scores,
            constraints,
            limits: xuehui::review::matcher_files::Limits {
                reviewers_per_paper,
                min_load,
                max_load,
                all_pairs,
            },
            fair,
            out,
        };
        return match xuehui::review::assign_command::run(&args) {
            Ok(summary) => {
                println!("{summary}");
                Ok(())
            }
            Err(e) => {
                eprintln!("xuehui assign: {e}");
                std::process::exit(2);
            }
        };
    }
    let config = Config::load(cli.config.as_deref())?;
    // Several processes share this installation: refuse what only works in one.
    if config.cluster {
        xuehui::cluster::check(&config).map_err(|problems| anyhow::anyhow!("{}", problems.join("\n")))?;
    }
    match cli.command {
        Command::Serve { demo } => actix_web::rt::System::new().block_on(xuehui::server::serve(config, demo)),
        Command::Migrate => {
            let state = xuehui::server::open(config)?;
            let applied = xuehui::server::migrate(&state)?;
            println!("{} migration(s) applied", applied.len());
            Ok(())
        }
        Command::Worker => {
            let state = xuehui::server::open(config)?;
            xuehui::server::migrate(&state)?;
            let worker = xuehui::server::worker(&state)?;
            actix_web::rt::System::new().block_on(async move {
                xuehui::files::sweep::at_start(&state).await?;
                worker
                    .run_until(async {
                        let _ = tokio::signal::ctrl_c().await;
                    })
                    .await;
                anyhow::Ok(())
            })
        }
        Command::SeedDemo => {
            let state = xuehui::server::open(config)?;
            xuehui::server::migrate(&state)?;
            xuehui::demo::seed(&state)?;
            println!("demo data loaded; every demo account's password is {}", xuehui::demo::DEMO_PASSWORD);
            Ok(())
        }
        Command::Reindex { index } => {
            let state = xuehui::server::open(config)?;
            xuehui::server::migrate(&state)?;
            let n = xuehui::search::reindex::run(&state, index.as_deref(), std::io::IsTerminal::is_terminal(&std::io::stderr()))?;
            println!("search index rebuilt: {n} documents");
            Ok(())
        }
        Command::IntegrityRescan => {
            let state = xuehui::server::open(config)?;
            xuehui::server::migrate(&state)?;
            let mut conn = state.db.conn()?;
            let r = xuehui::integrity::rescan::run(&mut conn)?;
            println!(
                "integrity rescan: {} fingerprints read, {} pairs compared, {} overlaps flagged",
                r.rows, r.compared, r.flagged
            );
            Ok(())
        }
        Command::Backup { path } => {
            let state = xuehui::server::open(config)?;
            let mut conn = state.db.conn()?;
            xuehui::db::backup::backup_sqlite(&mut conn, &path)?;
            println!("backup written to {}", path.display());
            println!("uploaded files are not in it: copy them with `xuehui backup-files DIR` (after this backup)");
            Ok(())
        }
        Command::BackupFiles { dir } => {
            let store = xuehui::files::FileStore::from_config(&config)?;
            let done = xuehui::files::backup::backup(&store, &dir)?;
            println!("{} files copied to {}, {} already there", done.copied, dir.display(), done.present);
            Ok(())
        }
        Command::RestoreFiles { dir } => {
            let store = xuehui::files::FileStore::from_config(&config)?;
            let done = xuehui::files::backup::restore(&store, &dir)?;
            println!(
                "{} files stored from {}, {} already there",
                done.copied,
                dir.display(),
                done.present
            );
            Ok(())
        }
        Command::Assign { .. } => unreachable!("handled before the configuration is loaded"),
        Command::Admin {
            command:
                AdminCommand::Grant {
                    email,
                    role,
                    venue,
                    journal,
                    society,
                },
        } => grant(config, &email, &role, (venue.as_deref(), journal.as_deref(), society.as_deref())),
        Command::Admin {
            command:
                AdminCommand::CreateUser {
                    email,
                    password: pw,
                    name,
                    name_zh,
                    site_admin,
                },
        } => {
            let state = xuehui::server::open(config)?;
            xuehui::server::migrate(&state)?;
            let input = SignupInput {
                email,
                password: pw,
                profile: ProfileInput {
                    name_latin: name,
                    name_zh,
                    ..Default::default()
                },
            };
            let account: NewAccount = validate::signup(&input).map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
            let hash = password::hash(&account.password, state.config.argon2_memory_kib)?;
            let mut conn = state.db.conn()?;
            let user = store::create(&mut conn, &account, &hash, true).map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
            if site_admin {
                roles::grant(&mut conn, user.id, roles::SITE_ADMIN, roles::SCOPE_SITE, 0)?;
            }
            println!(
                "created user {} <{}>{}",
                user.id,
                user.email,
                if site_admin { " (site admin)" } else { "" }
            );
            Ok(())
        }
    }
}

fn grant(config: Config, email: &str, role: &str, scope: (Option<&str>, Option<&str>, Option<&str>)) -> anyhow::Result<()> {
    let (venue, journal, society) = scope;
    let state = xuehui::server::open(config)?;
    xuehui::server::migrate(&state)?;
    let mut conn = state.db.conn()?;
    let user = store::by_email(&mut conn, email)?.ok_or_else(|| anyhow::anyhow!("no account with e-mail {email}"))?;
    let (kind, id) = match (role, venue, journal) {
        ("society_staff" | "integrity_committee", None, None) => (
            roles::SCOPE_SOCIETY,
            xuehui::salons::plan::store::society(&mut conn, society.unwrap_or_default())
                .map_err(|_| anyhow::anyhow!("no society {}", society.unwrap_or_default()))?
                .id,
        ),
        _ if society.is_some() => anyhow::bail!("--society goes with society_staff or integrity_committee only"),
        ("organiser" | "site_admin", None, None) => (roles::SCOPE_SITE, 0),
        ("chair" | "reviewer" | "author", Some(slug), None) => (
            roles::SCOPE_VENUE,
            xuehui::venues::store::by_slug(&mut conn, slug)
                .map_err(|_| anyhow::anyhow!("no venue {slug}"))?
                .id,
        ),
        ("editor", None, Some(slug)) => (
            roles::SCOPE_JOURNAL,
            xuehui::journals::store::id_by_slug(&mut conn, slug).map_err(|_| anyhow::anyhow!("no journal {slug}"))?,
        ),
        _ => anyhow::bail!(
            "use organiser or site_admin alone, chair/reviewer/author with --venue, editor with --journal, society_staff or integrity_committee with --society"
        ),
    };
    let role = roles::Role::parse(role).ok_or_else(|| anyhow::anyhow!("unknown role {role}"))?;
    roles::grant(&mut conn, user.id, role, kind, id)?;
    println!("granted {role} to {email}");
    Ok(())
}

fn describe(e: &xuehui::error::AppError) -> String {
    match e {
        xuehui::error::AppError::Validation { fields } => fields
            .iter()
            .map(|(k, v)| format!("{k}: {}", xuehui::web::i18n::t(xuehui::web::i18n::Lang::En, v)))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
