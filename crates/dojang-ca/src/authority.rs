//! The sandbox CA's two certificates and keys — a root and an issuing CA under it, named
//! like a Korean accredited CA — and the certificates it issues, shaped like NPKI ones.
//!
//! On first use the root and issuing CA are made (RSA-2048) and kept in the CA's folder:
//! `root-ca.pem`, `ca1.pem` (certificates) and `root-ca.key`, `ca1.key` (PKCS#8 PEM,
//! mode 0600).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use der::Encode;
use der::asn1::{Ia5String, ObjectIdentifier};
use dojang_core::codes::IdNumber;
use dojang_core::keys::private_key::PrivateKey;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DistinguishedName, DnType, DnValue, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, PKCS_RSA_SHA256, RevocationReason, RevokedCertParams, RsaKeySize,
    SerialNumber,
};
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::certpolicy::PolicyInformation;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AccessDescription, AuthorityInfoAccessSyntax, CertificatePolicies};

use crate::error::{CaError, Result};

/// The organisation of the sandbox CA; also the CA folder name in NPKI stores.
pub const ORGANIZATION: &str = "Dojang Sandbox";
/// The root's common name.
pub const ROOT_COMMON_NAME: &str = "Dojang Sandbox RootCA";
/// The issuing CA's common name.
pub const ISSUING_COMMON_NAME: &str = "Dojang Sandbox CA1";
/// The subscriber OUs, most specific first (RFC 4514 order), like KICA's `ou=RA센터`.
pub const SUBSCRIBER_OUS: [&str; 2] = ["RA센터", "Dojang Sandbox RA"];
/// KICA's personal general-purpose policy (개인 범용), the default policy OID.
pub const DEFAULT_POLICY_OID: &str = "1.2.410.200004.5.2.1.2";

const OU_OID: [u64; 4] = [2, 5, 4, 11];
const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
const ID_AD_CA_ISSUERS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.2");

/// The files of the CA in its folder.
struct Files {
    root_cert: PathBuf,
    root_key: PathBuf,
    issuing_cert: PathBuf,
    issuing_key: PathBuf,
}

impl Files {
    fn in_dir(dir: &Path) -> Self {
        Files {
            root_cert: dir.join("root-ca.pem"),
            root_key: dir.join("root-ca.key"),
            issuing_cert: dir.join("ca1.pem"),
            issuing_key: dir.join("ca1.key"),
        }
    }
}

/// What a subscriber certificate says about its holder.
#[derive(Debug, Clone)]
pub struct Subscriber {
    /// The holder's name, e.g. `홍길동`.
    pub name: String,
    /// The digits after `()` in the CN, chosen by the CA.
    pub cn_serial: String,
    /// The resident or business registration number (for the VID).
    pub id_number: IdNumber,
}

impl Subscriber {
    /// The subject DN as RFC 4514 writes it, lower case as in NPKI folder names.
    pub fn subject(&self) -> String {
        let mut parts = vec![format!("cn={}(){}", self.name, self.cn_serial)];
        parts.extend(SUBSCRIBER_OUS.iter().map(|ou| format!("ou={ou}")));
        parts.push(format!("o={ORGANIZATION}"));
        parts.push("c=kr".to_owned());
        parts.join(",").to_lowercase()
    }
}

/// What to put in one certificate.
pub struct IssueRequest<'a> {
    /// The holder.
    pub subscriber: &'a Subscriber,
    /// The key to certify, a DER SubjectPublicKeyInfo.
    pub public_key: &'a [u8],
    /// The randomNum the client sent, for the identifyData VID (none: no identifyData).
    pub random_num: Option<&'a [u8]>,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
}

/// A certificate just made.
#[derive(Debug, Clone)]
pub struct IssuedCertificate {
    /// DER.
    pub der: Vec<u8>,
    /// The serial number, lower-case hex.
    pub serial: String,
}

/// The CA: its certificates, its signing keys, and how it makes certificates.
pub struct Authority {
    root_der: Vec<u8>,
    issuing_der: Vec<u8>,
    issuing_key: PrivateKey,
    issuer: Issuer<'static, KeyPair>,
    policy_oid: ObjectIdentifier,
    base_url: String,
}

