//! CMP over HTTP (RFC 6712): `POST /cmp` with `Content-Type: application/pkixcmp`, one DER
//! PKIMessage each way; OCSP over HTTP (RFC 6960 appendix A): `POST /ocsp` with
//! `Content-Type: application/ocsp-request`, or `GET /ocsp/{base64 request}`, answered by
//! [`crate::ocsp`]; the CA certificates and CRL the issued certificates point to
//! (`GET /ca/root.der`, `/ca/ca1.der`, `/crl/ca1.crl`); and the demo bank under `/rp/`
//! ([`crate::relying_party`]): its page, its API, the requests Dojang fetches and the
//! callbacks it answers.
//!
//! Limits keep a hostile or broken client from tying the server up: a body size limit,
//! a time limit for the request head and for the whole body, a cap on open connections,
//! and a rate limit per client address on CMP, OCSP and the demo bank's POSTs together (a
//! token bucket; a client over it gets HTTP 429 with `Retry-After`, and an unprotected CMP
//! `error` "unavailable", an OCSPResponse `tryLater` or a JSON error). The CRL is
//! made once and served from a cache until a certificate changes state or half its
//! validity has passed, so a flood of GETs costs no signatures.
//! Shutdown is graceful: on the signal the listener closes, exchanges under way finish
//! (for at most [`HttpLimits::shutdown_grace`]), then the server returns.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{
    ALLOW, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderValue,
    LOCATION, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::error::Result;
use crate::ocsp;
use crate::registry::CertificateState;
use crate::relying_party::{self, AnswerRefused, CreateRefused, Fetched, Outcome, RelyingParty};
use crate::service::CmpService;

/// The HTTP server's limits.
#[derive(Debug, Clone)]
pub struct HttpLimits {
    /// The largest request body accepted (CMP requests are a few KiB).
    pub max_body: usize,
    /// Time to receive a request head, also the idle limit of a kept-alive connection.
    pub header_timeout: Duration,
    /// Time to receive a whole request body.
    pub body_timeout: Duration,
    /// Connections open at once; more are closed at once.
    pub max_connections: usize,
    /// How long exchanges under way may take to finish after a shutdown signal.
    pub shutdown_grace: Duration,
    /// CMP and OCSP requests one client address may make per minute, together, in bursts
    /// of as many; 0 for no limit.
    pub per_client_per_minute: u32,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            max_body: 64 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 256,
            shutdown_grace: Duration::from_secs(10),
            per_client_per_minute: 120,
        }
    }
}

type Reply = Response<Full<Bytes>>;

fn reply(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Reply {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn text(status: StatusCode, message: &'static str) -> Reply {
    reply(status, "text/plain; charset=utf-8", message)
}

struct State {
    service: Arc<CmpService>,
    relying_party: Option<Arc<RelyingParty>>,
    limits: HttpLimits,
    buckets: std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, Bucket>>,
    crl: std::sync::Mutex<Option<CachedCrl>>,
}

/// One client's token bucket: `tokens` left as of `at`.
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The CRL as last made, and what it was made from.
struct CachedCrl {
    der: Vec<u8>,
    /// The certificates' states when it was made (serial, state).
    made_from: Vec<(String, CertificateState)>,
    made_at: Instant,
}

/// How long a cached CRL is served, at most (it is valid for a day).
const CRL_REFRESH: Duration = Duration::from_secs(12 * 3600);

impl State {
    /// Takes one token from `ip`'s bucket; how long to wait when there is none.
    fn admit(&self, ip: std::net::IpAddr) -> std::result::Result<(), Duration> {
        let per_minute = self.limits.per_client_per_minute;
        if per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(per_minute);
        let rate = capacity / 60.0;
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        // Forget clients whose buckets have filled up again, so the map stays small.
        if buckets.len() > 10_000 {
            buckets
                .retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < capacity);
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        bucket.tokens =
            (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * rate).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / rate))
        }
    }
}

