//! `cairn`, the one binary (SPEC §4). Each subcommand is a small function; `serve` hands over
//! to `crate::startup`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use cairn_shared::round::Phase;
use clap::{Parser, Subcommand};

mod admin;
mod tally;

use crate::config::{self, ServeConfig};
use crate::startup::Application;

#[derive(Debug, Parser)]
#[command(
    name = "cairn",
    version,
    about = "Cairn: participatory budgeting, open and checkable."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web app and the API.
    Serve {
        /// Database URL (`sqlite://FILE`, `postgres://…`) or a SQLite file path.
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
        /// Address to listen on.
        #[arg(long, env = "CAIRN_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Seed an empty database with a demo organisation and rounds.
        #[arg(long, env = "CAIRN_DEMO")]
        demo: bool,
        /// The built web app (Trunk's output).
        #[arg(long, env = "CAIRN_STATIC_DIR", default_value = "dist")]
        static_dir: PathBuf,
        /// Where the server keeps its own files, such as the voting-code key.
        #[arg(long, env = "CAIRN_DATA_DIR", default_value = ".")]
        data_dir: PathBuf,
        /// A reverse proxy (IP address) whose X-Forwarded-For and X-Forwarded-Proto are
        /// believed; repeat for several. Without one those headers are ignored.
        #[arg(
            long = "trusted-proxy",
            env = "CAIRN_TRUSTED_PROXIES",
            value_delimiter = ','
        )]
        trusted_proxies: Vec<IpAddr>,
    },
    /// Issue voting codes for a round and print them, one per line.
    Codes {
        round_id: String,
        #[arg(long)]
        count: u32,
        /// Bind the codes to one area of the round.
        #[arg(long)]
        district: Option<String>,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
        #[arg(long, env = "CAIRN_DATA_DIR", default_value = ".")]
        data_dir: PathBuf,
    },
    /// Manage officer accounts.
    Officer {
        #[command(subcommand)]
        command: OfficerCommand,
    },
    /// Move a round through voting and publish its result.
    Round {
        #[command(subcommand)]
        command: RoundCommand,
    },
    /// Create a round from a Pabulib file (its votes become paper ballots); prints the round id.
    Import {
        file: PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
    /// Print a round's anonymised ballots as a Pabulib file.
    Export {
        round_id: String,
        /// The area, for rounds with several.
        #[arg(long)]
        district: Option<String>,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
    /// Check the audit log's hash chain.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Recompute a result offline from a Pabulib file.
    Tally {
        /// The `.pb` file (for example a round's published `ballots.pb`).
        file: PathBuf,
        /// greedy, mes, mes-add1, mes-add1-greedy or phragmen.
        #[arg(long)]
        rule: String,
        /// Print `{"rule", "selected", "cost"}` as JSON.
        #[arg(long)]
        json: bool,
        /// lexico (pabutools' default) or cost-then-votes.
        #[arg(long, default_value = "lexico")]
        tie_break: String,
    },
}

#[derive(Debug, Subcommand)]
enum OfficerCommand {
    /// Create an officer; the password is read from standard input.
    Add {
        email: String,
        /// admin or officer.
        #[arg(long)]
        role: String,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
}

#[derive(Debug, Subcommand)]
enum RoundCommand {
    /// Open voting.
    Open {
        round_id: String,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
    /// Close voting.
    Close {
        round_id: String,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
    /// Count a closed round and publish the result and the anonymised ballots.
    Publish {
        round_id: String,
        /// Count with this rule instead of the round's own.
        #[arg(long)]
        rule: Option<String>,
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain; exit code 3 if it is broken.
    Verify {
        #[arg(long, env = "DATABASE_URL", default_value = config::DEFAULT_DATABASE)]
        db: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            db,
            addr,
            demo,
            static_dir,
            data_dir,
            trusted_proxies,
        } => {
            let config = ServeConfig {
                database_url: config::normalise_database_url(&db),
                addr,
                demo,
                static_dir,
                data_dir,
                code_key: code_key_from_env(),
                trusted_proxies,
            };
            run_async(serve(config))
        }
        Command::Codes {
            round_id,
            count,
            district,
            db,
            data_dir,
        } => run_async(codes(
            config::normalise_database_url(&db),
            data_dir,
            round_id,
            count,
            district,
        )),
        Command::Officer {
            command: OfficerCommand::Add { email, role, db },
        } => run_async(async move {
            admin::officer_add(&config::normalise_database_url(&db), &email, &role).await
        }),
        Command::Round { command } => {
            let (round_id, db, to, rule) = match command {
                RoundCommand::Open { round_id, db } => (round_id, db, Phase::Voting, None),
                RoundCommand::Close { round_id, db } => (round_id, db, Phase::Closed, None),
                RoundCommand::Publish { round_id, rule, db } => {
                    (round_id, db, Phase::Published, rule)
                }
            };
            run_async(async move {
                let url = config::normalise_database_url(&db);
                admin::round_move(&url, &round_id, to, rule.as_deref()).await
            })
        }
        Command::Import { file, db } => {
            run_async(
                async move { admin::import(&config::normalise_database_url(&db), &file).await },
            )
        }
        Command::Export {
            round_id,
            district,
            db,
        } => run_async(async move {
            let url = config::normalise_database_url(&db);
            admin::export(&url, &round_id, district.as_deref()).await
        }),
        Command::Audit {
            command: AuditCommand::Verify { db },
        } => run_async(
            async move { admin::audit_verify(&config::normalise_database_url(&db)).await },
        ),
        Command::Tally {
            file,
            rule,
            json,
            tie_break,
        } => tally::run(&file, &rule, json, &tie_break),
    }
}

fn run_async(future: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(future),
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: ServeConfig) -> ExitCode {
    crate::telemetry::init();
    let app = match Application::build(&config).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let url = format!("http://{}", app.local_addr());
    if config.demo {
        crate::demo::print_welcome(&url, app.demo_codes());
    }
    println!("Cairn is running at {url}/  (Ctrl-C to stop)");
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: the server stopped: {err}");
            ExitCode::FAILURE
        }
    }
}

fn code_key_from_env() -> Option<String> {
    std::env::var("CAIRN_CODE_KEY").ok()
}

async fn codes(
    db_url: String,
    data_dir: PathBuf,
    round_id: String,
    count: u32,
    district: Option<String>,
) -> ExitCode {
    let result = async {
        let db = crate::db::connect_and_migrate(&db_url).await?;
        let key = crate::secrets::CodeKey::load(code_key_from_env().as_deref(), &data_dir)?;
        let codes = crate::services::codes::issue(
            &db,
            &key,
            &round_id,
            district.as_deref(),
            count,
            "command line",
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        anyhow::Ok(codes)
    }
    .await;
    match result {
        Ok(codes) => {
            let mut out = String::with_capacity(codes.len() * 21);
            for code in codes {
                out.push_str(&code.grouped());
                out.push('\n');
            }
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
