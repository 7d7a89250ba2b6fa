//! NPKI folders: `NPKI/<CA>/USER/<subject DN>/signCert.der` (+ `signPri.key`, and
//! optionally `kmCert.der` + `kmPri.key`), as docs/npki.md describes.
//!
//! Folder names are matched case-insensitively on read (`USER` and `User` both occur).

use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use zeroize::Zeroizing;

use super::{
    CertificateFiles, CertificateList, KeyManagementPair, ListedCertificate, Store, StoreKind,
    UnreadableEntry, atomic,
};
use crate::Error;
use crate::cert::{self, CertificateSummary};

/// The environment variable naming extra NPKI roots, separated as in `PATH`.
pub const ROOT_ENV: &str = "DOJANG_NPKI_ROOT";

/// The signing certificate's file name inside an NPKI certificate folder.
pub const SIGN_CERT_FILE: &str = "signCert.der";
/// The signing key's file name.
pub const SIGN_KEY_FILE: &str = "signPri.key";
/// The key-management certificate's file name.
pub const KM_CERT_FILE: &str = "kmCert.der";
/// The key-management key's file name.
pub const KM_KEY_FILE: &str = "kmPri.key";
/// The folder between a CA folder and the certificate folders, as Dojang writes it (read
/// in any case: `User` occurs too).
pub const USER_DIR: &str = "USER";

/// What kind of place an NPKI root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum RootKind {
    /// The platform's own NPKI folder on this computer's disk.
    Disk,
    /// The NPKI folder at the top of a removable drive (USB stick).
    Removable,
    /// A root the user named with `--npki-root` or `DOJANG_NPKI_ROOT`.
    Extra,
}

/// An NPKI root folder (the folder named `NPKI`, holding one folder per CA).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NpkiRoot {
    /// The root folder.
    #[ts(type = "string")]
    pub path: PathBuf,
    /// What kind of place it is.
    pub kind: RootKind,
}

impl NpkiRoot {
    /// The roots this platform uses (docs/npki.md), followed by the NPKI folders of
    /// mounted removable drives, followed by `extra`. Platform and removable roots that do
    /// not exist are left out; an extra root that does not exist is kept, so the listing
    /// can say so. A folder reached twice is kept once.
    pub fn discover(extra: &[PathBuf]) -> Vec<NpkiRoot> {
        let home = dirs::home_dir();
        let mut roots: Vec<NpkiRoot> = Vec::new();
        let mut push = |path: PathBuf, kind: RootKind| {
            let key = path.canonicalize().unwrap_or_else(|_| path.clone());
            let seen = roots
                .iter()
                .any(|r| r.path.canonicalize().unwrap_or_else(|_| r.path.clone()) == key);
            if !seen {
                roots.push(NpkiRoot { path, kind });
            }
        };
        for path in platform_roots(home.as_deref()) {
            if path.is_dir() {
                push(path, RootKind::Disk);
            }
        }
        for path in removable_roots() {
            if path.is_dir() {
                push(path, RootKind::Removable);
            }
        }
        for path in extra {
            push(path.clone(), RootKind::Extra);
        }
        roots
    }

    /// This computer's own NPKI root, where certificates are written when no other root
    /// is named: the first of the platform's roots (docs/npki.md).
    pub fn own() -> PathBuf {
        platform_roots(dirs::home_dir().as_deref())
            .into_iter()
            .next()
            .unwrap_or_else(|| PathBuf::from("NPKI"))
    }

