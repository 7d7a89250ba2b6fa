//! `dojang`: every user job without a window, for support staff, scripts and headless
//! tests. The command line is a promise (docs/interfaces.md).
#![forbid(unsafe_code)]

mod context;
mod custody;
mod demo;
mod issue;
mod list;
mod messages;
mod show;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dojang_core::ErrorInfo;
use messages::Lang;

/// Dojang (도장): your 공동인증서 (joint certificates), without the plug-ins.
#[derive(Parser)]
#[command(name = "dojang", version, about)]
pub struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value = "ko")]
    lang: Lang,
    /// An extra NPKI root to search beside the platform's own (repeatable; the
    /// DOJANG_NPKI_ROOT environment variable adds more, separated as in PATH).
    #[arg(long = "npki-root", global = true, value_name = "DIR")]
    npki_roots: Vec<PathBuf>,
    /// The app data dir, which also names the keychain entries' namespace.
    #[arg(long, global = true, env = "DOJANG_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Read passwords from standard input, one per line, instead of asking.
    #[arg(long, global = true)]
    password_stdin: bool,
    /// Send codes and keys to a CA that the distribution does not list (issue, renew,
    /// revoke with --ca or an invitation naming another CA). A warning names the CA's host.
    #[arg(long, global = true)]
    allow_unlisted_ca: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every certificate in every store.
    List,
    /// Show one certificate in full: an ID, or a file (.der .cer .crt .pem, signCert.der,
    /// an NPKI certificate folder, or a .pfx/.p12).
    Show {
        /// The certificate ID or the file.
        what: String,
    },
    /// Check a certificate as a relying party does: its path to a trusted root, and
    /// whether it is revoked (OCSP, then its CRL). Exit 0 good, 5 revoked, 6 unknown or
    /// the path broken.
    Verify {
        /// The certificate ID or the file (as for show).
        what: String,
        /// Validate the path at this time (RFC 3339) instead of now; the status is now's.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        at: Option<time::OffsetDateTime>,
        /// Fetch nothing: use the answers cached from earlier checks.
        #[arg(long, conflicts_with_all = ["online", "refresh"])]
        offline: bool,
        /// Fetch what the cache lacks or has let go stale: OCSP, CRLs, missing CA
        /// certificates (the default).
        #[arg(long, conflicts_with = "refresh")]
        online: bool,
        /// Ask the responders and CRLs now even when the cache holds a fresh answer.
        #[arg(long)]
        refresh: bool,
    },
    /// Sign a file with a certificate's key (CMS SignedData, SHA-256), as a relying party
    /// such as a bank reads it.
    Sign {
        #[command(flatten)]
        which: Which,
        /// The file to sign.
        #[arg(long = "in", value_name = "FILE")]
        input: PathBuf,
        /// Where to write the signature (default: the file's name with .p7s added).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Leave the file's content out of the signature (the relying party has it).
        #[arg(long)]
        detached: bool,
    },
    /// Check a signature (a .p7s file) and its signer's certificate: path and status.
    VerifySignature {
        /// The signature file.
        file: PathBuf,
        /// The signed file, for a detached signature.
        #[arg(long, value_name = "FILE")]
        content: Option<PathBuf>,
        /// Fetch nothing for the signer's status: use cached answers.
        #[arg(long)]
        offline: bool,
    },
    /// Get a certificate from a CA with a registration number (27 characters) or a
    /// temporary code with its application number and ID number (or an issue.html).
    Issue {
        /// The CA's CMP URL.
        #[arg(long)]
        ca: Option<String>,
        /// The 27-character registration number (등록번호). Give the option without a value
        /// to be asked for the number without echo (or, with --password-stdin, to read it
        /// from standard input before the password): a value given here shows in the
        /// process list and the shell's history.
        #[arg(
            long,
            num_args = 0..=1,
            value_name = "NUMBER",
            conflicts_with_all = ["application", "temp_code", "invitation"]
        )]
        registration_number: Option<Option<String>>,
        /// The application number (신청번호).
        #[arg(long)]
        application: Option<String>,
        /// The 10-character temporary issuance code (발급용 임시번호). Left out, it is
        /// asked without echo (or read from standard input with --password-stdin, before
        /// the ID number), so it stays out of the process list and the shell's history.
        #[arg(long)]
        temp_code: Option<String>,
        /// The resident (13 digits) or business (10 digits) registration number. Left out,
        /// it is asked without echo (or read from standard input with --password-stdin).
        #[arg(long)]
        id_number: Option<String>,
        /// The issue.html invitation from the CA's e-mail (gives the CA and application).
        #[arg(long)]
        invitation: Option<PathBuf>,
        /// Where to keep it: keychain, npki or npki:DIR.
        #[arg(long, default_value = "keychain")]
        store: String,
        /// The key to generate.
        #[arg(long, value_enum, default_value = "rsa2048")]
        key_type: KeyTypeArg,
        /// Use this unencrypted PKCS#8 key (PEM or DER) instead of generating one.
        #[arg(long, value_name = "FILE.pem")]
        key: Option<PathBuf>,
    },
    /// Issue a certificate end to end from a sandbox CA started in-process, and show it.
    Demo,
    /// Revoke a certificate (폐지) at its CA: a signed `rr` with the certificate's key.
    Revoke {
        #[command(flatten)]
        which: Which,
        /// Why.
        #[arg(long, value_enum, default_value = "unspecified")]
        reason: ReasonArg,
        /// The CA's CMP URL (by default the one the certificate was issued from, or the
        /// distribution's CA for its issuer).
        #[arg(long)]
        ca: Option<String>,
    },
    /// Renew a certificate (갱신) in the 30 days before it expires: a new key, a new
    /// certificate in the same place, under the same password.
    Renew {
        #[command(flatten)]
        which: Which,
        /// The CA's CMP URL (by default the one the certificate was issued from, or the
        /// distribution's CA for its issuer).
        #[arg(long)]
        ca: Option<String>,
    },
    /// Import a PKCS#12 file (.pfx/.p12) or an NPKI certificate folder.
    Import {
        /// The .pfx/.p12 file or the NPKI certificate folder.
        file: PathBuf,
        /// Where to keep it: keychain, npki (this computer's NPKI folder) or npki:DIR.
        #[arg(long, default_value = "keychain")]
        store: String,
    },
    /// Export a certificate as PKCS#12 or into an NPKI folder.
    Export {
        #[command(flatten)]
        which: Which,
        /// Write a PKCS#12 file here.
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "npki",
            conflicts_with = "npki"
        )]
        pfx: Option<PathBuf>,
        /// With --pfx: 3DES and a SHA-1 MAC, for old programs that cannot read AES.
        #[arg(long, requires = "pfx")]
        compat: bool,
        /// Copy into this NPKI root folder (e.g. a USB drive's NPKI).
        #[arg(long, value_name = "DIR")]
        npki: Option<PathBuf>,
    },
    /// Copy a certificate with its key to another store.
    Copy {
        #[command(flatten)]
        which: Which,
        /// keychain, npki or npki:DIR.
        #[arg(long)]
        to: String,
    },
    /// Change a certificate's password.
    Passwd {
        #[command(flatten)]
        which: Which,
    },
    /// Delete a certificate and its key.
    Delete {
        #[command(flatten)]
        which: Which,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Check that an ID number is the one the certificate was issued to (본인확인).
    VerifyId {
        #[command(flatten)]
        which: Which,
        /// The resident (13 digits) or business (10 digits) registration number. Left out,
        /// it is asked without echo (or read from standard input with --password-stdin,
        /// before the certificate password), so it stays out of the process list and the
        /// shell's history.
        #[arg(long)]
        id_number: Option<String>,
    },
}