/// Serves the CA until `shutdown` completes, then drains for at most
/// `limits.shutdown_grace`.
pub async fn serve(
    listener: TcpListener,
    service: Arc<CmpService>,
    limits: HttpLimits,
    shutdown: impl Future<Output = ()>,
) -> Result<()> {
    serve_with(listener, service, None, limits, shutdown).await
}

/// Serves the CA and, when given, the demo bank under `/rp/`, until `shutdown`
/// completes, then drains for at most `limits.shutdown_grace`.
pub async fn serve_with(
    listener: TcpListener,
    service: Arc<CmpService>,
    relying_party: Option<Arc<RelyingParty>>,
    limits: HttpLimits,
    shutdown: impl Future<Output = ()>,
) -> Result<()> {
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let grace = limits.shutdown_grace;
    let state = Arc::new(State {
        service,
        relying_party,
        limits,
        buckets: Default::default(),
        crl: Default::default(),
    });
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(permit) = connections.clone().try_acquire_owned() else {
                    tracing::warn!(%peer, "too many connections; closing one");
                    continue;
                };
                let header_timeout = state.limits.header_timeout;
                let state = state.clone();
                let service = service_fn(move |request| {
                    let state = state.clone();
                    async move { Ok::<_, Infallible>(route(request, peer, &state).await) }
                });
                let connection = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(%peer, error = %e, "connection ended with an error");
                    }
                    drop(permit);
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tracing::info!("shutting down: finishing exchanges under way");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("all connections closed"),
        () = tokio::time::sleep(grace) => tracing::warn!("gave up waiting for connections"),
    }
    Ok(())
}

