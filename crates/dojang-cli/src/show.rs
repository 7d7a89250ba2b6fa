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

pub fn run(ctx: &Context, what: &str) -> Outcome {
    let path = PathBuf::from(what);
    let details = if path.exists() {
        match certificate_from_file(ctx, &path).and_then(|der| {
            CertificateDetails::from_der(&der, &path, OffsetDateTime::now_utc())
                .map_err(|e| e.info())
        }) {
            Ok(d) => d,
            Err(e) => return Outcome::Refused(e),
        }
    } else {
        match ctx.stores.details(what) {
            Ok(d) => d,
            Err(e) => return Outcome::Refused(e.info()),
        }
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
        }
        println!("{}", serde_json::to_string_pretty(&row).unwrap_or_default());
    } else {
        print_text(&details, ctx.lang);
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
