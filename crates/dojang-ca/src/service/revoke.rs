//! Revocation: `rr` signed with the certificate to revoke → `rp`.

use super::*;

impl CmpService {
    pub(super) fn revoke(
        &self,
        message: &PkiMessage,
        details: &[RevDetails],
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let signer = self.signer(message)?;
        let refuse = |reason| Refuse::new(reason, Seal::Signature, RefusalBody::RevRep);
        let [detail] = details else {
            return Err(refuse(ReasonCode::BadRequest).detail("revoke exactly one certificate"));
        };
        let Some(serial) = detail.cert_details.serial_number.as_ref() else {
            return Err(refuse(ReasonCode::BadRequest)
                .bit(FailureBit::BadCertTemplate)
                .detail("the request names no certificate: certDetails has no serialNumber"));
        };
        if hex(serial.as_bytes()) != signer.serial {
            return Err(refuse(ReasonCode::BadRequest)
                .bit(FailureBit::NotAuthorized)
                .detail("a certificate can be revoked only with its own key"));
        }
        let reason = revocation_reason(detail).map_err(|detail| {
            refuse(ReasonCode::BadRequest)
                .bit(FailureBit::BadRequest)
                .detail(detail)
        })?;
        let response_header = self
            .response_header(Some(header), &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        let transaction = Transaction {
            id: header.transaction_id().unwrap_or_default().to_vec(),
            kind: TransactionKind::Revocation,
            application_id: None,
            old_serial: Some(signer.serial.clone()),
            sender_kid: header.sender_kid().unwrap_or_default().to_vec(),
            server_nonce: response_header.sender_nonce().unwrap_or_default().to_vec(),
            serial: None,
            cert_req_id: 0,
            created_at: now,
            expires_at: now,
            state: TransactionState::Closed,
        };
        let outcome = self
            .registry
            .revoke(&signer.serial, reason, now, Some(&transaction))
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?;
        match outcome {
            RevokeOutcome::Revoked => {}
            RevokeOutcome::AlreadyRevoked | RevokeOutcome::NotInForce => {
                return Err(refuse(ReasonCode::CertificateRevoked));
            }
            RevokeOutcome::Unknown => {
                return Err(refuse(ReasonCode::BadRequest).bit(FailureBit::BadCertId));
            }
            RevokeOutcome::TransactionIdInUse => {
                return Err(Refuse::from_cmp(
                    &CmpError::TransactionIdInUse,
                    Seal::Signature,
                ));
            }
        }
        let body = PkiBody::Rp(RevRepContent {
            status: vec![PkiStatusInfo::accepted()],
            rev_certs: None,
            crls: None,
        });
        let der = self
            .seal(response_header, body, &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        Ok((der, "revoked"))
    }
}

/// The reasonCode CRL entry extension of a revocation request (unspecified if absent),
/// kept as asked; what this CA does not do is refused with a reason: holds (a revocation
/// here is final, so there is nothing for removeFromCRL to take back) and unknown codes.
pub(super) fn revocation_reason(detail: &RevDetails) -> Result<RevocationReasonName, String> {
    let Some(extension) = detail
        .crl_entry_details
        .iter()
        .flatten()
        .find(|e| e.extn_id.to_string() == "2.5.29.21")
    else {
        return Ok(RevocationReasonName::Unspecified);
    };
    // CRLReason ::= ENUMERATED, one content octet.
    let [0x0a, 0x01, code] = extension.extn_value.as_bytes() else {
        return Err("the reasonCode extension is malformed".to_owned());
    };
    match code {
        6 => Err("certificateHold is not supported: a revocation here is final".to_owned()),
        8 => Err("removeFromCRL is not supported: this CA puts no certificate on hold".to_owned()),
        code => RevocationReasonName::from_code(*code)
            .ok_or_else(|| format!("{code} is not a CRLReason")),
    }
}
