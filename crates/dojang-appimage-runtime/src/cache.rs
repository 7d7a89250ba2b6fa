//! The normal run: extract the image once into the cache, then exec its `AppRun`.

use std::convert::Infallible;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Context, Error, Result};
use crate::extract::extract;
use crate::image::{self, Image};
use crate::panics;

/// The folder under the user's cache directory that holds one directory per build.
const CACHE_FOLDER: &str = "dojang-appimage";

/// Extracts the image if this build is not in the cache yet, then replaces this process
/// with `AppRun`, giving it `args` unchanged. Returns only on failure.
pub fn run(args: Vec<OsString>, argv0: Option<OsString>) -> Result<Infallible> {
    let image = Image::open_self()?;
    let cache = cache_base()?.join(CACHE_FOLDER);
    let source = image::own_path()?;
    let appdir = extracted(&image, &cache)?;
    note_source(&appdir, &source);
    forget_old_builds(&cache, &appdir, &source);
    let apprun = appdir.join("AppRun");
    let mut command = Command::new(&apprun);
    command
        .args(args)
        .env("APPIMAGE", &source)
        .env("APPDIR", &appdir)
        .env("ARGV0", argv0.unwrap_or_default());
    // A working directory that was deleted has no path to give.
    match std::env::current_dir() {
        Ok(owd) => command.env("OWD", owd),
        Err(_) => command.env_remove("OWD"),
    };
    // `exec` only returns if it failed.
    let error = command.exec();
    Err(Error::new(format!(
        "cannot run {}: {error}",
        apprun.display()
    )))
}

/// The user's cache directory: `$XDG_CACHE_HOME` if it is an absolute path, else
/// `$HOME/.cache`.
fn cache_base() -> Result<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .ok_or_else(|| {
            Error::new("cannot find a cache directory: neither XDG_CACHE_HOME nor HOME is an absolute path")
        })
}

/// The directory the image is extracted in under `cache`, extracting it first if it is
/// not there yet. The extraction goes into a temporary sibling that is renamed into place
/// once complete, so the final directory, when it exists, is always whole.
fn extracted(image: &Image, cache: &Path) -> Result<PathBuf> {
    let key = image.cache_key();
    let appdir = cache.join(&key);
    if appdir.is_dir() {
        return Ok(appdir);
    }
    fs::create_dir_all(cache).context(|| format!("cannot create {}", cache.display()))?;

    // This PID's temporary directory can only be left over from a dead process that had
    // the same PID: it is ours to replace.
    let temporary = cache.join(format!("{key}.tmp-{}", std::process::id()));
    remove_if_present(&temporary)
        .context(|| format!("cannot remove the stale {}", temporary.display()))?;
    fs::create_dir(&temporary).context(|| format!("cannot create {}", temporary.display()))?;

    let extraction = panics::catch("cannot extract the AppImage", || {
        let filesystem = image.filesystem()?;
        extract(&filesystem, &temporary, None, |_| Ok(()))
    });
    if let Err(error) = extraction {
        // The extraction's error is the one worth reporting; a failed clean-up leaves
        // only a temporary directory behind.
        let _ = remove_if_present(&temporary);
        return Err(error);
    }

    match fs::rename(&temporary, &appdir) {
        Ok(()) => {
            // Make the rename itself durable, or a power cut could undo it.
            File::open(cache)
                .and_then(|handle| handle.sync_all())
                .context(|| format!("cannot sync {}", cache.display()))?;
            Ok(appdir)
        }
        // Another instance got there first: its copy is as good as ours.
        Err(_) if appdir.is_dir() => {
            remove_if_present(&temporary)
                .context(|| format!("cannot remove {}", temporary.display()))?;
            Ok(appdir)
        }
        Err(error) => {
            let _ = remove_if_present(&temporary);
            Err(Error::new(format!(
                "cannot move the extracted image to {}: {error}",
                appdir.display()
            )))
        }
    }
}

/// The file beside an extracted build that names the AppImage it came from:
/// `<key>.source` for the directory `<key>`.
fn source_note(appdir: &Path) -> PathBuf {
    let mut name = appdir.as_os_str().to_owned();
    name.push(".source");
    PathBuf::from(name)
}

/// Notes, beside `appdir`, the path of the AppImage started (it may move between runs).
/// Only the clean-up of old builds reads it, so a failure to write it is not an error.
fn note_source(appdir: &Path, source: &Path) {
    let note = source_note(appdir);
    if fs::read(&note).is_ok_and(|known| known == source.as_os_str().as_encoded_bytes()) {
        return;
    }
    let mut temporary = note.clone().into_os_string();
    temporary.push(format!(".tmp-{}", std::process::id()));
    let written = fs::write(&temporary, source.as_os_str().as_encoded_bytes())
        .and_then(|()| fs::rename(&temporary, &note));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
}

/// Removes the extracted builds that the one started replaces, so that updates do not
/// pile up in the cache (it runs at every start: a build in use is left for a later one). A build goes when its AppImage is gone, or when
/// the AppImage file just started is the one it came from (an update written over the
/// old file), and only if no process runs from it or works in it. Builds without a note
/// (extracted by something else) are left alone, as is anything that cannot be read.
fn forget_old_builds(cache: &Path, current: &Path, source: &Path) {
    let Ok(entries) = fs::read_dir(cache) else {
        return;
    };
    // Which processes use the cache is read once, and only if a build may go.
    let mut in_use: Option<Vec<PathBuf>> = None;
    for entry in entries.flatten() {
        let note = entry.path();
        if note.extension().is_none_or(|ext| ext != "source") {
            continue;
        }
        let build = note.with_extension("");
        if build == current || !build.is_dir() {
            continue;
        }
        let Ok(from) = fs::read(&note) else {
            continue;
        };
        let from = PathBuf::from(OsString::from_vec(from));
        let replaced = from == source || !from.exists();
        if !replaced
            || in_use
                .get_or_insert_with(|| processes_using(cache))
                .iter()
                .any(|path| path.starts_with(&build))
        {
            continue;
        }
        // Out of the way first, under a name no start looks for, then deleted.
        let mut doomed = build.clone().into_os_string();
        doomed.push(format!(".old-{}", std::process::id()));
        if fs::rename(&build, &doomed).is_ok() {
            let _ = fs::remove_file(&note);
            let _ = fs::remove_dir_all(&doomed);
        }
    }
}

/// The executables and working directories of every process we can see that lie under
/// `dir`.
fn processes_using(dir: &Path) -> Vec<PathBuf> {
    let Ok(processes) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    processes
        .flatten()
        .filter(|p| {
            p.file_name()
                .to_str()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .flat_map(|p| [p.path().join("exe"), p.path().join("cwd")])
        .filter_map(|link| fs::read_link(link).ok())
        .filter(|path| path.starts_with(dir))
        .collect()
}

/// Deletes the directory tree at `path`, if there is one.
fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}
