//! PKCS#12 (`.pfx`, `.p12`; RFC 7292) import and export.
//!
//! The private key goes in as its PKCS#8 `PrivateKeyInfo` exactly as held, so the NPKI
//! randomNum attribute survives the trip (splitting a PFX with a generic tool is known to
//! drop it). Modern encryption (PBES2 with AES-256, HMAC-SHA-256 MAC) by default; the
//! "compatible" form (3DES, SHA-1 MAC) for old importers.

use der::{Decode, Reader, SliceReader};
use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKeyChain,
};

use crate::Error;
use crate::keys::private_key::PrivateKey;

/// What a PKCS#12 file holds: one key, its certificate and the CA chain.
#[derive(Debug)]
pub struct PfxContents {
    /// The private key (randomNum attribute included when the file had it).
    pub key: PrivateKey,
    /// The certificate of that key, DER.
    pub certificate: Vec<u8>,
    /// Other certificates in the file (the CA chain), DER.
    pub chain: Vec<Vec<u8>>,
}

/// Whether a DER `PFX` carries `macData` (RFC 7292 §4: `PFX ::= SEQUENCE { version,
/// authSafe ContentInfo, macData MacData OPTIONAL }`).
fn has_mac(bytes: &[u8]) -> Result<bool, Error> {
    let malformed = |e: der::Error| Error::PfxMalformed {
        detail: e.to_string(),
    };
    let mut reader = SliceReader::new(bytes).map_err(malformed)?;
    reader
        .sequence(|r| {
            u8::decode(r)?;
            r.tlv_bytes()?;
            let mac = !r.is_finished();
            while !r.is_finished() {
                r.tlv_bytes()?;
            }
            Ok(mac)
        })
        .map_err(malformed)
}

/// Reads a PKCS#12 file. The MAC must be present and verify under `password`; exactly one
/// private key must be in it, with its certificate.
pub fn read(bytes: &[u8], password: &str) -> Result<PfxContents, Error> {
    if !has_mac(bytes)? {
        return Err(Error::PfxNoMac);
    }
    let archive =
        p12_keystore::Pkcs12Archive::from_pkcs12(bytes, password).map_err(|e| match e {
            p12_keystore::error::Error::MacError(_) => Error::PfxWrongPassword,
            other => Error::PfxMalformed {
                detail: other.to_string(),
            },
        })?;
    let mut keys = archive.keys;
    let key_bag = match keys.len() {
        0 => return Err(Error::PfxNoKey),
        1 => keys.remove(0),
        count => return Err(Error::PfxSeveralKeys { count }),
    };
    let key = PrivateKey::from_pkcs8_der(key_bag.key.as_der().to_vec())?;
    let spki = key.public_key_spki()?;
    let mut certificate = None;
    let mut chain = Vec::new();
    for bag in archive.certs {
        let der = bag.cert.as_der().to_vec();
        let matches = x509_parser::parse_x509_certificate(&der)
            .map(|(_, c)| c.public_key().raw == spki.as_slice())
            .unwrap_or(false);
        if matches && certificate.is_none() {
            certificate = Some(der);
        } else {
            chain.push(der);
        }
    }
    Ok(PfxContents {
        key,
        certificate: certificate.ok_or(Error::PfxNoCertificate)?,
        chain,
    })
}

/// Writes a PKCS#12 file holding `key`, its `certificate` and the `chain`, under
/// `password`. `compat` picks 3DES and a SHA-1 MAC for importers that know nothing newer.
pub fn write(
    key: &PrivateKey,
    certificate: &[u8],
    chain: &[Vec<u8>],
    password: &str,
    compat: bool,
) -> Result<Vec<u8>, Error> {
    let malformed = |e: p12_keystore::error::Error| Error::PfxMalformed {
        detail: e.to_string(),
    };
    let p12_key = p12_keystore::PrivateKey::from_der(key.pkcs8_der()).map_err(malformed)?;
    let mut certs = vec![Certificate::from_der(certificate).map_err(malformed)?];
    for c in chain {
        certs.push(Certificate::from_der(c).map_err(malformed)?);
    }
    let local_key_id = crate::cert::certificate_id(certificate).into_bytes();
    let mut store = KeyStore::new();
    let alias = x509_parser::parse_x509_certificate(certificate)
        .ok()
        .and_then(|(_, c)| {
            c.subject()
                .iter_common_name()
                .next()
                .and_then(|cn| cn.as_str().ok().map(str::to_owned))
        })
        .unwrap_or_else(|| "certificate".to_owned());
    store.add_entry(
        &alias,
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(local_key_id, p12_key, certs)),
    );
    let writer = store.writer(password);
    let writer = if compat {
        writer
            .encryption_algorithm(EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
            .mac_algorithm(MacAlgorithm::HmacSha1)
            .encryption_iterations(2048)
            .mac_iterations(2048)
    } else {
        writer
            .encryption_algorithm(EncryptionAlgorithm::PbeWithHmacSha256AndAes256)
            .mac_algorithm(MacAlgorithm::HmacSha256)
    };
    writer.write().map_err(malformed)
}
