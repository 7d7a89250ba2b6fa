//! Believing a CA's answer: one check for every exchange (enrolment, renewal, revocation)
//! with the protection it expects as a parameter — MAC with the codes' secret, or the
//! signature of the CA that issued the certificate in hand — then the transactionID and
//! our nonce.

use der::{Decode, Encode};
use x509_cert::Certificate;

use crate::Error;
use crate::cmp::{CmpError, PkiBody, PkiMessage, PkiStatusInfo, protection};

/// The protection an answer must carry.
pub(crate) enum Protection<'a> {
    /// PasswordBasedMac with this secret (the CA's own PBM parameters are accepted).
    Mac(&'a [u8]),
    /// Signed by the CA that issued this certificate (found in the answer's extraCerts).
    IssuerOf(&'a Certificate),
}

/// A CMP encoding failure as the CA's malformed answer.
pub(crate) fn protocol(e: CmpError) -> Error {
    malformed(e)
}

/// Any decoding failure of the CA's answer.
pub(crate) fn malformed(e: impl std::fmt::Display) -> Error {
    Error::CaResponseMalformed {
        detail: e.to_string(),
    }
}

fn unverified(detail: &str) -> Error {
    Error::CaResponseUnverified {
        detail: detail.to_owned(),
    }
}

/// The CA's refusal, from a status in an answer whose protection verified: its reason
/// code, or the text it gave.
pub(crate) fn refusal(status: &PkiStatusInfo) -> Error {
    Error::CaRefused {
        reason: status.reason(),
        detail: status.describe(),
        authenticated: true,
    }
}

/// A fresh transactionID.
pub(crate) fn transaction_id() -> Result<[u8; 16], Error> {
    let mut tx = [0u8; 16];
    aws_lc_rs::rand::fill(&mut tx).map_err(|_| Error::KeyGenerationFailed {
        detail: "no randomness".to_owned(),
    })?;
    Ok(tx)
}

/// Checks that `response` answers our message: the expected protection, the same
/// transactionID, recipNonce = our senderNonce. An `error` message is the exception: a CA
/// that could not check our request (a wrong code) cannot protect its answer as we
/// expect either, so an error is reported as the CA's refusal with the reason it
/// states, whatever its protection — marked authenticated only when its protection,
/// transactionID and nonce check out, for only then may it change what Dojang keeps.
/// Nothing else is believed unverified.
pub(crate) fn verify(
    response: &PkiMessage,
    expected: Protection<'_>,
    tx: &[u8],
    our_nonce: Option<&[u8]>,
) -> Result<(), Error> {
    if let PkiBody::Error(content) = response.body.value() {
        let status = &content.pki_status_info;
        return Err(Error::CaRefused {
            reason: status.reason(),
            detail: status.describe(),
            authenticated: authentic(response, expected, tx, our_nonce).is_ok(),
        });
    }
    authentic(response, expected, tx, our_nonce)
}

/// The protection, transactionID and recipNonce checks of [`verify`].
fn authentic(
    response: &PkiMessage,
    expected: Protection<'_>,
    tx: &[u8],
    our_nonce: Option<&[u8]>,
) -> Result<(), Error> {
    if response.protection.is_none() {
        return Err(unverified("unprotected response"));
    }
    match expected {
        Protection::Mac(secret) => {
            protection::verify_mac(response, secret).map_err(|e| unverified(&e.to_string()))?
        }
        Protection::IssuerOf(ours) => verify_issuer_signature(response, ours)?,
    }
    let header = response.header.value();
    if header.transaction_id() != Some(tx) {
        return Err(unverified("transactionID differs"));
    }
    if header.recip_nonce() != our_nonce {
        return Err(unverified("recipNonce differs"));
    }
    Ok(())
}

/// The answer is signed by a certificate in its extraCerts that issued `ours`.
fn verify_issuer_signature(response: &PkiMessage, ours: &Certificate) -> Result<(), Error> {
    for extra in response.extra_certs.iter().flatten() {
        let Ok(ca) = Certificate::from_der(extra.der()) else {
            continue;
        };
        if crate::cert::chain::signed_by(ours, &ca) {
            return protection::verify_signature_protection(
                response,
                &ca.tbs_certificate.subject_public_key_info,
            )
            .map_err(|e| unverified(&e.to_string()));
        }
    }
    Err(unverified("not signed by the certificate's CA"))
}

/// Checks the issued certificate against the CA certificates that came with it and the
/// roots a distribution pins: an issuer that came along must have signed it, and with
/// pinned roots it must chain to one of them.
pub(crate) fn verify_chain(
    cert_der: &[u8],
    chain: &[Vec<u8>],
    pinned: &[Vec<u8>],
) -> Result<(), Error> {
    let built = crate::cert::chain::build(cert_der, chain, pinned)?;
    if built.links.len() > 1 && !built.links[0].verified {
        return Err(unverified(
            "the certificate is not signed by the CA that sent it",
        ));
    }
    let reaches_pinned = built.complete && built.links.last().is_some_and(|l| l.pinned);
    if !pinned.is_empty() && !reaches_pinned {
        return Err(unverified(
            "the certificate does not chain to a pinned root",
        ));
    }
    Ok(())
}

/// The DER of a certificate's subject and issuer names.
pub(crate) fn names(cert: &Certificate) -> Result<(Vec<u8>, Vec<u8>), Error> {
    Ok((
        cert.tbs_certificate.subject.to_der().map_err(malformed)?,
        cert.tbs_certificate.issuer.to_der().map_err(malformed)?,
    ))
}

/// How one transaction's requests are authenticated (and so how its answers must be).
pub(crate) enum Credentials<'a> {
    /// The codes of an application: senderKID and the MAC secret.
    Codes {
        /// The senderKID.
        sender_kid: &'a [u8],
        /// The MAC secret (never sent).
        secret: &'a [u8],
    },
    /// A certificate of this CA and its key (renewal, revocation).
    Certificate {
        /// The certificate, parsed.
        cert: &'a Certificate,
        /// The certificate, DER (sent in extraCerts).
        der: &'a [u8],
        /// Its key.
        key: &'a crate::keys::private_key::PrivateKey,
    },
}