/// Writes `contents` to `path` only readable by the owner, refusing to overwrite.
pub(crate) fn write_private(path: &Path, contents: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| CaError::file(path, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| CaError::file(path, e))
}

fn ca_name(common_name: &str, unit: &str) -> Result<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString("KR".try_into().map_err(CaError::certificate)?),
    );
    dn.push(DnType::OrganizationName, ORGANIZATION);
    dn.push(DnType::OrganizationalUnitName, unit);
    dn.push(DnType::CommonName, common_name);
    Ok(dn)
}

/// A fresh RSA-2048 key.
pub(crate) fn rsa_key() -> Result<KeyPair> {
    KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048).map_err(CaError::certificate)
}

/// The DER of the PEM certificate in `path`.
pub(crate) fn read_certificate(path: &Path) -> Result<Vec<u8>> {
    let text = std::fs::read(path).map_err(|e| CaError::file(path, e))?;
    let (_, pem) = x509_parser::pem::parse_x509_pem(&text)
        .map_err(|e| CaError::certificate(format!("{}: {e}", path.display())))?;
    Ok(pem.contents)
}

impl Authority {
    /// Opens the CA kept in `dir`, making the root and issuing CA on first use.
    /// `policy_oid` goes into every certificate; `base_url` (e.g. `http://127.0.0.1:8080`)
    /// is where the CRL, the CA certificates and the OCSP pointer are said to be.
    pub fn open_or_create(dir: &Path, policy_oid: &str, base_url: &str) -> Result<Self> {
        let files = Files::in_dir(dir);
        std::fs::create_dir_all(dir).map_err(|e| CaError::file(dir, e))?;
        if !files.issuing_key.exists() {
            Self::create(&files)?;
        }
        let policy_oid =
            dojang_core::cert::parse_oid(policy_oid).ok_or_else(|| CaError::InvalidArgument {
                what: "policy OID",
                detail: format!("{policy_oid:?} is not a dotted OID"),
            })?;
        let root_der = read_certificate(&files.root_cert)?;
        let issuing_der = read_certificate(&files.issuing_cert)?;
        let key_pem = std::fs::read_to_string(&files.issuing_key)
            .map_err(|e| CaError::file(&files.issuing_key, e))?;
        let key = KeyPair::from_pem(&key_pem).map_err(CaError::certificate)?;
        let key_der = key.serialize_der();
        let issuer = Issuer::from_ca_cert_der(&issuing_der.as_slice().into(), key)
            .map_err(CaError::certificate)?;
        let issuing_key = PrivateKey::from_pkcs8_der(key_der).map_err(CaError::certificate)?;
        Ok(Authority {
            root_der,
            issuing_der,
            issuing_key,
            issuer,
            policy_oid,
            base_url: base_url.trim_end_matches('/').to_owned(),
        })
    }

    fn create(files: &Files) -> Result<()> {
        let now = OffsetDateTime::now_utc();
        let mut root = CertificateParams::default();
        root.distinguished_name =
            ca_name(ROOT_COMMON_NAME, "Sandbox Certification Authority Central")?;
        root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        root.not_before = now - Duration::days(1);
        root.not_after = now + Duration::days(365 * 20);
        root.serial_number = Some(random_serial()?);
        let root_key = rsa_key()?;
        let root_cert = root.self_signed(&root_key).map_err(CaError::certificate)?;
        let root_key_pem = root_key.serialize_pem();
        let root_issuer = Issuer::new(root, root_key);

        let mut issuing = CertificateParams::default();
        issuing.distinguished_name = ca_name(ISSUING_COMMON_NAME, "AccreditedCA")?;
        issuing.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        // digitalSignature too: the issuing CA signs CMP responses, and CMP clients
        // (OpenSSL's among them) require it of the signer.
        issuing.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        issuing.not_before = now - Duration::days(1);
        issuing.not_after = now + Duration::days(365 * 10);
        issuing.serial_number = Some(random_serial()?);
        issuing.use_authority_key_identifier_extension = true;
        let issuing_key = rsa_key()?;
        let issuing_cert = issuing
            .signed_by(&issuing_key, &root_issuer)
            .map_err(CaError::certificate)?;

        // Keys first, certificates last: a folder with certificates has its keys.
        write_private(&files.root_key, root_key_pem.as_bytes())?;
        write_private(&files.issuing_key, issuing_key.serialize_pem().as_bytes())?;
        std::fs::write(&files.root_cert, root_cert.pem())
            .map_err(|e| CaError::file(&files.root_cert, e))?;
        std::fs::write(&files.issuing_cert, issuing_cert.pem())
            .map_err(|e| CaError::file(&files.issuing_cert, e))?;
        Ok(())
    }

