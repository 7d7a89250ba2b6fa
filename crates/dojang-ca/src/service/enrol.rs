//! Enrolment: `ir` under either code pair → `ip`, the certificate made from the
//! application (the request's key, POP and randomNum checked); the application is
//! consumed only by the certConf (`confirm`).

use super::*;

/// Where a certificate about to be granted comes from.
pub(super) enum Origin<'a> {
    /// A new application, by its registry ID.
    Application(i64),
    /// The renewal of the certificate with this serial number (hex).
    Renewal(&'a str),
}

/// The request a certificate is about to be granted for, as the registry keeps it.
pub(super) struct Pending<'a> {
    pub transaction_id: &'a [u8],
    pub request_header: &'a PkiHeader,
    pub response_header: &'a PkiHeader,
    pub cert_req_id: i64,
    pub origin: Origin<'a>,
    /// The holder's ID number as the registry keeps it.
    pub id_number: &'a str,
}

impl CmpService {
    /// The application and MAC secret a senderKID names: the reference number (secret:
    /// the authorization code) or `T` + application number (secret: the temporary code
    /// followed by the ID digits). The secret is made by dojang-core's [`EnrolmentCodes`],
    /// the same code the app's client uses.
    pub(super) fn credentials(
        &self,
        kid: &[u8],
    ) -> Step<Option<(Application, Zeroizing<Vec<u8>>)>> {
        let Ok(kid) = std::str::from_utf8(kid) else {
            return Ok(None);
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let lookup = |found: crate::error::Result<Option<Application>>| {
            found.map_err(|e| Refuse::unavailable(&e, Seal::None))
        };
        let application = if kid.len() == REFERENCE_NUMBER_LEN && all_digits(kid) {
            lookup(self.registry.application_by_reference(kid))?
        } else if let Some(number) = kid.strip_prefix('T')
            && all_digits(number)
        {
            lookup(self.registry.application_by_number(number))?
        } else {
            None
        };
        let Some(application) = application else {
            return Ok(None);
        };
        let d = &application.details;
        let codes = if kid.starts_with('T') {
            (|| {
                Ok::<_, dojang_core::Error>(EnrolmentCodes::Temporary {
                    application: ApplicationNumber::parse(&d.application_number)?,
                    code: TemporaryCode::parse(&d.temporary_code)?,
                    id_number: IdNumber::parse(&d.id_number)?,
                })
            })()
        } else {
            RegistrationNumber::parse(&format!("{}{}", d.reference_number, d.authorization_code))
                .map(EnrolmentCodes::Registration)
        };
        let codes = codes.map_err(|e| {
            Refuse::unavailable(
                &CaError::certificate(format!("stored codes: {e}")),
                Seal::None,
            )
        })?;
        debug_assert_eq!(codes.sender_kid(), kid.as_bytes());
        Ok(Some((application, codes.mac_secret())))
    }

    /// The application whose codes MAC-protect `message`, and their secret, once the MAC
    /// checks out. The check is reserved first: concurrent guesses cannot pass the limit,
    /// and once it is reached no code is checked at all, so a locked application answers a
    /// right code and a wrong one alike (no oracle for the ID number). Every refusal here
    /// is unprotected: nothing was authenticated.
    pub(super) fn check_codes(
        &self,
        message: &PkiMessage,
    ) -> Step<(Application, Zeroizing<Vec<u8>>)> {
        let wrong_code = || Refuse::new(ReasonCode::WrongCode, Seal::None, RefusalBody::Error);
        let kid = message.header.value().sender_kid().unwrap_or_default();
        let Some((application, secret)) = self.credentials(kid)? else {
            return Err(wrong_code());
        };
        match self
            .registry
            .reserve_attempt(application.id)
            .map_err(|e| Refuse::unavailable(&e, Seal::None))?
        {
            Reservation::Reserved => {}
            Reservation::Locked => {
                return Err(Refuse::new(
                    ReasonCode::TooManyAttempts,
                    Seal::None,
                    RefusalBody::Error,
                ));
            }
            Reservation::Busy => {
                return Err(
                    Refuse::new(ReasonCode::Unavailable, Seal::None, RefusalBody::Error)
                        .bit(FailureBit::SystemUnavail)
                        .detail(
                            "other checks of this application's codes are under way; try again",
                        ),
                );
            }
        }
        let checked = verify_mac(message, &secret);
        if checked.is_ok() {
            self.registry
                .release_attempt(application.id)
                .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        } else {
            self.registry
                .settle_failed_attempt(application.id)
                .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        }
        match checked {
            Ok(()) => Ok((application, secret)),
            Err(CmpError::BadProtection) => Err(wrong_code()),
            Err(other) => Err(Refuse::from_cmp(&other, Seal::None)),
        }
    }

    pub(super) fn enrol(
        &self,
        message: &PkiMessage,
        requests: &[CertReqMsg],
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        if !is_mac_protected(message) {
            return Err(Refuse::from_cmp(&CmpError::WrongProtectionKind, Seal::None)
                .detail("ir must be protected by PasswordBasedMac with the application's code"));
        }
        let (application, secret) = self.check_codes(message)?;
        let seal = || Seal::Mac(secret.clone());
        let refuse = |reason| Refuse::new(reason, seal(), RefusalBody::CertRep { renewal: false });
        let transaction_id = header.transaction_id().unwrap_or_default();
        if self
            .registry
            .transaction_exists(transaction_id)
            .map_err(|e| Refuse::unavailable(&e, seal()))?
        {
            return Err(Refuse::from_cmp(&CmpError::TransactionIdInUse, seal()));
        }
        if application.state == ApplicationState::Locked {
            return Err(refuse(ReasonCode::TooManyAttempts));
        }
        if application.is_expired(now) {
            return Err(refuse(ReasonCode::ApplicationExpired));
        }
        if application.state == ApplicationState::Issued {
            return Err(refuse(ReasonCode::AlreadyIssued));
        }
        let id_number = IdNumber::parse(&application.details.id_number).map_err(|_| {
            Refuse::unavailable(
                &CaError::certificate("stored ID number is malformed"),
                seal(),
            )
        })?;
        let subscriber = Subscriber {
            name: application.details.name.clone(),
            cn_serial: format!(
                "00{}",
                digits(14).map_err(|e| Refuse::unavailable(&e, seal()))?
            ),
            id_number,
        };
        let request = single_request(requests, seal(), false)?;
        let cert = self.certify(request, &subscriber, now, seal(), false)?;
        let response_header = self
            .response_header(Some(header), &seal())
            .map_err(|e| Refuse::from_cmp(&e, seal()))?;
        let (transaction, record) = self.pending(
            Pending {
                transaction_id,
                request_header: header,
                response_header: &response_header,
                cert_req_id: request.cert_req.cert_req_id,
                origin: Origin::Application(application.id),
                id_number: &application.details.id_number,
            },
            &subscriber,
            &cert,
            now,
        );
        match self
            .registry
            .begin_enrolment(&transaction, &record, now)
            .map_err(|e| Refuse::unavailable(&e, seal()))?
        {
            Ok(()) => {}
            Err(refusal) => return Err(self.refusal_of(refusal, seal(), false)),
        }
        let body = self.granted(request, &cert.der, false)?;
        let der = self
            .seal(response_header, body, &seal())
            .map_err(|e| Refuse::from_cmp(&e, seal()))?;
        Ok((der, "issued"))
    }

    /// What an issuance or a renewal about to be answered records: its transaction, waiting
    /// for the certConf, and its certificate, pending until then.
    pub(super) fn pending(
        &self,
        pending: Pending<'_>,
        subscriber: &Subscriber,
        cert: &crate::authority::IssuedCertificate,
        now: OffsetDateTime,
    ) -> (Transaction, CertificateRecord) {
        let (kind, application_id, renewed_from) = match pending.origin {
            Origin::Application(id) => (TransactionKind::Enrolment, Some(id), None),
            Origin::Renewal(old) => (TransactionKind::Renewal, None, Some(old.to_owned())),
        };
        let transaction = Transaction {
            id: pending.transaction_id.to_vec(),
            kind,
            application_id,
            old_serial: renewed_from.clone(),
            sender_kid: pending
                .request_header
                .sender_kid()
                .unwrap_or_default()
                .to_vec(),
            server_nonce: pending
                .response_header
                .sender_nonce()
                .unwrap_or_default()
                .to_vec(),
            serial: Some(cert.serial.clone()),
            cert_req_id: pending.cert_req_id,
            created_at: now,
            expires_at: now + self.config.confirm_timeout,
            state: TransactionState::Pending,
        };
        let record = CertificateRecord {
            serial: cert.serial.clone(),
            application_id,
            renewed_from,
            name: subscriber.name.clone(),
            id_number: pending.id_number.to_owned(),
            cn_serial: subscriber.cn_serial.clone(),
            subject: subscriber.subject(),
            der: cert.der.clone(),
            not_before: now,
            not_after: now + self.config.validity,
            state: CertificateState::Pending,
            revoked_at: None,
            revocation_reason: None,
        };
        (transaction, record)
    }

    /// Checks one certificate request (POP, key, randomNum) and makes its certificate.
    pub(super) fn certify(
        &self,
        request: &CertReqMsg,
        subscriber: &Subscriber,
        now: OffsetDateTime,
        seal: Seal,
        renewal: bool,
    ) -> Step<crate::authority::IssuedCertificate> {
        let body = RefusalBody::CertRep { renewal };
        let spki = match verify_pop(request) {
            Ok(spki) => spki.clone(),
            Err(CmpError::MissingField { field }) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadCertTemplate)
                    .detail(format!("missing {field}")));
            }
            Err(e @ CmpError::UnsupportedAlgorithm { .. }) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadAlg)
                    .detail(e.to_string()));
            }
            Err(e) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadPop)
                    .detail(e.to_string()));
            }
        };
        let spki_der = der::Encode::to_der(&spki).map_err(|e| {
            Refuse::new(ReasonCode::BadRequest, Seal::None, body).detail(e.to_string())
        });
        let spki_der = match spki_der {
            Ok(der) => der,
            Err(refuse) => return Err(Refuse { seal, ..refuse }),
        };
        if let Err(detail) = acceptable_key(&spki_der) {
            return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                .bit(FailureBit::BadCertTemplate)
                .detail(detail));
        }
        let random = match random_num(request) {
            Ok(random) => random,
            Err(e) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body).detail(e.to_string()));
            }
        };
        let issued = self.authority.issue(&IssueRequest {
            subscriber,
            public_key: &spki_der,
            random_num: random.as_deref(),
            not_before: now,
            not_after: now + self.config.validity,
        });
        match issued {
            Ok(cert) => Ok(cert),
            Err(CaError::InvalidArgument { detail, .. }) => {
                Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadCertTemplate)
                    .detail(detail))
            }
            Err(e) => Err(Refuse::unavailable(&e, seal)),
        }
    }

    /// The `ip`/`kup` granting `cert_der` to `request`: "accepted" when the certificate is
    /// what was asked, "grantedWithMods" (RFC 4210 §5.2.3) when the CA changed something
    /// the template asked for (its subject, validity or extensions).
    pub(super) fn granted(
        &self,
        request: &CertReqMsg,
        cert_der: &[u8],
        renewal: bool,
    ) -> Step<PkiBody> {
        let certificate = CmpCertificate::from_der_bytes(cert_der)
            .map_err(|e| Refuse::unavailable(&CaError::certificate(e), Seal::None))?;
        let status = if modified(&request.cert_req.value().cert_template, cert_der) {
            PkiStatusInfo {
                status: PkiStatus::GRANTED_WITH_MODS,
                status_string: None,
                fail_info: None,
            }
        } else {
            PkiStatusInfo::accepted()
        };
        let content = CertRepMessage {
            ca_pubs: Some(vec![self.root.clone()]),
            response: vec![CertResponse {
                cert_req_id: request.cert_req.value().cert_req_id,
                status,
                certified_key_pair: Some(CertifiedKeyPair {
                    cert_or_enc_cert: CertOrEncCert::Certificate(certificate),
                    private_key: None,
                    publication_info: None,
                }),
                rsp_info: None,
            }],
        };
        Ok(if renewal {
            PkiBody::Kup(content)
        } else {
            PkiBody::Ip(content)
        })
    }
}

