//! Enrolment (발급, 재발급): from the codes a person typed to a stored certificate, over
//! CMP `ir` → `ip` → `certConf` → `pkiConf` (docs/cmp-profile.md).
//!
//! Never lose a key, never strand a code: the key is saved as pending before the `ir`
//! leaves; the certificate and key are committed to the chosen store before `certConf`
//! (the CA commits only on `certConf`), and the pending key is then removed. A drop
//! before the store write leaves the pending key, which a retry with the same codes
//! reuses; the CA lets the unconfirmed transaction lapse, so the retry succeeds.

use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;
use zeroize::Zeroizing;

use super::answer::{self, Credentials, Transaction, protocol};
use super::invitation::ApprovedCa;
use super::pending::{Attempt, PendingKeys};
use super::transport::CmpTransport;
use crate::Error;
use crate::cmp::PkiBody;
use crate::cmp::request;
use crate::codes::EnrolmentCodes;
use crate::custody;
use crate::keys::private_key::{KeyType, PrivateKey, generate};
use crate::password::CertificatePassword;
use crate::secret::Secret;
use crate::store::{CertificateFiles, Store};

/// The steps of an issuance, reported as they start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Step {
    /// The codes are checked (locally, before anything is sent).
    CheckingCodes,
    /// The key pair is generated (or an interrupted attempt's key taken up again).
    GeneratingKey,
    /// The request goes to the CA.
    ContactingCa,
    /// The CA's answer is checked: protection, transaction, our key in the certificate.
    ReceivingCertificate,
    /// The certificate and key are written to the chosen store.
    Saving,
    /// The CA is told the certificate arrived.
    Confirming,
}

/// The codes as a person gives them, on either path of docs/cmp-profile.md; [`IssuePath::codes`]
/// parses them (each mistake its own error). The codes and the ID number are [`Secret`]s:
/// zeroized, and never shown by `Debug`.
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum IssuePath {
    /// With a registration number (등록번호).
    Registration {
        /// The 27 characters, as typed.
        registration_number: Secret,
    },
    /// With the issuance e-mail: application number, temporary code and ID number.
    Temporary {
        /// The application number (신청번호).
        application: String,
        /// The 10-character temporary code (발급용 임시번호).
        temp_code: Secret,
        /// The resident or business registration number.
        id_number: Secret,
    },
}

impl IssuePath {
    /// The parsed codes, or the first mistake in the order the form shows the fields.
    pub fn codes(&self) -> Result<EnrolmentCodes, Error> {
        use crate::codes::{ApplicationNumber, IdNumber, RegistrationNumber, TemporaryCode};
        match self {
            IssuePath::Registration {
                registration_number,
            } => Ok(EnrolmentCodes::Registration(RegistrationNumber::parse(
                registration_number.expose(),
            )?)),
            IssuePath::Temporary {
                application,
                temp_code,
                id_number,
            } => Ok(EnrolmentCodes::Temporary {
                application: ApplicationNumber::parse(application)?,
                code: TemporaryCode::parse(temp_code.expose())?,
                id_number: IdNumber::parse(id_number.expose())?,
            }),
        }
    }

    /// Every mistake, field by field, for a form that checks as the user types.
    pub fn mistakes(&self) -> Vec<crate::ErrorInfo> {
        use crate::codes::{ApplicationNumber, IdNumber, RegistrationNumber, TemporaryCode};
        let mut out = Vec::new();
        let mut note = |r: Result<(), Error>| {
            if let Err(e) = r {
                out.push(e.info());
            }
        };
        match self {
            IssuePath::Registration {
                registration_number,
            } => note(RegistrationNumber::parse(registration_number.expose()).map(drop)),
            IssuePath::Temporary {
                application,
                temp_code,
                id_number,
            } => {
                note(ApplicationNumber::parse(application).map(drop));
                note(TemporaryCode::parse(temp_code.expose()).map(drop));
                note(IdNumber::parse(id_number.expose()).map(drop));
            }
        }
        out
    }
}

/// Where the key comes from.
pub enum KeySource {
    /// Generate a fresh key of this type (with a randomNum).
    Generate(KeyType),
    /// A fresh key generated ahead ([`PreparedKey`](crate::keys::prepared::PreparedKey)),
    /// used like [`KeySource::Generate`]'s: a retry still takes up the key it saved.
    Prepared(PrivateKey),
    /// Use this key (e.g. one a test harness had certified in advance).
    Existing(PrivateKey),
}

/// Everything an issuance needs.
pub struct EnrolmentRequest {
    /// The CA, as the distribution approved it (with the roots pinned for it).
    pub ca: ApprovedCa,
    /// The registration number, or the temporary code with its application and ID number.
    pub codes: EnrolmentCodes,
    /// The certificate password the user chose (already checked against the rules).
    pub password: CertificatePassword,
    /// The key.
    pub key: KeySource,
}

/// A finished issuance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Enrolled {
    /// The new certificate's ID.
    pub id: String,
    /// The NPKI folder it was written to, or null for the keychain.
    #[ts(type = "string | null")]
    pub path: Option<std::path::PathBuf>,
    /// Whether the CA confirmed (pkiConf). When false the certificate is stored and usable,
    /// but the CA did not hear the confirmation; it may issue again for the same codes.
    pub confirmed: bool,
    /// The CA certificates that came with it (caPubs and extraCerts), DER.
    #[serde(skip)]
    #[ts(skip)]
    pub chain: Vec<Vec<u8>>,
}

