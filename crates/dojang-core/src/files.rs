//! Reading files that may come from anyone: a USB stick's NPKI folder, a mounted image, a
//! file opened with the app or dropped on it. Only regular files are read — a pipe, a
//! device, a link (to `/dev/zero`, say) or a folder is refused
//! ([`Error::FileNotRegular`]) without blocking — and never more than a limit that fits
//! the kind of file ([`Error::FileTooLarge`]), checked before and while reading.

use std::io::Read as _;
use std::path::Path;

use crate::Error;

/// Certificates and key files (`signCert.der`, `signPri.key`, `.cer`, sealed keychain
/// files): a few kilobytes in practice.
pub const KEY_FILE_LIMIT: u64 = 64 * 1024;
/// PKCS#12 files, issue.html invitations and the distribution file.
pub const DOCUMENT_LIMIT: u64 = 1024 * 1024;

/// Opens `path` for reading if it is a regular file, without following a link and
/// without waiting on a pipe.
fn open_regular(path: &Path) -> Result<std::fs::File, Error> {
    let not_regular = || Error::FileNotRegular {
        path: path.to_owned(),
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        return Err(not_regular());
    }
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(not_regular()),
        Err(source) => {
            return Err(Error::CertificateFileUnreadable {
                path: path.to_owned(),
                source,
            });
        }
    };
    let meta = file
        .metadata()
        .map_err(|source| Error::CertificateFileUnreadable {
            path: path.to_owned(),
            source,
        })?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let file = open_regular(path)?;
    let too_large = || Error::FileTooLarge {
        path: path.to_owned(),
        limit,
    };
    if file.metadata().is_ok_and(|m| m.len() > limit) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::CertificateFileUnreadable {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// [`read`], or `None` when there is nothing at `path`.
pub fn read_optional(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Error> {
    match read(path, limit) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Error::CertificateFileUnreadable { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The text of the regular file `path` (at most `limit` bytes); bytes that are not UTF-8
/// (an EUC-KR page, say) become U+FFFD.
pub fn read_text(path: &Path, limit: u64) -> Result<String, Error> {
    read(path, limit).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// The certificate (DER) in a certificate file: DER or PEM (`.der`, `.cer`, `.crt`,
/// `.pem`, `signCert.der`).
pub fn certificate(path: &Path) -> Result<Vec<u8>, Error> {
    read(path, KEY_FILE_LIMIT).map(|bytes| crate::cert::pem_or_der(&bytes, "CERTIFICATE"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("signCert.der");
        std::fs::write(&file, [0x30u8; 100]).unwrap();
        assert_eq!(read(&file, 100).unwrap().len(), 100);
        assert_eq!(
            read(&file, 99).unwrap_err().code(),
            "file-too-large",
            "the limit is checked"
        );
        assert_eq!(
            read(dir.path(), 100).unwrap_err().code(),
            "file-not-regular"
        );
        assert_eq!(
            read_optional(&dir.path().join("absent"), 100).unwrap(),
            None
        );
        std::fs::write(&file, b"\xc7\xd1<a href=x>").unwrap();
        assert_eq!(read_text(&file, 100).unwrap(), "\u{fffd}\u{fffd}<a href=x>");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_a_device_and_a_link_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
        // Opening a pipe for reading would wait for a writer: it must not.
        assert_eq!(read(&fifo, 100).unwrap_err().code(), "file-not-regular");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(read(&link, 100).unwrap_err().code(), "file-not-regular");
        assert_eq!(
            read(Path::new("/dev/zero"), 100).unwrap_err().code(),
            "file-not-regular"
        );
    }
}