pub(super) fn single_request(
    requests: &[CertReqMsg],
    seal: Seal,
    renewal: bool,
) -> Step<&CertReqMsg> {
    match requests {
        [one] => Ok(one),
        _ => Err(Refuse::new(
            ReasonCode::BadRequest,
            seal,
            RefusalBody::CertRep { renewal },
        )
        .detail("exactly one certificate request is accepted")),
    }
}

/// RSA keys of 2048 bits or more and EC keys are certified.
pub(super) fn acceptable_key(spki_der: &[u8]) -> Result<(), String> {
    use x509_parser::prelude::FromDer;
    use x509_parser::public_key::PublicKey;
    let (_, spki) =
        x509_parser::x509::SubjectPublicKeyInfo::from_der(spki_der).map_err(|e| e.to_string())?;
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) if rsa.key_size() >= 2048 => Ok(()),
        Ok(PublicKey::RSA(rsa)) => Err(format!("RSA-{} is too small", rsa.key_size())),
        Ok(PublicKey::EC(_)) => Ok(()),
        Ok(_) => Err("unsupported key algorithm".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether the certificate `cert_der` differs from what `template` asked for: a subject
/// that is not empty, a validity, or an extension the certificate does not carry as asked.
pub(super) fn modified(template: &dojang_core::cmp::crmf::CertTemplate, cert_der: &[u8]) -> bool {
    let Ok(cert) = x509_cert::Certificate::from_der(cert_der) else {
        return true;
    };
    let tbs = &cert.tbs_certificate;
    let subject_changed = template
        .subject
        .as_ref()
        .is_some_and(|asked| !asked.0.is_empty() && *asked != tbs.subject);
    let validity_asked = template
        .validity
        .as_ref()
        .is_some_and(|v| v.not_before.is_some() || v.not_after.is_some());
    let extensions_changed = template.extensions.iter().flatten().any(|asked| {
        !tbs.extensions
            .iter()
            .flatten()
            .any(|issued| issued == asked)
    });
    subject_changed || validity_asked || extensions_changed
}
