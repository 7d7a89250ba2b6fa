//! `CaPubs` files: the CA certificates other Korean programs leave in NPKI folders, a DER
//! `SEQUENCE OF Certificate`. Dojang reads them as candidates for a certificate's path,
//! never as trust anchors: whoever wrote the folder (a USB stick, another program) chose
//! what is in them.
//!
//! Looked for in each NPKI folder and in each CA folder below it (`NPKI/CaPubs`,
//! `NPKI/<CA>/CaPubs`, any file whose name starts with `CaPubs`, in any case).

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cert::asn1;
use crate::files;

/// The most certificates read from one file.
pub const MAX_CERTIFICATES: usize = 256;
/// The most `CaPubs` files read under one NPKI folder.
const MAX_FILES: usize = 16;

/// The certificates (DER) in a `CaPubs` file: a `SEQUENCE OF Certificate`, or one
/// certificate. Elements that are not certificates are left out; a file with none, or
/// whose outer SEQUENCE does not span it exactly, is not a `CaPubs` file.
pub fn read(bytes: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    let not_capubs = |detail: &str| Error::NotACertificate {
        path: PathBuf::new(),
        detail: detail.to_owned(),
    };
    if asn1::declared_len(bytes) != Some(bytes.len()) {
        return Err(not_capubs("not one DER SEQUENCE"));
    }
    if <x509_cert::Certificate as der::Decode>::from_der(bytes).is_ok() {
        return Ok(vec![bytes.to_vec()]);
    }
    let (_, header_len, _) = asn1::header(bytes).ok_or_else(|| not_capubs("no header"))?;
    let mut rest = &bytes[header_len..];
    let mut certificates = Vec::new();
    while !rest.is_empty() && certificates.len() < MAX_CERTIFICATES {
        let Some(len) = asn1::declared_len(rest).filter(|len| *len <= rest.len()) else {
            break;
        };
        let (element, tail) = rest.split_at(len);
        if <x509_cert::Certificate as der::Decode>::from_der(element).is_ok() {
            certificates.push(element.to_vec());
        }
        rest = tail;
    }
    if certificates.is_empty() {
        return Err(not_capubs("no certificate in the SEQUENCE"));
    }
    Ok(certificates)
}

/// The `CaPubs` files under an NPKI folder `root`: in it and one level down.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let is_capubs = |path: &Path| {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.to_ascii_lowercase().starts_with("capubs"))
    };
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut subfolders: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect();
        subfolders.sort();
        folders.extend(subfolders);
    }
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| is_capubs(p))
            .collect();
        files.sort();
        found.extend(files);
        if found.len() >= MAX_FILES {
            found.truncate(MAX_FILES);
            break;
        }
    }
    found
}

/// Every certificate in the `CaPubs` files under the NPKI folders `roots`; a file that
/// cannot be read or is not a `CaPubs` file is passed over.
pub fn certificates_under(roots: &[PathBuf]) -> Vec<Vec<u8>> {
    roots
        .iter()
        .flat_map(|root| files_under(root))
        .filter_map(|file| files::read(&file, files::DOCUMENT_LIMIT).ok())
        .filter_map(|bytes| read(&bytes).ok())
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dojang_testkit::TestPki;

    fn sequence_of(certs: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = certs.concat();
        let mut out = vec![0x30, 0x82];
        out.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn a_sequence_of_certificates_is_read_and_anything_else_refused() {
        let pki = TestPki::new("KICA").unwrap();
        let (root, issuing) = (pki.root.der(), pki.issuing.der());
        let file = sequence_of(&[root.clone(), issuing.clone()]);
        assert_eq!(read(&file).unwrap(), vec![root.clone(), issuing.clone()]);
        assert_eq!(read(&issuing).unwrap(), vec![issuing.clone()]);

        // Junk after the SEQUENCE, a cut-off file, an empty SEQUENCE, garbage.
        let mut junk = file.clone();
        junk.push(0);
        for bad in [
            &junk[..],
            &file[..file.len() - 1],
            &[0x30, 0x00][..],
            b"CaPubs",
        ] {
            assert_eq!(read(bad).unwrap_err().code(), "not-a-certificate");
        }
        // An element that is not a certificate is passed over.
        let mixed = sequence_of(&[vec![0x30, 0x03, 0x02, 0x01, 0x05], issuing.clone()]);
        assert_eq!(read(&mixed).unwrap(), vec![issuing]);
    }

    #[test]
    fn capubs_files_are_found_in_the_npki_folder_and_its_ca_folders() {
        let pki = TestPki::new("KICA").unwrap();
        let npki = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(npki.path().join("yessign/USER")).unwrap();
        std::fs::write(npki.path().join("CaPubs"), pki.root.der()).unwrap();
        std::fs::write(npki.path().join("yessign/capubs_all"), pki.issuing.der()).unwrap();
        std::fs::write(npki.path().join("yessign/USER/CaPubs"), b"too deep").unwrap();
        std::fs::write(npki.path().join("yessign/other.der"), pki.root.der()).unwrap();
        let found = certificates_under(&[npki.path().to_path_buf()]);
        assert_eq!(found, vec![pki.root.der(), pki.issuing.der()]);
    }
}
