//! CRLs (RFC 5280 §5) and ARLs (the same, for CA certificates), and the checks before one
//! is believed:
//! - it is DER (or PEM) `CertificateList`, v2 or v1;
//! - its issuer is the certificate's issuer, and its signature verifies with that CA's
//!   key, whose keyUsage (when present) allows cRLSign;
//! - it covers this certificate: a delta CRL (deltaCRLIndicator) alone, an indirect CRL
//!   and one partitioned by reason (issuingDistributionPoint's onlySomeReasons) are
//!   refused with that reason; one for user or CA certificates only must fit the
//!   certificate; any other critical extension, on the CRL or on the certificate's
//!   entry, is refused;
//! - its freshness: [`Answer::fresh_at`](super::Answer::fresh_at), `nextUpdate` or, without
//!   one, a day after `thisUpdate`.
//!
//! An entry with `removeFromCRL` means not revoked; `certificateHold` is revoked (on hold)
//! for as long as the entry stands.

use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::CrlReason as Reason;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};

use super::{Answer, CrlReason, Fault, Found, x509_time};
use crate::cert::asn1;
use crate::cmp::protection;

/// The largest CRL read.
pub const MAX_CRL: u64 = 16 * 1024 * 1024;
/// How long a CRL without `nextUpdate` is believed after its `thisUpdate`.
const WITHOUT_NEXT_UPDATE: time::Duration = time::Duration::days(1);

const DELTA_CRL_INDICATOR: &str = "2.5.29.27";
const ISSUING_DISTRIBUTION_POINT: &str = "2.5.29.28";
/// CRL extensions that may be critical and are understood.
const UNDERSTOOD_CRL: &[&str] = &[
    "2.5.29.20", // cRLNumber
    "2.5.29.35", // authorityKeyIdentifier
    "2.5.29.46", // freshestCRL (a pointer to deltas, not needed)
    ISSUING_DISTRIBUTION_POINT,
];
/// Entry extensions that may be critical and are understood.
const UNDERSTOOD_ENTRY: &[&str] = &[
    "2.5.29.21", // reasonCode
    "2.5.29.24", // invalidityDate
];

fn malformed(e: impl std::fmt::Display) -> Fault {
    Fault::Malformed {
        detail: e.to_string(),
    }
}

fn unsupported(what: &str) -> Fault {
    Fault::Unsupported {
        what: what.to_owned(),
    }
}

/// Whether `cert` is a CA certificate (its basicConstraints say cA).
fn is_ca(cert: &Certificate) -> bool {
    cert.to_der().ok().is_some_and(|der| {
        <x509_parser::certificate::X509Certificate as x509_parser::prelude::FromDer<_>>::from_der(
            &der,
        )
        .is_ok_and(|(_, c)| c.is_ca())
    })
}

/// Whether `issuer` may sign CRLs: no keyUsage, or one with cRLSign.
fn may_sign_crls(issuer: &Certificate) -> bool {
    issuer.to_der().ok().is_some_and(|der| {
        <x509_parser::certificate::X509Certificate as x509_parser::prelude::FromDer<_>>::from_der(
            &der,
        )
        .is_ok_and(|(_, c)| {
            c.key_usage()
                .ok()
                .flatten()
                .is_none_or(|ku| ku.value.crl_sign())
        })
    })
}

