//! Everything about one certificate, for the details screen and `dojang show`: names
//! attribute by attribute, serial in hex and decimal, algorithms, both fingerprints, key
//! usage and policies as codes the UI words, every extension, the PEM and an ASN.1 view.

use serde::Serialize;
use sha1::{Digest as _, Sha1};
use ts_rs::TS;
use x509_parser::der_parser::asn1_rs::{Any, FromDer, Tag};
use x509_parser::prelude::*;

pub use super::asn1::Asn1Line;
use super::{CertificateSummary, attr_value, attribute_short_name, hex, policy};
use crate::Error;

/// One attribute of a DN, in DER order (least specific first, as a tree shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NameAttribute {
    /// Short name (`CN`, `OU`, `O`, `C`, …) or the dotted OID.
    pub name: String,
    /// The attribute type's OID.
    pub oid: String,
    /// The value as text.
    pub value: String,
}

/// A key usage bit (RFC 5280 §4.2.1.3), as a code the UI words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum KeyUsageBit {
    DigitalSignature,
    NonRepudiation,
    KeyEncipherment,
    DataEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
    EncipherOnly,
    DecipherOnly,
}

/// A certificate policy with what the table says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PolicyView {
    /// The policy OID.
    pub oid: String,
    /// The purpose it labels.
    pub purpose: policy::Purpose,
    /// The CA it belongs to, if known.
    pub ca: Option<String>,
    /// The CPS URI qualifier, if any.
    pub cps_uri: Option<String>,
    /// The user notice text, if any.
    pub notice: Option<String>,
}

/// One extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExtensionView {
    /// The extension's OID.
    pub oid: String,
    /// Its registered name (`keyUsage`, …), if known.
    pub name: Option<String>,
    /// Whether it is marked critical.
    pub critical: bool,
    /// Its value in the notation engineers read (key usage bits by name, key IDs in hex,
    /// URLs, policy OIDs); the parser's own structure for extensions without one.
    pub value: String,
    /// Its DER value, hex.
    pub der_hex: String,
}

/// Everything about one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertificateDetails {
    /// The facts the list shows.
    pub summary: CertificateSummary,
    /// The subject, attribute by attribute.
    pub subject_attributes: Vec<NameAttribute>,
    /// The issuer, attribute by attribute.
    pub issuer_attributes: Vec<NameAttribute>,
    /// X.509 version (3 for every NPKI certificate).
    pub version: u32,
    /// The serial number in decimal; in hex (`0x…`) when it is longer than RFC 5280's 20
    /// octets (a conversion to decimal takes time quadratic in the length).
    pub serial_decimal: String,
    /// The signature algorithm's name, e.g. `sha256WithRSAEncryption`.
    pub signature_algorithm: String,
    /// The signature algorithm's OID.
    pub signature_algorithm_oid: String,
    /// The SHA-1 fingerprint, upper-case hex pairs separated by colons.
    pub fingerprint_sha1: String,
    /// Key usage bits set.
    pub key_usage: Vec<KeyUsageBit>,
    /// Extended key usage OIDs.
    pub extended_key_usage: Vec<String>,
    /// Certificate policies.
    pub policies: Vec<PolicyView>,
    /// CRL distribution point URLs.
    pub crl_urls: Vec<String>,
    /// OCSP responder URLs.
    pub ocsp_urls: Vec<String>,
    /// The real name in the identifyData (VID) SubjectAltName, if the certificate has one.
    pub identity_real_name: Option<String>,
    /// Whether this is a CA certificate.
    pub is_ca: bool,
    /// Every extension.
    pub extensions: Vec<ExtensionView>,
    /// The certificate in PEM.
    pub pem: String,
    /// The ASN.1 structure, line by line.
    pub asn1: Vec<Asn1Line>,
}

fn name_attributes(name: &X509Name<'_>) -> Vec<NameAttribute> {
    name.iter_attributes()
        .map(|a| {
            let oid = a.attr_type().to_id_string();
            NameAttribute {
                name: attribute_short_name(&oid).map_or_else(|| oid.clone(), str::to_owned),
                oid,
                value: attr_value(a),
            }
        })
        .collect()
}

/// The longest serial RFC 5280 allows (§4.1.2.2), shown in decimal; longer ones in hex.
const SERIAL_DECIMAL_MAX: usize = 20;

