//! The AppImage file: the runtime followed by its SquashFS image.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

use backhand::FilesystemReader;
use sha2::{Digest, Sha256};

use crate::elf;
use crate::error::{Context, Error, Result};

/// The running executable: this runtime with the image appended.
pub const SELF_EXE: &str = "/proc/self/exe";

/// Length of a SquashFS 4.0 superblock.
pub const SUPERBLOCK_LEN: usize = 96;

/// SquashFS compressor id of zstd, the only one this runtime reads.
const ZSTD: u16 = 6;

/// An AppImage whose superblock has been checked, ready to be read.
pub struct Image {
    /// The open AppImage file.
    file: File,
    /// Where the SquashFS image starts in the file.
    offset: u64,
    /// The image's superblock, as stored.
    superblock: [u8; SUPERBLOCK_LEN],
}

/// The byte offset of the image in the running executable (not checked to hold one).
pub fn own_offset() -> Result<u64> {
    let mut file = File::open(SELF_EXE).context(|| format!("cannot open {SELF_EXE}"))?;
    elf::end_of_elf(&mut file)
}

/// The absolute path of the running executable, for `APPIMAGE`.
pub fn own_path() -> Result<PathBuf> {
    std::fs::read_link(SELF_EXE).context(|| format!("cannot resolve {SELF_EXE}"))
}

impl Image {
    /// Opens the running executable as an AppImage.
    pub fn open_self() -> Result<Self> {
        let mut file = File::open(SELF_EXE).context(|| format!("cannot open {SELF_EXE}"))?;
        let offset = elf::end_of_elf(&mut file)?;
        let length = file
            .metadata()
            .context(|| format!("cannot read the size of {SELF_EXE}"))?
            .len();
        let superblock = read_superblock(&mut file, offset, length)?;
        Ok(Self {
            file,
            offset,
            superblock,
        })
    }

    /// The name of this image's cache directory: the first 16 hex digits of the SHA-256
    /// of the offset (8 bytes, little-endian) followed by the superblock.
    pub fn cache_key(&self) -> String {
        let digest = Sha256::new()
            .chain_update(self.offset.to_le_bytes())
            .chain_update(self.superblock)
            .finalize();
        digest[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// Reads the image's directory tree (file contents are read later, on demand).
    pub fn filesystem(&self) -> Result<FilesystemReader<'static>> {
        let file = self
            .file
            .try_clone()
            .context(|| format!("cannot reopen {SELF_EXE}"))?;
        FilesystemReader::from_reader_with_offset(BufReader::new(file), self.offset)
            .context(|| "the AppImage's SquashFS image is damaged")
    }
}

/// Reads and checks the superblock at `offset`: a SquashFS 4.0 image, compressed with
/// zstd, that fits in the `length` bytes of the file. Damage deeper inside is found
/// only when the image is read.
fn read_superblock(file: &mut File, offset: u64, length: u64) -> Result<[u8; SUPERBLOCK_LEN]> {
    if offset >= length {
        return Err(Error::new(format!(
            "no SquashFS image follows the runtime (the file ends at byte {length}, where the image should start)"
        )));
    }
    let mut superblock = [0_u8; SUPERBLOCK_LEN];
    let available = length - offset;
    if available < SUPERBLOCK_LEN as u64 {
        return Err(Error::new(format!(
            "the AppImage is truncated: only {available} bytes follow the runtime at offset {offset}"
        )));
    }
    file.seek(SeekFrom::Start(offset))
        .and_then(|_| file.read_exact(&mut superblock))
        .context(|| format!("cannot read the SquashFS superblock at offset {offset}"))?;
    let u16_at = |at: usize| u16::from_le_bytes([superblock[at], superblock[at + 1]]);
    if superblock[..4] != *b"hsqs" {
        return Err(Error::new(format!(
            "no SquashFS image at offset {offset}: the file is not an AppImage or is damaged"
        )));
    }
    let (major, minor) = (u16_at(28), u16_at(30));
    if (major, minor) != (4, 0) {
        return Err(Error::new(format!(
            "the image is SquashFS {major}.{minor}; only 4.0 is supported"
        )));
    }
    let compressor = u16_at(20);
    if compressor != ZSTD {
        return Err(Error::new(format!(
            "the image is compressed with {} (SquashFS compressor id {compressor}); only zstd is supported",
            compressor_name(compressor)
        )));
    }
    let mut bytes_used = [0_u8; 8];
    bytes_used.copy_from_slice(&superblock[40..48]);
    let bytes_used = u64::from_le_bytes(bytes_used);
    if bytes_used > available {
        return Err(Error::new(format!(
            "the AppImage is truncated: its SquashFS image needs {bytes_used} bytes but only {available} follow the runtime"
        )));
    }
    Ok(superblock)
}

/// The name of a SquashFS compressor id, for error messages.
fn compressor_name(id: u16) -> &'static str {
    match id {
        1 => "gzip",
        2 => "lzma",
        3 => "lzo",
        4 => "xz",
        5 => "lz4",
        6 => "zstd",
        _ => "an unknown compressor",
    }
}
