//! What every command needs: the stores, passwords, and how to print.

use std::io::{BufRead, IsTerminal};
use std::sync::Mutex;

use dojang_core::issue::ApprovedCa;
use dojang_core::secret::Secret;
use dojang_core::store::{self, NpkiRoot, Store, StoreSet, StoreTarget};
use dojang_core::{ErrorCode, ErrorInfo};

use crate::messages::{self, Lang};
use crate::{Cli, Which};

/// The options and stores of one run.
pub struct Context {
    pub lang: Lang,
    pub json: bool,
    password_stdin: bool,
    /// Whether `--allow-unlisted-ca` was given.
    pub unlisted_ca: dojang_core::issue::UnlistedCa,
    stdin_lines: Mutex<Option<std::io::Lines<std::io::StdinLock<'static>>>>,
    pub stores: StoreSet,
}

impl Context {
    pub fn new(cli: &Cli) -> Result<Self, dojang_core::Error> {
        let mut extra = cli.npki_roots.clone();
        extra.extend(NpkiRoot::extra_from_env());
        Ok(Context {
            lang: cli.lang,
            json: cli.json,
            password_stdin: cli.password_stdin,
            unlisted_ca: if cli.allow_unlisted_ca {
                dojang_core::issue::UnlistedCa::Allow
            } else {
                dojang_core::issue::UnlistedCa::Refuse
            },
            stdin_lines: Mutex::new(None),
            stores: StoreSet::open(store::DEFAULT_APP_ID, cli.data_dir.clone(), &extra)?,
        })
    }

