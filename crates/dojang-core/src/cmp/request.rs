//! Making and checking the parts of requests that both sides need: headers with fresh
//! nonces, a certificate request with proof of possession (RFC 4211 §4.1) and the
//! randomNum registration info of Dojang's profile.

use der::asn1::{Any, BitString, GeneralizedTime, OctetString};
use der::{Decode, Encode};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use super::CmpError;
use super::crmf::{CertReqMsg, CertRequest, CertTemplate, PopoSigningKey, ProofOfPossession};
use super::encoded::Encoded;
use super::message::PkiHeader;
use super::protection::{sign, signature_algorithm, verify_signature};
use crate::keys::private_key::{PrivateKey, RANDOM_NUM_OID};

/// The length of transaction IDs and nonces this module makes (RFC 9483 §3.1: 128 bits).
pub const NONCE_LEN: usize = 16;

/// 16 fresh random bytes, for a transactionID or a nonce.
pub fn new_nonce() -> Result<OctetString, CmpError> {
    let mut bytes = [0u8; NONCE_LEN];
    aws_lc_rs::rand::fill(&mut bytes).map_err(CmpError::crypto)?;
    OctetString::new(bytes.to_vec()).map_err(CmpError::malformed)
}

/// The NULL-DN directoryName that stands for "unknown" (RFC 4210 §5.1.1).
pub fn null_dn() -> GeneralName {
    GeneralName::DirectoryName(Name::default())
}

/// A directoryName from a DER-encoded Name.
pub fn directory_name(name_der: &[u8]) -> Result<GeneralName, CmpError> {
    Ok(GeneralName::DirectoryName(
        Name::from_der(name_der).map_err(CmpError::malformed)?,
    ))
}

/// The current time as GeneralizedTime (whole seconds).
pub fn now() -> Result<GeneralizedTime, CmpError> {
    GeneralizedTime::from_system_time(std::time::SystemTime::now()).map_err(CmpError::malformed)
}

/// A pvno 2 header with messageTime now and a fresh senderNonce; protectionAlg is set
/// when the message is protected.
pub fn header(
    sender: GeneralName,
    recipient: GeneralName,
    sender_kid: Option<&[u8]>,
    transaction_id: &[u8],
    recip_nonce: Option<&[u8]>,
) -> Result<PkiHeader, CmpError> {
    let octets = |b: &[u8]| OctetString::new(b.to_vec()).map_err(CmpError::malformed);
    Ok(PkiHeader {
        pvno: 2,
        sender,
        recipient,
        message_time: Some(now()?),
        protection_alg: None,
        sender_kid: sender_kid.map(octets).transpose()?,
        recip_kid: None,
        transaction_id: Some(octets(transaction_id)?),
        sender_nonce: Some(new_nonce()?),
        recip_nonce: recip_nonce.map(octets).transpose()?,
        free_text: None,
        general_info: None,
    })
}

/// The randomNum registration-info attribute (type 1.2.410.200004.10.1.1.3, value the
/// BIT STRING of the key's randomNum).
pub fn random_num_attribute(random_num: &[u8]) -> Result<AttributeTypeAndValue, CmpError> {
    let bits = BitString::from_bytes(random_num).map_err(CmpError::malformed)?;
    Ok(AttributeTypeAndValue {
        oid: RANDOM_NUM_OID,
        value: Any::encode_from(&bits).map_err(CmpError::malformed)?,
    })
}

/// The randomNum a request carries in regInfo, if any; malformed when the attribute is
/// there but not a whole-byte BIT STRING.
pub fn random_num(request: &CertReqMsg) -> Result<Option<Vec<u8>>, CmpError> {
    let Some(attribute) = request
        .reg_info
        .iter()
        .flatten()
        .find(|a| a.oid == RANDOM_NUM_OID)
    else {
        return Ok(None);
    };
    let bits: BitString = attribute.value.decode_as().map_err(CmpError::malformed)?;
    let bytes = bits.as_bytes().ok_or_else(|| CmpError::Malformed {
        detail: "randomNum with unused bits".to_owned(),
    })?;
    if bytes.is_empty() || bytes.len() > 64 {
        return Err(CmpError::Malformed {
            detail: "randomNum of unexpected length".to_owned(),
        });
    }
    Ok(Some(bytes.to_vec()))
}

/// A certificate request for `key` with proof of possession by signature: certReqId
/// `cert_req_id`, the key in the template, `subject` if given, `controls` (e.g. a
/// `kur`'s oldCertID), and the key's randomNum as regInfo when it has one.
pub fn cert_req_msg(
    key: &PrivateKey,
    cert_req_id: i64,
    subject: Option<Name>,
    controls: Option<Vec<AttributeTypeAndValue>>,
) -> Result<CertReqMsg, CmpError> {
    let spki = SubjectPublicKeyInfoOwned::from_der(&key.public_key_spki().map_err(CmpError::key)?)
        .map_err(CmpError::malformed)?;
    let request = Encoded::new(CertRequest {
        cert_req_id,
        cert_template: CertTemplate {
            subject,
            public_key: Some(spki),
            ..CertTemplate::default()
        },
        controls,
    })
    .map_err(CmpError::malformed)?;
    let signature = sign(key, request.der())?;
    let reg_info = key
        .random_num()
        .map(|num| random_num_attribute(&num).map(|a| vec![a]))
        .transpose()?;
    Ok(CertReqMsg {
        cert_req: request,
        popo: Some(ProofOfPossession::Signature(PopoSigningKey {
            poposk_input: None,
            algorithm_identifier: signature_algorithm(key)?,
            signature: BitString::from_bytes(&signature).map_err(CmpError::malformed)?,
        })),
        reg_info,
    })
}

/// Checks a request's proof of possession by signature over `DER(certReq)` with the
/// template's public key, and returns that key. Requests without a key, with another
/// kind of POP or with `poposkInput` (not used by the profile) are refused.
pub fn verify_pop(request: &CertReqMsg) -> Result<&SubjectPublicKeyInfoOwned, CmpError> {
    let key = request
        .cert_req
        .cert_template
        .public_key
        .as_ref()
        .ok_or(CmpError::MissingField {
            field: "certTemplate.publicKey",
        })?;
    let Some(ProofOfPossession::Signature(popo)) = &request.popo else {
        return Err(CmpError::BadPop);
    };
    if popo.poposk_input.is_some() {
        return Err(CmpError::BadPop);
    }
    let sig = popo.signature.as_bytes().ok_or(CmpError::BadPop)?;
    match verify_signature(key, &popo.algorithm_identifier, request.cert_req.der(), sig) {
        Ok(()) => Ok(key),
        Err(CmpError::BadSignature) => Err(CmpError::BadPop),
        Err(other) => Err(other),
    }
}

/// DER of `value`, for callers that build messages field by field.
pub fn encode<T: Encode>(value: &T) -> Result<Vec<u8>, CmpError> {
    super::protection::to_der(value)
}
