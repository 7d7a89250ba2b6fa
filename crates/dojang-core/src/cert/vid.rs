//! The identity check (본인확인): the VID a Korean certificate carries in its
//! SubjectAltName, and its recomputation from an ID number and the key's randomNum
//! (docs/npki.md, KISA's identification profile).
//!
//! ```text
//! otherName { type-id 1.2.410.200004.10.1.1 (identifyData),
//!   value [0] EXPLICIT IdentifyData }
//! IdentifyData ::= SEQUENCE { realName UTF8String, userInfos SEQUENCE OF UserInfo }
//! UserInfo     ::= SEQUENCE { type OBJECT IDENTIFIER (1.2.410.200004.10.1.1.1, vid), VID }
//! VID          ::= SEQUENCE { hashAlg AlgorithmIdentifier, virtualID [0] EXPLICIT OCTET STRING }
//! virtualID = H(H(DER(SEQUENCE { idn PrintableString, randomNum BIT STRING })))
//! ```

use aws_lc_rs::digest;
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef, PrintableStringRef};
use der::{Decode, Encode, Reader, Sequence, SliceReader};
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::*;

use crate::Error;
use crate::codes::IdNumber;

/// identifyData, the otherName type holding the VID.
pub const IDENTIFY_DATA_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.410.200004.10.1.1");
/// The VID user-info type.
pub const VID_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.410.200004.10.1.1.1");
/// SHA-256, the hash of current certificates' VIDs.
pub const SHA256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// SHA-1, found in older certificates.
pub const SHA1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");

/// What a certificate's identifyData says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityData {
    /// The holder's real name.
    pub real_name: String,
    /// The hash algorithm of the VID.
    pub hash: ObjectIdentifier,
    /// The VID itself.
    pub vid: Vec<u8>,
}

#[derive(Sequence)]
struct VidInput<'a> {
    idn: PrintableStringRef<'a>,
    random_num: BitStringRef<'a>,
}

fn hash(alg: ObjectIdentifier, data: &[u8]) -> Result<Vec<u8>, Error> {
    let algorithm = if alg == SHA256_OID {
        &digest::SHA256
    } else if alg == SHA1_OID {
        &digest::SHA1_FOR_LEGACY_USE_ONLY
    } else {
        return Err(Error::KeyAlgorithmUnsupported {
            oid: alg.to_string(),
        });
    };
    Ok(digest::digest(algorithm, data).as_ref().to_vec())
}

/// The VID for an ID number and a randomNum, with the given hash (SHA-256 or SHA-1).
pub fn compute_vid(
    hash_alg: ObjectIdentifier,
    id_number: &IdNumber,
    random_num: &[u8],
) -> Result<Vec<u8>, Error> {
    let input = VidInput {
        idn: PrintableStringRef::new(id_number.digits()).map_err(Error::key_malformed)?,
        random_num: BitStringRef::from_bytes(random_num).map_err(Error::key_malformed)?,
    }
    .to_der()
    .map_err(Error::key_malformed)?;
    hash(hash_alg, &hash(hash_alg, &input)?)
}

fn parse_identify_data(explicit: &[u8]) -> der::Result<IdentityData> {
    // `explicit` is the otherName value: [0] EXPLICIT IdentifyData.
    let wrapper = AnyRef::from_der(explicit)?;
    let mut reader = SliceReader::new(wrapper.value())?;
    let data = reader.sequence(|r| {
        let real_name = der::asn1::Utf8StringRef::decode(r)?.as_str().to_owned();
        let (hash, vid) = r.sequence(|infos| {
            let mut found = None;
            while !infos.is_finished() {
                let info = infos.sequence(|info| {
                    let kind = ObjectIdentifier::decode(info)?;
                    let value = info.sequence(|v| {
                        let alg = v.sequence(|a| {
                            let oid = ObjectIdentifier::decode(a)?;
                            while !a.is_finished() {
                                a.tlv_bytes()?;
                            }
                            Ok(oid)
                        })?;
                        let tagged = AnyRef::decode(v)?;
                        let vid = OctetStringRef::from_der(tagged.value())?;
                        Ok((alg, vid.as_bytes().to_vec()))
                    })?;
                    Ok((kind, value))
                })?;
                if info.0 == VID_OID && found.is_none() {
                    found = Some(info.1);
                }
            }
            found.ok_or_else(|| der::Tag::Sequence.value_error())
        })?;
        while !r.is_finished() {
            r.tlv_bytes()?;
        }
        Ok(IdentityData {
            real_name,
            hash,
            vid,
        })
    })?;
    reader.finish(data)
}

