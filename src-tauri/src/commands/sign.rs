//! Signing for a site (docs/signing.md): a `dojang://sign?` link opens a consent session —
//! the request fetched and checked, shown with the certificates that can answer — which
//! ends with a signature posted to the site, or "cancelled". A wrong password posts
//! nothing; an answer that could not be delivered is kept (never made twice) and sent
//! again on request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use dojang_core::distribution::SiteCheck;
use dojang_core::password::CertificatePassword;
use dojang_core::secret::Secret;
use dojang_core::sign::consent::{Consent, SignatureRecord};
use dojang_core::sign::exchange::{self, Answer};
use dojang_core::sign::request::{SignLink, SignRequest};
use dojang_core::store::CertificateCopy;
use dojang_core::{Error, ErrorInfo};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use super::{AppStores, blocking};

/// A request the person is looking at, and its answer once made.
struct Session {
    site: SiteCheck,
    request: SignRequest,
    /// The answer made and the certificate that made it, kept until it is delivered.
    answer: Option<(Answer, String)>,
    /// The answer is on its way to the site: a cancel now must not send "cancelled" after it.
    sending: bool,
}

/// The consent sessions open in the window, by their ID.
#[derive(Default, Clone)]
pub struct SignSessions(Arc<Mutex<HashMap<String, Session>>>);

impl SignSessions {
    fn with<T>(
        &self,
        id: &str,
        f: impl FnOnce(&mut Session) -> Result<T, ErrorInfo>,
    ) -> Result<T, ErrorInfo> {
        let mut sessions = self
            .0
            .lock()
            .map_err(|_| ErrorInfo::from(Error::SignRequestGone))?;
        let session = sessions
            .get_mut(id)
            .ok_or_else(|| ErrorInfo::from(Error::SignRequestGone))?;
        f(session)
    }

    fn remove(&self, id: &str) -> Option<Session> {
        self.0.lock().ok()?.remove(id)
    }
}

/// A consent session, as the window shows it.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SignSession {
    /// The session's ID, for the answer.
    pub session: String,
    /// What the request asks.
    #[serde(flatten)]
    #[ts(flatten)]
    pub consent: Consent,
}

/// The person's consent: the certificate and its password.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct SignConsent {
    /// The session.
    pub session: String,
    /// The copy to sign with.
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    /// Its password.
    pub password: Secret,
}

/// Fetches the request a `dojang://sign?` link names and opens a consent session for it.
/// A request no certificate here can answer is still shown (with each one's reason).
#[tauri::command]
pub async fn open_sign_request(
    stores: State<'_, AppStores>,
    sessions: State<'_, SignSessions>,
    link: String,
) -> Result<SignSession, ErrorInfo> {
    let stores = stores.inner().clone();
    let (site, request, consent) = blocking(move || {
        let link = SignLink::parse(&link)?;
        let now = time::OffsetDateTime::now_utc();
        // The certificates are listed while the site answers: the person waits for the
        // slower of the two, not for both.
        let (fetched, list) = std::thread::scope(|scope| {
            let list = scope.spawn(|| stores.get().map(|set| set.list(now)));
            let fetched = exchange::fetch(&link, stores.distribution()?, now);
            let list = list.join().unwrap_or_else(|_| {
                Err(ErrorInfo::new(
                    dojang_core::ErrorCode::Internal,
                    &[("detail", "the certificates could not be listed")],
                ))
            });
            Ok::<_, ErrorInfo>((fetched, list))
        })?;
        let (site, request) = fetched?;
        let consent = Consent::new(site.clone(), &request, &list?);
        Ok((site, request, consent))
    })
    .await?;
    let session = dojang_core::sign::consent::session_id()?;
    if let Ok(mut open) = sessions.0.lock() {
        // Requests left open in the window expire with the site's patience.
        let now = time::OffsetDateTime::now_utc();
        open.retain(|_, s| s.request.expires > now || s.answer.is_some());
        open.insert(
            session.clone(),
            Session {
                site,
                request,
                answer: None,
                sending: false,
            },
        );
    }
    log::info!("a signing request opened");
    Ok(SignSession { session, consent })
}

