//! The entry points of the CA's fuzz targets (`fuzz/`) and of the replay of their corpus
//! on stable (`tests/fuzz_corpus.rs`): a request message, whatever its bytes, answered by
//! the CMP service the server runs, with a real registry (it must come back with a CMP
//! message); and a body posted to the demo bank's callback, examined as the server
//! examines it. Not an API: hidden from the docs.

use std::path::PathBuf;
use std::sync::OnceLock;

use dojang_core::sign::request::SignPurpose;
use zeroize::Zeroizing;

use crate::relying_party::{self, RelyingParty, Variant};
use crate::service::{CmpService, ServiceConfig};

/// The service every fuzzed request goes to: a CA made once in a temporary folder that
/// lives as long as the process, with applications registered so that their numbers can
/// appear in the corpus.
fn service() -> &'static CmpService {
    &fuzzing_ca().0
}

/// The fuzzing CA and its folder.
fn fuzzing_ca() -> &'static (CmpService, PathBuf) {
    static SERVICE: OnceLock<(CmpService, PathBuf)> = OnceLock::new();
    #[allow(clippy::expect_used)] // the fuzzing harness cannot run without its CA
    SERVICE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder").keep();
        let service = crate::open_service(
            &dir,
            crate::authority::DEFAULT_POLICY_OID,
            "http://127.0.0.1:8080",
            ServiceConfig::default(),
        )
        .expect("the fuzzing CA opens");
        let id = dojang_core::codes::IdNumber::parse("9001011234567").expect("an ID number");
        for name in ["홍길동", "김철수"] {
            crate::application::apply(
                service.registry().as_ref(),
                &dir,
                crate::DEFAULT_CMP_URL,
                name,
                &id,
                crate::registry::ApplicationKind::New,
                time::OffsetDateTime::now_utc(),
            )
            .expect("an application");
        }
        (service, dir)
    })
}

/// One request to the CA: the answer must always be a CMP message.
pub fn cmp_request(data: &[u8]) {
    let handled = service().handle(data);
    #[allow(clippy::expect_used)] // an answer that is not a CMP message is the finding
    dojang_core::cmp::decode(&handled.response).expect("the CA answers with a CMP message");
}

/// The demo bank beside the fuzzing CA, as the server opens it (its key and certificate
/// made in the CA's folder, issued by the CA): its certificate, key, origin and policies,
/// from which each fuzzed answer gets a bank of its own.
struct Bank {
    certificate: Vec<u8>,
    key: Zeroizing<Vec<u8>>,
    origin: String,
    policies: Vec<String>,
}

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    #[allow(clippy::expect_used)] // the fuzzing harness cannot run without its bank
    BANK.get_or_init(|| {
        let (service, dir) = fuzzing_ca();
        let bank = RelyingParty::open_or_create(dir, service.authority()).expect("the bank opens");
        let pem = std::fs::read(dir.join(relying_party::KEY_FILE)).expect("the bank's key");
        Bank {
            certificate: bank.certificate().to_vec(),
            key: Zeroizing::new(dojang_core::cert::pem_or_der(&pem, "PRIVATE KEY")),
            origin: bank.origin().to_owned(),
            policies: vec![service.authority().policy_oid()],
        }
    })
}

/// A body posted to the demo bank's callback, handled as the server's handler does once
/// Dojang has fetched the request: the body read up to [`relying_party::MAX_ANSWER`], the
/// answer taken, examined against the request with the CA's certificates and registry,
/// recorded, and polled; for a transfer, a login and an expired request. Each input gets
/// a bank of its own, so the requests it makes never fill the bank's table.
pub fn rp_callback(data: &[u8]) {
    if data.len() > relying_party::MAX_ANSWER {
        return;
    }
    let kept = bank();
    let service = service();
    let rp = RelyingParty::new(
        kept.certificate.clone(),
        kept.key.clone(),
        &kept.origin,
        kept.policies.clone(),
    );
    let now = time::OffsetDateTime::now_utc();
    for (purpose, variant) in [
        (SignPurpose::Sign, None),
        (SignPurpose::Login, None),
        (SignPurpose::Sign, Some(Variant::Expired)),
    ] {
        let Ok(Ok(created)) = rp.create(purpose, variant, now) else {
            continue;
        };
        let id = created.id;
        let _ = rp.fetch(&id);
        let Ok(question) = rp.begin_answer(&id) else {
            continue;
        };
        let outcome = rp.examine(
            data,
            &question,
            service.authority(),
            service.registry().as_ref(),
            time::OffsetDateTime::now_utc(),
        );
        if let relying_party::Outcome::Refused { reason, .. } = &outcome {
            let _ = reason.code();
        }
        rp.finish_answer(&id, outcome);
        if let Some(status) = rp.status(&id) {
            let _ = serde_json::to_string(&status);
        }
    }
}
