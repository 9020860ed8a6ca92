//! The command-line tools beside `serve`: importing children from a file and scanning the register.

use crate::startup::{app_state, open_database, StartupError};
use crate::Settings;
use app::server::services::{import, scan};
use std::path::Path;

/// Imports `file` row by row and prints a report line (or a JSON object) per row.
pub async fn import_children(
    settings: &Settings,
    file: &Path,
    json: bool,
) -> Result<(), StartupError> {
    let db = open_database(settings).await?;
    let state = app_state(settings, db.clone(), "127.0.0.1:3000".parse()?).await?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(file)?;
    let (mut imported, mut duplicates, mut flagged, mut invalid) = (0, 0, 0, 0);
    for (index, record) in reader.deserialize::<import::ImportRow>().enumerate() {
        let line = index + 2;
        let report = match record {
            Ok(row) => import::import_row(&state, &row).await.unwrap_or_else(|e| {
                import::RowReport::Invalid {
                    reason: e.to_string(),
                }
            }),
            Err(e) => import::RowReport::Invalid {
                reason: format!("строка не читается: {e}"),
            },
        };
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
