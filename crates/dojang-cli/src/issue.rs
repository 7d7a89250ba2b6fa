//! `dojang issue`: a certificate from a registration number or a temporary code.

use std::path::Path;

use dojang_core::codes::{ApplicationNumber, EnrolmentCodes};
use dojang_core::issue::{
    Enrolled, EnrolmentRequest, Invitation, IssuePath, KeySource, RenewalRequest, Step, enrol,
    renew as renew_certificate,
};
use dojang_core::keys::prepared::PreparedKey;
use dojang_core::keys::private_key::{KeyType, PrivateKey};
use dojang_core::password::CertificatePassword;
use dojang_core::{Error, ErrorInfo};

use crate::Outcome;
use crate::context::Context;
use crate::messages::Lang;

/// The options of `dojang issue`.
pub struct IssueOptions<'a> {
    pub ca: Option<&'a str>,
    /// `Some(None)`: the option without a value (asked for).
    pub registration_number: Option<Option<&'a str>>,
    pub application: Option<&'a str>,
    pub temp_code: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub invitation: Option<&'a Path>,
    pub store: &'a str,
    pub key_type: KeyType,
    pub key: Option<&'a Path>,
}

pub fn step_text(step: Step, lang: Lang) -> &'static str {
    match (step, lang) {
        (Step::CheckingCodes, Lang::Ko) => "번호를 확인하는 중",
        (Step::CheckingCodes, Lang::En) => "checking the codes",
        (Step::GeneratingKey, Lang::Ko) => "키를 만드는 중",
        (Step::GeneratingKey, Lang::En) => "generating the key",
        (Step::ContactingCa, Lang::Ko) => "인증기관에 요청하는 중",
        (Step::ContactingCa, Lang::En) => "contacting the CA",
        (Step::ReceivingCertificate, Lang::Ko) => "인증서를 받는 중",
        (Step::ReceivingCertificate, Lang::En) => "receiving the certificate",
        (Step::Saving, Lang::Ko) => "저장하는 중",
        (Step::Saving, Lang::En) => "saving",
        (Step::Confirming, Lang::Ko) => "발급을 확정하는 중",
        (Step::Confirming, Lang::En) => "confirming",
    }
}

/// An unencrypted PKCS#8 key in PEM (`-----BEGIN PRIVATE KEY-----`) or DER.
fn read_key(path: &Path) -> Result<PrivateKey, ErrorInfo> {
    let bytes =
        dojang_core::files::read(path, dojang_core::files::KEY_FILE_LIMIT).map_err(|e| e.info())?;
    PrivateKey::from_pkcs8_der(dojang_core::cert::pem_or_der(&bytes, "PRIVATE KEY"))
        .map_err(|e| e.info())
}

/// The codes, from the options or, where an option is left out, asked like a password
/// (the registration number, or the temporary code then the ID number).
fn codes(
    ctx: &Context,
    o: &IssueOptions<'_>,
    invitation: Option<&Invitation>,
) -> Result<EnrolmentCodes, ErrorInfo> {
    let path = match o.registration_number {
        Some(number) => IssuePath::Registration {
            registration_number: ctx.secret_or_ask(number, "등록번호", "Registration number")?,
        },
        None => {
            let application = o
                .application
                .map(str::to_owned)
                .or_else(|| invitation.map(|i| i.application.clone()))
                .unwrap_or_default();
            // Nothing is asked for an application that cannot be right.
            ApplicationNumber::parse(&application).map_err(|e| e.info())?;
            IssuePath::Temporary {
                application,
                temp_code: ctx.secret_or_ask(
                    o.temp_code,
                    "발급용 임시번호",
                    "Temporary issuance code",
                )?,
                id_number: ctx.secret_or_ask(
                    o.id_number,
                    "주민등록번호 또는 사업자등록번호",
                    "Resident or business registration number",
                )?,
            }
        }
    };
    path.codes().map_err(|e| e.info())
}