/// Delivers the session's answer and, once delivered, closes the session and records the
/// signature in the certificate's history.
fn deliver(stores: &AppStores, sessions: &SignSessions, id: &str) -> Result<(), ErrorInfo> {
    let (callback, answer, certificate, site, purpose) = sessions.with(id, |s| {
        let (answer, certificate) = s
            .answer
            .clone()
            .ok_or_else(|| ErrorInfo::from(Error::SignRequestGone))?;
        s.sending = true;
        Ok((
            s.request.callback.clone(),
            answer,
            certificate,
            s.site.clone(),
            s.request.purpose,
        ))
    })?;
    if let Err(e) = exchange::post(&callback, &answer) {
        // Kept for a retry (unless the person left meanwhile).
        let _ = sessions.with(id, |s| {
            s.sending = false;
            Ok(())
        });
        return Err(e.into());
    }
    sessions.remove(id);
    let record = SignatureRecord {
        origin: site.origin,
        name: site.name,
        purpose,
        at: time::OffsetDateTime::now_utc(),
    };
    if let Err(e) = stores
        .get()?
        .signature_history()
        .record(&certificate, record)
    {
        // The signature reached the site; only its record is missing.
        log::warn!("a signature was not recorded: {}", e.code());
    }
    log::info!("a signature was delivered");
    Ok(())
}

/// Signs the session's request with the chosen certificate and posts the signature. A
/// certificate the request does not accept, or a wrong password, signs and posts nothing;
/// a failed post keeps the answer for [`retry_sign_answer`].
#[tauri::command]
pub async fn sign_for_site(
    stores: State<'_, AppStores>,
    sessions: State<'_, SignSessions>,
    consent: SignConsent,
) -> Result<(), ErrorInfo> {
    let stores = stores.inner().clone();
    let sessions = sessions.inner().clone();
    blocking(move || {
        let request = sessions.with(&consent.session, |s| {
            if s.answer.is_some() {
                // Made already, and not delivered: sent again, never made twice.
                return Ok(None);
            }
            Ok(Some(s.request.clone()))
        })?;
        if let Some(request) = request {
            let now = time::OffsetDateTime::now_utc();
            if request.expires <= now {
                // The site no longer waits: nothing is signed for it.
                return Err(Error::SignRequestExpired {
                    expired: request
                        .expires
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_default(),
                }
                .into());
            }
            let set = stores.get()?;
            let (store, id) = set.find(&consent.certificate)?;
            let files = store.load(&id)?;
            let chain = set.issuers_of(&files.sign_cert, stores.distribution()?, now);
            let answer = exchange::answer(
                &files,
                &CertificatePassword::existing(consent.password),
                &request,
                &chain,
                set.ca_book().revocation(&id),
                now,
            )?;
            sessions.with(&consent.session, |s| {
                s.answer = Some((answer, id));
                Ok(())
            })?;
        }
        deliver(&stores, &sessions, &consent.session)
    })
    .await
}

/// Sends the answer of a session again, after a failed delivery.
#[tauri::command]
pub async fn retry_sign_answer(
    stores: State<'_, AppStores>,
    sessions: State<'_, SignSessions>,
    session: String,
) -> Result<(), ErrorInfo> {
    let stores = stores.inner().clone();
    let sessions = sessions.inner().clone();
    blocking(move || deliver(&stores, &sessions, &session)).await
}

/// Closes a session without a signature: the site is told "cancelled" (when it can be
/// reached; otherwise its request simply expires). An answer made but not delivered is
/// dropped, never sent; one already on its way is left to arrive, and the site is not told
/// "cancelled" after it.
#[tauri::command]
pub async fn cancel_sign_request(
    sessions: State<'_, SignSessions>,
    session: String,
) -> Result<(), ErrorInfo> {
    let sessions = sessions.inner().clone();
    blocking(move || {
        if let Some(closed) = sessions.remove(&session) {
            if closed.sending {
                // The signature is already on its way: the site gets it, and no "cancelled"
                // after it.
                log::info!("a signing request was left while its signature was sent");
                return Ok(());
            }
            if let Err(e) = exchange::post(&closed.request.callback, &Answer::Cancelled) {
                log::warn!("the site was not told of the cancel: {}", e.code());
            }
            log::info!("a signing request was cancelled");
        }
        Ok(())
    })
    .await
}

/// The signatures made with a certificate, newest first.
#[tauri::command]
pub async fn signature_history(
    stores: State<'_, AppStores>,
    id: String,
) -> Result<Vec<SignatureRecord>, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || Ok(stores.get()?.signature_history().of(&id))).await
}