/// `CN=<senderKID>`: the template subject of a request whose real subject the CA decides.
fn placeholder_subject(sender_kid: &str) -> Result<x509_cert::name::Name, Error> {
    use std::str::FromStr as _;
    let cn: String = sender_kid
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    x509_cert::name::Name::from_str(&format!("CN={cn}")).map_err(|e| Error::CaResponseMalformed {
        detail: e.to_string(),
    })
}

/// Runs an issuance into `store`, reporting each step to `progress`.
pub fn enrol(
    request: EnrolmentRequest,
    store: &dyn Store,
    pending: &PendingKeys,
    progress: &mut dyn FnMut(Step),
) -> Result<Enrolled, Error> {
    progress(Step::CheckingCodes);
    let secret = request.codes.mac_secret();
    let sender_kid = request.codes.sender_kid();
    let sender_kid_text = String::from_utf8_lossy(&sender_kid).into_owned();
    let ca = request.ca.url().to_string();
    let now = OffsetDateTime::now_utc();
    pending.clean_up(now, store);
    let transport = CmpTransport::new(&request.ca)?;

    progress(Step::GeneratingKey);
    let earlier = pending.find(&ca, &sender_kid_text, store);
    // A retry after an interruption takes up the key it saved, if the password opens it.
    let taken_up = || match &earlier {
        Some((_, file)) => match crate::keys::encrypted::decrypt(file, request.password.as_bytes())
        {
            Ok((plain, _)) => PrivateKey::from_pkcs8_der(plain.to_vec()).map(Some),
            Err(_) => Ok(None),
        },
        None => Ok(None),
    };
    let key = match request.key {
        KeySource::Existing(key) => key,
        KeySource::Prepared(fresh) => taken_up()?.unwrap_or(fresh),
        KeySource::Generate(key_type) => match taken_up()? {
            Some(earlier) => earlier,
            None => generate(key_type)?,
        },
    };
    let key_file = Zeroizing::new(custody::encrypt_key(&key, &request.password)?);
    let tx = answer::transaction_id()?;
    let attempt = Attempt {
        ca: ca.clone(),
        sender_kid: sender_kid_text.clone(),
        started: now,
    };
    pending.save(&tx, &attempt, &key_file, store)?;
    if let Some((name, _)) = earlier {
        // The key now lives under this attempt's folder.
        let _ = pending.remove(&name, store);
    }
    let pending_name = crate::cert::hex(&tx, "");

    progress(Step::ContactingCa);
    let transaction = Transaction::new(
        transport,
        tx,
        Credentials::Codes {
            sender_kid: &sender_kid,
            secret: &secret,
        },
    );
    // The CA takes the subject from the application; the template still names one,
    // because proof of possession without poposkInput needs a subject (RFC 4211 §4.1).
    let subject = placeholder_subject(&sender_kid_text)?;
    let body = PkiBody::Ir(vec![
        request::cert_req_msg(&key, 0, Some(subject), None).map_err(protocol)?,
    ]);
    let ip = transaction.send(body, None)?;

    progress(Step::ReceivingCertificate);
    let (cert_der, chain) = Transaction::certified(&ip, &key)?;
    answer::verify_chain(&cert_der, &chain, request.ca.pins())?;

    progress(Step::Saving);
    let files = CertificateFiles {
        sign_cert: cert_der.clone(),
        sign_key: key_file,
        km: None,
    };
    let id = files.id();
    let book = pending.ca_book();
    let path = match store.save(&files, false) {
        Ok(path) => path,
        // The folder holds an earlier issuance of these codes that the CA never confirmed
        // (and so withdrew): this one takes its place.
        Err(Error::AlreadyStored { path: existing })
            if std::fs::read(existing.join("signCert.der"))
                .is_ok_and(|der| book.is_unconfirmed(&crate::cert::certificate_id(&der))) =>
        {
            store.save(&files, true)?
        }
        Err(e) => return Err(e),
    };
    let _ = pending.remove(&pending_name, store);
    // Renewal and revocation go back to this CA; the viewer shows the chain.
    let _ = book.remember(&id, &ca, &chain);

    progress(Step::Confirming);
    let confirmed = transaction.confirm(&ip, &cert_der);
    if confirmed {
        // Earlier issuances of these codes that the CA never confirmed were withdrawn:
        // this one replaces them.
        for earlier in book.unconfirmed_for(&ca, &sender_kid_text) {
            if earlier != id && store.load(&earlier).is_ok() {
                let _ = store.delete(&earlier);
            }
            book.forget_unconfirmed(&earlier);
        }
    } else {
        let _ = book.note_unconfirmed(&id, &ca, &sender_kid_text);
    }
    Ok(Enrolled {
        id,
        path,
        confirmed,
        chain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_as_typed_never_show_in_debug_output() {
        let path: IssuePath = serde_json::from_str(
            r#"{"kind":"temporary","application":"20261125001","temp_code":"aB3dE6gH9j","id_number":"900101-1234567"}"#,
        )
        .unwrap();
        let shown = format!("{path:?}");
        assert!(shown.contains("20261125001"), "{shown}");
        assert!(
            !shown.contains("aB3d") && !shown.contains("900101"),
            "{shown}"
        );
        let parsed = format!("{:?}", path.codes().unwrap());
        assert!(
            !parsed.contains("aB3d") && !parsed.contains("1234567"),
            "{parsed}"
        );
        let registration: IssuePath = serde_json::from_str(
            r#"{"kind":"registration","registration_number":"12345678AbCdEfGhIjKlMnOpQrS"}"#,
        )
        .unwrap();
        assert!(!format!("{registration:?}").contains("AbCd"));
        assert!(!format!("{:?}", registration.codes().unwrap()).contains("AbCd"));
    }
}