async fn route(request: Request<Incoming>, peer: SocketAddr, state: &State) -> Reply {
    let path = request.uri().path().to_owned();
    match (request.method(), path.as_str()) {
        (&Method::POST, "/cmp") => cmp(request, peer, state).await,
        (_, "/cmp") => {
            let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "CMP requests are POSTed\n");
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
            response
        }
        (&Method::GET, "/ca/root.der") => reply(
            StatusCode::OK,
            "application/pkix-cert",
            state.service.authority().root_der().to_vec(),
        ),
        (&Method::GET, "/ca/ca1.der") => reply(
            StatusCode::OK,
            "application/pkix-cert",
            state.service.authority().issuing_der().to_vec(),
        ),
        (&Method::GET, "/crl/ca1.crl") => crl(state).await,
        (&Method::POST, "/ocsp") => ocsp(request, peer, state).await,
        (&Method::GET, p) if p.starts_with("/ocsp/") => ocsp(request, peer, state).await,
        (_, p) if p == "/ocsp" || p.starts_with("/ocsp/") => {
            let mut response = text(
                StatusCode::METHOD_NOT_ALLOWED,
                "OCSP requests are POSTed, or sent with GET /ocsp/{base64 request}\n",
            );
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET, POST"));
            response
        }
        (_, p) if p == "/rp" || p.starts_with("/rp/") => bank(request, peer, state).await,
        _ => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Takes a token from the client's bucket; over the limit, HTTP 429 with `Retry-After`
/// and `body`, the protocol's own way of saying "later".
fn over_rate_limit(
    peer: SocketAddr,
    state: &State,
    content_type: &'static str,
    body: impl FnOnce(u64) -> Vec<u8>,
) -> Option<Reply> {
    let wait = state.admit(peer.ip()).err()?;
    tracing::info!(%peer, "refused: over the rate limit");
    let retry = wait.as_secs().max(1);
    let mut response = reply(StatusCode::TOO_MANY_REQUESTS, content_type, body(retry));
    response.headers_mut().insert(
        hyper::header::RETRY_AFTER,
        HeaderValue::from_str(&retry.to_string()).unwrap_or(HeaderValue::from_static("60")),
    );
    Some(response)
}

/// The request's media type: its Content-Type without parameters.
fn media_type(request: &Request<Incoming>) -> &str {
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    content_type.split(';').next().unwrap_or_default().trim()
}

/// Why a request body was not read.
enum BodyRefused {
    /// Over the limit given.
    TooLarge,
    /// Slower than [`HttpLimits::body_timeout`], or broken off.
    Other(Reply),
}

/// Reads a request body of at most `max_body` bytes, within the time limit.
async fn read_body(
    request: Request<Incoming>,
    peer: SocketAddr,
    limits: &HttpLimits,
    max_body: usize,
) -> std::result::Result<Bytes, BodyRefused> {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > max_body as u64) {
        tracing::info!(%peer, "refused: body too large");
        return Err(BodyRefused::TooLarge);
    }
    let body = Limited::new(request.into_body(), max_body).collect();
    match tokio::time::timeout(limits.body_timeout, body).await {
        Err(_) => {
            tracing::info!(%peer, "refused: body too slow");
            Err(BodyRefused::Other(text(
                StatusCode::REQUEST_TIMEOUT,
                "request body too slow\n",
            )))
        }
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            tracing::info!(%peer, "refused: body too large");
            Err(BodyRefused::TooLarge)
        }
        Ok(Err(e)) => {
            tracing::info!(%peer, error = %e, "refused: body unreadable");
            Err(BodyRefused::Other(text(
                StatusCode::BAD_REQUEST,
                "request body unreadable\n",
            )))
        }
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

async fn cmp(request: Request<Incoming>, peer: SocketAddr, state: &State) -> Reply {
    let started = Instant::now();
    if let Some(refused) = over_rate_limit(peer, state, dojang_core::cmp::CONTENT_TYPE, |s| {
        state.service.rate_limited(s)
    }) {
        return refused;
    }
    let content_type = media_type(&request);
    if !content_type.eq_ignore_ascii_case(dojang_core::cmp::CONTENT_TYPE) {
        tracing::info!(%peer, content_type, "refused: wrong content type");
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/pkixcmp\n",
        );
    }
    let body = match read_body(request, peer, &state.limits, state.limits.max_body).await {
        Ok(body) => body,
        Err(BodyRefused::TooLarge) => {
            return text(StatusCode::PAYLOAD_TOO_LARGE, "request too large\n");
        }
        Err(BodyRefused::Other(reply)) => return reply,
    };
    let service = state.service.clone();
    // Crypto and the database block: off the async threads.
    let handled = match tokio::task::spawn_blocking(move || service.handle(&body)).await {
        Ok(handled) => handled,
        Err(e) => {
            tracing::error!(%peer, error = %e, "CMP handler failed");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n");
        }
    };
    tracing::info!(
        %peer,
        request = handled.request,
        outcome = handled.outcome,
        transaction = %handled.transaction,
        ms = started.elapsed().as_millis() as u64,
        "cmp"
    );
    reply(
        StatusCode::OK,
        dojang_core::cmp::CONTENT_TYPE,
        handled.response,
    )
}

async fn crl(state: &State) -> Reply {
    let unavailable = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "cannot make the CRL");
        text(StatusCode::SERVICE_UNAVAILABLE, "CRL unavailable\n")
    };
    let service = state.service.clone();
    let certificates =
        match tokio::task::spawn_blocking(move || service.registry().certificates()).await {
            Ok(Ok(certificates)) => certificates,
            Ok(Err(e)) => return unavailable(&e),
            Err(e) => return unavailable(&e),
        };
    let made_from: Vec<(String, CertificateState)> = certificates
        .iter()
        .map(|c| (c.serial.clone(), c.state))
        .collect();
    // Signed again only when a certificate changed state, or the cached one has aged.
    if let Ok(cache) = state.crl.lock()
        && let Some(cached) = cache.as_ref()
        && cached.made_from == made_from
        && cached.made_at.elapsed() < CRL_REFRESH
    {
        return reply(StatusCode::OK, "application/pkix-crl", cached.der.clone());
    }
    let revoked: Vec<_> = certificates
        .into_iter()
        .filter_map(|c| ocsp::revocation(&c).map(|(at, reason)| (c.serial, at, reason)))
        .collect();
    let service = state.service.clone();
    match tokio::task::spawn_blocking(move || service.authority().crl(&revoked)).await {
        Ok(Ok(der)) => {
            if let Ok(mut cache) = state.crl.lock() {
                *cache = Some(CachedCrl {
                    der: der.clone(),
                    made_from,
                    made_at: Instant::now(),
                });
            }
            reply(StatusCode::OK, "application/pkix-crl", der)
        }
        Ok(Err(e)) => unavailable(&e),
        Err(e) => unavailable(&e),
    }
}

