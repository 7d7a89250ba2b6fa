//! Confirmation: `certConf` (or an `error` instead of one) → `pkiConf`; only now is an
//! enrolment or renewal committed, or its certificate withdrawn.

use super::*;

impl CmpService {
    /// certConf (or a client's error message, `statuses` none): authenticate as the
    /// transaction was, check nonce and hash, commit or withdraw, answer pkiConf.
    pub(super) fn confirm(
        &self,
        message: &PkiMessage,
        statuses: Option<&CertConfirmContent>,
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let transaction_id = header.transaction_id().unwrap_or_default();
        let unknown = || Refuse::from_cmp(&CmpError::UnknownTransaction, Seal::None);
        let transaction = self
            .registry
            .transaction(transaction_id)
            .map_err(|e| Refuse::unavailable(&e, Seal::None))?
            .ok_or_else(unknown)?;
        let seal = match transaction.kind {
            TransactionKind::Enrolment => {
                let application = transaction
                    .application_id
                    .map(|id| self.registry.application(id))
                    .transpose()
                    .map_err(|e| Refuse::unavailable(&e, Seal::None))?
                    .flatten()
                    .ok_or_else(unknown)?;
                let kid = transaction.sender_kid.as_slice();
                let (_, secret) = self
                    .credentials(kid)?
                    .filter(|(a, _)| a.id == application.id)
                    .ok_or_else(unknown)?;
                verify_mac(message, &secret).map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
                Seal::Mac(secret)
            }
            TransactionKind::Renewal => {
                let signer = self.signer(message)?;
                if Some(&signer.serial) != transaction.old_serial.as_ref() {
                    return Err(unknown());
                }
                Seal::Signature
            }
            TransactionKind::Revocation => return Err(unknown()),
        };
        if header.recip_nonce() != Some(transaction.server_nonce.as_slice()) {
            return Err(Refuse::from_cmp(&CmpError::NonceMismatch, seal));
        }
        let accepted = match statuses {
            None => false,
            Some(statuses) => {
                let [status] = statuses.as_slice() else {
                    return Err(
                        Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                            .detail("certConf must confirm exactly one certificate"),
                    );
                };
                let cert = transaction
                    .serial
                    .as_deref()
                    .map(|s| self.registry.certificate(s))
                    .transpose()
                    .map_err(|e| Refuse::unavailable(&e, Seal::None))?
                    .flatten()
                    .ok_or_else(unknown)?;
                let hash = cert_hash(&cert.der, status.hash_alg.as_ref())
                    .map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
                if status.cert_req_id != transaction.cert_req_id
                    || status.cert_hash.as_bytes() != hash.as_slice()
                {
                    return Err(
                        Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                            .bit(FailureBit::BadCertId)
                            .detail("certHash or certReqId does not match the certificate sent"),
                    );
                }
                status
                    .status_info
                    .as_ref()
                    .is_none_or(|s| s.status.is_granted())
            }
        };
        let outcome = self
            .registry
            .confirm(transaction_id, accepted, now)
            .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        let label = match outcome {
            ConfirmOutcome::Committed { revoked } => {
                for serial in revoked {
                    tracing::info!(serial = %serial, "previous certificate revoked by reissue");
                }
                "confirmed"
            }
            ConfirmOutcome::Rejected => "rejected-by-client",
            ConfirmOutcome::Expired => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                    .detail("the transaction expired before certConf came; the certificate was withdrawn"));
            }
            ConfirmOutcome::Closed(TransactionState::Confirmed) => {
                return Err(
                    Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                        .bit(FailureBit::CertConfirmed)
                        .detail("the certificate was already confirmed"),
                );
            }
            ConfirmOutcome::Closed(_) | ConfirmOutcome::Unknown => {
                return Err(
                    Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                        .detail("the transaction is closed"),
                );
            }
        };
        let response_header = self
            .response_header(Some(header), &seal)
            .map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
        let der = self
            .seal(response_header, PkiBody::PkiConf, &seal)
            .map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
        Ok((der, label))
    }
}
