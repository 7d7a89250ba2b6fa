//! Renewal (갱신): `kur` → `kup` → `certConf` → `pkiConf`, signed with the current key
//! and certificate, in the last 30 days of the certificate's validity (docs/cmp-profile.md).
//!
//! A fresh key (same type, fresh randomNum) replaces the old one. Nothing is lost on the
//! way: the new key is pending before the `kur` leaves; in an NPKI folder, where the
//! renewed certificate takes the old one's place, the old pair is first copied to the
//! app's own store; the old pair is removed only after the CA confirmed the new one.

use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::answer::{self, Credentials, Transaction, malformed, protocol};
use super::invitation::ApprovedCa;
use super::pending::{Attempt, PendingKeys};
use super::transport::CmpTransport;
use super::{Enrolled, Step};
use crate::Error;
use crate::cert::EXPIRY_WARNING_DAYS;
use crate::cmp::crmf::CertId;
use crate::cmp::{PkiBody, request};
use crate::custody;
use crate::keys::private_key::generate;
use crate::password::CertificatePassword;
use crate::store::{CertificateFiles, Store, StoreKind};

/// id-regCtrl-oldCertID (RFC 4211 §6.5): which certificate a `kur` renews.
const OLD_CERT_ID_OID: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.5.1.5");

/// Everything a renewal needs.
pub struct RenewalRequest {
    /// The CA (the one the certificate came from), as the distribution approved it.
    pub ca: ApprovedCa,
    /// The certificate to renew (its ID in the store).
    pub id: String,
    /// Its password; the new key is kept under the same one.
    pub password: CertificatePassword,
}

/// Whether a certificate valid until `not_after` may be renewed at `now`.
pub fn check_window(
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(), Error> {
    if now >= not_after || now < not_before {
        return Err(Error::RenewalExpired);
    }
    let opens = not_after - time::Duration::days(EXPIRY_WARNING_DAYS);
    if now < opens {
        return Err(Error::RenewalTooEarly {
            days_left: (not_after - now).whole_days(),
            // Rounded up: "opens in 3 days" while 2 days and 5 hours remain.
            opens_in_days: ((opens - now).whole_seconds() + 86_399) / 86_400,
        });
    }
    Ok(())
}

/// Renews certificate `request.id` of `store`. `keep` is the app's own store, where the
/// old pair is kept until the CA confirmed the new one when `store` replaces it in place.
pub fn renew(
    request: RenewalRequest,
    store: &dyn Store,
    keep: &dyn Store,
    pending: &PendingKeys,
    progress: &mut dyn FnMut(Step),
) -> Result<Enrolled, Error> {
    let now = OffsetDateTime::now_utc();
    let old = store.load(&request.id)?;
    let old_id = old.id();
    let old_key = custody::open_key(&old, &request.password)?;
    let old_cert = Certificate::from_der(&old.sign_cert).map_err(|e| Error::NotACertificate {
        path: Default::default(),
        detail: e.to_string(),
    })?;
    let summary =
        crate::cert::CertificateSummary::from_der(&old.sign_cert, std::path::Path::new(""), now)?;
    check_window(summary.not_before, summary.not_after, now)?;
    let ca = request.ca.url().to_string();
    let transport = CmpTransport::new(&request.ca)?;

    progress(Step::GeneratingKey);
    let key = generate(old_key.algorithm()?)?;
    let key_file = Zeroizing::new(custody::encrypt_key(&key, &request.password)?);
    let tx = answer::transaction_id()?;
    pending.save(
        &tx,
        &Attempt {
            ca: ca.clone(),
            sender_kid: format!("renew:{old_id}"),
            started: now,
        },
        &key_file,
        store,
    )?;
    let pending_name = crate::cert::hex(&tx, "");

    progress(Step::ContactingCa);
    let transaction = Transaction::new(
        transport,
        tx,
        Credentials::Certificate {
            cert: &old_cert,
            der: &old.sign_cert,
            key: &old_key,
        },
    );
    let old_cert_id = CertId {
        issuer: request::directory_name(
            &old_cert
                .tbs_certificate
                .issuer
                .to_der()
                .map_err(malformed)?,
        )
        .map_err(protocol)?,
        serial_number: der::asn1::Int::new(old_cert.tbs_certificate.serial_number.as_bytes())
            .map_err(malformed)?,
    };
    let control = x509_cert::attr::AttributeTypeAndValue {
        oid: OLD_CERT_ID_OID,
        value: der::Any::encode_from(&old_cert_id).map_err(malformed)?,
    };
    let body = PkiBody::Kur(vec![
        request::cert_req_msg(
            &key,
            0,
            Some(old_cert.tbs_certificate.subject.clone()),
            Some(vec![control]),
        )
        .map_err(protocol)?,
    ]);
    // A certificate the CA says is revoked is noted as such, for the app to show.
    let kup = transaction
        .send(body, None)
        .inspect_err(|e| pending.ca_book().note_if_revoked(&old_id, e))?;

    progress(Step::ReceivingCertificate);
    let (cert_der, chain) = Transaction::certified(&kup, &key)?;
    answer::verify_chain(&cert_der, &chain, request.ca.pins())?;

    progress(Step::Saving);
    let files = CertificateFiles {
        sign_cert: cert_der.clone(),
        sign_key: key_file,
        km: None,
    };
    let id = files.id();
    // An NPKI folder is named by the subject, which the renewed certificate shares: the
    // new pair takes the old one's place, so the old pair is kept aside first.
    let in_place = store.kind() == StoreKind::Npki;
    let kept_aside = if in_place {
        match keep.save(&old, false) {
            Ok(_) => true,
            Err(Error::AlreadyStored { .. }) => false,
            Err(e) => return Err(e),
        }
    } else {
        false
    };
    let path = store.save(&files, in_place)?;
    let _ = pending.remove(&pending_name, store);
    let _ = pending.ca_book().remember(&id, &ca, &chain);

    progress(Step::Confirming);
    let confirmed = transaction.confirm(&kup, &cert_der);
    if confirmed {
        // The renewed certificate is in force: the old pair goes.
        if store.load(&old_id).is_ok() {
            let _ = store.delete(&old_id);
        }
        if kept_aside {
            let _ = keep.delete(&old_id);
        }
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
    use time::Duration;

    #[test]
    fn renewal_opens_thirty_days_before_expiry_and_closes_at_it() {
        let now = OffsetDateTime::now_utc();
        let start = now - Duration::days(300);
        assert!(check_window(start, now + Duration::days(29), now).is_ok());
        let e =
            check_window(start, now + Duration::days(32) + Duration::hours(5), now).unwrap_err();
        assert_eq!(e.code(), "renewal-too-early");
        assert_eq!(e.params()["days_left"], "32");
        assert_eq!(e.params()["opens_in_days"], "3");
        assert_eq!(
            check_window(start, now - Duration::seconds(1), now)
                .unwrap_err()
                .code(),
            "renewal-expired"
        );
        assert_eq!(
            check_window(now + Duration::days(1), now + Duration::days(20), now)
                .unwrap_err()
                .code(),
            "renewal-expired"
        );
    }
}
