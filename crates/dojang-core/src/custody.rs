//! The jobs on a certificate at rest: open its key, change its password, copy it between
//! stores, import and export it (PKCS#12, NPKI folders), delete it, check an identity.
//!
//! Keys stay encrypted under the certificate password everywhere but in memory here, and
//! are zeroized after use. A wrong password is always [`Error::WrongPassword`] and changes
//! nothing; every write goes through the store's atomic save.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::Error;
use crate::cert::vid;
use crate::codes::IdNumber;
use crate::keys::encrypted::{self, KeyEncryption, KeyFileError};
use crate::keys::private_key::PrivateKey;
use crate::password::CertificatePassword;
use crate::store::npki_dir;
use crate::store::pkcs12;
use crate::store::{CertificateFiles, KeyManagementPair, Store};

/// How new key files are written: variant A of docs/npki.md, what NPKI software reads.
const WRITE_SCHEME: KeyEncryption = KeyEncryption::NpkiSeedSha1;

fn key_file_error(e: KeyFileError) -> Error {
    match e {
        KeyFileError::WrongPassword => Error::WrongPassword,
        KeyFileError::Unsupported { oid } => Error::KeyEncryptionUnsupported { oid },
        KeyFileError::Malformed { detail } => Error::KeyFileMalformed {
            path: PathBuf::new(),
            detail,
        },
        KeyFileError::NotAPrivateKeyInfo => Error::KeyMalformed {
            detail: "not a PKCS#8 PrivateKeyInfo".to_owned(),
        },
        other => Error::KeyGenerationFailed {
            detail: other.to_string(),
        },
    }
}

fn decrypt_key(file: &[u8], password: &CertificatePassword) -> Result<PrivateKey, Error> {
    let (plain, _) = encrypted::decrypt(file, password.as_bytes()).map_err(key_file_error)?;
    PrivateKey::from_pkcs8_der(plain.to_vec())
}

/// Encrypts a key into a key file under `password` (variant A).
pub fn encrypt_key(key: &PrivateKey, password: &CertificatePassword) -> Result<Vec<u8>, Error> {
    encrypted::encrypt(key.pkcs8_der(), password.as_bytes(), WRITE_SCHEME).map_err(key_file_error)
}

/// Checks that a certificate carries this key's public key.
pub fn open_key_matches(key: &PrivateKey, cert_der: &[u8]) -> Result<(), Error> {
    check_belongs(key, cert_der)
}

fn check_belongs(key: &PrivateKey, cert_der: &[u8]) -> Result<(), Error> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(cert_der).map_err(|e| Error::NotACertificate {
            path: PathBuf::new(),
            detail: e.to_string(),
        })?;
    if cert.public_key().raw == key.public_key_spki()?.as_slice() {
        Ok(())
    } else {
        Err(Error::KeyCertificateMismatch)
    }
}

/// Opens the signing key of a certificate with its password, checking it belongs to the
/// certificate.
pub fn open_key(
    files: &CertificateFiles,
    password: &CertificatePassword,
) -> Result<PrivateKey, Error> {
    let key = decrypt_key(&files.sign_key, password)?;
    check_belongs(&key, &files.sign_cert)?;
    Ok(key)
}

/// Signs `content` with certificate `id`'s key, opened with `password` (CMS SignedData,
/// [`crate::sign`]), carrying its CAs' certificates `chain` (nearest first). A wrong
/// password signs nothing.
pub fn sign(
    store: &dyn Store,
    id: &str,
    password: &CertificatePassword,
    content: crate::sign::Content<'_>,
    chain: &[Vec<u8>],
    at: time::OffsetDateTime,
) -> Result<Vec<u8>, Error> {
    let files = store.load(id)?;
    let key = open_key(&files, password)?;
    crate::sign::sign(&crate::sign::Signing {
        key: &key,
        certificate: &files.sign_cert,
        chain,
        content,
        at,
    })
}

