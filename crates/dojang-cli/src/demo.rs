//! `dojang demo`: the main job in one command, without a window — a sandbox CA started
//! in this process on a loopback port, an application registered, a certificate issued
//! into a throwaway NPKI folder, and shown.

use std::sync::Arc;

use dojang_core::codes::{EnrolmentCodes, IdNumber, RegistrationNumber};
use dojang_core::distribution::Distribution;
use dojang_core::issue::pending::PendingKeys;
use dojang_core::issue::{EnrolmentRequest, KeySource, UnlistedCa, enrol};
use dojang_core::keys::private_key::KeyType;
use dojang_core::password::CertificatePassword;
use dojang_core::store::npki_dir::NpkiDirStore;
use dojang_core::store::{NpkiRoot, RootKind, Store};
use dojang_core::{Error, ErrorInfo};

use crate::Outcome;
use crate::context::Context;
use crate::messages::Lang;

/// The password of the demo certificate (it keeps the rules).
const DEMO_PASSWORD: &str = "demo!Pass2580";
/// The made-up applicant.
const DEMO_NAME: &str = "홍길동";
const DEMO_ID_NUMBER: &str = "9001011234567";

fn failed(detail: impl std::fmt::Display) -> Outcome {
    Outcome::Refused(ErrorInfo::new(
        dojang_core::ErrorCode::DemoFailed,
        &[("detail", &detail.to_string())],
    ))
}

pub fn run(ctx: &Context) -> Outcome {
    let ko = ctx.lang == Lang::Ko;
    let say = |k: &str, e: &str| eprintln!("{}", if ko { k } else { e });
    let (Ok(ca_dir), Ok(work)) = (tempfile::tempdir(), tempfile::tempdir()) else {
        return failed("no temporary folder");
    };
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    else {
        return failed("no async runtime");
    };
    let Ok(listener) = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")) else {
        return failed("no loopback port");
    };
    let Ok(bound) = listener.local_addr() else {
        return failed("no loopback port");
    };
    let base_url = format!("http://{bound}");
    let service = match dojang_ca::open_service(
        ca_dir.path(),
        dojang_ca::authority::DEFAULT_POLICY_OID,
        &base_url,
        dojang_ca::service::ServiceConfig::default(),
    ) {
        Ok(s) => Arc::new(s),
        Err(e) => return failed(e),
    };
    say(
        &format!("1. 연습용 인증기관(sandbox CA)을 시작했습니다: {base_url}/cmp"),
        &format!("1. Started a sandbox CA: {base_url}/cmp"),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(dojang_ca::http::serve(
        listener,
        service.clone(),
        dojang_ca::http::HttpLimits::default(),
        async {
            let _ = stopped.await;
        },
    ));

    let Ok(id_number) = IdNumber::parse(DEMO_ID_NUMBER) else {
        return failed("demo ID number");
    };
    let applied = match dojang_ca::application::apply(
        service.registry().as_ref(),
        ca_dir.path(),
        &format!("{base_url}/cmp"),
        DEMO_NAME,
        &id_number,
        dojang_ca::registry::ApplicationKind::New,
        time::OffsetDateTime::now_utc(),
    ) {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    say(
        &format!(
            "2. {DEMO_NAME}님의 신청을 등록했습니다. 등록번호: {}",
            applied.registration_number
        ),
        &format!(
            "2. Registered an application for {DEMO_NAME}. Registration number: {}",
            applied.registration_number
        ),
    );

    let store = NpkiDirStore::new(NpkiRoot {
        path: work.path().join("NPKI"),
        kind: RootKind::Extra,
    });
    let codes = match RegistrationNumber::parse(&applied.registration_number) {
        Ok(r) => EnrolmentCodes::Registration(r),
        Err(e) => return Outcome::from_error(e),
    };
    // The demo's own sandbox distribution: this CA, on loopback over plain HTTP.
    let sandbox = Distribution::sandbox_for(&format!("{base_url}/cmp"));
    let ca = match sandbox.approve_ca(&format!("{base_url}/cmp"), UnlistedCa::Refuse) {
        Ok(c) => c,
        Err(e) => return Outcome::from_error(e),
    };
    let password = match CertificatePassword::new_chosen(DEMO_PASSWORD) {
        Ok(p) => p,
        Err(e) => return Outcome::from_error(e),
    };
    say(
        "3. 등록번호로 인증서를 발급합니다:",
        "3. Issuing a certificate with it:",
    );
    let lang = ctx.lang;
    let request = EnrolmentRequest {
        ca,
        codes,
        password,
        key: KeySource::Generate(KeyType::Rsa2048),
    };
    // The blocking HTTP client runs here while the server runs on the runtime's threads.
    let result = enrol(
        request,
        &store,
        &PendingKeys::new(&work.path().join("data")),
        &mut |step| eprintln!("   … {}", crate::issue::step_text(step, lang)),
    );
    let _ = stop.send(());
    let _ = runtime.block_on(server);
    let enrolled = match result {
        Ok(e) => e,
        Err(e) => return Outcome::from_error(e),
    };
    let details = match store.certificate(&enrolled.id).and_then(|der| {
        dojang_core::cert::details::CertificateDetails::from_der(
            &der,
            std::path::Path::new(""),
            time::OffsetDateTime::now_utc(),
        )
    }) {
        Ok(d) => d,
        Err(e) => return Outcome::Refused(Error::info(&e)),
    };
    say(
        &format!(
            "4. 발급된 인증서 (암호 {DEMO_PASSWORD}, 저장 위치 {}):",
            enrolled
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
        &format!(
            "4. The certificate (password {DEMO_PASSWORD}, kept in {}):",
            enrolled
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
    );
    if ctx.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&details.summary).unwrap_or_default()
        );
    } else {
        crate::show::print_text(&details, ctx.lang);
    }
    say(
        "연습용 폴더는 이제 지웁니다. 실제 인증서는 은행이나 인증기관에서 받은 번호로 `dojang issue`를 쓰세요.",
        "The throwaway folders are removed now. For a real certificate, use `dojang issue` with the codes your bank or CA gave you.",
    );
    Outcome::Done
}