/// An RFC 3339 time on the command line.
fn parse_time(text: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|e| format!("not an RFC 3339 time (2026-12-04T09:00:00+09:00): {e}"))
}

/// The certificate a command acts on, and which copy of it.
#[derive(clap::Args)]
pub struct Which {
    /// The certificate ID (SHA-256 fingerprint, 8 or more hex digits).
    id: String,
    /// The copy in this store, when the certificate is kept in several: keychain, npki
    /// (this computer's NPKI folder) or npki:DIR. By default the first store holding it,
    /// the keychain first.
    #[arg(long, value_name = "STORE")]
    store: Option<String>,
}

impl Which {
    /// The store `--store` names, if any.
    pub fn within(&self) -> Result<Option<dojang_core::store::StoreTarget>, dojang_core::Error> {
        self.store.as_deref().map(str::parse).transpose()
    }
}

/// The reasons of `revoke --reason`.
#[derive(Clone, Copy, clap::ValueEnum)]
#[value(rename_all = "camelCase")]
pub enum ReasonArg {
    Unspecified,
    KeyCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
}

/// The key types of `--key-type`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum KeyTypeArg {
    Rsa2048,
    Rsa3072,
    Rsa4096,
    P256,
}

impl From<KeyTypeArg> for dojang_core::keys::private_key::KeyType {
    fn from(k: KeyTypeArg) -> Self {
        use dojang_core::keys::private_key::KeyType;
        match k {
            KeyTypeArg::Rsa2048 => KeyType::Rsa2048,
            KeyTypeArg::Rsa3072 => KeyType::Rsa3072,
            KeyTypeArg::Rsa4096 => KeyType::Rsa4096,
            KeyTypeArg::P256 => KeyType::P256,
        }
    }
}