    /// The root certificate, DER.
    pub fn root_der(&self) -> &[u8] {
        &self.root_der
    }

    /// The issuing CA certificate, DER.
    pub fn issuing_der(&self) -> &[u8] {
        &self.issuing_der
    }

    /// The issuing CA's key, which signs CMP responses to signed requests.
    pub fn issuing_key(&self) -> &PrivateKey {
        &self.issuing_key
    }

    /// Where the sandbox CA says its CRL, certificates and OCSP responder are.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The certificate policy OID of the certificates it issues, dotted.
    pub fn policy_oid(&self) -> String {
        self.policy_oid.to_string()
    }

    /// Makes the certificate of a relying party (a bank's server, such as the sandbox's
    /// own demo bank) for `key`: `CN=<common_name>,O=Dojang Sandbox,C=KR`, key usage
    /// digitalSignature and keyEncipherment (it receives the randomNum sealed to it),
    /// extKeyUsage serverAuth, valid until the issuing CA is. It is not a subscriber's
    /// certificate, and the registry does not keep it.
    pub fn issue_relying_party(&self, key: &KeyPair, common_name: &str) -> Result<Vec<u8>> {
        let now = OffsetDateTime::now_utc();
        let issuing_until = x509_parser::parse_x509_certificate(&self.issuing_der)
            .map(|(_, c)| c.validity().not_after.to_datetime())
            .map_err(CaError::certificate)?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(
            DnType::CountryName,
            DnValue::PrintableString("KR".try_into().map_err(CaError::certificate)?),
        );
        dn.push(DnType::OrganizationName, ORGANIZATION);
        dn.push(DnType::CommonName, common_name);
        params.distinguished_name = dn;
        params.serial_number = Some(random_serial()?);
        params.not_before = now - Duration::days(1);
        params.not_after = issuing_until;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        params.key_identifier_method = KeyIdMethod::Sha256;
        let cert = params
            .signed_by(key, &self.issuer)
            .map_err(CaError::certificate)?;
        Ok(cert.der().to_vec())
    }