/// An OCSP request, POSTed or in a GET's path: an OCSPResponse, HTTP 200 whatever its
/// status (RFC 6960 appendix A.2), unless the request is refused as HTTP.
async fn ocsp(request: Request<Incoming>, peer: SocketAddr, state: &State) -> Reply {
    let started = Instant::now();
    if let Some(refused) = over_rate_limit(peer, state, ocsp::RESPONSE_CONTENT_TYPE, |_| {
        ocsp::TRY_LATER.to_vec()
    }) {
        return refused;
    }
    let der = if request.method() == Method::GET {
        // What is not base64 is answered like any request that is not DER.
        let path = request.uri().path();
        path.strip_prefix("/ocsp/")
            .and_then(ocsp::request_from_get_path)
            .unwrap_or_default()
    } else {
        let content_type = media_type(&request);
        if !content_type.eq_ignore_ascii_case(ocsp::REQUEST_CONTENT_TYPE) {
            tracing::info!(%peer, content_type, "refused: wrong content type");
            return text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/ocsp-request\n",
            );
        }
        match read_body(request, peer, &state.limits, state.limits.max_body).await {
            Ok(body) => body.to_vec(),
            Err(BodyRefused::TooLarge) => {
                let malformed = ocsp::MALFORMED_REQUEST;
                return reply(StatusCode::OK, ocsp::RESPONSE_CONTENT_TYPE, malformed);
            }
            Err(BodyRefused::Other(reply)) => return reply,
        }
    };
    let service = state.service.clone();
    // Signing and the database block: off the async threads.
    let answered = tokio::task::spawn_blocking(move || {
        let now = time::OffsetDateTime::now_utc();
        ocsp::respond(&der, service.registry().as_ref(), service.authority(), now)
    })
    .await;
    let response = match answered {
        Ok(answer) => {
            tracing::info!(
                %peer,
                outcome = answer.outcome,
                ms = started.elapsed().as_millis() as u64,
                "ocsp"
            );
            answer.response
        }
        Err(e) => {
            tracing::error!(%peer, error = %e, "OCSP responder failed");
            ocsp::INTERNAL_ERROR.to_vec()
        }
    };
    reply(StatusCode::OK, ocsp::RESPONSE_CONTENT_TYPE, response)
}

/// A JSON reply, never cached.
fn json(status: StatusCode, value: &impl serde::Serialize) -> Reply {
    let body = serde_json::to_vec(value).unwrap_or_default();
    no_store(reply(status, "application/json", body))
}

