//! Crash-safe writes. A certificate's files change together or not at all: a folder is
//! written whole beside the old one and swapped in by renames, so a crash leaves the old
//! state or the new one, never a mix (a later [`recover`] finishes or undoes a swap that
//! was cut short).
//!
//! Names used during a swap, in the same parent folder (hidden, so listings skip them):
//! `.<name>.dojang-new` (being written), `.<name>.dojang-old` (being replaced),
//! `.<name>.dojang-gone` (being deleted).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

const NEW: &str = "dojang-new";
const OLD: &str = "dojang-old";
const GONE: &str = "dojang-gone";

fn sibling(dir: &Path, state: &str) -> Result<PathBuf, Error> {
    let name = dir
        .file_name()
        .ok_or_else(|| Error::from_write(dir, std::io::ErrorKind::InvalidInput.into()))?;
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    hidden.push(".");
    hidden.push(state);
    Ok(dir.with_file_name(hidden))
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

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut f = File::create(path).map_err(|e| Error::from_write(path, e))?;
    f.write_all(bytes).map_err(|e| Error::from_write(path, e))?;
    f.sync_all().map_err(|e| Error::from_write(path, e))
}

/// Writes one file atomically: a temporary file in the same folder, fsynced, renamed.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = sibling(path, NEW)?;
    write_synced(&tmp, bytes)?;
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
/// ([`Error::AlreadyStored`]).
pub fn write_folder(dir: &Path, files: &[(&str, &[u8])], replace: bool) -> Result<(), Error> {
    let parent = dir
        .parent()
        .ok_or_else(|| Error::from_write(dir, std::io::ErrorKind::InvalidInput.into()))?;
    fs::create_dir_all(parent).map_err(|e| Error::from_write(parent, e))?;
    recover_one(dir);
    if dir.exists() && !replace {
        return Err(Error::AlreadyStored {
            path: dir.to_owned(),
        });
    }
    let new = sibling(dir, NEW)?;
    let _ = fs::remove_dir_all(&new);
    let written = (|| {
        fs::create_dir(&new).map_err(|e| Error::from_write(&new, e))?;
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
    if dir.exists() {
        let old = sibling(dir, OLD)?;
        fs::rename(dir, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&new);
            Error::from_write(dir, e)
        })?;
        fs::rename(&new, dir).map_err(|e| Error::from_write(dir, e))?;
        sync_dir(parent);
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(&new, dir).map_err(|e| {
            let _ = fs::remove_dir_all(&new);
            Error::from_write(dir, e)
        })?;
        sync_dir(parent);
    }
    Ok(())
}

/// Removes the folder `dir` as one step (a rename out of sight, then the deletion).
pub fn remove_folder(dir: &Path) -> Result<(), Error> {
    let gone = sibling(dir, GONE)?;
    let _ = fs::remove_dir_all(&gone);
    fs::rename(dir, &gone).map_err(|e| Error::from_write(dir, e))?;
    if let Some(parent) = dir.parent() {
        sync_dir(parent);
    }
    fs::remove_dir_all(&gone).map_err(|e| Error::from_write(&gone, e))
}

/// Finishes or undoes an interrupted swap of `dir`.
fn recover_one(dir: &Path) {
    let (Ok(new), Ok(old), Ok(gone)) = (sibling(dir, NEW), sibling(dir, OLD), sibling(dir, GONE))
    else {
        return;
    };
    if old.exists() {
        if dir.exists() {
            // The swap completed; only the old copy's removal was cut short.
            let _ = fs::remove_dir_all(&old);
        } else if new.is_dir() {
            // Cut between the two renames: the new folder is complete, put it in place.
            if fs::rename(&new, dir).is_ok() {
                let _ = fs::remove_dir_all(&old);
            }
        } else {
            let _ = fs::rename(&old, dir);
        }
    }
    if new.exists() && dir.exists() {
        // Cut while writing the new folder: the old state stands.
        let _ = fs::remove_dir_all(&new);
    }
    if gone.exists() {
        let _ = fs::remove_dir_all(&gone);
    }
}

/// Finishes or undoes every interrupted swap among the sub-folders of `parent`.
pub fn recover(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        for state in [NEW, OLD, GONE] {
            if let Some(base) = name
                .strip_prefix('.')
                .and_then(|n| n.strip_suffix(&format!(".{state}")))
            {
                recover_one(&parent.join(base));
            }
        }
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
        let new = sibling(&dir, NEW).unwrap();
        let old = sibling(&dir, OLD).unwrap();
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

        remove_folder(&dir).unwrap();
        assert!(!dir.exists());
    }
}
