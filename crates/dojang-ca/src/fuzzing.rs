//! The entry point of the CA's fuzz target (`fuzz/`) and of the replay of its corpus on
//! stable (`tests/fuzz_corpus.rs`): a request message, whatever its bytes, answered by the
//! CMP service the server runs, with a real registry. It must come back with a CMP
//! message. Not an API: hidden from the docs.

use std::sync::OnceLock;

use crate::service::{CmpService, ServiceConfig};

/// The service every fuzzed request goes to: a CA made once in a temporary folder that
/// lives as long as the process, with applications registered so that their numbers can
/// appear in the corpus.
fn service() -> &'static CmpService {
    static SERVICE: OnceLock<CmpService> = OnceLock::new();
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
        service
    })
}

/// One request to the CA: the answer must always be a CMP message.
pub fn cmp_request(data: &[u8]) {
    let handled = service().handle(data);
    #[allow(clippy::expect_used)] // an answer that is not a CMP message is the finding
    dojang_core::cmp::decode(&handled.response).expect("the CA answers with a CMP message");
}
