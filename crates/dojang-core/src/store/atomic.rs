//! Crash-safe, private writes. A certificate's files change together or not at all: a
//! folder is written whole beside the old one and swapped in by renames, so a crash leaves
//! the old state or the new one, never a mix (a later [`recover`] finishes or undoes a swap
//! that was cut short).
//!
//! What is written is private and lands only where it is meant to:
//! - files are created `0600` and folders `0700` on Unix, whatever the umask (key files,
//!   sealed keychain files, pending keys, exported PFX, the data dir and its folders);
//! - every temporary name is unique, made of the target's name and a random token, and
//!   created exclusively (`O_CREAT|O_EXCL`, and `O_NOFOLLOW` on Unix), so a file or link
//!   someone else placed there in advance is never written through; the final rename
//!   replaces a link at the target itself, never what it points to;
//! - the folder is fsynced after every rename (Unix), so the swap is durable.
//!
//! Names used during a swap, in the same parent folder (hidden, so listings skip them),
//! with one token per swap: `.<name>.<token>.dojang-new` (being written),
//! `.<name>.<token>.dojang-old` (being replaced), `.<name>.<token>.dojang-gone` (being
//! deleted). Names without a token, from earlier versions, are recovered too.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

const NEW: &str = "dojang-new";
const OLD: &str = "dojang-old";
const GONE: &str = "dojang-gone";

/// A fresh token for one swap's temporary names.
fn token() -> Result<String, Error> {
    let mut bytes = [0u8; 8];
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| Error::WriteFailed {
        path: PathBuf::new(),
        source: std::io::Error::other("no randomness for a temporary name"),
    })?;
    Ok(crate::cert::hex(&bytes, ""))
}

/// `.<name>.<token>.<state>` beside `target`.
fn temporary(target: &Path, token: &str, state: &str) -> Result<PathBuf, Error> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::from_write(target, std::io::ErrorKind::InvalidInput.into()))?;
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    hidden.push(format!(".{token}.{state}"));
    Ok(target.with_file_name(hidden))
}

fn sync_dir(dir: &Path) {
    // Directory fsync makes the renames durable on Unix; Windows has no equivalent and
    // its renames are already journaled by NTFS.
    if cfg!(unix)
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Creates `path` as a new private file (`0600`), never through a link or over anything
/// that is already there.
fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut f = create_private(path).map_err(|e| Error::from_write(path, e))?;
    f.write_all(bytes).map_err(|e| Error::from_write(path, e))?;
    f.sync_all().map_err(|e| Error::from_write(path, e))
}

/// A folder builder whose folders are private (`0700`) on Unix; elsewhere they inherit
/// the parent's access list (the user's profile, on Windows).
fn private_dir_builder() -> fs::DirBuilder {
    let builder = fs::DirBuilder::new();
    #[cfg(unix)]
    let builder = {
        use std::os::unix::fs::DirBuilderExt as _;
        let mut builder = builder;
        builder.mode(0o700);
        builder
    };
    builder
}

/// Creates one private folder (`0700`); it must not exist.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    private_dir_builder().create(dir)
}

/// Creates `dir` and every missing folder above it, each private (`0700`). Folders that
/// exist are left as they are.
pub fn create_dirs(dir: &Path) -> Result<(), Error> {
    private_dir_builder()
        .recursive(true)
        .create(dir)
        .map_err(|e| Error::from_write(dir, e))
}

/// Makes `dir` (which Dojang owns: the data dir) private: created `0700` when missing,
/// its mode narrowed to `0700` when an earlier version left it open to others. A link is
/// left alone.
pub fn make_private(dir: &Path) -> Result<(), Error> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_dirs(dir),
        Err(e) => Err(Error::from_write(dir, e)),
        #[cfg(unix)]
        Ok(meta) if meta.is_dir() => {
            use std::os::unix::fs::PermissionsExt as _;
            if meta.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                    .map_err(|e| Error::from_write(dir, e))?;
            }
            Ok(())
        }
        Ok(_) => Ok(()),
    }
}