fn no_store(mut response: Reply) -> Reply {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `{"error": code}`.
fn json_error(status: StatusCode, code: &'static str) -> Reply {
    json(status, &serde_json::json!({ "error": code }))
}

fn json_method_not_allowed(allow: &'static str) -> Reply {
    let mut response = json_error(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed");
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}

/// The first hex digits of a request ID, for the log.
fn short(id: &str) -> String {
    id.chars().take(8).filter(char::is_ascii_hexdigit).collect()
}

/// The demo bank's routes (docs/sandbox-ca.md, "The sandbox relying party").
async fn bank(request: Request<Incoming>, peer: SocketAddr, state: &State) -> Reply {
    let Some(rp) = state.relying_party.clone() else {
        return text(StatusCode::NOT_FOUND, "not found\n");
    };
    let path = request.uri().path().to_owned();
    let get = request.method() == Method::GET;
    let post = request.method() == Method::POST;
    let rest = path.strip_prefix("/rp").unwrap_or_default();
    if rest.is_empty() || rest == "/" {
        return if get {
            bank_page()
        } else {
            json_method_not_allowed("GET")
        };
    }
    if rest == "/api/requests" {
        return if post {
            create_request(request, peer, state, &rp).await
        } else {
            json_method_not_allowed("POST")
        };
    }
    if let Some(id) = rest.strip_prefix("/api/requests/") {
        return if get {
            match rp.status(id) {
                Some(status) => json(StatusCode::OK, &status),
                None => json_error(StatusCode::NOT_FOUND, "unknown-request"),
            }
        } else {
            json_method_not_allowed("GET")
        };
    }
    if let Some(id) = rest.strip_prefix("/requests/") {
        return if get {
            fetch_request(rp, id.to_owned(), peer).await
        } else {
            json_method_not_allowed("GET")
        };
    }
    if let Some(id) = rest.strip_prefix("/callback/") {
        return if post {
            callback(request, peer, state, rp, id.to_owned()).await
        } else {
            json_method_not_allowed("POST")
        };
    }
    json_error(StatusCode::NOT_FOUND, "not-found")
}

/// The page, with its Content-Security-Policy.
fn bank_page() -> Reply {
    let Ok(policy) = HeaderValue::from_str(relying_party::page::content_security_policy()) else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n");
    };
    let mut response = no_store(reply(
        StatusCode::OK,
        "text/html; charset=utf-8",
        relying_party::page::HTML,
    ));
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, policy);
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// What the page asks for: `{"purpose": "login"|"sign", "variant": optional name}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NewRequest {
    purpose: dojang_core::sign::request::SignPurpose,
    #[serde(default)]
    variant: Option<String>,
}

/// The bank's POSTs count against the client's rate limit, as CMP and OCSP do.
fn bank_over_rate_limit(peer: SocketAddr, state: &State) -> Option<Reply> {
    over_rate_limit(peer, state, "application/json", |_| {
        br#"{"error":"rate-limited"}"#.to_vec()
    })
    .map(no_store)
}

fn is_json(request: &Request<Incoming>) -> bool {
    media_type(request).eq_ignore_ascii_case("application/json")
}

async fn create_request(
    request: Request<Incoming>,
    peer: SocketAddr,
    state: &State,
    rp: &RelyingParty,
) -> Reply {
    if let Some(refused) = bank_over_rate_limit(peer, state) {
        return refused;
    }
    if !is_json(&request) {
        return json_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "content-type");
    }
    let body = match read_body(request, peer, &state.limits, state.limits.max_body).await {
        Ok(body) => body,
        Err(BodyRefused::TooLarge) => {
            return json_error(StatusCode::PAYLOAD_TOO_LARGE, "too-large");
        }
        Err(BodyRefused::Other(reply)) => return reply,
    };
    let Ok(asked) = serde_json::from_slice::<NewRequest>(&body) else {
        return json_error(StatusCode::BAD_REQUEST, "bad-request");
    };
    let variant = match asked.variant.as_deref() {
        None => None,
        Some(name) => match relying_party::Variant::parse(name) {
            Some(variant) => Some(variant),
            None => return json_error(StatusCode::BAD_REQUEST, "unknown-variant"),
        },
    };
    match rp.create(asked.purpose, variant, time::OffsetDateTime::now_utc()) {
        Ok(Ok(created)) => {
            tracing::info!(
                %peer,
                request = short(&created.id),
                purpose = relying_party::purpose_name(asked.purpose),
                variant = variant.map(relying_party::Variant::name),
                "rp request made"
            );
            json(StatusCode::CREATED, &created)
        }
        Ok(Err(CreateRefused::Full)) => {
            tracing::warn!(%peer, "rp: too many requests kept; refusing another");
            let mut response = json_error(StatusCode::SERVICE_UNAVAILABLE, "too-many-requests");
            response
                .headers_mut()
                .insert(hyper::header::RETRY_AFTER, HeaderValue::from_static("60"));
            response
        }
        Err(e) => {
            tracing::error!(%peer, error = %e, "rp: cannot make a request");
            json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal")
        }
    }
}

