//! Renewal: `kur` signed with the certificate it renews, in its last 30 days → `kup`.

use super::enrol::{Origin, Pending, single_request};
use super::*;

/// id-regCtrl-oldCertID (RFC 4211 §6.5): which certificate a `kur` renews.
const OLD_CERT_ID_OID: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.5.1.5");

impl CmpService {
    /// The certificate of this CA that signed a request (the first extraCerts entry), with
    /// the signature checked against the key the registry holds for it.
    pub(super) fn signer(&self, message: &PkiMessage) -> Step<CertificateRecord> {
        if is_mac_protected(message) || message.header.protection_alg.is_none() {
            return Err(
                Refuse::from_cmp(&CmpError::WrongProtectionKind, Seal::Signature)
                    .detail("kur and rr must be signed with the certificate's key"),
            );
        }
        let untrusted = || {
            Refuse::new(ReasonCode::BadRequest, Seal::Signature, RefusalBody::Error)
                .bit(FailureBit::SignerNotTrusted)
                .detail("the signer is not a certificate of this CA")
        };
        let signer_der = message
            .extra_certs
            .as_ref()
            .and_then(|certs| certs.first())
            .ok_or_else(untrusted)?
            .der();
        let signer = certificate_parts(signer_der).map_err(|_| untrusted())?;
        let serial = hex(signer.tbs_certificate.serial_number.as_bytes());
        let record = self
            .registry
            .certificate(&serial)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
            .filter(|r| r.der == signer_der)
            .ok_or_else(untrusted)?;
        verify_signature_protection(message, &signer.tbs_certificate.subject_public_key_info)
            .map_err(|e| {
                Refuse::new(ReasonCode::BadRequest, Seal::Signature, RefusalBody::Error)
                    .bit(e.fail_bit())
                    .detail(e.to_string())
            })?;
        Ok(record)
    }

    /// A `kur` that names the certificate it renews (the oldCertID control, RFC 4211
    /// §6.5) must name the one that signed it, issued by this CA.
    fn check_old_cert_id(&self, request: &CertReqMsg, signer: &CertificateRecord) -> Step<()> {
        let refuse = |detail: &str| {
            Refuse::new(
                ReasonCode::BadRequest,
                Seal::Signature,
                RefusalBody::CertRep { renewal: true },
            )
            .bit(FailureBit::BadCertId)
            .detail(detail)
        };
        let Some(control) = request
            .cert_req
            .controls
            .iter()
            .flatten()
            .find(|c| c.oid == OLD_CERT_ID_OID)
        else {
            return Ok(());
        };
        let named: dojang_core::cmp::crmf::CertId = control
            .value
            .decode_as()
            .map_err(|_| refuse("the oldCertID control is malformed"))?;
        let ours = match &named.issuer {
            GeneralName::DirectoryName(issuer) => certificate_parts(self.authority.issuing_der())
                .is_ok_and(|ca| ca.tbs_certificate.subject == *issuer),
            _ => false,
        };
        if !ours {
            return Err(refuse(
                "the certificate named in oldCertID was not issued by this CA",
            ));
        }
        if hex(named.serial_number.as_bytes()) != signer.serial {
            return Err(refuse(
                "the certificate named in oldCertID is not the one that signed the request",
            ));
        }
        Ok(())
    }

    pub(super) fn renew(
        &self,
        message: &PkiMessage,
        requests: &[CertReqMsg],
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let old = self.signer(message)?;
        let refuse = |reason| {
            Refuse::new(
                reason,
                Seal::Signature,
                RefusalBody::CertRep { renewal: true },
            )
        };
        let transaction_id = header.transaction_id().unwrap_or_default();
        if self
            .registry
            .transaction_exists(transaction_id)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
        {
            return Err(Refuse::from_cmp(
                &CmpError::TransactionIdInUse,
                Seal::Signature,
            ));
        }
        match old.state {
            CertificateState::Valid => {}
            CertificateState::Revoked | CertificateState::Withdrawn => {
                return Err(refuse(ReasonCode::CertificateRevoked));
            }
            CertificateState::Pending => {
                return Err(refuse(ReasonCode::BadRequest)
                    .detail("the certificate has not been confirmed yet"));
            }
        }
        if now >= old.not_after {
            return Err(refuse(ReasonCode::RenewalNotDue)
                .detail("the certificate has expired: apply for a new one"));
        }
        if now < old.not_after - self.config.renewal_window {
            return Err(refuse(ReasonCode::RenewalNotDue).detail(format!(
                "renewal opens {}",
                (old.not_after - self.config.renewal_window)
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default()
            )));
        }
        let id_number = IdNumber::parse(&old.id_number).map_err(|_| {
            Refuse::unavailable(
                &CaError::certificate("stored ID number is malformed"),
                Seal::Signature,
            )
        })?;
        let subscriber = Subscriber {
            name: old.name.clone(),
            cn_serial: old.cn_serial.clone(),
            id_number,
        };
        let request = single_request(requests, Seal::Signature, true)?;
        self.check_old_cert_id(request, &old)?;
        let cert = self.certify(request, &subscriber, now, Seal::Signature, true)?;
        let response_header = self
            .response_header(Some(header), &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        let (transaction, record) = self.pending(
            Pending {
                transaction_id,
                request_header: header,
                response_header: &response_header,
                cert_req_id: request.cert_req.cert_req_id,
                origin: Origin::Renewal(&old.serial),
                id_number: &old.id_number,
            },
            &subscriber,
            &cert,
            now,
        );
        if let Err(refusal) = self
            .registry
            .begin_renewal(&transaction, &record, now)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
        {
            return Err(self.refusal_of(refusal, Seal::Signature, true));
        }
        let body = self.granted(request, &cert.der, true)?;
        let der = self
            .seal(response_header, body, &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        Ok((der, "renewed"))
    }
}
