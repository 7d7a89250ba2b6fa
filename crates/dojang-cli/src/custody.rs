//! The custody commands: import, export, copy, passwd, delete, verify-id.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use dojang_core::codes::IdNumber;
use dojang_core::custody;
use dojang_core::password::CertificatePassword;
use dojang_core::{Error, ErrorInfo};

use crate::context::Context;
use crate::{Outcome, Which};

/// Turns a core result into the command's outcome.
macro_rules! attempt {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Outcome::Refused(ErrorInfo::from(e)),
        }
    };
}

/// Likewise for results whose error is already an `ErrorInfo`.
macro_rules! attempt_info {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Outcome::Refused(e),
        }
    };
}

fn certificate_password(ctx: &Context) -> Result<CertificatePassword, ErrorInfo> {
    ctx.password("인증서 암호", "Certificate password")
        .map(CertificatePassword::existing)
}

fn new_certificate_password(ctx: &Context) -> Result<CertificatePassword, ErrorInfo> {
    let password = ctx.new_password("새 인증서 암호", "New certificate password")?;
    CertificatePassword::new_chosen(password).map_err(ErrorInfo::from)
}

pub fn import(ctx: &Context, file: &Path, store_spec: &str) -> Outcome {
    let to = attempt_info!(ctx.store_named(store_spec));
    let (id, path) = if file.is_dir() {
        attempt!(custody::import_npki_folder(file, to.as_ref()))
    } else {
        let bytes = attempt!(dojang_core::files::read(
            file,
            dojang_core::files::DOCUMENT_LIMIT
        ));
        let pfx_password = attempt_info!(ctx.password("PFX 파일 암호", "PFX file password"));
        // With --password-stdin the second line, if any, is the certificate password;
        // without it the PFX password protects the key in the store too.
        let password = if ctx.interactive() {
            attempt_info!(new_certificate_password(ctx))
        } else {
            match ctx.password("", "") {
                Ok(p) if !p.is_empty() => attempt!(CertificatePassword::new_chosen(p)),
                _ => attempt!(CertificatePassword::new_chosen(pfx_password.clone())),
            }
        };
        attempt!(custody::import_pfx(
            &bytes,
            &pfx_password,
            &password,
            to.as_ref()
        ))
    };
    let where_ = path.map(|p| p.display().to_string());
    ctx.done(
        &format!("가져왔습니다. ID {}", &id[..16]),
        &format!("Imported. ID {}", &id[..16]),
        serde_json::json!({ "id": id, "path": where_ }),
    );
    Outcome::Done
}

pub fn export(
    ctx: &Context,
    which: &Which,
    pfx: Option<&Path>,
    compat: bool,
    npki: Option<&Path>,
) -> Outcome {
    let (store, id) = attempt_info!(ctx.resolve(which));
    if let Some(root) = npki {
        let path = attempt!(custody::export_npki(store.as_ref(), &id, root));
        let shown = path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        ctx.done(
            &format!("NPKI 폴더로 내보냈습니다: {shown}"),
            &format!("Exported to the NPKI folder: {shown}"),
            serde_json::json!({ "id": id, "path": shown }),
        );
        return Outcome::Done;
    }
    let Some(target) = pfx else {
        return Outcome::Done;
    };
    let password = attempt_info!(certificate_password(ctx));
    let pfx_password =
        attempt_info!(ctx.new_password("PFX 파일에 쓸 암호", "Password for the PFX file"));
    // The file leaves the stores' protection: its password keeps the same rules.
    let pfx_password = attempt!(CertificatePassword::new_chosen(pfx_password));
    let bytes = attempt!(custody::export_pfx(
        store.as_ref(),
        &id,
        &password,
        &pfx_password,
        compat
    ));
    attempt!(dojang_core::store::atomic::write_file(target, &bytes));
    ctx.done(
        &format!("PFX 파일로 내보냈습니다: {}", target.display()),
        &format!("Exported as PFX: {}", target.display()),
        serde_json::json!({ "id": id, "path": target.display().to_string() }),
    );
    Outcome::Done
}

pub fn copy(ctx: &Context, which: &Which, to_spec: &str) -> Outcome {
    let (from, id) = attempt_info!(ctx.resolve(which));
    let to = attempt_info!(ctx.store_named(to_spec));
    let path = attempt!(custody::copy(from.as_ref(), &id, to.as_ref()));
    let shown = path.map(|p| p.display().to_string());
    ctx.done(
        "복사했습니다.",
        "Copied.",
        serde_json::json!({ "id": id, "path": shown }),
    );
    Outcome::Done
}

pub fn passwd(ctx: &Context, which: &Which) -> Outcome {
    let (store, id) = attempt_info!(ctx.resolve(which));
    let old = attempt_info!(certificate_password(ctx));
    let new = attempt_info!(new_certificate_password(ctx));
    attempt!(custody::change_password(store.as_ref(), &id, &old, &new));
    ctx.done(
        "인증서 암호를 바꿨습니다.",
        "The certificate password is changed.",
        serde_json::json!({ "id": id }),
    );
    Outcome::Done
}

