//! A decoded value that remembers the exact bytes it came from.
//!
//! CMP signs and MACs bytes, not values: the protection covers `DER(ProtectedPart)` made
//! of the header and body *as sent* (RFC 4210 §5.1.3), and proof of possession covers
//! `DER(CertRequest)` as sent (RFC 4211 §4.1). Re-encoding a decoded value gives the same
//! bytes only when the sender wrote perfect DER; keeping the original bytes makes
//! verification independent of that.

use der::{Decode, Encode, Length, Reader, Writer};

/// A value with the DER it was decoded from (or encoded to, when made here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded<T> {
    der: Vec<u8>,
    value: T,
}

impl<T: Encode> Encoded<T> {
    /// Encodes `value` once; its bytes are what will be sent and protected.
    pub fn new(value: T) -> der::Result<Self> {
        Ok(Encoded {
            der: value.to_der()?,
            value,
        })
    }
}

impl<T> Encoded<T> {
    /// The DER bytes, exactly as received or encoded.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, giving up the bytes.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl<T> std::ops::Deref for Encoded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'a, T: for<'b> Decode<'b>> Decode<'a> for Encoded<T> {
    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let der = reader.tlv_bytes()?.to_vec();
        let value = T::from_der(&der)?;
        Ok(Encoded { der, value })
    }
}

impl<T> Encode for Encoded<T> {
    fn encoded_len(&self) -> der::Result<Length> {
        Length::try_from(self.der.len())
    }
    fn encode(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.der)
    }
}
