//! Renewal: `kur` signed with the certificate it renews, in its last 30 days → `kup`.

use super::enrol::single_request;
use super::*;

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
        let cert = self.certify(request, &subscriber, now, Seal::Signature, true)?;
        let response_header = self
            .response_header(Some(header), &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        let transaction = Transaction {
            id: transaction_id.to_vec(),
            kind: TransactionKind::Renewal,
            application_id: None,
            old_serial: Some(old.serial.clone()),
            sender_kid: header.sender_kid().unwrap_or_default().to_vec(),
            server_nonce: response_header.sender_nonce().unwrap_or_default().to_vec(),
            serial: Some(cert.serial.clone()),
            cert_req_id: request.cert_req.cert_req_id,
            created_at: now,
            expires_at: now + self.config.confirm_timeout,
            state: TransactionState::Pending,
        };
        let record = CertificateRecord {
            serial: cert.serial.clone(),
            application_id: None,
            renewed_from: Some(old.serial.clone()),
            name: old.name.clone(),
            id_number: old.id_number.clone(),
            cn_serial: old.cn_serial.clone(),
            subject: subscriber.subject(),
            der: cert.der.clone(),
            not_before: now,
            not_after: now + self.config.validity,
            state: CertificateState::Pending,
            revoked_at: None,
            revocation_reason: None,
        };
        if let Err(refusal) = self
            .registry
            .begin_renewal(&transaction, &record, now)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
        {
            return Err(self.refusal_of(refusal, Seal::Signature, true));
        }
        let body = self.granted(request.cert_req.cert_req_id, &cert.der, true)?;
        let der = self
            .seal(response_header, body, &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        Ok((der, "renewed"))
    }
}
