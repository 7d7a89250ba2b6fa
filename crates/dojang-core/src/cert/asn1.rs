//! The ASN.1 view of a certificate: its DER as a flattened tree of tags, lengths and
//! primitive values, what an engineer reads beside `openssl asn1parse`. Headers are read
//! with the `der` crate's reader; the walk stops at the first header that does not parse,
//! after [`ASN1_MAX_LINES`] lines or below [`ASN1_MAX_DEPTH`] levels, so any input comes
//! back in bounded time. An OCTET STRING that holds DER (an extension's value) is opened up.

use serde::Serialize;
use ts_rs::TS;

use super::hex;

/// One line of the ASN.1 view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Asn1Line {
    /// Nesting depth (0 for the certificate's outer SEQUENCE).
    pub depth: u32,
    /// Offset of the TLV in the DER.
    pub offset: u32,
    /// Length of the value.
    pub length: u32,
    /// The tag, e.g. `SEQUENCE`, `OBJECT IDENTIFIER`, `[0]`.
    pub tag: String,
    /// The value, for primitive types (shortened when long).
    pub value: Option<String>,
}

const ASN1_MAX_LINES: usize = 4000;
const ASN1_MAX_DEPTH: u32 = 32;

fn universal_name(tag: u8) -> Option<&'static str> {
    Some(match tag {
        1 => "BOOLEAN",
        2 => "INTEGER",
        3 => "BIT STRING",
        4 => "OCTET STRING",
        5 => "NULL",
        6 => "OBJECT IDENTIFIER",
        10 => "ENUMERATED",
        12 => "UTF8String",
        16 => "SEQUENCE",
        17 => "SET",
        19 => "PrintableString",
        20 => "T61String",
        22 => "IA5String",
        23 => "UTCTime",
        24 => "GeneralizedTime",
        30 => "BMPString",
        _ => return None,
    })
}

/// The DER header at the start of `bytes`: the tag's first octet, the header's length and
/// the value's length, read with the `der` crate (definite lengths only, as DER has).
/// `None` when `bytes` does not start with a header, or with a multi-octet tag (none
/// occurs in a certificate).
pub(crate) fn header(bytes: &[u8]) -> Option<(u8, usize, usize)> {
    use der::{Decode as _, Reader as _};
    let first = *bytes.first()?;
    if first & 0x1f == 0x1f {
        return None;
    }
    let mut reader = der::SliceReader::new(bytes).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let header_len = usize::try_from(u32::from(reader.position())).ok()?;
    let value_len = usize::try_from(u32::from(header.length)).ok()?;
    Some((first, header_len, value_len))
}

/// The whole length a DER SEQUENCE announces when `der` starts with one (header
/// included): a file longer or shorter than that is cut off or has junk after it.
pub(crate) fn declared_len(der: &[u8]) -> Option<usize> {
    let (tag, header_len, value_len) = header(der)?;
    (tag == 0x30).then(|| header_len + value_len)
}

fn shorten(mut s: String) -> String {
    if s.chars().count() > 96 {
        s = s.chars().take(93).collect::<String>() + "…";
    }
    s
}

fn primitive_value(tag: u8, value: &[u8]) -> Option<String> {
    match tag {
        0x01 => Some(
            if value.first().copied().unwrap_or(0) != 0 {
                "TRUE"
            } else {
                "FALSE"
            }
            .to_owned(),
        ),
        0x02 | 0x0a | 0x03 | 0x04 => Some(shorten(hex(value, " ").to_uppercase())),
        0x06 => der::asn1::ObjectIdentifier::from_bytes(value)
            .ok()
            .map(|oid| {
                let dotted = oid.to_string();
                match x509_parser::objects::oid2sn(
                    &x509_parser::oid_registry::Oid::new(std::borrow::Cow::Borrowed(value)),
                    x509_parser::objects::oid_registry(),
                ) {
                    Ok(sn) => format!("{dotted} ({sn})"),
                    Err(_) => dotted,
                }
            }),
        0x0c | 0x13 | 0x14 | 0x16 | 0x17 | 0x18 => {
            Some(shorten(String::from_utf8_lossy(value).into_owned()))
        }
        0x1e => Some(shorten(
            value
                .chunks(2)
                .filter_map(|c| char::from_u32(u32::from(*c.first()?) << 8 | u32::from(*c.get(1)?)))
                .collect(),
        )),
        _ => None,
    }
}

/// A flattened ASN.1 tree of `der[start..end]`, at most [`ASN1_MAX_LINES`] lines;
/// whether it was read to the end.
fn walk(der: &[u8], start: usize, end: usize, depth: u32, out: &mut Vec<Asn1Line>) -> bool {
    let mut at = start;
    while at < end {
        if out.len() >= ASN1_MAX_LINES || depth > ASN1_MAX_DEPTH {
            return false;
        }
        let Some((tag, hl, len)) = der.get(at..end).and_then(header) else {
            return false;
        };
        let value_start = at + hl;
        let Some(value_end) = value_start.checked_add(len).filter(|&e| e <= end) else {
            return false;
        };
        let constructed = tag & 0x20 != 0;
        let label = match tag & 0xc0 {
            0x00 => universal_name(tag & 0x1f)
                .map_or_else(|| format!("[UNIVERSAL {}]", tag & 0x1f), str::to_owned),
            0x80 => format!("[{}]", tag & 0x1f),
            0x40 => format!("[APPLICATION {}]", tag & 0x1f),
            _ => format!("[PRIVATE {}]", tag & 0x1f),
        };
        let value = der.get(value_start..value_end).unwrap_or_default();
        out.push(Asn1Line {
            depth,
            offset: u32::try_from(at).unwrap_or(u32::MAX),
            length: u32::try_from(len).unwrap_or(u32::MAX),
            tag: label,
            value: if constructed {
                None
            } else {
                primitive_value(tag, value)
            },
        });
        if constructed {
            walk(der, value_start, value_end, depth + 1, out);
        } else if tag == 0x04 && !value.is_empty() {
            // An OCTET STRING that holds DER (an extension's value) is shown opened up.
            let mark = out.len();
            if !walk(der, value_start, value_end, depth + 1, out) {
                out.truncate(mark);
            }
        }
        at = value_end;
    }
    true
}

/// The ASN.1 view of `der`.
pub fn lines(der: &[u8]) -> Vec<Asn1Line> {
    let mut out = Vec::new();
    walk(der, 0, der.len(), 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walker_survives_garbage() {
        for bad in [
            &b"\x30\x80"[..],
            b"\x30\x05\x02\x01",
            b"\x1f\x01\x00",
            b"",
            b"\x30\x84\xff\xff\xff\xff",
        ] {
            let _ = lines(bad);
        }
    }

    #[test]
    fn headers_are_read_as_der_says() {
        assert_eq!(declared_len(&[0x30, 0x03, 1, 2, 3]), Some(5));
        assert_eq!(declared_len(&[0x30, 0x82, 0x01, 0x00]), Some(260));
        assert_eq!(declared_len(&[0x04, 0x01]), None);
        assert_eq!(declared_len(&[]), None);
        // Not DER: a long form for a short length, an indefinite length.
        assert_eq!(declared_len(&[0x30, 0x81, 0x05]), None);
        assert_eq!(declared_len(&[0x30, 0x80]), None);
        let shown = lines(&[0x30, 0x03, 0x02, 0x01, 0x07]);
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].tag, "SEQUENCE");
        assert_eq!(shown[1].tag, "INTEGER");
        assert_eq!(shown[1].value.as_deref(), Some("07"));
    }
}
