//! A certificate, parsed once into the view model that every host shows.
//!
//! [`CertificateSummary`] is what the list shows and what `dojang list --json` prints
//! (field names are a promise: docs/interfaces.md).

pub mod anchors;
pub mod asn1;
pub mod capubs;
pub mod chain;
pub mod details;
pub mod policy;
pub mod vid;

use std::fmt::Write as _;
use std::path::Path;

use ::time::OffsetDateTime;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;
use x509_parser::oid_registry;
use x509_parser::prelude::*;
use x509_parser::public_key::PublicKey;

pub use policy::Purpose;

use crate::Error;

/// Days before expiry from which a certificate is flagged as expiring soon (and renewal
/// opens, docs/cmp-profile.md).
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Where a certificate stands in time, at the moment it was listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ValidityStatus {
    /// Valid for more than [`EXPIRY_WARNING_DAYS`] days.
    Valid,
    /// Valid, but expires within [`EXPIRY_WARNING_DAYS`] days.
    ExpiringSoon,
    /// Past its notAfter.
    Expired,
    /// Before its notBefore.
    NotYetValid,
}

/// The facts about one certificate that the list and `dojang list --json` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertificateSummary {
    /// The certificate's ID: its SHA-256 fingerprint, lower-case hex without separators.
    pub id: String,
    /// The subject DN in RFC 4514 order, e.g. `cn=홍길동()0012…,ou=…,o=KICA,c=kr` as issued.
    pub subject: String,
    /// The subject's common name as issued, e.g. `홍길동()001234567890123456`.
    pub common_name: String,
    /// The owner's name: the common name without the NPKI `()digits` suffix.
    pub owner: String,
    /// The issuer DN in RFC 4514 order.
    pub issuer: String,
    /// The issuer's common name, e.g. `signGATE CA5`.
    pub issuer_common_name: String,
    /// The CA's short name, e.g. `KICA` or `yessign`: the issuer's O, else the CA named by
    /// the policy OID's prefix.
    pub ca: String,
    /// What the certificate is for, from its first policy OID.
    pub purpose: Purpose,
    /// The first certificate-policy OID in dotted form, if any.
    pub policy_oid: Option<String>,
    /// The serial number, lower-case hex.
    pub serial: String,
    /// Start of validity.
    #[serde(with = "::time::serde::rfc3339")]
    #[ts(type = "string")]
    pub not_before: OffsetDateTime,
    /// End of validity.
    #[serde(with = "::time::serde::rfc3339")]
    #[ts(type = "string")]
    pub not_after: OffsetDateTime,
    /// Whole days until notAfter (negative once expired), as of listing.
    #[ts(type = "number")]
    pub days_left: i64,
    /// Where the certificate stands in time, as of listing.
    pub status: ValidityStatus,
    /// Revoked, as far as Dojang knows (it revoked the certificate itself, or its CA
    /// said so); null when nothing is known. What OCSP and CRLs say is asked apart
    /// ([`crate::status`]).
    pub revoked: Option<crate::issue::revoke::Revocation>,
    /// The key, e.g. `RSA 2048` or `EC P-256`.
    pub key_algorithm: String,
    /// The SHA-256 fingerprint, upper-case hex pairs separated by colons.
    pub fingerprint_sha256: String,
}

impl CertificateSummary {
    /// Parses a DER certificate. `path` names the file in errors only.
    pub fn from_der(der: &[u8], path: &Path, now: OffsetDateTime) -> Result<Self, Error> {
        let cert = match X509Certificate::from_der(der) {
            Ok((_, cert)) => cert,
            Err(e) => return Err(parse_error(&e.to_string(), der, path)),
        };
        let digest = Sha256::digest(der);
        let first_policy = first_policy_oid(&cert);
        let label = first_policy.as_deref().map(policy::label);
        let common_name = first_attr(cert.subject(), &oid_registry::OID_X509_COMMON_NAME);
        let issuer_org = first_attr(cert.issuer(), &oid_registry::OID_X509_ORGANIZATION_NAME);
        let issuer_common_name = first_attr(cert.issuer(), &oid_registry::OID_X509_COMMON_NAME);
        let ca = if !issuer_org.is_empty() {
            issuer_org
        } else if let Some(ca) = label.as_ref().and_then(|l| l.ca) {
            ca.to_owned()
        } else {
            issuer_common_name.clone()
        };
        let not_before = cert.validity().not_before.to_datetime();
        let not_after = cert.validity().not_after.to_datetime();
        let days_left = (not_after - now).whole_seconds().div_euclid(86_400);
        Ok(CertificateSummary {
            id: certificate_id(der),
            subject: rfc4514(cert.subject()),
            owner: owner_name(&common_name).to_owned(),
            common_name,
            issuer: rfc4514(cert.issuer()),
            issuer_common_name,
            ca,
            purpose: if cert.is_ca() {
                Purpose::Authority
            } else {
                label.map_or(Purpose::Unknown, |l| l.purpose)
            },
            policy_oid: first_policy,
            serial: hex(cert.raw_serial(), ""),
            not_before,
            not_after,
            days_left,
            status: validity_status(now, not_before, not_after),
            revoked: None,
            key_algorithm: key_algorithm(&cert),
            fingerprint_sha256: hex(&digest, ":").to_uppercase(),
        })
    }
}