/// Writes one file atomically and privately: a fresh temporary file in the same folder,
/// fsynced, renamed over `path`, the folder fsynced.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = temporary(path, &token()?, NEW)?;
    if let Err(e) = write_synced(&tmp, bytes) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::from_write(path, e)
    })?;
    if let Some(parent) = path.parent() {
        sync_dir(parent);
    }
    Ok(())
}

/// Writes the folder `dir` holding exactly `files` (name, contents). With `replace`,
/// an existing `dir` is swapped out; without, an existing `dir` is an error
/// ([`Error::AlreadyStored`]). Missing folders above `dir` are created private.
pub fn write_folder(dir: &Path, files: &[(&str, &[u8])], replace: bool) -> Result<(), Error> {
    let parent = dir
        .parent()
        .ok_or_else(|| Error::from_write(dir, std::io::ErrorKind::InvalidInput.into()))?;
    create_dirs(parent)?;
    recover_one(dir);
    let exists = fs::symlink_metadata(dir).is_ok();
    if exists && !replace {
        return Err(Error::AlreadyStored {
            path: dir.to_owned(),
        });
    }
    let token = token()?;
    let new = temporary(dir, &token, NEW)?;
    let written = (|| {
        create_private_dir(&new).map_err(|e| Error::from_write(&new, e))?;
        for (name, bytes) in files {
            write_synced(&new.join(name), bytes)?;
        }
        sync_dir(&new);
        Ok(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&new);
        return Err(e);
    }
    if exists {
        let old = temporary(dir, &token, OLD)?;
        fs::rename(dir, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&new);
            Error::from_write(dir, e)
        })?;
        fs::rename(&new, dir).map_err(|e| Error::from_write(dir, e))?;
        sync_dir(parent);
        remove_any(&old);
    } else {
        fs::rename(&new, dir).map_err(|e| {
            let _ = fs::remove_dir_all(&new);
            Error::from_write(dir, e)
        })?;
        sync_dir(parent);
    }
    Ok(())
}

/// Removes a folder, or a link or file in its place (never what a link points to).
fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let _ = fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Removes the folder `dir` as one step (a rename out of sight, then the deletion).
pub fn remove_folder(dir: &Path) -> Result<(), Error> {
    let gone = temporary(dir, &token()?, GONE)?;
    fs::rename(dir, &gone).map_err(|e| Error::from_write(dir, e))?;
    if let Some(parent) = dir.parent() {
        sync_dir(parent);
    }
    fs::remove_dir_all(&gone).map_err(|e| Error::from_write(&gone, e))
}

/// The target name, token and state of a temporary name (`.<name>[.<token>].<state>`).
fn parse_temporary(entry: &str) -> Option<(&str, &str, &'static str)> {
    let rest = entry.strip_prefix('.')?;
    for state in [NEW, OLD, GONE] {
        if let Some(base) = rest.strip_suffix(state).and_then(|r| r.strip_suffix('.')) {
            // A token is 16 hex digits; names without one come from earlier versions.
            if let Some((name, token)) = base.rsplit_once('.')
                && token.len() == 16
                && token.bytes().all(|b| b.is_ascii_hexdigit())
            {
                return Some((name, token, state));
            }
            return Some((base, "", state));
        }
    }
    None
}

/// Finishes or undoes an interrupted swap of `dir`.
fn recover_one(dir: &Path) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str()))
    else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    // The temporary names of `dir`, by token.
    let mut swaps: std::collections::BTreeMap<String, Vec<(&'static str, PathBuf)>> =
        Default::default();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(text) = file_name.to_str() else {
            continue;
        };
        if let Some((target, token, state)) = parse_temporary(text)
            && target == name
        {
            swaps
                .entry(token.to_owned())
                .or_default()
                .push((state, entry.path()));
        }
    }
    for parts in swaps.values() {
        let find = |state: &str| parts.iter().find(|(s, _)| *s == state).map(|(_, p)| p);
        let exists = || fs::symlink_metadata(dir).is_ok();
        if let Some(old) = find(OLD) {
            if exists() {
                // The swap completed; only the old copy's removal was cut short.
                remove_any(old);
            } else if let Some(new) = find(NEW).filter(|n| n.is_dir()) {
                // Cut between the two renames: the new folder is complete, put it in place.
                if fs::rename(new, dir).is_ok() {
                    remove_any(old);
                }
            } else {
                let _ = fs::rename(old, dir);
            }
        }
        if let Some(new) = find(NEW)
            && exists()
            && fs::symlink_metadata(new).is_ok()
        {
            // Cut while writing the new folder: the old state stands.
            remove_any(new);
        }
        if let Some(gone) = find(GONE) {
            remove_any(gone);
        }
    }
}

