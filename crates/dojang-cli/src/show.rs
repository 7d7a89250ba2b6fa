//! `dojang show <ID|FILE>`: one certificate, in full.

use std::path::{Path, PathBuf};

use dojang_core::cert::details::CertificateDetails;
use dojang_core::store::{npki_dir, pkcs12};
use dojang_core::{ErrorInfo, files};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::Outcome;
use crate::context::Context;
use crate::messages::{self, Lang};

/// The DER certificate a file holds: DER or PEM (.der .cer .crt .pem), an NPKI folder or
/// its signCert.der, or a PKCS#12 file (asks for its password).
fn certificate_from_file(ctx: &Context, path: &Path) -> Result<Vec<u8>, ErrorInfo> {
    if path.is_dir() {
        return npki_dir::read_certificate_der(path).map_err(|e| e.info());
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "pfx" || ext == "p12" {
        let bytes = files::read(path, files::DOCUMENT_LIMIT).map_err(|e| e.info())?;
        let password = ctx.password("PFX 파일 암호", "PFX file password")?;
        return pkcs12::read(&bytes, &password)
            .map(|c| c.certificate)
            .map_err(|e| e.info());
    }
    files::certificate(path).map_err(|e| e.info())
}

/// The certificate (DER) `what` names: a file, else an ID in the stores.
pub fn certificate(ctx: &Context, what: &str) -> Result<Vec<u8>, ErrorInfo> {
    let path = PathBuf::from(what);
    if path.exists() {
        certificate_from_file(ctx, &path)
    } else {
        ctx.stores
            .resolve(what, None)
            .and_then(|(store, id)| store.certificate(&id))
            .map_err(|e| e.info())
    }
}

pub fn run(ctx: &Context, what: &str) -> Outcome {
    let path = PathBuf::from(what);
    let now = OffsetDateTime::now_utc();
    let shown = certificate(ctx, what).and_then(|der| {
        let mut details = CertificateDetails::from_der(&der, &path, now).map_err(|e| e.info())?;
        details.summary.revoked = ctx.ca_book().revocation(&details.summary.id);
        let distribution = ctx.distribution().map_err(|e| e.info())?;
        let chain = ctx
            .stores
            .chain(&der, &distribution, now)
            .map_err(|e| e.info())?;
        Ok((details, chain))
    });
    let (details, chain) = match shown {
        Ok(shown) => shown,
        Err(e) => return Outcome::Refused(e),
    };
    if ctx.json {
        // The list's fields at the top level (docs/interfaces.md), the rest beside them.
        let mut row = serde_json::to_value(&details.summary).unwrap_or_default();
        let rest = serde_json::to_value(&details).unwrap_or_default();
        if let (Some(obj), Some(rest)) = (row.as_object_mut(), rest.as_object()) {
            for (k, v) in rest {
                if k != "summary" {
                    obj.insert(k.clone(), v.clone());
                }
            }
            obj.insert(
                "purpose_code".into(),
                obj.get("purpose").cloned().unwrap_or_default(),
            );
            obj.insert(
                "purpose".into(),
                messages::purpose(details.summary.purpose, ctx.lang).into(),
            );
            obj.insert(
                "chain".into(),
                serde_json::to_value(&chain).unwrap_or_default(),
            );
        }
        println!("{}", serde_json::to_string_pretty(&row).unwrap_or_default());
    } else {
        print_text(&details, ctx.lang);
        crate::verify::print_chain(&chain, ctx.lang);
    }
    Outcome::Done
}

pub fn print_text(d: &CertificateDetails, lang: Lang) {
    let s = &d.summary;
    let ko = lang == Lang::Ko;
    let label = |k: &'static str, e: &'static str| if ko { k } else { e };
    let date = |t: OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    println!(
        "{}  ·  {}  ·  {}",
        s.owner,
        messages::purpose(s.purpose, lang),
        s.ca
    );
    println!(
        "  {}: {}",
        label("상태", "Status"),
        messages::validity(s, lang)
    );
    println!("  {}: {}", label("소유자", "Subject"), s.subject);
    println!("  {}: {}", label("발급자", "Issuer"), s.issuer);
    println!(
        "  {}: {} ~ {}",
        label("유효기간", "Valid"),
        date(s.not_before),
        date(s.not_after)
    );
    println!(
        "  {}: {} ({})",
        label("일련번호", "Serial"),
        s.serial,
        d.serial_decimal
    );
    println!(
        "  {}: {}  ·  {}: {}",
        label("키", "Key"),
        s.key_algorithm,
        label("서명", "Signature"),
        d.signature_algorithm
    );
    println!("  SHA-256: {}", s.fingerprint_sha256);
    println!("  SHA-1:   {}", d.fingerprint_sha1);
    let usage: Vec<String> = d.key_usage.iter().map(|u| format!("{u:?}")).collect();
    println!("  {}: {}", label("키 용도", "Key usage"), usage.join(", "));
    for p in &d.policies {
        println!(
            "  {}: {} ({})",
            label("정책", "Policy"),
            p.oid,
            messages::purpose(p.purpose, lang)
        );
    }
    if let Some(name) = &d.identity_real_name {
        println!(
            "  {}: {name}",
            label("본인확인 정보(VID)", "Identity data (VID)")
        );
    }
    for url in &d.crl_urls {
        println!("  CRL: {url}");
    }
    for url in &d.ocsp_urls {
        println!("  OCSP: {url}");
    }
    println!("  ID: {}", s.id);
}