/// The identifyData of a certificate, if it has one.
pub fn identity_data(cert_der: &[u8]) -> Result<Option<IdentityData>, Error> {
    let (_, cert) = X509Certificate::from_der(cert_der).map_err(|e| Error::NotACertificate {
        path: Default::default(),
        detail: e.to_string(),
    })?;
    let Ok(Some(san)) = cert.subject_alternative_name() else {
        return Ok(None);
    };
    for name in &san.value.general_names {
        if let GeneralName::OtherName(oid, value) = name
            && oid.to_id_string() == IDENTIFY_DATA_OID.to_string()
        {
            return Ok(parse_identify_data(value).ok());
        }
    }
    Ok(None)
}

/// Whether `id_number` is the one the certificate was issued to: recomputes the VID from
/// it and the key's randomNum and compares with the certificate's.
pub fn matches(cert_der: &[u8], random_num: &[u8], id_number: &IdNumber) -> Result<bool, Error> {
    let data = identity_data(cert_der)?.ok_or(Error::IdentityDataMissing)?;
    let vid = compute_vid(data.hash, id_number, random_num)?;
    // Not secret, but constant time costs nothing here.
    Ok(aws_lc_rs::constant_time::verify_slices_are_equal(&vid, &data.vid).is_ok())
}

#[derive(Sequence)]
struct HashAlgorithm {
    oid: ObjectIdentifier,
}

#[derive(Sequence)]
struct VidValue<'a> {
    hash_alg: HashAlgorithm,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    virtual_id: OctetStringRef<'a>,
}

#[derive(Sequence)]
struct UserInfo<'a> {
    kind: ObjectIdentifier,
    value: VidValue<'a>,
}

#[derive(Sequence)]
struct IdentifyDataValue<'a> {
    real_name: der::asn1::Utf8StringRef<'a>,
    user_infos: Vec<UserInfo<'a>>,
}

#[derive(Sequence)]
struct IdentifyDataOtherName<'a> {
    type_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: IdentifyDataValue<'a>,
}

/// The SubjectAltName extension value (`SEQUENCE OF GeneralName`) a CA puts in a
/// certificate for the identity check: one otherName identifyData holding `real_name`
/// and the SHA-256 VID of `id_number` and the key's `random_num`.
pub fn subject_alt_name(
    real_name: &str,
    id_number: &IdNumber,
    random_num: &[u8],
) -> Result<Vec<u8>, Error> {
    let vid = compute_vid(SHA256_OID, id_number, random_num)?;
    let other_name = IdentifyDataOtherName {
        type_id: IDENTIFY_DATA_OID,
        value: IdentifyDataValue {
            real_name: der::asn1::Utf8StringRef::new(real_name).map_err(Error::key_malformed)?,
            user_infos: vec![UserInfo {
                kind: VID_OID,
                value: VidValue {
                    hash_alg: HashAlgorithm { oid: SHA256_OID },
                    virtual_id: OctetStringRef::new(&vid).map_err(Error::key_malformed)?,
                },
            }],
        },
    };
    // GeneralName's otherName is `[0] IMPLICIT OtherName`: the SEQUENCE retagged as [0]
    // constructed, inside the SAN's SEQUENCE OF.
    let mut general_name = other_name.to_der().map_err(Error::key_malformed)?;
    general_name[0] = 0xA0;
    let header = der::Header::new(
        der::Tag::Sequence,
        der::Length::try_from(general_name.len()).map_err(Error::key_malformed)?,
    )
    .and_then(|h| h.to_der())
    .map_err(Error::key_malformed)?;
    Ok([header, general_name].concat())
}