pub fn delete(ctx: &Context, which: &Which, yes: bool) -> Outcome {
    let (store, id) = attempt_info!(ctx.resolve(which));
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Outcome::Refused(ErrorInfo::new(
                dojang_core::ErrorCode::ConfirmationNeeded,
                &[],
            ));
        }
        let question = match ctx.lang {
            crate::messages::Lang::Ko => "정말 삭제하려면 ID 앞 8자리를 입력하세요",
            crate::messages::Lang::En => {
                "To delete for good, type the first 8 characters of the ID"
            }
        };
        eprint!("{question} ({}): ", &id[..8]);
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).is_err() || answer.trim() != &id[..8] {
            return Outcome::Refused(ErrorInfo::new(
                dojang_core::ErrorCode::ConfirmationNeeded,
                &[],
            ));
        }
    }
    attempt!(custody::delete(store.as_ref(), &id));
    ctx.done("삭제했습니다.", "Deleted.", serde_json::json!({ "id": id }));
    Outcome::Done
}

pub fn verify_id(ctx: &Context, which: &Which, id_number: Option<&str>) -> Outcome {
    let typed = attempt_info!(ctx.secret_or_ask(
        id_number,
        "주민등록번호 또는 사업자등록번호",
        "Resident or business registration number"
    ));
    let number = attempt!(IdNumber::parse(typed.expose()));
    let (store, id) = attempt_info!(ctx.resolve(which));
    let password = attempt_info!(certificate_password(ctx));
    let matches = attempt!(custody::verify_id(store.as_ref(), &id, &password, &number));
    if matches {
        ctx.done(
            "본인확인 결과: 일치합니다.",
            "Identity check: it matches.",
            serde_json::json!({ "id": id, "matches": true }),
        );
        Outcome::Done
    } else {
        Outcome::Refused(Error::IdentityMismatch.info())
    }
}

pub fn revoke(ctx: &Context, which: &Which, reason: crate::ReasonArg, ca: Option<&str>) -> Outcome {
    use dojang_core::issue::revoke::RevocationReason as R;
    let reason = match reason {
        crate::ReasonArg::Unspecified => R::Unspecified,
        crate::ReasonArg::KeyCompromise => R::KeyCompromise,
        crate::ReasonArg::AffiliationChanged => R::AffiliationChanged,
        crate::ReasonArg::Superseded => R::Superseded,
        crate::ReasonArg::CessationOfOperation => R::CessationOfOperation,
    };
    let distribution = attempt!(ctx.distribution());
    let (store, id, ca) = attempt!(ctx.locate(which, ca, &distribution));
    let password = attempt_info!(certificate_password(ctx));
    if let Err(e) = dojang_core::issue::revoke::revoke_stored(
        store.as_ref(),
        &id,
        &password,
        reason,
        &ca,
        &ctx.ca_book(),
    ) {
        return Outcome::from_error(e);
    }
    ctx.done(
        "인증서를 폐지했습니다. 이 인증서는 더 이상 쓸 수 없습니다.",
        "The certificate is revoked; it can no longer be used.",
        serde_json::json!({ "id": id, "revoked": true }),
    );
    Outcome::Done
}

/// `dojang sign ID --in FILE [--out FILE.p7s] [--detached]`: a CMS signature of the file
/// with the certificate's key, carrying the CA certificates of its path; written next to
/// the file as `<file>.p7s` unless told where.
pub fn sign(
    ctx: &Context,
    which: &Which,
    input: &Path,
    out: Option<&Path>,
    detached: bool,
) -> Outcome {
    let content = attempt!(dojang_core::files::read(
        input,
        dojang_core::sign::MAX_SIGNATURE
    ));
    let (store, id) = attempt_info!(ctx.resolve(which));
    let cert = attempt!(store.certificate(&id));
    let now = time::OffsetDateTime::now_utc();
    let chain = match ctx.distribution() {
        Ok(distribution) => ctx.stores.issuers_of(&cert, &distribution, now),
        Err(e) => return Outcome::Refused(e.info()),
    };
    let password = attempt_info!(certificate_password(ctx));
    let signed = attempt!(custody::sign(
        store.as_ref(),
        &id,
        &password,
        if detached {
            dojang_core::sign::Content::Detached(&content)
        } else {
            dojang_core::sign::Content::Attached(&content)
        },
        &chain,
        now
    ));
    let target = out.map(Path::to_path_buf).unwrap_or_else(|| {
        let mut name = input.as_os_str().to_owned();
        name.push(".p7s");
        PathBuf::from(name)
    });
    attempt!(dojang_core::store::atomic::write_file(&target, &signed));
    ctx.done(
        &format!("서명했습니다: {}", target.display()),
        &format!("Signed: {}", target.display()),
        serde_json::json!({ "id": id, "signature": target, "detached": detached }),
    );
    Outcome::Done
}