/// One CMP transaction with a CA: a transactionID, the credentials that protect every
/// request, and the transport.
pub(crate) struct Transaction<'a> {
    transport: super::transport::CmpTransport,
    tx: [u8; 16],
    credentials: Credentials<'a>,
}

impl<'a> Transaction<'a> {
    /// A new transaction with a fresh ID.
    pub(crate) fn new(
        transport: super::transport::CmpTransport,
        tx: [u8; 16],
        credentials: Credentials<'a>,
    ) -> Self {
        Transaction {
            transport,
            tx,
            credentials,
        }
    }

    /// The protection the CA's answers in this transaction must carry.
    fn expected(&self) -> Protection<'_> {
        match &self.credentials {
            Credentials::Codes { secret, .. } => Protection::Mac(secret),
            Credentials::Certificate { cert, .. } => Protection::IssuerOf(cert),
        }
    }

    /// Protects `body`, sends it, and returns the answer once it is believed.
    /// `recip_nonce` is the senderNonce of the CA's previous answer in this transaction.
    pub(crate) fn send(
        &self,
        body: PkiBody,
        recip_nonce: Option<&[u8]>,
    ) -> Result<PkiMessage, Error> {
        let (answer, nonce) = self.exchange(body, recip_nonce)?;
        verify(&answer, self.expected(), &self.tx, nonce.as_deref())?;
        Ok(answer)
    }

    /// Protects `body` and sends it; the answer as it came, and our senderNonce.
    fn exchange(
        &self,
        body: PkiBody,
        recip_nonce: Option<&[u8]>,
    ) -> Result<(PkiMessage, Option<Vec<u8>>), Error> {
        use crate::cmp::protection::{PbmParameter, Protector};
        use crate::cmp::request;
        let (sender, recipient, kid) = match &self.credentials {
            Credentials::Codes { sender_kid, .. } => {
                (request::null_dn(), request::null_dn(), Some(*sender_kid))
            }
            Credentials::Certificate { cert, .. } => {
                let (subject, issuer) = names(cert)?;
                (
                    request::directory_name(&subject).map_err(protocol)?,
                    request::directory_name(&issuer).map_err(protocol)?,
                    None,
                )
            }
        };
        let header =
            request::header(sender, recipient, kid, &self.tx, recip_nonce).map_err(protocol)?;
        let nonce = header.sender_nonce().map(<[u8]>::to_vec);
        let message = match &self.credentials {
            Credentials::Codes { secret, .. } => protection::protect(
                header,
                body,
                None,
                &Protector::Mac {
                    secret,
                    params: PbmParameter::new_random().map_err(protocol)?,
                },
            ),
            Credentials::Certificate { der, key, .. } => {
                let extra = vec![
                    crate::cmp::message::CmpCertificate::from_der_bytes(der).map_err(malformed)?,
                ];
                protection::protect(header, body, Some(extra), &Protector::Signature { key })
            }
        }
        .map_err(protocol)?;
        Ok((self.transport.exchange(&message)?, nonce))
    }

    /// The certificate an `ip`/`kup` grants to certReqId 0, checked to carry `key`'s
    /// public key, with the CA certificates that came along (caPubs, extraCerts).
    pub(crate) fn certified(
        answer: &PkiMessage,
        key: &crate::keys::private_key::PrivateKey,
    ) -> Result<(Vec<u8>, Vec<Vec<u8>>), Error> {
        use crate::cmp::message::CertOrEncCert;
        let reply = match answer.body.value() {
            PkiBody::Ip(reply) | PkiBody::Kup(reply) => reply,
            other => {
                return Err(malformed(format!(
                    "expected ip or kup, got {}",
                    other.name()
                )));
            }
        };
        let response = reply
            .response
            .iter()
            .find(|r| r.cert_req_id == 0)
            .ok_or_else(|| malformed("no response for certReqId 0"))?;
        if !response.status.status.is_granted() {
            return Err(refusal(&response.status));
        }
        let cert_der = match response
            .certified_key_pair
            .as_ref()
            .map(|p| &p.cert_or_enc_cert)
        {
            Some(CertOrEncCert::Certificate(cert)) => cert.der().to_vec(),
            _ => return Err(malformed("no certificate in the response")),
        };
        // Our public key, or nothing is stored: a certificate for another key is useless.
        crate::custody::open_key_matches(key, &cert_der)?;
        let mut chain: Vec<Vec<u8>> = Vec::new();
        for cert in reply
            .ca_pubs
            .iter()
            .flatten()
            .chain(answer.extra_certs.iter().flatten())
        {
            if cert.der() != cert_der.as_slice() && !chain.iter().any(|c| c == cert.der()) {
                chain.push(cert.der().to_vec());
            }
        }
        Ok((cert_der, chain))
    }

    /// Sends certConf for `cert_der` (granted by `answer`) and waits for pkiConf; whether
    /// the CA confirmed. A lost connection is retried twice: the CA answers a repeated
    /// certConf of a committed certificate with failInfo certConfirmed, which is the
    /// confirmation that the first one arrived.
    pub(crate) fn confirm(&self, answer: &PkiMessage, cert_der: &[u8]) -> bool {
        use crate::cmp::FailureBit;
        let once = || -> Result<bool, Error> {
            let status = crate::cmp::message::CertStatus {
                cert_hash: der::asn1::OctetString::new(
                    protection::cert_hash(cert_der, None).map_err(protocol)?,
                )
                .map_err(malformed)?,
                cert_req_id: 0,
                status_info: None,
                hash_alg: None,
            };
            let (pki_conf, our_nonce) = self.exchange(
                PkiBody::CertConf(vec![status]),
                answer.header.value().sender_nonce(),
            )?;
            // Believed only when it is ours, like every other answer; a repeated certConf's
            // certConfirmed counts only when the CA's protection on it verifies.
            match verify(&pki_conf, self.expected(), &self.tx, our_nonce.as_deref()) {
                Ok(()) => Ok(matches!(pki_conf.body.value(), PkiBody::PkiConf)),
                Err(Error::CaRefused {
                    authenticated: true,
                    ..
                }) => Ok(matches!(pki_conf.body.value(), PkiBody::Error(content)
                    if content.pki_status_info.fail_info().contains(FailureBit::CertConfirmed))),
                Err(e) => Err(e),
            }
        };
        for attempt in 0..3u64 {
            if attempt > 0 {
                std::thread::sleep(std::time::Duration::from_millis(400 * attempt));
            }
            match once() {
                Ok(confirmed) => return confirmed,
                Err(Error::CaUnreachable { .. } | Error::CaHttpStatus { .. }) => continue,
                Err(_) => return false,
            }
        }
        false
    }
}
