//! `dojang-ca`: the sandbox CA's command line (docs/interfaces.md).
//!
//! ```text
//! dojang-ca serve --dir D [--listen 127.0.0.1:8080]
//! dojang-ca apply --dir D --name NAME --id-number I [--kind new|reissue] [--applied-at RFC3339] [--json]
//! dojang-ca list --dir D [--json]
//! dojang-ca revoke --dir D SERIAL [--reason R]
//! ```
#![forbid(unsafe_code)]

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use dojang_ca::authority::{DEFAULT_POLICY_OID, RevocationReasonName};
use dojang_ca::http::{HttpLimits, serve_with};
use dojang_ca::registry::{ApplicationKind, Registry, RevokeOutcome};
use dojang_ca::relying_party::RelyingParty;
use dojang_ca::service::ServiceConfig;
use dojang_ca::{CMP_URL_SETTING, CaError, DEFAULT_CMP_URL, open_registry, open_service};
use dojang_core::codes::IdNumber;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The Dojang sandbox CA: a CMP server with its own application registry.
#[derive(Parser)]
#[command(name = "dojang-ca", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    New,
    Reissue,
}

#[derive(Subcommand)]
enum Command {
    /// Serve CMP at http://HOST:PORT/cmp, and the demo bank at /rp/; makes the CA, its
    /// database and the bank's key in DIR on first start. Prints "listening on URL" once
    /// ready; stops gracefully on Ctrl-C or SIGTERM.
    Serve {
        /// The CA's folder.
        #[arg(long)]
        dir: PathBuf,
        /// Where to listen (loopback unless told otherwise; port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// The URL clients reach this server at, if not http://LISTEN (used in the
        /// invitations and the certificates' CRL and AIA pointers).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// The certificate policy OID of issued certificates.
        #[arg(long, default_value = DEFAULT_POLICY_OID)]
        policy_oid: String,
        /// Seconds an answered enrolment waits for its certConf before it is withdrawn.
        #[arg(long, default_value_t = 300)]
        confirm_timeout: u32,
        /// Days issued certificates are valid.
        #[arg(long, default_value_t = 365)]
        validity_days: u32,
        /// Seconds exchanges under way may take to finish after Ctrl-C or SIGTERM.
        #[arg(long, default_value_t = 10)]
        shutdown_grace: u32,
        /// CMP and OCSP requests and demo-bank POSTs one client address may make per
        /// minute, together (bursts of as many are allowed); more are answered with HTTP
        /// 429. 0: no limit.
        #[arg(long, default_value_t = 120)]
        rate_limit: u32,
    },
    /// Register an application and write its issue.html invitation.
    Apply {
        /// The CA's folder.
        #[arg(long)]
        dir: PathBuf,
        /// The applicant's name.
        #[arg(long)]
        name: String,
        /// Resident (13 digits) or business (10 digits) registration number.
        #[arg(long)]
        id_number: String,
        /// new or reissue (a reissue revokes the previous certificate once confirmed).
        #[arg(long, value_enum, default_value = "new")]
        kind: Kind,
        /// Back-date the application (RFC 3339), e.g. to test the 30-day rule.
        #[arg(long, value_name = "RFC3339")]
        applied_at: Option<String>,
        /// The CMP URL the invitation links to (default: where the server last listened).
        #[arg(long, value_name = "URL")]
        ca_url: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List applications and certificates with their states.
    List {
        /// The CA's folder.
        #[arg(long)]
        dir: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a certificate by its serial number (hex).
    Revoke {
        /// The CA's folder.
        #[arg(long)]
        dir: PathBuf,
        /// The serial number, hex (colons and case do not matter).
        serial: String,
        /// unspecified, keyCompromise, cACompromise, affiliationChanged, superseded,
        /// cessationOfOperation, privilegeWithdrawn or aACompromise.
        #[arg(long, default_value = "unspecified")]
        reason: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve {
            dir,
            listen,
            public_url,
            policy_oid,
            confirm_timeout,
            validity_days,
            shutdown_grace,
            rate_limit,
        } => run_serve(
            &dir,
            listen,
            public_url,
            &policy_oid,
            HttpLimits {
                shutdown_grace: std::time::Duration::from_secs(u64::from(shutdown_grace)),
                per_client_per_minute: rate_limit,
                ..HttpLimits::default()
            },
            ServiceConfig {
                confirm_timeout: time::Duration::seconds(i64::from(confirm_timeout)),
                validity: time::Duration::days(i64::from(validity_days)),
                ..ServiceConfig::default()
            },
        ),
        Command::Apply {
            dir,
            name,
            id_number,
            kind,
            applied_at,
            ca_url,
            json,
        } => run_apply(&dir, &name, &id_number, kind, applied_at, ca_url, json),
        Command::List { dir, json } => run_list(&dir, json),
        Command::Revoke {
            dir,
            serial,
            reason,
        } => run_revoke(&dir, &serial, &reason),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dojang-ca: {e}");
            match e {
                CaError::InvalidArgument { .. } => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn run_serve(
    dir: &Path,
    listen: SocketAddr,
    public_url: Option<String>,
    policy_oid: &str,
    limits: HttpLimits,
    config: ServiceConfig,
) -> dojang_ca::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let server_error = |e: std::io::Error| CaError::Server {
        detail: e.to_string(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(server_error)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(server_error)?;
        let bound = listener.local_addr().map_err(server_error)?;
        if !bound.ip().is_loopback() {
            tracing::warn!(address = %bound, "listening beyond this machine, as told");
        }
        let base_url = public_url
            .unwrap_or_else(|| format!("http://{bound}"))
            .trim_end_matches('/')
            .to_owned();
        let dir = dir.to_owned();
        let policy = policy_oid.to_owned();
        let base = base_url.clone();
        let (service, bank) = tokio::task::spawn_blocking(move || {
            let service = open_service(&dir, &policy, &base, config)?;
            let bank = RelyingParty::open_or_create(&dir, service.authority())?;
            Ok::<_, CaError>((service, bank))
        })
        .await
        .map_err(|e| CaError::Server {
            detail: e.to_string(),
        })??;
        tracing::info!(address = %bound, bank = %format!("{base_url}/rp/"), "sandbox CA ready");
        println!("listening on {base_url}/cmp");
        let _ = std::io::stdout().flush();
        serve_with(
            listener,
            Arc::new(service),
            Some(Arc::new(bank)),
            limits,
            shutdown_signal(),
        )
        .await
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

fn invalid(what: &'static str, detail: impl std::fmt::Display) -> CaError {
    CaError::InvalidArgument {
        what,
        detail: detail.to_string(),
    }
}

fn run_apply(
    dir: &Path,
    name: &str,
    id_number: &str,
    kind: Kind,
    applied_at: Option<String>,
    ca_url: Option<String>,
    json: bool,
) -> dojang_ca::Result<ExitCode> {
    let id_number = IdNumber::parse(id_number).map_err(|e| invalid("ID number", e))?;
    let applied_at = match applied_at {
        Some(text) => {
            OffsetDateTime::parse(&text, &Rfc3339).map_err(|e| invalid("applied-at", e))?
        }
        None => OffsetDateTime::now_utc(),
    };
    let kind = match kind {
        Kind::New => ApplicationKind::New,
        Kind::Reissue => ApplicationKind::Reissue,
    };
    let registry = open_registry(dir)?;
    let cmp_url = match ca_url {
        Some(url) => url,
        None => registry
            .setting(CMP_URL_SETTING)?
            .unwrap_or_else(|| DEFAULT_CMP_URL.to_owned()),
    };
    let issued = dojang_ca::application::apply(
        registry.as_ref(),
        dir,
        &cmp_url,
        name,
        &id_number,
        kind,
        applied_at,
    )?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&issued).map_err(|e| invalid("output", e))?
        );
    } else {
        println!("registration number  {}", issued.registration_number);
        println!("  reference number   {}", issued.reference_number);
        println!("  authorization code {}", issued.authorization_code);
        println!("application number   {}", issued.application_number);
        println!("temporary code       {}", issued.temporary_code);
        println!("invitation           {}", issued.invitation.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// An ID number as an admin list shows it: the birth date (or business number prefix)
/// and the rest hidden.
fn masked(id_number: &str) -> String {
    let shown: String = id_number.chars().take(6).collect();
    format!("{shown}{}", "*".repeat(id_number.len().saturating_sub(6)))
}

fn run_list(dir: &Path, json: bool) -> dojang_ca::Result<ExitCode> {
    let registry = open_registry(dir)?;
    let now = OffsetDateTime::now_utc();
    let applications = registry.applications()?;
    let certificates = registry.certificates()?;
    if json {
        let applications: Vec<_> = applications
            .iter()
            .map(|a| {
                serde_json::json!({
                    "application_number": a.details.application_number,
                    "reference_number": a.details.reference_number,
                    "name": a.details.name,
                    "id_number": masked(&a.details.id_number),
                    "kind": a.details.kind.name(),
                    "applied_at": rfc3339(a.details.applied_at),
                    "state": a.status(now),
                    "failed_attempts": a.failed_attempts,
                })
            })
            .collect();
        let certificates: Vec<_> = certificates
            .iter()
            .map(|c| {
                serde_json::json!({
                    "serial": c.serial,
                    "subject": c.subject,
                    "name": c.name,
                    "not_before": rfc3339(c.not_before),
                    "not_after": rfc3339(c.not_after),
                    "state": c.state.name(),
                    "revoked_at": c.revoked_at.map(rfc3339),
                    "revocation_reason": c.revocation_reason.map(RevocationReasonName::name),
                    "renewed_from": c.renewed_from,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "applications": applications,
                "certificates": certificates,
            }))
            .map_err(|e| invalid("output", e))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("applications ({})", applications.len());
    for a in &applications {
        println!(
            "  {}  ref {}  {:<8}  {:<7}  {}  {}  applied {}",
            a.details.application_number,
            a.details.reference_number,
            a.status(now),
            a.details.kind.name(),
            a.details.name,
            masked(&a.details.id_number),
            rfc3339(a.details.applied_at),
        );
    }
    println!("certificates ({})", certificates.len());
    for c in &certificates {
        let revoked = match (c.revoked_at, c.revocation_reason) {
            (Some(at), Some(reason)) => format!("  revoked {} ({})", rfc3339(at), reason.name()),
            _ => String::new(),
        };
        println!(
            "  {}  {:<9}  until {}  {}{}",
            c.serial,
            c.state.name(),
            rfc3339(c.not_after),
            c.subject,
            revoked
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_revoke(dir: &Path, serial: &str, reason: &str) -> dojang_ca::Result<ExitCode> {
    let reason = RevocationReasonName::parse(reason).ok_or_else(|| {
        invalid(
            "reason",
            "one of unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation",
        )
    })?;
    let serial: String = serial
        .chars()
        .filter(|c| *c != ':')
        .collect::<String>()
        .to_lowercase();
    let registry = open_registry(dir)?;
    match registry.revoke(&serial, reason, OffsetDateTime::now_utc(), None)? {
        RevokeOutcome::Revoked => {
            println!("revoked {serial} ({})", reason.name());
            Ok(ExitCode::SUCCESS)
        }
        RevokeOutcome::AlreadyRevoked => {
            eprintln!("dojang-ca: {serial} was already revoked");
            Ok(ExitCode::FAILURE)
        }
        RevokeOutcome::NotInForce => {
            eprintln!("dojang-ca: {serial} was never confirmed, so it is not in force");
            Ok(ExitCode::FAILURE)
        }
        RevokeOutcome::Unknown | RevokeOutcome::TransactionIdInUse => {
            Err(CaError::UnknownCertificate { serial })
        }
    }
}