    /// Extra roots from [`ROOT_ENV`], separated as in `PATH`.
    pub fn extra_from_env() -> Vec<PathBuf> {
        std::env::var_os(ROOT_ENV)
            .map(|v| {
                std::env::split_paths(&v)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The platform's own NPKI roots, whether or not they exist.
fn platform_roots(home: Option<&Path>) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if cfg!(windows) {
        if let Some(home) = home {
            roots.push(home.join("AppData").join("LocalLow").join("NPKI"));
        }
        roots.push(PathBuf::from(r"C:\Program Files\NPKI"));
    } else if cfg!(target_os = "macos") {
        if let Some(home) = home {
            roots.push(home.join("Library").join("Preferences").join("NPKI"));
            roots.push(home.join("Documents").join("NPKI"));
            roots.push(home.join("NPKI"));
        }
    } else if let Some(home) = home {
        roots.push(home.join("NPKI"));
    }
    roots
}

/// `NPKI` folders at the top of every mounted drive other than the system one.
fn removable_roots() -> Vec<PathBuf> {
    let mut mounts: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        // Every drive letter but C:, which platform_roots covers through the user's folder.
        mounts.extend(
            (b'A'..=b'Z')
                .filter(|&l| l != b'C')
                .map(|l| PathBuf::from(format!("{}:\\", char::from(l)))),
        );
    } else if cfg!(target_os = "macos") {
        mounts.extend(children(Path::new("/Volumes")));
    } else {
        // udisks mounts under /media/<user>/<label> or /run/media/<user>/<label>.
        for base in ["/media", "/run/media"] {
            for user_dir in children(Path::new(base)) {
                mounts.extend(children(&user_dir));
                mounts.push(user_dir);
            }
        }
        mounts.extend(children(Path::new("/mnt")));
    }
    mounts.into_iter().map(|m| m.join("NPKI")).collect()
}

fn children(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Sub-folders of `dir`, sorted by name, or the error that stopped the listing.
fn subfolders(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::FolderUnreadable {
        path: dir.to_owned(),
        source,
    })?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !atomic::is_hidden(&e.file_name()) && e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The entry of `dir` whose name equals `name` ignoring ASCII case.
fn find_ignoring_case(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    if exact.exists() {
        return Some(exact);
    }
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(name))
        .map(|e| e.path())
}

/// Every certificate folder under `root` (`<root>/<CA>/USER/<folder>`), and the folders
/// that could not be read, each with why. Finishes first any write a crash cut short, so
/// every folder seen is whole.
fn certificate_folders(root: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, Error)>) {
    let mut folders = Vec::new();
    let mut unreadable = Vec::new();
    let ca_dirs = match subfolders(root) {
        Ok(dirs) => dirs,
        Err(e) => return (folders, vec![(root.to_owned(), e)]),
    };
    for ca_dir in ca_dirs {
        let Some(user_dir) = find_ignoring_case(&ca_dir, USER_DIR) else {
            continue;
        };
        atomic::recover(&user_dir);
        match subfolders(&user_dir) {
            Ok(dirs) => folders.extend(dirs),
            Err(e) => unreadable.push((user_dir, e)),
        }
    }
    (folders, unreadable)
}

/// Adds every certificate folder under `root` to `list`.
fn scan_root(root: &NpkiRoot, now: OffsetDateTime, list: &mut CertificateList) {
    let unreadable = |path: &Path, error: Error| UnreadableEntry {
        path: path.to_owned(),
        location: Some(root.clone()),
        error: error.info(),
    };
    if !root.path.is_dir() {
        let error = Error::NpkiRootNotFound {
            path: root.path.clone(),
        };
        list.unreadable.push(unreadable(&root.path, error));
        return;
    }
    list.searched_roots.push(root.clone());
    let (folders, unreadable_dirs) = certificate_folders(&root.path);
    for (dir, e) in unreadable_dirs {
        list.unreadable.push(unreadable(&dir, e));
    }
    for cert_dir in folders {
        match read_certificate_folder(&cert_dir, now) {
            Ok(certificate) => list.certificates.push(ListedCertificate {
                certificate,
                store: StoreKind::Npki,
                path: Some(cert_dir),
                location: Some(root.clone()),
            }),
            Err(e) => list.unreadable.push(unreadable(&cert_dir, e)),
        }
    }
}

/// The signing certificate (DER) of one NPKI certificate folder.
pub fn read_certificate_der(dir: &Path) -> Result<Vec<u8>, Error> {
    let file =
        find_ignoring_case(dir, SIGN_CERT_FILE).ok_or_else(|| Error::NpkiCertificateMissing {
            path: dir.to_owned(),
        })?;
    crate::files::read(&file, crate::files::KEY_FILE_LIMIT)
}

/// Reads the signing certificate of one NPKI certificate folder.
pub fn read_certificate_folder(
    dir: &Path,
    now: OffsetDateTime,
) -> Result<CertificateSummary, Error> {
    let Some(file) = find_ignoring_case(dir, SIGN_CERT_FILE) else {
        return Err(Error::NpkiCertificateMissing {
            path: dir.to_owned(),
        });
    };
    let der = crate::files::read(&file, crate::files::KEY_FILE_LIMIT)?;
    CertificateSummary::from_der(&der, &file, now)
}

/// The file's bytes, or `None` when it does not exist.
pub(super) fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    crate::files::read_optional(path, crate::files::KEY_FILE_LIMIT)
}

