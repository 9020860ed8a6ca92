//! The command-line tools beside `serve`: seeding, importing children from a file, scanning the
//! register and adding operators.

use crate::startup::{app_state, open_database, open_database_with, StartupError};
use crate::Settings;
use app::server::db::Durability;
use app::server::services::{import, scan};
use futures_util::StreamExt;
use std::path::Path;

/// `kruzhok seed [--demo]`: the reference data and the demo catalogue; with `demo`, also the demo
/// log-ins, whose password is published — never in production.
pub async fn seed(settings: &Settings, demo: bool) -> Result<(), StartupError> {
    if demo && settings.is_production() {
        return Err(
            "demo log-ins are never created in production (environment = production): \
             the first administrator comes from `kruzhok operator add --role admin`"
                .into(),
        );
    }
    let db = open_database(settings).await?;
    let report = app::server::services::seed::run(&db, app::server::state::today_in_moscow()).await;
    let logins = match (&report, demo) {
        (Ok(_), true) => Some(app::server::services::operators::seed_demo(&db).await),
        _ => None,
    };
    db.close().await;
    let report = report?;
    println!(
        "Добавлено: муниципалитетов {}, районов {}, учреждений {}, программ {}, групп {}.",
        report.municipalities,
        report.districts,
        report.organizations,
        report.programs,
        report.groups
    );
    let Some(logins) = logins.transpose()? else {
        println!(
            "Демо-входы не созданы: для них запустите `kruzhok seed --demo` (не в production)."
        );
        return Ok(());
    };
    println!("Демо-входы (пароль у всех один):");
    let shown = logins.len().min(3);
    for login in logins.iter().take(shown).chain(logins.last()) {
        println!("  {} / {} — {}", login.email, login.password, login.role);
    }
    if logins.len() > shown + 1 {
        println!(
            "  …и так далее: у каждого учреждения свой оператор, operator<номер учреждения>@kruzhok.example ({} всего).",
            logins.len() - 1
        );
    }
    Ok(())
}

/// How many rows of a file are imported at once: on PostgreSQL a few, each on a connection of its
/// own; on SQLite one, since its writers take turns and waiting for the turn costs more than the
/// overlap gains (measured: 765 rows/s one at a time, 510 four at a time).
fn import_workers(db: &app::server::db::Database) -> usize {
    match db {
        app::server::db::Database::Sqlite(_) => 1,
        app::server::db::Database::Postgres(_) => 4,
    }
}

/// Imports `file` and prints a report line (or a JSON object) per row, in the file's order.
pub async fn import_children(
    settings: &Settings,
    file: &Path,
    json: bool,
) -> Result<(), StartupError> {
    let db = open_database_with(settings, Durability::Batch).await?;
    let state = app_state(settings, db.clone(), "127.0.0.1:3000".parse()?).await?;
    let importer = import::Importer::new(&state).await?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(file)?;
    let (mut imported, mut duplicates, mut flagged, mut invalid) = (0, 0, 0, 0);
    // A row mostly waits for the database, so PostgreSQL takes a few at a time; the rules hold
    // for rows saved at once as for parents submitting at once. The reports come out in the
    // file's order.
    let importer = &importer;
    let workers = import_workers(&db);
    let mut reports =
        futures_util::stream::iter(reader.deserialize::<import::ImportRow>().enumerate())
            .map(|(index, record)| async move {
                let report =
                    match record {
                        Ok(row) => importer.row(&row).await.unwrap_or_else(|e| {
                            import::RowReport::Invalid {
                                reason: e.to_string(),
                            }
                        }),
                        Err(e) => import::RowReport::Invalid {
                            reason: format!("строка не читается: {e}"),
                        },
                    };
                (index + 2, report)
            })
            .buffered(workers);
    while let Some((line, report)) = reports.next().await {
        match &report {
            import::RowReport::Imported { .. } => imported += 1,
            import::RowReport::ExactDuplicate { .. } => duplicates += 1,
            import::RowReport::ProbableDuplicate { .. } => flagged += 1,
            import::RowReport::Invalid { .. } => invalid += 1,
        }
        if json {
            let mut value = serde_json::to_value(&report)?;
            value["line"] = line.into();
            println!("{value}");
        } else {
            println!("строка {line}: {report}");
        }
    }
    if !json {
        println!("Итого: импортировано {imported}, точных дублей {duplicates}, возможных дублей {flagged}, ошибок {invalid}.");
    }
    db.close().await;
    Ok(())
}