    /// The store a `--store`/`--to` value names: `keychain`, `npki` (this computer's
    /// NPKI folder) or `npki:DIR`.
    pub fn store_named(&self, spec: &str) -> Result<Box<dyn Store + '_>, ErrorInfo> {
        let target: StoreTarget = spec.parse().map_err(|e: dojang_core::Error| e.info())?;
        Ok(self.stores.target(&target))
    }

    /// The distribution in force (`DOJANG_DISTRIBUTION`, else the unbranded default).
    pub fn distribution(
        &self,
    ) -> Result<dojang_core::distribution::Distribution, dojang_core::Error> {
        dojang_core::distribution::Distribution::load_default(None)
    }

    /// What the CLI remembers of CAs (in the data dir).
    pub fn ca_book(&self) -> dojang_core::issue::ca_book::CaBook {
        self.stores.ca_book()
    }

    /// The pending keys of issuances under way (in the data dir).
    pub fn pending(&self) -> dojang_core::issue::pending::PendingKeys {
        dojang_core::issue::pending::PendingKeys::new(self.stores.keychain.data_dir())
    }

    /// Finds a certificate by ID (prefix): the copy in its `--store`, else in the first
    /// store holding it.
    pub fn resolve(&self, which: &Which) -> Result<(Box<dyn Store + '_>, String), ErrorInfo> {
        let within = which.within().map_err(|e| e.info())?;
        self.stores
            .resolve(&which.id, within.as_ref())
            .map_err(|e| e.info())
    }

    /// For renewing or revoking: the copy meant, its full ID and its CA
    /// ([`CaBook::locate`](dojang_core::issue::ca_book::CaBook::locate)), with a warning
    /// when the CA is not one the distribution lists.
    pub fn locate(
        &self,
        which: &Which,
        explicit_ca: Option<&str>,
        distribution: &dojang_core::distribution::Distribution,
    ) -> Result<(Box<dyn Store + '_>, String, ApprovedCa), dojang_core::Error> {
        let within = which.within()?;
        let (store, id, ca) = self.ca_book().locate(
            &self.stores,
            &which.id,
            within.as_ref(),
            explicit_ca,
            self.unlisted_ca,
            distribution,
        )?;
        Ok((store, id, self.warn_if_unlisted(ca)))
    }

    /// The CA at `url` as the distribution approves it (`--allow-unlisted-ca` lets an
    /// unlisted one through), with a warning when it is not listed.
    pub fn approve_ca(
        &self,
        url: &str,
        distribution: &dojang_core::distribution::Distribution,
    ) -> Result<ApprovedCa, dojang_core::Error> {
        Ok(self.warn_if_unlisted(distribution.approve_ca(url, self.unlisted_ca)?))
    }

    /// Says on standard error that codes and keys go to a CA nobody vouched for.
    fn warn_if_unlisted(&self, ca: ApprovedCa) -> ApprovedCa {
        if !ca.listed() {
            let host = ca.url().host();
            eprintln!(
                "{}",
                match self.lang {
                    Lang::Ko => format!(
                        "경고: {host} 은(는) 이 배포판이 알려 준 인증기관이 아닙니다. \
                         믿을 수 있는 곳인지 확인하세요 (--allow-unlisted-ca)."
                    ),
                    Lang::En => format!(
                        "warning: {host} is not a CA this distribution lists; make sure you \
                         trust it (--allow-unlisted-ca)."
                    ),
                }
            );
        }
        ca
    }

    /// Reads one password: the next line of standard input with `--password-stdin`,
    /// else asked on the terminal without echo.
    pub fn password(&self, prompt_ko: &str, prompt_en: &str) -> Result<String, ErrorInfo> {
        let input_error =
            |detail: String| ErrorInfo::new(ErrorCode::PasswordInput, &[("detail", &detail)]);
        if self.password_stdin {
            let mut guard = self
                .stdin_lines
                .lock()
                .map_err(|e| input_error(e.to_string()))?;
            let lines = guard.get_or_insert_with(|| std::io::stdin().lock().lines());
            return match lines.next() {
                Some(Ok(line)) => Ok(line.trim_end_matches('\r').to_owned()),
                Some(Err(e)) => Err(input_error(e.to_string())),
                None => Err(input_error("standard input ended".to_owned())),
            };
        }
        let prompt = match self.lang {
            Lang::Ko => prompt_ko,
            Lang::En => prompt_en,
        };
        rpassword::prompt_password(format!("{prompt}: ")).map_err(|e| input_error(e.to_string()))
    }

    /// A secret the user gave as an argument, or else asks for it like a password (without
    /// echo, or the next line of standard input with `--password-stdin`).
    pub fn secret_or_ask(
        &self,
        given: Option<&str>,
        prompt_ko: &str,
        prompt_en: &str,
    ) -> Result<Secret, ErrorInfo> {
        match given {
            Some(value) => Ok(Secret::from(value)),
            None => self.password(prompt_ko, prompt_en).map(Secret::from),
        }
    }

    /// Reads a new password, twice on a terminal (once with `--password-stdin`).
    pub fn new_password(&self, prompt_ko: &str, prompt_en: &str) -> Result<String, ErrorInfo> {
        let first = self.password(prompt_ko, prompt_en)?;
        if !self.password_stdin {
            let again = self.password("한 번 더 입력", "Once more")?;
            if again != first {
                return Err(ErrorInfo::new(ErrorCode::PasswordsDiffer, &[]));
            }
        }
        Ok(first)
    }

    /// Whether the user can be asked a question.
    pub fn interactive(&self) -> bool {
        !self.password_stdin && std::io::stdin().is_terminal()
    }

    /// Prints a result line (text mode) or a JSON value.
    pub fn done(&self, text_ko: &str, text_en: &str, json: serde_json::Value) {
        if self.json {
            println!("{json}");
        } else {
            println!(
                "{}",
                match self.lang {
                    Lang::Ko => text_ko,
                    Lang::En => text_en,
                }
            );
        }
    }

    /// Prints an error: `{"error": {code, message}}` on standard output in JSON mode,
    /// else the sentence on standard error.
    pub fn report_error(&self, e: &ErrorInfo) {
        let message = messages::error(e, self.lang);
        if self.json {
            println!(
                "{}",
                serde_json::json!({ "error": { "code": e.code, "message": message, "params": e.params } })
            );
        } else {
            eprintln!("dojang: {message}");
        }
    }
}