/// Where a certificate points relying parties (RFC 5280 §4.2.2.1, §4.2.1.13): its OCSP
/// responders and its CA's certificate (authorityInfoAccess), its CRLs
/// (cRLDistributionPoints, full names only). URIs as written, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointers {
    /// id-ad-ocsp addresses.
    pub ocsp: Vec<String>,
    /// id-ad-caIssuers addresses.
    pub ca_issuers: Vec<String>,
    /// CRL distribution points.
    pub crl: Vec<String>,
}

impl Pointers {
    /// The pointers of a parsed certificate.
    pub(crate) fn of(cert: &X509Certificate<'_>) -> Pointers {
        let mut pointers = Pointers::default();
        for ext in cert.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::AuthorityInfoAccess(aia) => {
                    for desc in aia.iter() {
                        let Some(url) = details::uri(&desc.access_location) else {
                            continue;
                        };
                        match desc.access_method.to_id_string().as_str() {
                            "1.3.6.1.5.5.7.48.1" => pointers.ocsp.push(url),
                            "1.3.6.1.5.5.7.48.2" => pointers.ca_issuers.push(url),
                            _ => {}
                        }
                    }
                }
                ParsedExtension::CRLDistributionPoints(points) => {
                    for point in points.iter() {
                        if let Some(DistributionPointName::FullName(names)) =
                            &point.distribution_point
                        {
                            pointers.crl.extend(names.iter().filter_map(details::uri));
                        }
                    }
                }
                _ => {}
            }
        }
        pointers
    }

    /// The pointers of a DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Pointers, Error> {
        let (_, cert) = X509Certificate::from_der(der)
            .map_err(|e| parse_error(&e.to_string(), der, Path::new("")))?;
        Ok(Pointers::of(&cert))
    }
}

/// The DER in the first PEM block labelled `label` (`CERTIFICATE`, `PRIVATE KEY`), or
/// the bytes as they are when they hold no such block (parsing them then says what is
/// wrong).
pub fn pem_or_der(bytes: &[u8], label: &str) -> Vec<u8> {
    use base64::Engine as _;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let Some(body) = text
        .split(&format!("-----BEGIN {label}-----"))
        .nth(1)
        .and_then(|rest| rest.split(&format!("-----END {label}-----")).next())
    else {
        return bytes.to_vec();
    };
    let b64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap_or_else(|_| bytes.to_vec())
}

/// `der` as a PEM block labelled `label`, 64 characters a line.
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// A dotted OID written as text (a site's request, an operator's command line), or `None`.
/// Each arc is checked to be digits within 32 bits first: the OID type's own parser
/// multiplies without checking, and overflows (a panic where overflow is checked) on a
/// larger arc.
pub fn parse_oid(text: &str) -> Option<der::asn1::ObjectIdentifier> {
    let arcs_fit = text.split('.').all(|arc| {
        !arc.is_empty() && arc.bytes().all(|b| b.is_ascii_digit()) && arc.parse::<u32>().is_ok()
    });
    arcs_fit
        .then(|| der::asn1::ObjectIdentifier::new(text).ok())
        .flatten()
}

/// A certificate's ID: the SHA-256 of its DER, lower-case hex.
pub fn certificate_id(der: &[u8]) -> String {
    hex(&Sha256::digest(der), "")
}

/// Where an NPKI folder store keeps this certificate: the CA folder (the issuer's O, e.g.
/// `KICA`) and the certificate folder (the subject DN in RFC 4514 order, lower case,
/// unescaped, e.g. `cn=홍길동()0012…,ou=…,o=kica,c=kr`), both made safe as file names.
pub fn npki_folder_names(der: &[u8]) -> Result<(String, String), Error> {
    let cert = X509Certificate::from_der(der)
        .map(|(_, c)| c)
        .map_err(|e| Error::NotACertificate {
            path: Default::default(),
            detail: e.to_string(),
        })?;
    let org = first_attr(cert.issuer(), &oid_registry::OID_X509_ORGANIZATION_NAME);
    let ca = if org.is_empty() {
        first_attr(cert.issuer(), &oid_registry::OID_X509_COMMON_NAME)
    } else {
        org
    };
    let rdns: Vec<_> = cert.subject().iter().collect();
    let subject = rdns
        .into_iter()
        .rev()
        .flat_map(|rdn| rdn.iter())
        .map(|attr| {
            let oid = attr.attr_type().to_id_string();
            let name = attribute_short_name(&oid).unwrap_or(&oid).to_lowercase();
            format!("{name}={}", attr_value(attr))
        })
        .collect::<Vec<_>>()
        .join(",")
        .to_lowercase();
    Ok((file_name_safe(&ca), file_name_safe(&subject)))
}

