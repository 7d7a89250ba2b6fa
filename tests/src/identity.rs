//! The identity-check pieces of a Korean certificate, made independently of dojang-core
//! (docs/npki.md): the randomNum attribute in a PKCS#8 key, and the identifyData
//! SubjectAltName with the VID computed from an ID number and that randomNum.

use der::asn1::{
    Any, BitString, ObjectIdentifier, OctetString, PrintableString, SetOfVec, Utf8StringRef,
};
use der::{Decode, Encode, Sequence, TagMode, TagNumber, asn1::ContextSpecific};
use rcgen::CustomExtension;
use sha2::{Digest, Sha256};

use crate::Result;

const RANDOM_NUM: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.410.200004.10.1.1.3");
const IDENTIFY_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.410.200004.10.1.1");
const VID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.410.200004.10.1.1.1");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// A certificate holder's identity as the CA binds it: the ID number and the randomNum
/// the holder's key carries.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Resident (13) or business (10) registration number, digits only.
    pub id_number: String,
    /// The 160-bit randomNum.
    pub random_num: [u8; 20],
}

#[derive(Sequence)]
struct Attribute {
    oid: ObjectIdentifier,
    values: SetOfVec<Any>,
}

#[derive(Sequence)]
struct PrivateKeyInfo {
    version: u8,
    algorithm: Any,
    private_key: OctetString,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    attributes: Option<SetOfVec<Any>>,
}

/// `pkcs8` (a PrivateKeyInfo without attributes) with the randomNum attribute added.
pub fn with_random_num(pkcs8: &[u8], random_num: &[u8; 20]) -> Result<Vec<u8>> {
    let mut info = PrivateKeyInfo::from_der(pkcs8)?;
    let bits = Any::encode_from(&BitString::from_bytes(random_num)?)?;
    let attribute = Attribute {
        oid: RANDOM_NUM,
        values: SetOfVec::try_from(vec![bits])?,
    };
    info.attributes = Some(SetOfVec::try_from(vec![Any::encode_from(&attribute)?])?);
    Ok(info.to_der()?)
}

#[derive(Sequence)]
struct VidInput {
    idn: PrintableString,
    random_num: BitString,
}

/// SHA-256(SHA-256(DER(SEQUENCE { idn PrintableString, randomNum BIT STRING }))).
pub fn vid(identity: &Identity) -> Result<Vec<u8>> {
    let input = VidInput {
        idn: PrintableString::new(&identity.id_number)?,
        random_num: BitString::from_bytes(&identity.random_num)?,
    }
    .to_der()?;
    Ok(Sha256::digest(Sha256::digest(input)).to_vec())
}

#[derive(Sequence)]
struct AlgorithmIdentifier {
    oid: ObjectIdentifier,
}

#[derive(Sequence)]
struct Vid {
    hash: AlgorithmIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    virtual_id: OctetString,
}

#[derive(Sequence)]
struct UserInfo {
    kind: ObjectIdentifier,
    value: Vid,
}

#[derive(Sequence)]
struct IdentifyData<'a> {
    real_name: Utf8StringRef<'a>,
    user_infos: Vec<UserInfo>,
}

#[derive(Sequence)]
struct OtherName {
    type_id: ObjectIdentifier,
    value: ContextSpecific<Any>,
}

/// The SubjectAltName extension holding identifyData for `real_name` and `identity`.
pub fn identify_data_extension(real_name: &str, identity: &Identity) -> Result<CustomExtension> {
    let data = IdentifyData {
        real_name: Utf8StringRef::new(real_name)?,
        user_infos: vec![UserInfo {
            kind: VID,
            value: Vid {
                hash: AlgorithmIdentifier { oid: SHA256 },
                virtual_id: OctetString::new(vid(identity)?)?,
            },
        }],
    };
    let other_name = OtherName {
        type_id: IDENTIFY_DATA,
        value: ContextSpecific {
            tag_number: TagNumber::N0,
            tag_mode: TagMode::Explicit,
            value: Any::encode_from(&data)?,
        },
    };
    // GeneralName otherName is [0] IMPLICIT OtherName: retag the SEQUENCE as [0]
    // constructed (0xA0), then wrap in the SAN's SEQUENCE OF GeneralName.
    let mut general_name = other_name.to_der()?;
    general_name[0] = 0xA0;
    let mut san = vec![0x30];
    let len = der::Length::try_from(general_name.len())?;
    san.extend(len.to_der()?);
    san.extend(general_name);
    Ok(CustomExtension::from_oid_content(&[2, 5, 29, 17], san))
}