/// A serial number as people read it: decimal up to [`SERIAL_DECIMAL_MAX`] octets (leading
/// zero octets aside), hex beyond.
fn serial_text(bytes: &[u8]) -> String {
    let significant = bytes
        .iter()
        .position(|&b| b != 0)
        .map_or(&bytes[bytes.len()..], |i| &bytes[i..]);
    if significant.len() <= SERIAL_DECIMAL_MAX {
        decimal(significant)
    } else {
        format!("0x{}", hex(significant, ""))
    }
}

/// A big-endian unsigned integer in decimal.
fn decimal(bytes: &[u8]) -> String {
    let mut digits: Vec<u8> = vec![0];
    for &byte in bytes {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            let v = u32::from(*d) * 256 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

impl CertificateDetails {
    /// Parses a DER certificate into its details, as of `now`.
    pub fn from_der(
        der: &[u8],
        path: &std::path::Path,
        now: ::time::OffsetDateTime,
    ) -> Result<Self, Error> {
        let summary = CertificateSummary::from_der(der, path, now)?;
        let (_, cert) = X509Certificate::from_der(der).map_err(|e| Error::NotACertificate {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
        let pointers = super::Pointers::of(&cert);
        let registry = x509_parser::objects::oid_registry();
        let sig_oid = cert.signature_algorithm.algorithm.to_id_string();
        let signature_algorithm =
            x509_parser::objects::oid2sn(&cert.signature_algorithm.algorithm, registry)
                .map_or_else(|_| sig_oid.clone(), str::to_owned);
        let mut details = CertificateDetails {
            summary,
            subject_attributes: name_attributes(cert.subject()),
            issuer_attributes: name_attributes(cert.issuer()),
            version: cert.version().0 + 1,
            serial_decimal: serial_text(cert.raw_serial()),
            signature_algorithm,
            signature_algorithm_oid: sig_oid,
            fingerprint_sha1: hex(&Sha1::digest(der), ":").to_uppercase(),
            key_usage: Vec::new(),
            extended_key_usage: Vec::new(),
            policies: Vec::new(),
            crl_urls: pointers.crl,
            ocsp_urls: pointers.ocsp,
            identity_real_name: super::vid::identity_data(der)?.map(|d| d.real_name),
            is_ca: cert.is_ca(),
            extensions: Vec::new(),
            pem: super::pem("CERTIFICATE", der),
            asn1: Vec::new(),
        };
        for ext in cert.extensions() {
            let oid = ext.oid.to_id_string();
            details.extensions.push(ExtensionView {
                name: x509_parser::objects::oid2sn(&ext.oid, registry)
                    .ok()
                    .map(str::to_owned),
                oid,
                critical: ext.critical,
                value: shorten_long(readable_value(ext.parsed_extension())),
                der_hex: hex(ext.value, ""),
            });
            match ext.parsed_extension() {
                ParsedExtension::KeyUsage(ku) => {
                    use KeyUsageBit::*;
                    let bits = [
                        (ku.digital_signature(), DigitalSignature),
                        (ku.non_repudiation(), NonRepudiation),
                        (ku.key_encipherment(), KeyEncipherment),
                        (ku.data_encipherment(), DataEncipherment),
                        (ku.key_agreement(), KeyAgreement),
                        (ku.key_cert_sign(), KeyCertSign),
                        (ku.crl_sign(), CrlSign),
                        (ku.encipher_only(), EncipherOnly),
                        (ku.decipher_only(), DecipherOnly),
                    ];
                    details.key_usage = bits
                        .iter()
                        .filter(|(set, _)| *set)
                        .map(|(_, b)| *b)
                        .collect();
                }
                ParsedExtension::ExtendedKeyUsage(eku) => {
                    details.extended_key_usage =
                        eku.other.iter().map(|o| o.to_id_string()).collect();
                    for (set, oid) in [
                        (eku.server_auth, "1.3.6.1.5.5.7.3.1"),
                        (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
                        (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
                        (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
                        (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
                        (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
                    ] {
                        if set {
                            details.extended_key_usage.push(oid.to_owned());
                        }
                    }
                }
                ParsedExtension::CertificatePolicies(policies) => {
                    for p in policies.iter() {
                        let oid = p.policy_id.to_id_string();
                        let label = policy::label(&oid);
                        let mut view = PolicyView {
                            purpose: label.purpose,
                            ca: label.ca.map(str::to_owned),
                            oid,
                            cps_uri: None,
                            notice: None,
                        };
                        for q in p.policy_qualifiers.iter().flatten() {
                            match q.policy_qualifier_id.to_id_string().as_str() {
                                "1.3.6.1.5.5.7.2.1" => view.cps_uri = cps_uri(q.qualifier),
                                "1.3.6.1.5.5.7.2.2" => view.notice = user_notice(q.qualifier),
                                _ => {}
                            }
                        }
                        details.policies.push(view);
                    }
                }
                _ => {}
            }
        }
        details.asn1 = super::asn1::lines(der);
        Ok(details)
    }
}

pub(crate) fn uri(name: &GeneralName<'_>) -> Option<String> {
    match name {
        GeneralName::URI(u) => Some((*u).to_owned()),
        _ => None,
    }
}

/// The readable characters of a qualifier's raw DER (a tag and length precede the text).
/// A CPS pointer qualifier (`IA5String`), as text.
fn cps_uri(qualifier: &[u8]) -> Option<String> {
    let (_, uri) = Any::from_der(qualifier).ok()?;
    (uri.tag() == Tag::Ia5String)
        .then(|| std::str::from_utf8(uri.data).ok().map(printable))
        .flatten()
}

/// A user notice qualifier's explicit text (RFC 5280 §4.2.1.4): `UserNotice ::= SEQUENCE {
/// noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL }`. Korean CAs
/// write it as a `BMPString`; a notice with only a reference has no text to show.
fn user_notice(qualifier: &[u8]) -> Option<String> {
    let (_, notice) = Any::from_der(qualifier).ok()?;
    if notice.tag() != Tag::Sequence {
        return None;
    }
    let mut rest = notice.data;
    while !rest.is_empty() {
        let (next, element) = Any::from_der(rest).ok()?;
        rest = next;
        if element.tag() != Tag::Sequence {
            return display_text(element);
        }
    }
    None
}

/// `DisplayText` in any of its four string types, as text (an empty one as none).
fn display_text(text: Any<'_>) -> Option<String> {
    let text = match text.tag() {
        Tag::Ia5String | Tag::VisibleString | Tag::Utf8String => {
            std::str::from_utf8(text.data).ok()?.to_owned()
        }
        Tag::BmpString => super::bmp_text(text.data)?,
        _ => return None,
    };
    Some(printable(&text)).filter(|text| !text.is_empty())
}

fn printable(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A general name as engineers write it (`URI:…`, `DirName:…`, `otherName:OID`).
fn general_name(name: &GeneralName<'_>) -> String {
    match name {
        GeneralName::URI(uri) => format!("URI:{uri}"),
        GeneralName::DNSName(dns) => format!("DNS:{dns}"),
        GeneralName::RFC822Name(mail) => format!("email:{mail}"),
        GeneralName::DirectoryName(dn) => format!("DirName:{dn}"),
        GeneralName::IPAddress(ip) => format!("IP:{}", hex(ip, ":")),
        GeneralName::RegisteredID(oid) => format!("RID:{oid}"),
        GeneralName::OtherName(oid, _) if oid.to_id_string() == "1.2.410.200004.10.1.1" => {
            "otherName:identifyData (1.2.410.200004.10.1.1)".to_owned()
        }
        GeneralName::OtherName(oid, _) => format!("otherName:{oid}"),
        other => format!("{other:?}"),
    }
}

/// An extension's value in the notation engineers read.
fn readable_value(parsed: &ParsedExtension<'_>) -> String {
    let names = |names: &[GeneralName<'_>]| {
        names
            .iter()
            .map(general_name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match parsed {
        ParsedExtension::KeyUsage(ku) => ku.to_string(),
        ParsedExtension::BasicConstraints(bc) => match bc.path_len_constraint {
            Some(n) => format!("CA:{}, pathlen:{n}", bc.ca.to_string().to_uppercase()),
            None => format!("CA:{}", bc.ca.to_string().to_uppercase()),
        },
        ParsedExtension::SubjectKeyIdentifier(id) => hex(id.0, ":").to_uppercase(),
        ParsedExtension::AuthorityKeyIdentifier(aki) => {
            let mut parts = Vec::new();
            if let Some(id) = &aki.key_identifier {
                parts.push(format!("keyid:{}", hex(id.0, ":").to_uppercase()));
            }
            if let Some(issuer) = &aki.authority_cert_issuer {
                parts.push(names(issuer));
            }
            if let Some(serial) = aki.authority_cert_serial {
                parts.push(format!("serial:{}", hex(serial, ":").to_uppercase()));
            }
            parts.join(", ")
        }
        ParsedExtension::CertificatePolicies(policies) => policies
            .iter()
            .map(|p| {
                let qualifiers: Vec<String> = p
                    .policy_qualifiers
                    .iter()
                    .flatten()
                    .map(|q| match q.policy_qualifier_id.to_id_string().as_str() {
                        "1.3.6.1.5.5.7.2.1" => format!(
                            "CPS:{}",
                            String::from_utf8_lossy(q.qualifier.get(2..).unwrap_or(q.qualifier))
                        ),
                        "1.3.6.1.5.5.7.2.2" => "user notice".to_owned(),
                        other => other.to_owned(),
                    })
                    .collect();
                if qualifiers.is_empty() {
                    format!("Policy:{}", p.policy_id)
                } else {
                    format!("Policy:{} ({})", p.policy_id, qualifiers.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        ParsedExtension::CRLDistributionPoints(points) => points
            .iter()
            .filter_map(|p| match &p.distribution_point {
                Some(DistributionPointName::FullName(full)) => Some(names(full)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("; "),
        ParsedExtension::AuthorityInfoAccess(aia) => aia
            .accessdescs
            .iter()
            .map(|d| {
                let method = match d.access_method.to_id_string().as_str() {
                    "1.3.6.1.5.5.7.48.1" => "OCSP".to_owned(),
                    "1.3.6.1.5.5.7.48.2" => "CA Issuers".to_owned(),
                    other => other.to_owned(),
                };
                format!("{method} - {}", general_name(&d.access_location))
            })
            .collect::<Vec<_>>()
            .join("; "),
        ParsedExtension::SubjectAlternativeName(san) => names(&san.general_names),
        ParsedExtension::IssuerAlternativeName(ian) => names(&ian.general_names),
        ParsedExtension::ExtendedKeyUsage(eku) => {
            let mut uses = Vec::new();
            for (on, name) in [
                (eku.any, "anyExtendedKeyUsage"),
                (eku.server_auth, "serverAuth"),
                (eku.client_auth, "clientAuth"),
                (eku.code_signing, "codeSigning"),
                (eku.email_protection, "emailProtection"),
                (eku.time_stamping, "timeStamping"),
                (eku.ocsp_signing, "OCSPSigning"),
            ] {
                if on {
                    uses.push(name.to_owned());
                }
            }
            uses.extend(eku.other.iter().map(ToString::to_string));
            uses.join(", ")
        }
        other => format!("{other:?}"),
    }
}

fn shorten_long(s: String) -> String {
    if s.len() > 2000 {
        s.chars().take(2000).collect::<String>() + "…"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_print_in_decimal() {
        assert_eq!(decimal(&[0x01, 0x00]), "256");
        assert_eq!(decimal(&[0x00]), "0");
        assert_eq!(
            decimal(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            "18446744073709551615"
        );
        assert_eq!(serial_text(&[0x00, 0x01, 0x00]), "256");
        assert_eq!(serial_text(&[0xff; 20]).len(), 49);
        // Beyond RFC 5280's 20 octets, hex: a megabyte-long serial prints in linear time.
        assert_eq!(serial_text(&[0xab; 21]), format!("0x{}", "ab".repeat(21)));
        assert_eq!(serial_text(&vec![0x7f; 1 << 20]).len(), 2 + (2 << 20));
    }

    /// The policy of a licensed CA's certificate, as KISA's root has it written: the CPS
    /// address and the user notice, whose Korean text is a BMPString.
    #[test]
    fn a_policy_user_notice_reads_in_korean() {
        let yessign = crate::cert::anchors::KOREAN_PKI
            .iter()
            .find(|b| b.file.starts_with("yessignCA_Class_2"))
            .unwrap();
        let now = ::time::OffsetDateTime::now_utc();
        let details =
            CertificateDetails::from_der(yessign.der, std::path::Path::new("ca.der"), now).unwrap();
        let policy = &details.policies[0];
        assert_eq!(policy.oid, "2.5.29.32.0");
        assert_eq!(
            policy.cps_uri.as_deref(),
            Some("http://www.rootca.or.kr/rca/cps.html")
        );
        assert_eq!(
            policy.notice.as_deref(),
            Some(
                "이 인증서는 공인인증서입니다(This certificate is accredited under \
                 Electronic Signature Act of the Republic of Korea)"
            )
        );
    }

    #[test]
    fn a_user_notice_in_each_string_type_or_none() {
        // SEQUENCE { explicitText } in UTF8String, IA5String, VisibleString and BMPString.
        assert_eq!(
            user_notice(&[0x30, 0x04, 0x0c, 0x02, b'o', b'k']).as_deref(),
            Some("ok")
        );
        assert_eq!(
            user_notice(&[0x30, 0x04, 0x16, 0x02, b'o', b'k']).as_deref(),
            Some("ok")
        );
        assert_eq!(
            user_notice(&[0x30, 0x04, 0x1a, 0x02, b'o', b'k']).as_deref(),
            Some("ok")
        );
        assert_eq!(
            user_notice(&[0x30, 0x06, 0x1e, 0x04, 0xd5, 0x5c, 0xae, 0x00]).as_deref(),
            Some("한글")
        );
        // A noticeRef before the text is skipped; a reference alone has no text.
        let reference = [0x30, 0x07, 0x16, 0x02, b'C', b'A', 0x30, 0x01, 0x02];
        let mut both = vec![0x30, (reference.len() + 4) as u8];
        both.extend_from_slice(&reference);
        both.extend_from_slice(&[0x0c, 0x02, b'h', b'i']);
        assert_eq!(user_notice(&both).as_deref(), Some("hi"));
        let mut alone = vec![0x30, reference.len() as u8];
        alone.extend_from_slice(&reference);
        assert_eq!(user_notice(&alone), None);
        // Not a notice, an odd length of BMPString, truncated, empty: no text, no panic.
        assert_eq!(user_notice(&[0x16, 0x02, b'o', b'k']), None);
        assert_eq!(user_notice(&[0x30, 0x03, 0x1e, 0x01, 0xd5]), None);
        assert_eq!(user_notice(&[0x30, 0x04, 0x0c, 0x05, b'o']), None);
        assert_eq!(user_notice(&[0x30, 0x02, 0x0c, 0x00]), None);
        assert_eq!(user_notice(&[]), None);
        assert_eq!(cps_uri(&[0x16, 0x02, b'/', b'x']).as_deref(), Some("/x"));
        assert_eq!(cps_uri(&[0x0c, 0x02, b'/', b'x']), None);
    }

    /// Extension values read as OpenSSL prints them (`openssl x509 -text`), the notation
    /// engineers compare against.
    #[test]
    fn extension_values_read_as_openssl_prints_them() {
        use dojang_testkit::{Subscriber, TestPki};
        let pki = TestPki::new("KICA").unwrap();
        let (der, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.der");
        std::fs::write(&file, &der).unwrap();
        let text = std::process::Command::new("openssl")
            .args(["x509", "-inform", "DER", "-noout", "-text", "-in"])
            .arg(&file)
            .output()
            .unwrap()
            .stdout;
        let text = String::from_utf8_lossy(&text);
        let openssl_value = |heading: &str| {
            let mut lines = text.lines().skip_while(|l| !l.contains(heading));
            lines.next();
            lines.next().unwrap_or_default().trim().to_owned()
        };
        let details = CertificateDetails::from_der(
            &der,
            std::path::Path::new(""),
            ::time::OffsetDateTime::now_utc(),
        )
        .unwrap();
        let ours = |name: &str| {
            details
                .extensions
                .iter()
                .find(|e| e.name.as_deref() == Some(name))
                .map(|e| e.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(ours("keyUsage"), openssl_value("X509v3 Key Usage"));
        assert_eq!(
            ours("authorityKeyIdentifier"),
            format!("keyid:{}", openssl_value("X509v3 Authority Key Identifier"))
        );
        assert_eq!(
            ours("certificatePolicies"),
            openssl_value("X509v3 Certificate Policies").replace("Policy: ", "Policy:")
        );
    }
}
