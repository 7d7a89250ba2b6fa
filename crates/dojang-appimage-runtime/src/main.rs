//! `dojang-appimage-runtime`: the runtime at the head of Dojang's AppImage (type 2).
//!
//! # The file format
//!
//! An AppImage of type 2 is this runtime (an ELF executable) followed directly by a
//! SquashFS image of an "AppDir", whose root holds an executable `AppRun`. The packaging
//! script appends the image and then writes the magic bytes `A I 0x02` at offset 8 of the
//! file (the ELF header's `EI_PAD` area), which is how other tools recognise the type.
//! The runtime finds the image where its own ELF file ends: at
//! `e_shoff + e_shentsize * e_shnum`, read from its own ELF header (32- and 64-bit, either
//! byte order; see [`elf`]). The image must be compressed with zstd.
//!
//! # Command line
//!
//! ```text
//! APPIMAGE [ARGUMENTS FOR THE APP...]      run the app
//! APPIMAGE --appimage-extract [PATTERN]    extract into ./squashfs-root
//! APPIMAGE --appimage-offset               print the image's byte offset
//! APPIMAGE --appimage-help | --appimage-version
//! ```
//!
//! - A runtime option is recognised only as the first argument. Any other argument that
//!   starts with `--appimage-` (an unknown option, a known one in a later position, or
//!   one given extra operands) is refused with exit status 1 and never reaches the app.
//! - `--appimage-offset` prints the offset in decimal and exits 0.
//! - `--appimage-extract` extracts everything, or only the entries whose path (relative,
//!   like `usr/bin/app`) starts with `PATTERN` or matches it as a glob in which `*` stands
//!   for any text, `/` included; the directories leading to a selected entry are extracted
//!   too. It prints each extracted path as `squashfs-root/PATH`, one a line, and exits 0.
//!   An existing `squashfs-root` is extracted over: files and symlinks in the way are
//!   replaced, directories are kept. A pattern that selects nothing is an error.
//! - `--appimage-help` and `--appimage-version` print a short text and exit 0.
//!
//! # Running the app
//!
//! Without a runtime option the image is extracted once into the cache directory
//! `${XDG_CACHE_HOME:-$HOME/.cache}/dojang-appimage/KEY` (a relative `XDG_CACHE_HOME` is
//! ignored, as the XDG specification says), where `KEY` is the first 16 hex digits of
//! the SHA-256 of the image's offset (8 bytes, little-endian) followed by its 96-byte
//! SquashFS superblock. The superblock holds the image's creation time and size, so
//! every build gets its own directory; a later start of the same build finds it and
//! extracts nothing.
//!
//! Extraction is atomic: it goes into the sibling `KEY.tmp-PID`, which is renamed to
//! `KEY` once complete (every file and directory synced to disk first). If another
//! instance renamed its own copy first, this one deletes its temporary directory and
//! uses the winner's. A crash mid-extraction can leave a `KEY.tmp-PID` behind, never a
//! partial `KEY`.
//!
//! Beside each build, `KEY.source` names the AppImage file it came from. At every start
//! the builds that the one started replaces are deleted: those whose AppImage file is
//! gone, or is the very file just started (an update written over the old one), unless a
//! process runs from the build or works in it. Nothing else is deleted.
//!
//! Then the runtime replaces itself (same PID) with `$APPDIR/AppRun`, passing all its
//! arguments through unchanged and with these variables set:
//! `APPIMAGE` (the image's absolute path, from `/proc/self/exe`), `APPDIR` (the cache
//! directory), `ARGV0` (the runtime's `argv[0]` as given) and `OWD` (the working
//! directory it was started in; left unset if that directory no longer exists).
//!
//! # Extraction
//!
//! Directories, regular files and symlinks are extracted. Files keep their permission
//! bits (set-id bits dropped) and modification time; directories keep theirs too but are
//! always owner-accessible (`u+rwx`) so the tree can be deleted again; symlinks are made
//! with their target text unchanged. Device nodes, FIFOs and sockets are skipped. An
//! entry whose path is absolute, contains `..` (or `.`, or an empty component), or lies
//! under anything but a directory extracted in the same run is refused before anything
//! is written.
//!
//! # Errors
//!
//! Every failure prints one line to standard error, starting with
//! `dojang-appimage-runtime:`, and exits with status 1. Even a panic inside the SquashFS
//! reader on a damaged image is caught and reported that way.
//!
//! The runtime reads `/proc/self/exe` and so works on Linux only; built for another
//! system, it just says so and exits 1.
#![forbid(unsafe_code)]

#[cfg(target_os = "linux")]
mod cache;
#[cfg(target_os = "linux")]
mod cli;
#[cfg(target_os = "linux")]
mod elf;
#[cfg(target_os = "linux")]
mod error;
#[cfg(target_os = "linux")]
mod extract;
#[cfg(target_os = "linux")]
mod image;
#[cfg(target_os = "linux")]
mod panics;

use std::process::ExitCode;

/// The prefix of every line the runtime writes to standard error.
const PROGRAM: &str = "dojang-appimage-runtime";

#[cfg(target_os = "linux")]
fn main() -> ExitCode {
    cli::main()
}

#[cfg(not(target_os = "linux"))]
fn main() -> ExitCode {
    eprintln!("{PROGRAM}: this AppImage runtime works on Linux only");
    ExitCode::FAILURE
}