/// Replaces the characters no file system accepts in a name (and control characters).
fn file_name_safe(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    match safe.trim_matches(|c| c == '.' || c == ' ') {
        "" => "_".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

fn parse_error(detail: &str, der: &[u8], path: &Path) -> Error {
    // A DER certificate is one SEQUENCE whose header states its length: if the file is
    // shorter than that, it was cut off, which tells the user more than a parse error.
    if let Some(declared) = asn1::declared_len(der)
        && der.len() < declared
    {
        return Error::CertificateTruncated {
            path: path.to_owned(),
        };
    }
    Error::NotACertificate {
        path: path.to_owned(),
        detail: detail.to_owned(),
    }
}

fn validity_status(
    now: OffsetDateTime,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> ValidityStatus {
    if now < not_before {
        ValidityStatus::NotYetValid
    } else if now > not_after {
        ValidityStatus::Expired
    } else if (not_after - now).whole_days() < EXPIRY_WARNING_DAYS {
        ValidityStatus::ExpiringSoon
    } else {
        ValidityStatus::Valid
    }
}

fn first_policy_oid(cert: &X509Certificate<'_>) -> Option<String> {
    cert.extensions()
        .iter()
        .find_map(|ext| match ext.parsed_extension() {
            ParsedExtension::CertificatePolicies(policies) => {
                policies.iter().next().map(|p| p.policy_id.to_id_string())
            }
            _ => None,
        })
}

fn key_algorithm(cert: &X509Certificate<'_>) -> String {
    let spki = cert.public_key();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|oid| match oid.to_id_string().as_str() {
                    "1.2.840.10045.3.1.7" => "P-256".to_owned(),
                    "1.3.132.0.34" => "P-384".to_owned(),
                    "1.3.132.0.35" => "P-521".to_owned(),
                    other => other.to_owned(),
                })
                .unwrap_or_default();
            format!("EC {curve}").trim_end().to_owned()
        }
        _ => spki.algorithm.algorithm.to_id_string(),
    }
}

/// The owner's name from an NPKI common name: `홍길동()0012…` → `홍길동`. A name without
/// the suffix is returned unchanged.
pub fn owner_name(common_name: &str) -> &str {
    match common_name.rfind("()") {
        Some(i)
            if common_name[i + 2..].chars().all(|c| c.is_ascii_digit())
                && i + 2 < common_name.len() =>
        {
            &common_name[..i]
        }
        _ => common_name,
    }
}

fn attr_value(attr: &AttributeTypeAndValue<'_>) -> String {
    match attr.as_str() {
        Ok(s) => s.to_owned(),
        // BMPString and other string types that as_str() refuses.
        Err(_) => {
            bmp_text(attr.attr_value().data).unwrap_or_else(|| hex(attr.attr_value().data, ""))
        }
    }
}

/// A `BMPString`'s content (UCS-2, big-endian) as text; an odd length or a lone surrogate
/// is not text.
pub(crate) fn bmp_text(content: &[u8]) -> Option<String> {
    if !content.len().is_multiple_of(2) {
        return None;
    }
    char::decode_utf16(
        content
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
    )
    .collect::<Result<String, _>>()
    .ok()
}

pub(crate) fn first_attr(name: &X509Name<'_>, oid: &oid_registry::Oid<'_>) -> String {
    name.iter_attributes()
        .find(|a| a.attr_type() == oid)
        .map(attr_value)
        .unwrap_or_default()
}

/// The short names RFC 4514 §3 and common practice give the attribute types of Korean
/// certificates; anything else is written as its dotted OID.
fn attribute_short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.5" => "SERIALNUMBER",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.2.840.113549.1.9.1" => "emailAddress",
        _ => return None,
    })
}

/// A DN as RFC 4514 writes it: most specific RDN first, `type=value` joined by commas.
pub(crate) fn rfc4514(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    let rdns: Vec<_> = name.iter().collect();
    for rdn in rdns.into_iter().rev() {
        if !out.is_empty() {
            out.push(',');
        }
        for (i, attr) in rdn.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            let oid = attr.attr_type().to_id_string();
            out.push_str(attribute_short_name(&oid).unwrap_or(&oid));
            out.push('=');
            let value = attr_value(attr);
            let last = value.chars().count().saturating_sub(1);
            for (j, c) in value.chars().enumerate() {
                let leading = j == 0 && matches!(c, ' ' | '#');
                let trailing = j == last && c == ' ';
                if leading || trailing || matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';') {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

/// `bytes` in lower-case hex, pairs joined by `sep`.
pub fn hex(bytes: &[u8], sep: &str) -> String {
    let mut s = String::with_capacity(bytes.len() * (2 + sep.len()));
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_name_drops_the_npki_suffix_only() {
        assert_eq!(owner_name("홍길동()0012345678901234"), "홍길동");
        assert_eq!(owner_name("(주)도장()0012345678901234"), "(주)도장");
        assert_eq!(owner_name("홍길동"), "홍길동");
        assert_eq!(owner_name("홍길동()"), "홍길동()");
        assert_eq!(owner_name("a()b12"), "a()b12");
    }
}
