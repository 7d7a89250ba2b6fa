//! Extracting the SquashFS image into a directory, safely.
//!
//! Every path is checked before anything is written: an entry whose path is absolute or
//! holds `..`, `.` or an empty component is refused, and so is one whose parent is not a
//! directory extracted (or found to be a real directory) earlier in the same run. The
//! latter is what keeps writes inside the destination even through a crafted image with
//! a symlink and a directory of the same name: nothing is ever written through a symlink.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, BufWriter};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use backhand::{FilesystemReader, InnerNode, Node, NodeHeader, SquashfsFileReader};

use crate::error::{Context, Error, Result};

/// Permission bits kept on extracted files and directories (the set-id and sticky bits
/// are dropped).
const PERMISSION_BITS: u32 = 0o777;

/// Bits always added to a directory's mode, so that the tree stays ours to walk and delete.
const DIRECTORY_OWNER_BITS: u32 = 0o700;

/// Buffer size for writing files: one SquashFS block of the usual size.
const WRITE_BUFFER: usize = 128 * 1024;

/// Extracts the image into `dest`, an existing directory: everything, or with a `pattern`
/// only the entries it selects (see [`matches`]) and the directories leading to them.
/// Calls `on_entry` with the relative path of each entry written, in order.
///
/// Entries in the way are replaced (directories are kept), so `dest` may hold an earlier
/// extraction. Directory modes and times are set last, after their contents, and all
/// data is synced to disk before this returns.
pub fn extract(
    fs: &FilesystemReader<'_>,
    dest: &Path,
    pattern: Option<&[u8]>,
    mut on_entry: impl FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    // Check every path before writing anything.
    let entries = fs
        .files()
        .map(|node| Ok((relative_path(&node.fullpath)?, node)))
        .collect::<Result<Vec<_>>>()?;
    let selected = pattern.map(|pattern| select(&entries, pattern));
    if let (Some(selected), Some(pattern)) = (&selected, pattern)
        && selected.is_empty()
    {
        return Err(Error::new(format!(
            "nothing in the image matches {:?}",
            String::from_utf8_lossy(pattern)
        )));
    }

    // Directories extracted in this run (by relative path), in the order they were made.
    let mut directories: Vec<(PathBuf, NodeHeader)> = Vec::new();
    let mut real_directories: HashSet<&[u8]> = HashSet::new();
    for (relative, node) in &entries {
        let relative = relative.as_slice();
        if relative.is_empty() {
            // The root: the destination itself.
            directories.push((dest.to_path_buf(), node.header));
            real_directories.insert(relative);
            continue;
        }
        if selected
            .as_ref()
            .is_some_and(|selected| !selected.contains(relative))
        {
            continue;
        }
        let parent = relative
            .rsplit_once_byte(b'/')
            .map_or(&b""[..], |(parent, _)| parent);
        if !real_directories.contains(parent) {
            return Err(Error::new(format!(
                "refusing to extract {}: its parent is not a directory of the image",
                shown(relative)
            )));
        }
        let target = dest.join(OsStr::from_bytes(relative));
        let extracted = match &node.inner {
            InnerNode::Dir(_) => {
                make_directory(&target)
                    .context(|| format!("cannot create {}", target.display()))?;
                directories.push((target, node.header));
                real_directories.insert(relative);
                true
            }
            InnerNode::File(file) => {
                write_file(fs, file, node, &target)?;
                true
            }
            InnerNode::Symlink(link) => {
                clear_the_way(&target)
                    .and_then(|()| symlink(&link.link, &target))
                    .context(|| format!("cannot create the symlink {}", target.display()))?;
                true
            }
            // Device nodes, FIFOs and sockets have no place in an application.
            InnerNode::CharacterDevice(_)
            | InnerNode::BlockDevice(_)
            | InnerNode::NamedPipe
            | InnerNode::Socket => false,
        };
        if extracted {
            on_entry(relative)?;
        }
    }

    // Children before their parents, so that no later write inside a directory changes
    // the time just given to it.
    for (directory, header) in directories.iter().rev() {
        finish_directory(directory, header)
            .context(|| format!("cannot finish the directory {}", directory.display()))?;
    }
    Ok(())
}

/// Byte-slice helper: split at the last occurrence of a byte.
trait RsplitOnceByte {
    /// The parts before and after the last `byte`, if there is one.
    fn rsplit_once_byte(&self, byte: u8) -> Option<(&[u8], &[u8])>;
}

impl RsplitOnceByte for [u8] {
    fn rsplit_once_byte(&self, byte: u8) -> Option<(&[u8], &[u8])> {
        let at = self.iter().rposition(|&b| b == byte)?;
        Some((&self[..at], &self[at + 1..]))
    }
}

/// The path of an image entry relative to the image's root, as bytes (empty for the
/// root itself). The reader names entries from the root, as in `/usr/bin/app`; anything
/// that could lead outside the destination is refused.
pub fn relative_path(fullpath: &Path) -> Result<Vec<u8>> {
    let bytes = fullpath.as_os_str().as_bytes();
    let relative = bytes.strip_prefix(b"/").unwrap_or(bytes);
    if relative.is_empty() {
        return Ok(Vec::new());
    }
    let unsafe_component = relative
        .split(|&byte| byte == b'/')
        .any(|component| matches!(component, b"" | b"." | b"..") || component.contains(&0));
    if unsafe_component {
        return Err(Error::new(format!(
            "refusing to extract {}: the path would escape the destination",
            shown(bytes)
        )));
    }
    Ok(relative.to_vec())
}