/// Re-encrypts every key file of the certificate (signPri.key and kmPri.key alike) under
/// `new` with a fresh salt, replacing the stored copy atomically. A wrong `old` changes
/// nothing.
pub fn change_password(
    store: &dyn Store,
    id: &str,
    old: &CertificatePassword,
    new: &CertificatePassword,
) -> Result<(), Error> {
    let files = store.load(id)?;
    let sign = open_key(&files, old)?;
    let km = match &files.km {
        Some(pair) => {
            let key = decrypt_key(&pair.key, old)?;
            Some(KeyManagementPair {
                cert: pair.cert.clone(),
                key: Zeroizing::new(encrypt_key(&key, new)?),
            })
        }
        None => None,
    };
    let updated = CertificateFiles {
        sign_cert: files.sign_cert.clone(),
        sign_key: Zeroizing::new(encrypt_key(&sign, new)?),
        km,
    };
    store.save(&updated, true)?;
    Ok(())
}

/// Copies a certificate with its keys, as they are, from one store to another. The source
/// is left as it was.
pub fn copy(from: &dyn Store, id: &str, to: &dyn Store) -> Result<Option<PathBuf>, Error> {
    let files = from.load(id)?;
    to.save(&files, false)
}

/// Deletes a certificate and its keys from a store.
pub fn delete(store: &dyn Store, id: &str) -> Result<(), Error> {
    store.delete(id)
}

/// Exports a certificate with its signing key as PKCS#12, the key protected by
/// `pfx_password` — chosen under the same rules as a new certificate password
/// ([`CertificatePassword::new_chosen`]), for the file leaves the stores' protection: an
/// empty or weak one is refused before the key is opened. `compat` writes 3DES with a
/// SHA-1 MAC for old importers.
pub fn export_pfx(
    store: &dyn Store,
    id: &str,
    password: &CertificatePassword,
    pfx_password: &CertificatePassword,
    compat: bool,
) -> Result<Vec<u8>, Error> {
    let files = store.load(id)?;
    let key = open_key(&files, password)?;
    pkcs12::write(&key, &files.sign_cert, &[], pfx_password.as_str(), compat)
}

/// Exports a certificate into an NPKI root as a certificate folder, exactly as stored.
pub fn export_npki(
    store: &dyn Store,
    id: &str,
    npki_root: &Path,
) -> Result<Option<PathBuf>, Error> {
    let files = store.load(id)?;
    let target = npki_dir::NpkiDirStore::new(crate::store::NpkiRoot {
        path: npki_root.to_owned(),
        kind: crate::store::RootKind::Extra,
    });
    target.save(&files, false)
}

/// Imports a PKCS#12 file into a store; the key is stored under `password` (the
/// certificate password, chosen under the rules by the caller). Returns the ID and the
/// folder written, if any.
pub fn import_pfx(
    bytes: &[u8],
    pfx_password: &str,
    password: &CertificatePassword,
    to: &dyn Store,
) -> Result<(String, Option<PathBuf>), Error> {
    let contents = pkcs12::read(bytes, pfx_password)?;
    check_belongs(&contents.key, &contents.certificate)?;
    let files = CertificateFiles {
        sign_key: Zeroizing::new(encrypt_key(&contents.key, password)?),
        sign_cert: contents.certificate,
        km: None,
    };
    let id = files.id();
    let path = to.save(&files, false)?;
    Ok((id, path))
}

/// Imports an NPKI certificate folder (signCert.der + signPri.key, and a km pair if
/// present) into a store, as it is.
pub fn import_npki_folder(dir: &Path, to: &dyn Store) -> Result<(String, Option<PathBuf>), Error> {
    let files = npki_dir::read_folder_files(dir)?;
    let id = files.id();
    let path = to.save(&files, false)?;
    Ok((id, path))
}

/// The identity check (본인확인): whether `id_number` is the person or business the
/// certificate was issued to. Needs the password, for the key's randomNum.
pub fn verify_id(
    store: &dyn Store,
    id: &str,
    password: &CertificatePassword,
    id_number: &IdNumber,
) -> Result<bool, Error> {
    let files = store.load(id)?;
    let key = open_key(&files, password)?;
    let random_num = key.random_num().ok_or(Error::RandomNumMissing)?;
    vid::matches(&files.sign_cert, &random_num, id_number)
}