/// Reads and checks the CRL in `bytes`, fetched from `url`, about `cert` of `issuer`.
pub fn read(
    bytes: &[u8],
    url: &str,
    cert: &Certificate,
    issuer: &Certificate,
) -> Result<Answer, Fault> {
    let der = crate::cert::pem_or_der(bytes, "X509 CRL");
    if asn1::declared_len(&der) != Some(der.len()) {
        return Err(malformed("not one DER CertificateList"));
    }
    let crl = CertificateList::from_der(&der).map_err(malformed)?;
    let tbs = &crl.tbs_cert_list;
    if tbs.issuer != cert.tbs_certificate.issuer {
        return Err(Fault::WrongCertificate);
    }
    if !may_sign_crls(issuer) {
        return Err(Fault::BadSignature {
            detail: "the CA's key usage does not allow signing CRLs".into(),
        });
    }
    // The signature covers tbsCertList exactly as received.
    let (_, outer_header, _) = asn1::header(&der).ok_or_else(|| malformed("header"))?;
    let inner = &der[outer_header..];
    let tbs_len = asn1::declared_len(inner).ok_or_else(|| malformed("tbsCertList"))?;
    let signed = inner
        .get(..tbs_len)
        .ok_or_else(|| malformed("tbsCertList"))?;
    let signature = crl
        .signature
        .as_bytes()
        .ok_or_else(|| malformed("signature with unused bits"))?;
    protection::verify_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        &crl.signature_algorithm,
        signed,
        signature,
    )
    .map_err(|e| Fault::BadSignature {
        detail: e.to_string(),
    })?;
    for ext in tbs.crl_extensions.iter().flatten() {
        let oid = ext.extn_id.to_string();
        if oid == DELTA_CRL_INDICATOR {
            return Err(unsupported("a delta CRL, without its base CRL"));
        }
        if oid == ISSUING_DISTRIBUTION_POINT {
            let idp =
                IssuingDistributionPoint::from_der(ext.extn_value.as_bytes()).map_err(malformed)?;
            covers(&idp, url, cert)?;
        } else if ext.critical && !UNDERSTOOD_CRL.contains(&oid.as_str()) {
            return Err(unsupported(&format!("critical CRL extension {oid}")));
        }
    }
    let this_update = x509_time(&tbs.this_update);
    let next_update = tbs
        .next_update
        .as_ref()
        .map_or(this_update + WITHOUT_NEXT_UPDATE, x509_time);
    let serial = &cert.tbs_certificate.serial_number;
    let entry = tbs
        .revoked_certificates
        .iter()
        .flatten()
        .find(|entry| entry.serial_number == *serial);
    let found = match entry {
        None => Found::Good,
        Some(entry) => {
            let mut reason = None;
            for ext in entry.crl_entry_extensions.iter().flatten() {
                let oid = ext.extn_id.to_string();
                if oid == "2.5.29.21" {
                    reason = Reason::from_der(ext.extn_value.as_bytes()).ok();
                } else if ext.critical && !UNDERSTOOD_ENTRY.contains(&oid.as_str()) {
                    return Err(unsupported(&format!("critical CRL entry extension {oid}")));
                }
            }
            match reason {
                Some(Reason::RemoveFromCRL) => Found::Good,
                reason => Found::Revoked {
                    at: x509_time(&entry.revocation_date),
                    reason: reason.map(CrlReason::from),
                },
            }
        }
    };
    Ok(Answer {
        found,
        this_update,
        next_update: Some(next_update),
    })
}

/// Whether a CRL with issuingDistributionPoint `idp`, fetched from `url`, speaks for
/// `cert`.
fn covers(idp: &IssuingDistributionPoint, url: &str, cert: &Certificate) -> Result<(), Fault> {
    if idp.indirect_crl {
        return Err(unsupported("an indirect CRL"));
    }
    if idp.only_some_reasons.is_some() {
        return Err(unsupported("a CRL partitioned by reason"));
    }
    let ca = is_ca(cert);
    if (idp.only_contains_user_certs && ca)
        || (idp.only_contains_ca_certs && !ca)
        || idp.only_contains_attribute_certs
    {
        return Err(Fault::WrongCertificate);
    }
    // A CRL partitioned by distribution point must be for one of the certificate's
    // (the names compared as written: a URI, or the directory name of an LDAP entry).
    if let Some(DistributionPointName::FullName(names)) = &idp.distribution_point {
        let points = distribution_points(cert);
        let named = names.iter().any(|name| {
            points.contains(name)
                || matches!(name, GeneralName::UniformResourceIdentifier(uri) if uri.as_str() == url)
        });
        if !named {
            return Err(Fault::WrongCertificate);
        }
    }
    Ok(())
}

/// The full names of `cert`'s CRL distribution points.
fn distribution_points(cert: &Certificate) -> Vec<GeneralName> {
    use x509_cert::ext::pkix::CrlDistributionPoints;
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|ext| ext.extn_id.to_string() == "2.5.29.31")
        .filter_map(|ext| CrlDistributionPoints::from_der(ext.extn_value.as_bytes()).ok())
        .flat_map(|points| points.0)
        .filter_map(|point| match point.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .collect()
}
