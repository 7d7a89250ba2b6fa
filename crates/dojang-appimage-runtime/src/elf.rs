//! Where the runtime's ELF file ends, and so where the appended SquashFS image begins.
//!
//! Linkers put the section header table last in the file, so the ELF file proper ends at
//! `e_shoff + e_shentsize * e_shnum`. Both ELF classes (32- and 64-bit) and both byte
//! orders are read, although the runtime is built as 64-bit little-endian.

use std::io::{Read, Seek, SeekFrom};

use crate::error::{Context, Error, Result};

/// Length of the ELF identification plus the largest (64-bit) file header.
const HEADER_LEN: usize = 64;

/// The field layout of one ELF class: offsets into the file header and the section
/// header, and the width of the class's address-sized fields.
struct Layout {
    /// Width of `e_shoff` and `sh_size` in bytes (4 or 8).
    word: usize,
    /// Offset of `e_shoff` in the file header.
    shoff: usize,
    /// Offset of `e_shentsize` in the file header (`e_shnum` follows it).
    shentsize: usize,
    /// Offset of `sh_size` in a section header.
    sh_size: usize,
}

/// ELFCLASS32.
const LAYOUT_32: Layout = Layout {
    word: 4,
    shoff: 0x20,
    shentsize: 0x2E,
    sh_size: 0x14,
};
/// ELFCLASS64.
const LAYOUT_64: Layout = Layout {
    word: 8,
    shoff: 0x28,
    shentsize: 0x3A,
    sh_size: 0x20,
};

/// Reads integers of the file's byte order out of a byte slice.
struct Fields<'a> {
    bytes: &'a [u8],
    little_endian: bool,
}

impl Fields<'_> {
    /// The unsigned integer of `width` bytes (at most 8) at `at`.
    fn uint(&self, at: usize, width: usize) -> Result<u64> {
        let field = self
            .bytes
            .get(at..at + width)
            .ok_or_else(|| Error::new("the runtime's ELF header is truncated"))?;
        let fold = |value: u64, byte: &u8| (value << 8) | u64::from(*byte);
        Ok(if self.little_endian {
            field.iter().rev().fold(0, fold)
        } else {
            field.iter().fold(0, fold)
        })
    }
}

/// Returns the offset at which the ELF file at the start of `file` ends.
pub fn end_of_elf(file: &mut (impl Read + Seek)) -> Result<u64> {
    let mut header = [0_u8; HEADER_LEN];
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.read_exact(&mut header))
        .context(|| "cannot read the runtime's ELF header")?;
    if header[..4] != *b"\x7fELF" {
        return Err(Error::new("the runtime is not an ELF file"));
    }
    let layout = match header[4] {
        1 => &LAYOUT_32,
        2 => &LAYOUT_64,
        class => {
            return Err(Error::new(format!(
                "unknown ELF class {class} in the runtime"
            )));
        }
    };
    let little_endian = match header[5] {
        1 => true,
        2 => false,
        order => {
            return Err(Error::new(format!(
                "unknown ELF byte order {order} in the runtime"
            )));
        }
    };
    let fields = Fields {
        bytes: &header,
        little_endian,
    };
    let shoff = fields.uint(layout.shoff, layout.word)?;
    let shentsize = fields.uint(layout.shentsize, 2)?;
    let mut shnum = fields.uint(layout.shentsize + 2, 2)?;
    if shoff == 0 || shentsize == 0 {
        return Err(Error::new(
            "the runtime has no section header table, so where its image starts is unknown",
        ));
    }
    if shnum == 0 {
        // With 0xff00 sections or more, e_shnum is 0 and the real count is the `sh_size`
        // of section header 0.
        let mut section = vec![0_u8; usize::try_from(shentsize).unwrap_or(usize::MAX).min(256)];
        file.seek(SeekFrom::Start(shoff))
            .and_then(|_| file.read_exact(&mut section))
            .context(|| "cannot read the runtime's first section header")?;
        shnum = Fields {
            bytes: &section,
            little_endian,
        }
        .uint(layout.sh_size, layout.word)?;
    }
    shentsize
        .checked_mul(shnum)
        .and_then(|table| table.checked_add(shoff))
        .ok_or_else(|| Error::new("the runtime's section header table lies out of range"))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    /// A 64-bit little-endian header with the given section header table.
    fn header_64(shoff: u64, shentsize: u16, shnum: u16) -> Vec<u8> {
        let mut bytes = vec![0_u8; 64];
        bytes[..6].copy_from_slice(b"\x7fELF\x02\x01");
        bytes[0x28..0x30].copy_from_slice(&shoff.to_le_bytes());
        bytes[0x3A..0x3C].copy_from_slice(&shentsize.to_le_bytes());
        bytes[0x3C..0x3E].copy_from_slice(&shnum.to_le_bytes());
        bytes
    }

    #[test]
    fn elf64_little_endian() {
        let mut file = Cursor::new(header_64(1000, 64, 30));
        assert_eq!(end_of_elf(&mut file).unwrap(), 1000 + 64 * 30);
    }

    #[test]
    fn elf32_big_endian() {
        let mut bytes = vec![0_u8; 64];
        bytes[..6].copy_from_slice(b"\x7fELF\x01\x02");
        bytes[0x20..0x24].copy_from_slice(&500_u32.to_be_bytes());
        bytes[0x2E..0x30].copy_from_slice(&40_u16.to_be_bytes());
        bytes[0x30..0x32].copy_from_slice(&12_u16.to_be_bytes());
        assert_eq!(end_of_elf(&mut Cursor::new(bytes)).unwrap(), 500 + 40 * 12);
    }

    #[test]
    fn many_sections_count_in_section_zero() {
        let mut bytes = header_64(64, 64, 0);
        let mut section_zero = vec![0_u8; 64];
        section_zero[0x20..0x28].copy_from_slice(&70_000_u64.to_le_bytes());
        bytes.extend(section_zero);
        assert_eq!(
            end_of_elf(&mut Cursor::new(bytes)).unwrap(),
            64 + 64 * 70_000
        );
    }

    #[test]
    fn refuses_what_is_not_elf() {
        let error = end_of_elf(&mut Cursor::new(vec![b'#'; 64])).unwrap_err();
        assert_eq!(error.to_string(), "the runtime is not an ELF file");
        let mut unknown_class = header_64(1, 1, 1);
        unknown_class[4] = 3;
        assert!(end_of_elf(&mut Cursor::new(unknown_class)).is_err());
        assert!(end_of_elf(&mut Cursor::new(b"\x7fELF".to_vec())).is_err());
        assert!(end_of_elf(&mut Cursor::new(header_64(0, 64, 3))).is_err());
        assert!(end_of_elf(&mut Cursor::new(header_64(u64::MAX, 64, 3))).is_err());
    }
}