pub fn run(ctx: &Context, o: &IssueOptions<'_>) -> Outcome {
    let refused = |e: Error| Outcome::from_error(e);
    // The key is generated while the rest is read and checked (and typed): the issuance
    // then waits only for the CA. It stays in memory until then.
    let prepared = PreparedKey::default();
    if o.key.is_none() {
        prepared.prepare(o.key_type);
    }
    let invitation = match o.invitation {
        Some(path) => match Invitation::from_file(path) {
            Ok(inv) => Some(inv),
            Err(e) => return refused(e),
        },
        None => None,
    };
    // Everything the user typed is checked before anything else happens.
    let codes = match codes(ctx, o, invitation.as_ref()) {
        Ok(c) => c,
        Err(e) => return Outcome::Refused(e),
    };
    let distribution = match ctx.distribution() {
        Ok(d) => d,
        Err(e) => return refused(e),
    };
    let ca_text = match (o.ca, &invitation) {
        (Some(ca), _) => ca.to_owned(),
        (None, Some(inv)) => inv.ca.clone(),
        (None, None) => distribution.default_ca().unwrap_or_default().to_owned(),
    };
    // Codes go only to a CA the distribution lists, unless --allow-unlisted-ca.
    let ca = match ctx.approve_ca(&ca_text, &distribution) {
        Ok(ca) => ca,
        Err(e) => return refused(e),
    };
    let key = match o.key {
        Some(path) => match read_key(path) {
            Ok(k) => KeySource::Existing(k),
            Err(e) => return Outcome::Refused(e),
        },
        None => prepared.take(o.key_type),
    };
    let store = match ctx.store_named(o.store) {
        Ok(s) => s,
        Err(e) => return Outcome::Refused(e),
    };
    let password = match ctx
        .new_password("새 인증서 암호", "New certificate password")
        .and_then(|p| CertificatePassword::new_chosen(p).map_err(|e| e.info()))
    {
        Ok(p) => p,
        Err(e) => return Outcome::Refused(e),
    };
    let request = EnrolmentRequest {
        ca,
        codes,
        password,
        key,
    };
    report(
        ctx,
        enrol(request, store.as_ref(), &ctx.pending(), &mut progress(ctx)),
        "발급되었습니다",
        "Issued",
    )
}

/// Prints each step on standard error (not in JSON mode).
fn progress(ctx: &Context) -> impl FnMut(Step) + '_ {
    move |step: Step| {
        if !ctx.json {
            eprintln!("… {}", step_text(step, ctx.lang));
        }
    }
}

/// `dojang renew`: a renewed certificate in the old one's place.
pub fn renew(ctx: &Context, which: &crate::Which, ca: Option<&str>) -> Outcome {
    let refused = |e: Error| Outcome::from_error(e);
    let distribution = match ctx.distribution() {
        Ok(d) => d,
        Err(e) => return refused(e),
    };
    let (store, id, ca) = match ctx.locate(which, ca, &distribution) {
        Ok(found) => found,
        Err(e) => return refused(e),
    };
    let password = match ctx.password("인증서 암호", "Certificate password") {
        Ok(p) => CertificatePassword::existing(p),
        Err(e) => return Outcome::Refused(e),
    };
    let request = RenewalRequest { ca, id, password };
    report(
        ctx,
        renew_certificate(
            request,
            store.as_ref(),
            &ctx.stores.keychain,
            &ctx.pending(),
            &mut progress(ctx),
        ),
        "갱신되었습니다",
        "Renewed",
    )
}

/// Prints the result of an issuance or renewal.
fn report(ctx: &Context, result: Result<Enrolled, Error>, done_ko: &str, done_en: &str) -> Outcome {
    match result {
        Ok(done) => {
            let shown = done.path.as_ref().map(|p| p.display().to_string());
            let note_ko = if done.confirmed {
                ""
            } else {
                " (인증기관에 확정을 알리지 못했습니다)"
            };
            let note_en = if done.confirmed {
                ""
            } else {
                " (the CA did not receive the confirmation)"
            };
            ctx.done(
                &format!("{done_ko}. ID {}{note_ko}", &done.id[..16]),
                &format!("{done_en}. ID {}{note_en}", &done.id[..16]),
                serde_json::json!({ "id": done.id, "path": shown, "confirmed": done.confirmed }),
            );
            Outcome::Done
        }
        Err(e) => Outcome::from_error(e),
    }
}