/// Reads every file of one NPKI certificate folder (any folder laid out that way, e.g. one
/// the user picks to import).
pub fn read_folder_files(dir: &Path) -> Result<CertificateFiles, Error> {
    let file = |name: &str| find_ignoring_case(dir, name).unwrap_or_else(|| dir.join(name));
    let sign_cert =
        read_optional(&file(SIGN_CERT_FILE))?.ok_or_else(|| Error::NpkiCertificateMissing {
            path: dir.to_owned(),
        })?;
    // Parsing proves it is a certificate before anything is copied anywhere.
    CertificateSummary::from_der(&sign_cert, &file(SIGN_CERT_FILE), OffsetDateTime::now_utc())?;
    let sign_key = read_optional(&file(SIGN_KEY_FILE))?
        .map(Zeroizing::new)
        .ok_or_else(|| Error::NpkiKeyMissing {
            path: dir.to_owned(),
        })?;
    let km = match (
        read_optional(&file(KM_CERT_FILE))?,
        read_optional(&file(KM_KEY_FILE))?,
    ) {
        (Some(cert), Some(key)) => Some(KeyManagementPair {
            cert,
            key: Zeroizing::new(key),
        }),
        _ => None,
    };
    Ok(CertificateFiles {
        sign_cert,
        sign_key,
        km,
    })
}

/// The file list of a certificate folder, in the NPKI names.
pub(super) fn folder_contents(files: &CertificateFiles) -> Vec<(&'static str, &[u8])> {
    let mut out: Vec<(&'static str, &[u8])> = vec![
        (SIGN_CERT_FILE, &files.sign_cert),
        (SIGN_KEY_FILE, &files.sign_key),
    ];
    if let Some(km) = &files.km {
        out.push((KM_CERT_FILE, &km.cert));
        out.push((KM_KEY_FILE, &km.key));
    }
    out
}

/// One NPKI root as a store: certificate folders under `<root>/<CA>/USER/`.
pub struct NpkiDirStore {
    root: NpkiRoot,
    /// The folder each certificate was in at the last scan (by ID). A lookup tries it
    /// first, and takes it only if it still holds that certificate: a command that lists
    /// the IDs, then reads a certificate and then its keys scans the root once.
    seen: std::sync::Mutex<std::collections::HashMap<String, PathBuf>>,
}

impl NpkiDirStore {
    /// The store of one NPKI root.
    pub fn new(root: NpkiRoot) -> Self {
        NpkiDirStore {
            root,
            seen: Default::default(),
        }
    }

    /// The root folder.
    pub fn root(&self) -> &NpkiRoot {
        &self.root
    }