/// Imports an institution's programs file and prints a report line (or a JSON object) per row.
pub async fn import_programs(
    settings: &Settings,
    file: &Path,
    json: bool,
) -> Result<(), StartupError> {
    use app::server::services::program_import::{import_rows, read_rows, RowReport};
    let db = open_database_with(settings, Durability::Batch).await?;
    let state = app_state(settings, db.clone(), "127.0.0.1:3000".parse()?).await?;
    let text = std::fs::read_to_string(file)?;
    let reports = import_rows(&state, None, None, read_rows(&text)).await?;
    let (mut programs, mut groups, mut invalid) = (0, 0, 0);
    for (line, report) in &reports {
        match report {
            RowReport::Imported {
                program_created,
                group_id,
                ..
            } => {
                programs += usize::from(*program_created);
                groups += usize::from(group_id.is_some());
            }
            RowReport::Invalid { .. } => invalid += 1,
        }
        if json {
            let mut value = serde_json::to_value(report)?;
            value["line"] = (*line).into();
            println!("{value}");
        } else {
            println!("строка {line}: {report}");
        }
    }
    if !json {
        println!("Итого: новых программ {programs} (ждут МОЦ), групп {groups}, ошибок {invalid}.");
    }
    db.close().await;
    Ok(())
}

/// Prints probable duplicate pairs of the whole register; with `flag`, also puts them into the
/// operators' duplicate queue.
pub async fn scan_duplicates(
    settings: &Settings,
    json: bool,
    flag: bool,
) -> Result<(), StartupError> {
    let db = open_database(settings).await?;
    let started = std::time::Instant::now();
    let pairs = scan::scan_register(&db).await?;
    for p in &pairs {
        if json {
            println!("{}", serde_json::to_string(p)?);
        } else {
            println!(
                "#{} {} ({}) — #{} {} ({}): {}, {:.2}",
                p.a,
                p.a_name,
                app::domain::dates::format_ru(p.a_birth_date),
                p.b,
                p.b_name,
                app::domain::dates::format_ru(p.b_birth_date),
                p.verdict,
                p.score
            );
        }
    }
    if !json {
        println!(
            "Найдено пар: {}, за {:.1} с.",
            pairs.len(),
            started.elapsed().as_secs_f64()
        );
    }
    if flag {
        let added = scan::flag_found(&db, &pairs).await;
        db.close().await;
        let added = added?;
        if !json {
            println!("В очередь дублей добавлено пар: {added}.");
        }
        return Ok(());
    }
    db.close().await;
    Ok(())
}

/// The options of `kruzhok operator add`.
#[derive(clap::Args)]
pub struct OperatorArgs {
    #[arg(long)]
    pub email: String,
    /// institution_operator, moc_operator, regional_operator or admin.
    #[arg(long)]
    pub role: String,
    /// The organization's id (institution operators).
    #[arg(long)]
    pub organization: Option<i64>,
    /// The municipality's id (МОЦ operators).
    #[arg(long)]
    pub municipality: Option<i64>,
    #[arg(long, default_value = "Оператор")]
    pub surname: String,
    #[arg(long, default_value = "Оператор")]
    pub name: String,
    /// A mobile phone for a new account.
    #[arg(long)]
    pub phone: Option<String>,
    /// The operator may resolve pairs of the duplicate queue (institution and МОЦ operators).
    #[arg(long)]
    pub resolves_duplicates: bool,
}

/// `kruzhok operator add`: prints whether the account was created and, if so, its one-time password.
pub async fn add_operator(settings: &Settings, args: OperatorArgs) -> Result<(), StartupError> {
    use app::domain::role::Role;
    use app::server::services::operators::{add, NewOperator};
    let role = Role::from_code(&args.role).ok_or_else(|| {
        format!(
            "неизвестная роль {}: institution_operator, moc_operator, regional_operator или admin",
            args.role
        )
    })?;
    // Long enough and random: the operator changes it through «Забыли пароль?».
    let password = app::server::auth::tokens::random_token();
    let db = open_database(settings).await?;
    let phone = args.phone.unwrap_or_default();
    let result = add(
        &db,
        &NewOperator {
            email: &args.email,
            surname: &args.surname,
            given_name: &args.name,
            phone: &phone,
            password: &password,
            role,
            organization_id: args.organization,
            municipality_id: args.municipality,
            resolves_duplicates: args.resolves_duplicates,
        },
    )
    .await;
    db.close().await;
    match result {
        Ok((id, true)) => println!(
            "Создан аккаунт {id} ({}) с ролью «{}». Пароль: {password}",
            args.email,
            role.label()
        ),
        Ok((id, false)) => println!(
            "Аккаунту {id} ({}) выдана роль «{}».",
            args.email,
            role.label()
        ),
        Err(e) => return Err(e.to_string().into()),
    }
    Ok(())
}
