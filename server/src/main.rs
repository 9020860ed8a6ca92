//! `kruzhok`: serve the site (the default), apply migrations, or load the demo data.

use clap::{Parser, Subcommand};
use kruzhok_server::startup::{open_database, shutdown_signal, Application, StartupError};
use kruzhok_server::{commands, telemetry, Settings};

#[derive(Parser)]
#[command(
    name = "kruzhok",
    about = "Кружок: запись детей на программы дополнительного образования"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the region's municipalities and the demo catalogue of г.о. Иваново; running it again changes nothing.
    Seed {
        /// Also create the demo log-ins (an operator per institution, МОЦ, regional, administrator)
        /// with the published demo password; refused when `environment = production`.
        #[arg(long)]
        demo: bool,
    },
    /// Import data from a file.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Work with probable duplicate children.
    Duplicates {
        #[command(subcommand)]
        what: DuplicatesCommand,
    },
    /// Manage operators' accounts.
    Operator {
        #[command(subcommand)]
        what: OperatorCommand,
    },
}

#[derive(Subcommand)]
enum OperatorCommand {
    /// Give a role to the account of an e-mail, creating the account when there is none (its
    /// password is generated and printed once).
    Add(commands::OperatorArgs),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Children from a CSV file (surname,name,patronymic,sex,birth_date,snils,birth_certificate,
    /// parent_email,parent_phone,municipality), through the duplicate rules; a report per row.
    Children {
        file: std::path::PathBuf,
        /// One JSON object per row instead of text.
        #[arg(long)]
        json: bool,
    },
    /// An institution's programs and groups from a CSV file (the columns of
    /// public/programs-template.csv; `organization` is the institution's number); new programs
    /// wait for МОЦ; a report per row.
    Programs {
        file: std::path::PathBuf,
        /// One JSON object per row instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum DuplicatesCommand {
    /// List probable duplicate pairs across the whole register.
    Scan {
        #[arg(long)]
        json: bool,
        /// Also put the pairs into the operators' duplicate queue (pairs already there, or
        /// resolved as two children, are left as they are).
        #[arg(long)]
        flag: bool,
    },
}

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("kruzhok: {error}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), StartupError> {
    let cli = Cli::parse();
    let settings = Settings::load()?;
    // Command-line tools print their own report; keep the log to warnings there.
    let log = if matches!(cli.command, None | Some(Command::Serve)) {
        settings.log.clone()
    } else {
        "warn".to_owned()
    };
    telemetry::init(&log);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            Application::build(&settings)
                .await?
                .run_until(shutdown_signal())
                .await?
        }
        Command::Migrate => {
            open_database(&settings).await?.close().await;
            println!("Миграции применены.");
        }
        Command::Import {
            what: ImportCommand::Children { file, json },
        } => commands::import_children(&settings, &file, json).await?,
        Command::Import {
            what: ImportCommand::Programs { file, json },
        } => commands::import_programs(&settings, &file, json).await?,
        Command::Duplicates {
            what: DuplicatesCommand::Scan { json, flag },
        } => commands::scan_duplicates(&settings, json, flag).await?,
        Command::Operator {
            what: OperatorCommand::Add(args),
        } => commands::add_operator(&settings, args).await?,
        Command::Seed { demo } => commands::seed(&settings, demo).await?,
    }
    Ok(())
}