    /// Every certificate folder with its certificate's ID (the hash of its bytes: no
    /// certificate is parsed), remembered for the lookups that follow.
    fn folders_with_ids(&self) -> Vec<(PathBuf, String)> {
        let found: Vec<(PathBuf, String)> = certificate_folders(&self.root.path)
            .0
            .into_iter()
            .filter_map(|dir| {
                let id = cert::certificate_id(&read_certificate_der(&dir).ok()?);
                Some((dir, id))
            })
            .collect();
        if let Ok(mut seen) = self.seen.lock() {
            seen.clear();
            // The first folder of an ID is the one a scan finds (a copy in two folders).
            for (dir, id) in found.iter().rev() {
                seen.insert(id.clone(), dir.clone());
            }
        }
        found
    }

    /// The folder holding the certificate with this full ID, and the certificate.
    fn locate(&self, id: &str) -> Option<(PathBuf, Vec<u8>)> {
        let remembered = self.seen.lock().ok().and_then(|seen| seen.get(id).cloned());
        if let Some(dir) = remembered
            && let Ok(der) = read_certificate_der(&dir)
            && cert::certificate_id(&der) == id
        {
            return Some((dir, der));
        }
        let dir = self
            .folders_with_ids()
            .into_iter()
            .find(|(_, found)| found == id)
            .map(|(dir, _)| dir)?;
        let der = read_certificate_der(&dir).ok()?;
        Some((dir, der))
    }

    /// The folder holding the certificate with this full ID, if any.
    pub fn folder_of(&self, id: &str) -> Option<PathBuf> {
        self.locate(id).map(|(dir, _)| dir)
    }

    /// Where a certificate is (or would be) kept: `<root>/<issuer O>/USER/<subject>`.
    pub fn folder_for(&self, sign_cert: &[u8]) -> Result<PathBuf, Error> {
        let (ca, subject) = cert::npki_folder_names(sign_cert)?;
        let ca_dir =
            find_ignoring_case(&self.root.path, &ca).unwrap_or_else(|| self.root.path.join(&ca));
        let user_dir =
            find_ignoring_case(&ca_dir, USER_DIR).unwrap_or_else(|| ca_dir.join(USER_DIR));
        Ok(user_dir.join(subject))
    }
}

impl Store for NpkiDirStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Npki
    }

    fn list_into(&self, now: OffsetDateTime, list: &mut CertificateList) {
        scan_root(&self.root, now, list);
    }

    fn ids(&self, _now: OffsetDateTime) -> Vec<String> {
        self.folders_with_ids()
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    }

    fn certificate(&self, id: &str) -> Result<Vec<u8>, Error> {
        self.locate(id)
            .map(|(_, der)| der)
            .ok_or_else(|| Error::CertificateNotFound { id: id.to_owned() })
    }

    fn load(&self, id: &str) -> Result<CertificateFiles, Error> {
        let dir = self
            .folder_of(id)
            .ok_or_else(|| Error::CertificateNotFound { id: id.to_owned() })?;
        read_folder_files(&dir)
    }

    fn save(&self, files: &CertificateFiles, replace: bool) -> Result<Option<PathBuf>, Error> {
        let id = files.id();
        let dir = match self.folder_of(&id) {
            Some(existing) if !replace => {
                return Err(Error::AlreadyStored { path: existing });
            }
            Some(existing) => existing,
            None => self.folder_for(&files.sign_cert)?,
        };
        // A link inside the root (a stick's `NPKI/<CA>/USER` pointing into the home, say)
        // would put the key somewhere else: refused. The root itself may be a link.
        let mut inside = dir.parent();
        while let Some(folder) = inside
            && folder != self.root.path
        {
            if std::fs::symlink_metadata(folder).is_ok_and(|m| !m.is_dir()) {
                return Err(Error::FileNotRegular {
                    path: folder.to_owned(),
                });
            }
            inside = folder.parent();
        }
        atomic::write_folder(&dir, &folder_contents(files), replace)?;
        Ok(Some(dir))
    }

    fn delete(&self, id: &str) -> Result<(), Error> {
        let dir = self
            .folder_of(id)
            .ok_or_else(|| Error::CertificateNotFound { id: id.to_owned() })?;
        atomic::remove_folder(&dir)
    }
}