/// How a command ended, mapped to the exit statuses of docs/interfaces.md.
pub enum Outcome {
    /// Done (0).
    Done,
    /// The user's input or file was refused (1).
    Refused(ErrorInfo),
    /// The CA refused (3).
    CaRefused(ErrorInfo),
    /// The CA could not be reached (4).
    CaUnreachable(ErrorInfo),
    /// A verdict with its own exit status (`verify`: 5 revoked, 6 unknown or broken).
    Status(u8),
}

impl Outcome {
    /// The outcome of a core error: CA refusals and unreachable CAs have their own exit
    /// statuses.
    pub fn from_error(e: dojang_core::Error) -> Self {
        let info = e.info();
        match e {
            dojang_core::Error::CaRefused { .. }
            | dojang_core::Error::CaResponseUnverified { .. }
            | dojang_core::Error::CaResponseMalformed { .. }
            | dojang_core::Error::CaResponseTooLarge { .. } => Outcome::CaRefused(info),
            dojang_core::Error::CaUnreachable { .. }
            | dojang_core::Error::CaHttpStatus { .. }
            | dojang_core::Error::CaRedirected { .. } => Outcome::CaUnreachable(info),
            _ => Outcome::Refused(info),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = match context::Context::new(&cli) {
        Ok(ctx) => ctx,
        Err(e) => {
            let info = e.info();
            let message = messages::error(&info, cli.lang);
            if cli.json {
                println!(
                    "{}",
                    serde_json::json!({ "error": { "code": info.code, "message": message, "params": info.params } })
                );
            } else {
                eprintln!("dojang: {message}");
            }
            return ExitCode::from(1);
        }
    };
    let outcome = match &cli.command {
        Command::List => list::run(&ctx),
        Command::Show { what } => show::run(&ctx, what),
        Command::Verify {
            what,
            at,
            offline,
            refresh,
            ..
        } => {
            use dojang_core::status::Mode;
            let mode = match (offline, refresh) {
                (true, _) => Mode::Offline,
                (_, true) => Mode::Fresh,
                _ => Mode::Cached,
            };
            verify::run(&ctx, what, *at, mode)
        }
        Command::Demo => demo::run(&ctx),
        Command::Revoke { which, reason, ca } => {
            custody::revoke(&ctx, which, *reason, ca.as_deref())
        }
        Command::Renew { which, ca } => issue::renew(&ctx, which, ca.as_deref()),
        Command::Issue {
            ca,
            registration_number,
            application,
            temp_code,
            id_number,
            invitation,
            store,
            key_type,
            key,
        } => issue::run(
            &ctx,
            &issue::IssueOptions {
                ca: ca.as_deref(),
                registration_number: registration_number.as_ref().map(Option::as_deref),
                application: application.as_deref(),
                temp_code: temp_code.as_deref(),
                id_number: id_number.as_deref(),
                invitation: invitation.as_deref(),
                store,
                key_type: (*key_type).into(),
                key: key.as_deref(),
            },
        ),
        Command::Import { file, store } => custody::import(&ctx, file, store),
        Command::Export {
            which,
            pfx,
            compat,
            npki,
        } => custody::export(&ctx, which, pfx.as_deref(), *compat, npki.as_deref()),
        Command::Copy { which, to } => custody::copy(&ctx, which, to),
        Command::Passwd { which } => custody::passwd(&ctx, which),
        Command::Delete { which, yes } => custody::delete(&ctx, which, *yes),
        Command::VerifyId { which, id_number } => {
            custody::verify_id(&ctx, which, id_number.as_deref())
        }
        Command::Sign {
            which,
            input,
            out,
            detached,
        } => custody::sign(&ctx, which, input, out.as_deref(), *detached),
        Command::VerifySignature {
            file,
            content,
            offline,
        } => verify::signature(
            &ctx,
            file,
            content.as_deref(),
            if *offline {
                dojang_core::status::Mode::Offline
            } else {
                dojang_core::status::Mode::Cached
            },
        ),
    };
    match outcome {
        Outcome::Done => ExitCode::SUCCESS,
        Outcome::Refused(e) => {
            ctx.report_error(&e);
            ExitCode::from(1)
        }
        Outcome::CaRefused(e) => {
            ctx.report_error(&e);
            ExitCode::from(3)
        }
        Outcome::CaUnreachable(e) => {
            ctx.report_error(&e);
            ExitCode::from(4)
        }
        Outcome::Status(code) => ExitCode::from(code),
    }
}