    /// Makes a subscriber certificate: NPKI subject, key usage digitalSignature +
    /// nonRepudiation, the policy OID, CRL and AIA pointers, identifyData when a
    /// randomNum came, and a random serial number.
    pub fn issue(&self, request: &IssueRequest<'_>) -> Result<IssuedCertificate> {
        let s = request.subscriber;
        let public_key =
            rcgen::SubjectPublicKeyInfo::from_der(request.public_key).map_err(|e| {
                CaError::InvalidArgument {
                    what: "public key",
                    detail: e.to_string(),
                }
            })?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(
            DnType::CountryName,
            DnValue::PrintableString("kr".try_into().map_err(CaError::certificate)?),
        );
        dn.push(DnType::OrganizationName, ORGANIZATION);
        // DER order is the reverse of RFC 4514's: least specific OU first.
        dn.push(DnType::OrganizationalUnitName, SUBSCRIBER_OUS[1]);
        dn.push(DnType::CustomDnType(OU_OID.to_vec()), SUBSCRIBER_OUS[0]);
        dn.push(
            DnType::CommonName,
            format!("{}(){}", s.name, s.cn_serial).as_str(),
        );
        params.distinguished_name = dn;
        let serial = random_serial()?;
        let serial_hex = hex(serial.as_ref());
        params.serial_number = Some(serial);
        params.not_before = request.not_before;
        params.not_after = request.not_after;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.use_authority_key_identifier_extension = true;
        params.key_identifier_method = KeyIdMethod::Sha256;
        params.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![format!("{}/crl/ca1.crl", self.base_url)],
        }];
        params
            .custom_extensions
            .push(subject_key_identifier(request.public_key)?);
        params.custom_extensions.push(self.policies_extension()?);
        params.custom_extensions.push(self.aia_extension()?);
        if let Some(random_num) = request.random_num {
            let san = dojang_core::cert::vid::subject_alt_name(&s.name, &s.id_number, random_num)
                .map_err(CaError::certificate)?;
            params
                .custom_extensions
                .push(CustomExtension::from_oid_content(&[2, 5, 29, 17], san));
        }
        let cert = params
            .signed_by(&public_key, &self.issuer)
            .map_err(CaError::certificate)?;
        Ok(IssuedCertificate {
            der: cert.der().to_vec(),
            serial: serial_hex,
        })
    }

    fn policies_extension(&self) -> Result<CustomExtension> {
        let policies = CertificatePolicies(vec![PolicyInformation {
            policy_identifier: self.policy_oid,
            policy_qualifiers: None,
        }]);
        Ok(CustomExtension::from_oid_content(
            &[2, 5, 29, 32],
            policies.to_der().map_err(CaError::certificate)?,
        ))
    }

    fn aia_extension(&self) -> Result<CustomExtension> {
        let uri = |path: &str| -> Result<GeneralName> {
            Ok(GeneralName::UniformResourceIdentifier(
                Ia5String::new(&format!("{}{path}", self.base_url))
                    .map_err(CaError::certificate)?,
            ))
        };
        let aia = AuthorityInfoAccessSyntax(vec![
            AccessDescription {
                access_method: ID_AD_OCSP,
                access_location: uri("/ocsp")?,
            },
            AccessDescription {
                access_method: ID_AD_CA_ISSUERS,
                access_location: uri("/ca/ca1.der")?,
            },
        ]);
        Ok(CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            aia.to_der().map_err(CaError::certificate)?,
        ))
    }

    /// The issuing CA's CRL (valid for a day) listing `revoked`: serial (hex),
    /// revocation time and reason.
    pub fn crl(
        &self,
        revoked: &[(String, OffsetDateTime, RevocationReasonName)],
    ) -> Result<Vec<u8>> {
        let now = OffsetDateTime::now_utc();
        let revoked_certs = revoked
            .iter()
            .map(|(serial, at, reason)| {
                Ok(RevokedCertParams {
                    serial_number: SerialNumber::from_slice(&unhex(serial)?),
                    revocation_time: *at,
                    reason_code: Some(reason.rcgen()),
                    invalidity_date: None,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let params = CertificateRevocationListParams {
            this_update: now,
            next_update: now + Duration::days(1),
            crl_number: SerialNumber::from(now.unix_timestamp().unsigned_abs()),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: KeyIdMethod::Sha256,
        };
        let crl = params
            .signed_by(&self.issuer)
            .map_err(CaError::certificate)?;
        Ok(crl.der().to_vec())
    }
}

/// The subjectKeyIdentifier extension (RFC 5280 §4.2.1.2) for a DER
/// SubjectPublicKeyInfo: the leftmost 160 bits of the SHA-256 of its public key bits
/// (RFC 7093 §2, method 1), as NPKI certificates carry one.
fn subject_key_identifier(spki_der: &[u8]) -> Result<CustomExtension> {
    use der::Decode;
    let spki = x509_cert::spki::SubjectPublicKeyInfoOwned::from_der(spki_der)
        .map_err(CaError::certificate)?;
    let digest = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        spki.subject_public_key.raw_bytes(),
    );
    let id = der::asn1::OctetString::new(&digest.as_ref()[..20]).map_err(CaError::certificate)?;
    Ok(CustomExtension::from_oid_content(
        &[2, 5, 29, 14],
        id.to_der().map_err(CaError::certificate)?,
    ))
}

/// A random positive serial number of 16 bytes (RFC 5280 §4.1.2.2 allows up to 20).
fn random_serial() -> Result<SerialNumber> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).map_err(CaError::certificate)?;
    // Positive and without a leading zero byte, so that DER keeps all 16 bytes.
    bytes[0] = (bytes[0] & 0x7f).max(1);
    Ok(SerialNumber::from_slice(&bytes))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    dojang_core::cert::hex(bytes, "")
}