/// The request Dojang fetches, served once.
async fn fetch_request(rp: Arc<RelyingParty>, id: String, peer: SocketAddr) -> Reply {
    let logged = short(&id);
    // The huge-text variant makes a 10 MB body: off the async threads.
    let fetched = match tokio::task::spawn_blocking(move || rp.fetch(&id)).await {
        Ok(fetched) => fetched,
        Err(e) => {
            tracing::error!(%peer, error = %e, "rp: fetch failed");
            return json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal");
        }
    };
    match fetched {
        Fetched::Request(body) => {
            tracing::info!(%peer, request = logged, "rp request fetched");
            no_store(reply(StatusCode::OK, "application/json", body))
        }
        Fetched::Redirect(location) => {
            tracing::info!(%peer, request = logged, "rp request fetched: redirected");
            let Ok(location) = HeaderValue::from_str(&location) else {
                return json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal");
            };
            let mut response = json(StatusCode::FOUND, &serde_json::json!({}));
            response.headers_mut().insert(LOCATION, location);
            response
        }
        Fetched::Gone => json_error(StatusCode::GONE, "already-fetched"),
        Fetched::Unknown => json_error(StatusCode::NOT_FOUND, "unknown-request"),
    }
}

/// Dojang's answer to a request: examined, recorded, and said back.
async fn callback(
    request: Request<Incoming>,
    peer: SocketAddr,
    state: &State,
    rp: Arc<RelyingParty>,
    id: String,
) -> Reply {
    if let Some(refused) = bank_over_rate_limit(peer, state) {
        return refused;
    }
    if !rp.knows(&id) {
        return json_error(StatusCode::NOT_FOUND, "unknown-request");
    }
    if !is_json(&request) {
        return json_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "content-type");
    }
    let body = match read_body(request, peer, &state.limits, relying_party::MAX_ANSWER).await {
        Ok(body) => body,
        Err(BodyRefused::TooLarge) => {
            return json_error(StatusCode::PAYLOAD_TOO_LARGE, "too-large");
        }
        Err(BodyRefused::Other(reply)) => return reply,
    };
    let question = match rp.begin_answer(&id) {
        Ok(question) => question,
        Err(AnswerRefused::Unknown) => {
            return json_error(StatusCode::NOT_FOUND, "unknown-request");
        }
        Err(AnswerRefused::AlreadyAnswered) => {
            return json_error(StatusCode::CONFLICT, "already-answered");
        }
    };
    let purpose = relying_party::purpose_name(question.purpose);
    let service = state.service.clone();
    let examiner = rp.clone();
    // Signature checks, an RSA decryption and the database block: off the async threads.
    let examined = tokio::task::spawn_blocking(move || {
        examiner.examine(
            &body,
            &question,
            service.authority(),
            service.registry().as_ref(),
            time::OffsetDateTime::now_utc(),
        )
    })
    .await;
    let outcome = match examined {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(%peer, error = %e, "rp: examining an answer failed");
            rp.abandon_answer(&id);
            return json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal");
        }
    };
    let (status, body, logged) = match &outcome {
        Outcome::Verified { .. } => (
            StatusCode::OK,
            serde_json::json!({ "result": "verified" }),
            "verified",
        ),
        Outcome::Cancelled => (
            StatusCode::OK,
            serde_json::json!({ "result": "cancelled" }),
            "cancelled",
        ),
        Outcome::Refused { reason, .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            serde_json::json!({ "result": "refused", "reason": reason.code() }),
            reason.code(),
        ),
    };
    tracing::info!(%peer, request = short(&id), purpose, outcome = logged, "rp answer");
    rp.finish_answer(&id, outcome);
    json(status, &body)
}