/// The relative paths a pattern selects: the entries that match it and every directory
/// leading to one of them.
fn select<'a>(
    entries: &'a [(Vec<u8>, &Node<SquashfsFileReader>)],
    pattern: &[u8],
) -> HashSet<&'a [u8]> {
    let mut selected = HashSet::new();
    for (relative, _) in entries {
        if relative.is_empty() || !matches(pattern, relative) {
            continue;
        }
        selected.insert(relative.as_slice());
        let mut ancestor = relative.as_slice();
        while let Some((parent, _)) = ancestor.rsplit_once_byte(b'/') {
            selected.insert(parent);
            ancestor = parent;
        }
    }
    selected
}

/// Whether an `--appimage-extract` pattern selects a relative path: the path starts with
/// the pattern, or matches it as a glob in which `*` stands for any text (`/` included).
/// A leading `./` or `/` of the pattern is ignored.
pub fn matches(pattern: &[u8], path: &[u8]) -> bool {
    let pattern = pattern.strip_prefix(b"./").unwrap_or(pattern);
    let pattern = pattern.strip_prefix(b"/").unwrap_or(pattern);
    path.starts_with(pattern) || glob_matches(pattern, path)
}

/// Glob matching with `*` as the only wildcard, in linear time: on a mismatch, the last
/// `*` seen is made to swallow one more byte.
fn glob_matches(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    // The position just after the last `*` and the text position it was tried at.
    let mut last_star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                last_star = Some((p + 1, t));
                p += 1;
            }
            Some(&byte) if byte == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match last_star {
                Some((after_star, tried)) => {
                    last_star = Some((after_star, tried + 1));
                    p = after_star;
                    t = tried + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&byte| byte == b'*')
}

/// Makes the directory `target`, or keeps it if it is already a real directory (not a
/// symlink to one); anything else in the way is removed first.
fn make_directory(target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(metadata) if metadata.is_dir() => return Ok(()),
        Ok(_) => fs::remove_file(target)?,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    fs::create_dir(target)
}

/// Removes a file or symlink at `target`, so that a new entry can be made there. A
/// directory in the way is an error: it is not ours to delete.
fn clear_the_way(target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(metadata) if metadata.is_dir() => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a directory is in the way",
        )),
        Ok(_) => fs::remove_file(target),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
    }
}

/// Writes a regular file with its mode and time, and syncs it to disk.
fn write_file(
    fs: &FilesystemReader<'_>,
    file: &SquashfsFileReader,
    node: &Node<SquashfsFileReader>,
    target: &Path,
) -> Result<()> {
    let cannot_write = || format!("cannot write {}", target.display());
    clear_the_way(target).context(cannot_write)?;
    // `create_new` (O_EXCL) never follows a symlink that appeared in the meantime.
    let out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(target)
        .context(cannot_write)?;
    let mut writer = BufWriter::with_capacity(WRITE_BUFFER, out);
    let copied = io::copy(&mut fs.file(file).reader(), &mut writer)
        .context(|| format!("cannot extract {}", node.fullpath.display()))?;
    let expected = file.file_len() as u64;
    if copied != expected {
        return Err(Error::new(format!(
            "the image is damaged: {} should hold {expected} bytes but only {copied} could be read",
            node.fullpath.display()
        )));
    }
    let out = writer
        .into_inner()
        .map_err(io::IntoInnerError::into_error)
        .context(cannot_write)?;
    // Set explicitly: the mode given at creation is reduced by the umask.
    out.set_permissions(Permissions::from_mode(
        u32::from(node.header.permissions) & PERMISSION_BITS,
    ))
    .and_then(|()| out.set_modified(mtime(&node.header)))
    .and_then(|()| out.sync_all())
    .context(cannot_write)
}

/// Gives a directory its mode (owner-accessible) and time, and syncs its entries to disk.
fn finish_directory(directory: &Path, header: &NodeHeader) -> io::Result<()> {
    let mode = u32::from(header.permissions) & PERMISSION_BITS | DIRECTORY_OWNER_BITS;
    fs::set_permissions(directory, Permissions::from_mode(mode))?;
    let handle = File::open(directory)?;
    handle.set_modified(mtime(header))?;
    handle.sync_all()
}

/// An entry's modification time.
fn mtime(header: &NodeHeader) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(header.mtime.into())
}

/// A path from the image, for messages.
fn shown(path: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("/")).unwrap(), b"");
        assert_eq!(
            relative_path(Path::new("/usr/bin/app")).unwrap(),
            b"usr/bin/app"
        );
        assert_eq!(relative_path(Path::new("AppRun")).unwrap(), b"AppRun");
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "//etc/passwd",
            "/a/./b",
            "/a//b",
            "/a/",
        ] {
            let error = relative_path(Path::new(bad)).unwrap_err();
            assert!(error.to_string().contains("would escape"), "{bad}: {error}");
        }
    }

    #[test]
    fn patterns() {
        assert!(matches(b"usr", b"usr/bin/app"));
        assert!(matches(b"AppRun", b"AppRun"));
        assert!(matches(b"./AppRun", b"AppRun"));
        assert!(matches(b"/usr/bin", b"usr/bin/app"));
        assert!(matches(b"*.desktop", b"dojang.desktop"));
        assert!(matches(b"usr/*/app", b"usr/bin/app"));
        assert!(matches(b"*", b"anything/at/all"));
        assert!(matches(b"*a*b*c", b"xxaxxbxxc"));
        assert!(!matches(b"*.desktop", b"dojang.desktop.bak"));
        assert!(!matches(b"bin", b"usr/bin/app"));
        assert!(!matches(b"*a*b*c", b"xxaxxbxx"));
        assert!(!matches(b"AppRun2", b"AppRun"));
    }
}