/// Bytes of a hex string.
pub fn unhex(text: &str) -> Result<Vec<u8>> {
    let bad = || CaError::InvalidArgument {
        what: "serial number",
        detail: format!("{text:?} is not hex"),
    };
    if !text.len().is_multiple_of(2) {
        return Err(bad());
    }
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)
}

/// A revocation reason (RFC 5280 §5.3.1 CRLReason) by the names the command lines use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationReasonName {
    /// unspecified (0).
    Unspecified,
    /// keyCompromise (1).
    KeyCompromise,
    /// cACompromise (2).
    CaCompromise,
    /// affiliationChanged (3).
    AffiliationChanged,
    /// superseded (4): also what a reissue does to the previous certificate.
    Superseded,
    /// cessationOfOperation (5).
    CessationOfOperation,
    /// privilegeWithdrawn (9).
    PrivilegeWithdrawn,
    /// aACompromise (10).
    AaCompromise,
}

impl RevocationReasonName {
    /// Every reason, by name.
    pub const ALL: [RevocationReasonName; 8] = [
        RevocationReasonName::Unspecified,
        RevocationReasonName::KeyCompromise,
        RevocationReasonName::CaCompromise,
        RevocationReasonName::AffiliationChanged,
        RevocationReasonName::Superseded,
        RevocationReasonName::CessationOfOperation,
        RevocationReasonName::PrivilegeWithdrawn,
        RevocationReasonName::AaCompromise,
    ];

    /// The name, e.g. `keyCompromise`.
    pub fn name(self) -> &'static str {
        match self {
            RevocationReasonName::Unspecified => "unspecified",
            RevocationReasonName::KeyCompromise => "keyCompromise",
            RevocationReasonName::CaCompromise => "cACompromise",
            RevocationReasonName::AffiliationChanged => "affiliationChanged",
            RevocationReasonName::Superseded => "superseded",
            RevocationReasonName::CessationOfOperation => "cessationOfOperation",
            RevocationReasonName::PrivilegeWithdrawn => "privilegeWithdrawn",
            RevocationReasonName::AaCompromise => "aACompromise",
        }
    }

    /// The reason of a name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The reason of a CRLReason number (RFC 5280 §5.3.1), if it is one this CA keeps
    /// (certificateHold and removeFromCRL are not).
    pub fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            0 => RevocationReasonName::Unspecified,
            1 => RevocationReasonName::KeyCompromise,
            2 => RevocationReasonName::CaCompromise,
            3 => RevocationReasonName::AffiliationChanged,
            4 => RevocationReasonName::Superseded,
            5 => RevocationReasonName::CessationOfOperation,
            9 => RevocationReasonName::PrivilegeWithdrawn,
            10 => RevocationReasonName::AaCompromise,
            _ => return None,
        })
    }

    fn rcgen(self) -> RevocationReason {
        match self {
            RevocationReasonName::Unspecified => RevocationReason::Unspecified,
            RevocationReasonName::KeyCompromise => RevocationReason::KeyCompromise,
            RevocationReasonName::CaCompromise => RevocationReason::CaCompromise,
            RevocationReasonName::AffiliationChanged => RevocationReason::AffiliationChanged,
            RevocationReasonName::Superseded => RevocationReason::Superseded,
            RevocationReasonName::CessationOfOperation => RevocationReason::CessationOfOperation,
            RevocationReasonName::PrivilegeWithdrawn => RevocationReason::PrivilegeWithdrawn,
            RevocationReasonName::AaCompromise => RevocationReason::AaCompromise,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_positive_sixteen_bytes() {
        for _ in 0..100 {
            let s = random_serial().unwrap();
            assert_eq!(s.as_ref().len(), 16);
            assert!(s.as_ref()[0] >= 1 && s.as_ref()[0] < 0x80);
        }
    }
}