/// Finishes or undoes every interrupted swap among the sub-folders of `parent`.
pub fn recover(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut targets: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name();
            parse_temporary(name.to_str()?).map(|(target, _, _)| target.to_owned())
        })
        .collect();
    targets.sort();
    targets.dedup();
    for target in targets {
        recover_one(&parent.join(target));
    }
}

/// Whether a folder entry is one of this module's temporary names (or any hidden name).
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_short_swap_is_finished_and_a_cut_short_write_is_undone() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("cert");
        write_folder(&dir, &[("a", b"1")], false).unwrap();
        assert!(matches!(
            write_folder(&dir, &[("a", b"2")], false),
            Err(Error::AlreadyStored { .. })
        ));
        write_folder(&dir, &[("a", b"2")], true).unwrap();
        assert_eq!(fs::read(dir.join("a")).unwrap(), b"2");

        // Crash between the two renames of a swap: old moved aside, new complete.
        let new = temporary(&dir, "0123456789abcdef", NEW).unwrap();
        let old = temporary(&dir, "0123456789abcdef", OLD).unwrap();
        fs::create_dir(&new).unwrap();
        fs::write(new.join("a"), b"3").unwrap();
        fs::rename(&dir, &old).unwrap();
        recover(root.path());
        assert_eq!(fs::read(dir.join("a")).unwrap(), b"3");
        assert!(!old.exists() && !new.exists());

        // Crash while writing the new folder: the old state stands.
        fs::create_dir(&new).unwrap();
        fs::write(new.join("a"), b"half").unwrap();
        recover(root.path());
        assert_eq!(fs::read(dir.join("a")).unwrap(), b"3");
        assert!(!new.exists());

        // The fixed names of earlier versions are recovered too.
        let legacy_new = root.path().join(".cert.dojang-new");
        let legacy_old = root.path().join(".cert.dojang-old");
        fs::create_dir(&legacy_new).unwrap();
        fs::write(legacy_new.join("a"), b"4").unwrap();
        fs::rename(&dir, &legacy_old).unwrap();
        recover(root.path());
        assert_eq!(fs::read(dir.join("a")).unwrap(), b"4");
        assert!(!legacy_old.exists() && !legacy_new.exists());

        remove_folder(&dir).unwrap();
        assert!(!dir.exists());
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);
    }

    #[test]
    fn temporary_names_keep_dots_in_the_target_name() {
        assert_eq!(
            parse_temporary(".cn=a.b,o=c.0123456789abcdef.dojang-new"),
            Some(("cn=a.b,o=c", "0123456789abcdef", NEW))
        );
        assert_eq!(
            parse_temporary(".cn=a.b,o=c.dojang-old"),
            Some(("cn=a.b,o=c", "", OLD))
        );
        assert_eq!(parse_temporary("cert"), None);
        assert_eq!(parse_temporary(".hidden"), None);
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_private_whatever_the_umask_and_links_are_not_followed() {
        use std::os::unix::fs::PermissionsExt as _;
        let root = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = root.path().join("data").join("keychain").join("id");
        write_folder(&dir, &[("signPri.key.sealed", b"k")], false).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&root.path().join("data")), 0o700);
        assert_eq!(mode(&dir.join("signPri.key.sealed")), 0o600);

        // A link planted where a file is written is replaced, never written through.
        let victim = root.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let file = root.path().join("data").join("exported.pfx");
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        write_file(&file, b"pfx").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert_eq!(fs::read(&file).unwrap(), b"pfx");
        assert!(!fs::symlink_metadata(&file).unwrap().is_symlink());
        assert_eq!(mode(&file), 0o600);

        // A data dir an earlier version left open is narrowed.
        let open = root.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o755)).unwrap();
        make_private(&open).unwrap();
        assert_eq!(mode(&open), 0o700);
    }
}
