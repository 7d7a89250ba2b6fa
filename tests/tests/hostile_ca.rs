//! A stranger's CA: servers on loopback that a hostile link, file or network could point
//! Dojang at. Codes go nowhere the distribution does not list; a redirect is not
//! followed; an endless answer is cut off while it streams; an unprotected "revoked"
//! changes nothing Dojang keeps.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use dojang_testkit::{issued_id, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use common::SandboxCa;

const PASSWORD: &str = "seal#7294xq";
const RESIDENT: &str = "9001011234567";
/// A registration number of the right shape; no CA knows it.
const NUMBER: &str = "12345678AbCdEfGhIjKlMnOpQrS";

/// What a rogue server does with each request.
#[derive(Clone)]
enum Answer {
    /// Reads the request and closes the connection.
    Nothing,
    /// Answers `307 Temporary Redirect` to this URL.
    Redirect(String),
    /// Answers 200 with this many bytes of body, with or without a Content-Length.
    Flood { bytes: u64, declared: bool },
    /// Answers an `error` message without protection, copying the request's
    /// transactionID and nonce, with this reason code and failInfo bit.
    UnprotectedError(&'static str, dojang_core::cmp::FailureBit),
}

/// A server on a loopback port that counts connections and the bytes it managed to send.
struct Rogue {
    url: String,
    connections: Arc<AtomicUsize>,
    sent: Arc<AtomicU64>,
}

impl Rogue {
    fn start(answer: Answer) -> Rogue {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/cmp", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let sent = Arc::new(AtomicU64::new(0));
        let (counted, written) = (connections.clone(), sent.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let (answer, written) = (answer.clone(), written.clone());
                std::thread::spawn(move || serve(stream, &answer, &written));
            }
        });
        Rogue {
            url,
            connections,
            sent,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Reads one HTTP request: its body (by Content-Length).
fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            return Vec::new();
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            while data.len() < end + 4 + length {
                let n = stream.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break;
                }
                data.extend_from_slice(&buf[..n]);
            }
            return data[end + 4..].to_vec();
        }
    }
}

fn serve(mut stream: TcpStream, answer: &Answer, sent: &AtomicU64) {
    let request = read_request(&mut stream);
    match answer {
        Answer::Nothing => {}
        Answer::Redirect(to) => {
            let _ = write!(
                stream,
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n"
            );
        }
        Answer::Flood { bytes, declared } => {
            let length = if *declared {
                format!("Content-Length: {bytes}\r\n")
            } else {
                String::new()
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\n{length}Connection: close\r\n\r\n"
            );
            // A DER SEQUENCE header that promises the whole flood, then filler.
            let chunk = vec![0x30u8; 64 * 1024];
            let mut left = *bytes;
            while left > 0 {
                let n = left.min(chunk.len() as u64) as usize;
                if stream.write_all(&chunk[..n]).is_err() {
                    return;
                }
                sent.fetch_add(n as u64, Ordering::SeqCst);
                left -= n as u64;
            }
        }
        Answer::UnprotectedError(reason, bit) => {
            let body = forged_error(&request, reason, *bit);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/pkixcmp\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    }
}

/// An unprotected `error` answering `request` (same transactionID, our nonce echoed).
fn forged_error(request: &[u8], reason: &str, bit: dojang_core::cmp::FailureBit) -> Vec<u8> {
    use der::Decode;
    use dojang_core::cmp::status::ErrorMsgContent;
    use dojang_core::cmp::{PkiBody, PkiFailureInfo, PkiMessage, PkiStatus, PkiStatusInfo};
    let asked = PkiMessage::from_der(request).unwrap();
    let header = asked.header.value();
    let reply = dojang_core::cmp::request::header(
        dojang_core::cmp::request::null_dn(),
        dojang_core::cmp::request::null_dn(),
        None,
        header.transaction_id().unwrap(),
        header.sender_nonce(),
    )
    .unwrap();
    let body = PkiBody::Error(ErrorMsgContent {
        pki_status_info: PkiStatusInfo {
            status: PkiStatus::REJECTION,
            status_string: Some(vec![reason.to_owned()]),
            fail_info: Some(PkiFailureInfo::of(&[bit])),
        },
        error_code: None,
        error_details: None,
    });
    dojang_core::cmp::encode(&PkiMessage::new(reply, body).unwrap()).unwrap()
}

/// A user whose home holds a sandbox distribution listing `cmp_urls`.
fn user_trusting(cmp_urls: &[&str]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    common::trust_sandbox(home.path(), cmp_urls);
    home
}

fn issue(home: &std::path::Path, args: &[&str]) -> Output {
    let mut all = vec!["issue", "--password-stdin", "--json", "--store", "npki"];
    all.extend(args);
    common::run_dojang(home, &all, &format!("{PASSWORD}\n"))
}

fn error(out: &Output) -> serde_json::Value {
    json(out)["error"].clone()
}

#[test]
fn an_invitation_naming_a_ca_the_distribution_does_not_list_reaches_no_one() {
    let ca = SandboxCa::start(&[]);
    let rogue = Rogue::start(Answer::Nothing);
    let home = user_trusting(&[&ca.url]);
    let application = ca.apply("홍길동", RESIDENT, &[]);
    // The CA's own invitation, with the rogue's address in place of the CA's.
    let invitation = dojang_core::issue::Invitation {
        ca: rogue.url.clone(),
        application: application.application_number.as_str().to_owned(),
    };
    let html = home.path().join("issue.html");
    std::fs::write(
        &html,
        format!("<a href=\"{}\">발급하기</a>", invitation.link()),
    )
    .unwrap();
    let temp_code = application.temporary_code.as_str();
    let out = issue(
        home.path(),
        &[
            "--invitation",
            html.to_str().unwrap(),
            "--temp-code",
            temp_code,
            "--id-number",
            RESIDENT,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let refused = error(&out);
    assert_eq!(refused["code"], "ca-not-listed");
    assert_eq!(
        refused["params"]["host"],
        rogue.url[7..rogue.url.len() - 4],
        "the host is named in full"
    );
    // Naming it on the command line is refused the same way.
    let out = issue(
        home.path(),
        &["--ca", &rogue.url, "--registration-number", NUMBER],
    );
    assert_eq!(error(&out)["code"], "ca-not-listed");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(rogue.connections(), 0, "no code or MAC left the machine");
    assert!(!home.path().join("data").join("pending").exists());

    // Only with --allow-unlisted-ca does anything go there, and the user is warned.
    let out = issue(
        home.path(),
        &[
            "--ca",
            &rogue.url,
            "--registration-number",
            NUMBER,
            "--allow-unlisted-ca",
        ],
    );
    assert_eq!(out.status.code(), Some(4), "the rogue says nothing");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&rogue.url[7..rogue.url.len() - 4]),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(rogue.connections(), 1);
}

#[test]
fn a_build_without_a_sandbox_refuses_plain_http_even_to_this_computer() {
    let rogue = Rogue::start(Answer::Nothing);
    // No distribution file: the unbranded build, where any local user could be listening.
    let home = tempfile::tempdir().unwrap();
    let out = issue(
        home.path(),
        &[
            "--ca",
            &rogue.url,
            "--registration-number",
            NUMBER,
            "--allow-unlisted-ca",
        ],
    );
    assert_eq!(error(&out)["code"], "ca-url-insecure");
    assert_eq!(rogue.connections(), 0);
}

#[test]
fn a_redirecting_ca_is_not_followed() {
    let target = Rogue::start(Answer::Nothing);
    let redirecting = Rogue::start(Answer::Redirect(target.url.clone()));
    let home = user_trusting(&[&redirecting.url, &target.url]);
    let out = issue(
        home.path(),
        &["--ca", &redirecting.url, "--registration-number", NUMBER],
    );
    assert_eq!(out.status.code(), Some(4));
    let refused = error(&out);
    assert_eq!(refused["code"], "ca-redirected");
    assert_eq!(refused["params"]["status"], "307");
    assert_eq!(redirecting.connections(), 1);
    assert_eq!(
        target.connections(),
        0,
        "the codes did not follow the redirect"
    );
}

#[test]
fn a_50_mb_answer_is_refused_while_it_streams() {
    for declared in [false, true] {
        let flood = Rogue::start(Answer::Flood {
            bytes: 50 << 20,
            declared,
        });
        let home = user_trusting(&[&flood.url]);
        let out = issue(
            home.path(),
            &["--ca", &flood.url, "--registration-number", NUMBER],
        );
        assert_eq!(out.status.code(), Some(3), "declared: {declared}");
        let refused = error(&out);
        assert_eq!(refused["code"], "ca-response-too-large");
        assert_eq!(refused["params"]["limit"], "262144");
        // The client hung up after the limit: the server could not send the flood (what
        // it wrote beyond the limit sits in socket buffers, a few megabytes at most).
        std::thread::sleep(Duration::from_millis(300));
        let sent = flood.sent.load(Ordering::SeqCst);
        assert!(
            sent < 16 << 20,
            "{sent} bytes were sent (declared: {declared})"
        );
        // Nothing was issued; the key waits, encrypted, for a retry against a real CA.
        assert_eq!(
            std::fs::read_dir(home.path().join("data").join("pending"))
                .unwrap()
                .count(),
            1
        );
    }
}

#[test]
fn an_unprotected_revoked_answer_is_shown_but_not_remembered() {
    use dojang_core::cmp::FailureBit;
    let ca = SandboxCa::start(&[]);
    let forger = Rogue::start(Answer::UnprotectedError(
        "certificate-revoked",
        FailureBit::CertRevoked,
    ));
    let home = user_trusting(&[&ca.url, &forger.url]);
    let application = ca.apply("홍길동", RESIDENT, &[]);
    let out = issue(
        home.path(),
        &[
            "--ca",
            &ca.url,
            "--registration-number",
            application.registration_number.as_str(),
        ],
    );
    let id = issued_id(&out);
    let revoke = common::run_dojang(
        home.path(),
        &[
            "revoke",
            &id,
            "--ca",
            &forger.url,
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    // The person is told what the answer said...
    assert_eq!(revoke.status.code(), Some(3));
    assert_eq!(error(&revoke)["code"], "ca-certificate-revoked");
    // ...but nobody vouched for it: the certificate is not marked revoked.
    let listed = json(&common::run_dojang(home.path(), &["list", "--json"], ""));
    let mine = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert!(mine["revoked"].is_null(), "{mine}");
    assert!(
        !home
            .path()
            .join("data")
            .join("cas")
            .join("revoked")
            .exists()
    );
}

/// An HTTPS server on loopback with a certificate from root A (Python's `ssl` and
/// `http.server`), answering every CMP request with HTTP 503; its CMP URL.
struct TlsServer {
    url: String,
    _dir: tempfile::TempDir,
    child: std::process::Child,
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn openssl(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A self-signed root in `dir`: `<name>.pem`, `<name>.key`.
fn root(dir: &std::path::Path, name: &str) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.pem"),
            "-subj",
            &format!("/CN={name}"),
            "-days",
            "2",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ],
    );
}

const HTTPS_SERVER: &str = r#"
import http.server, ssl, sys
class Busy(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Busy)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
"#;

fn tls_server(dir: tempfile::TempDir) -> TlsServer {
    use std::io::BufRead as _;
    let d = dir.path();
    root(d, "root-a");
    root(d, "root-b");
    openssl(
        d,
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    std::fs::write(
        d.join("ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "root-a.pem",
            "-CAkey",
            "root-a.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    );
    let mut child = std::process::Command::new("python3")
        .args(["-c", HTTPS_SERVER, "server.pem", "server.key"])
        .current_dir(d)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 runs");
    let mut port = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut port)
        .unwrap();
    TlsServer {
        url: format!("https://localhost:{}/cmp", port.trim()),
        _dir: dir,
        child,
    }
}

/// A distribution's pinned roots are the only trust anchors for its CA's endpoint: a
/// server whose certificate another root vouches for is refused, even when the platform's
/// store trusts that other root; the pinned one is accepted.
#[test]
fn a_pinned_root_is_the_only_trust_anchor_for_its_ca() {
    let server = tls_server(tempfile::tempdir().unwrap());
    let pki = server._dir.path().to_owned();
    let home = tempfile::tempdir().unwrap();
    let with_pins = |pins: &[&str]| {
        let roots: Vec<String> = pins
            .iter()
            .map(|p| format!("\"{}\"", pki.join(p).display()))
            .collect();
        std::fs::write(
            home.path().join("distribution.toml"),
            format!(
                "product_name = \"은행\"\n[[ca]]\nname = \"은행 CA\"\ncmp_url = \"{}\"\nroots = [{}]\n",
                server.url,
                roots.join(", ")
            ),
        )
        .unwrap();
        let mut command = common::dojang_command(
            home.path(),
            &[
                "issue",
                "--password-stdin",
                "--json",
                "--registration-number",
                NUMBER,
            ],
        );
        // The platform's store, as far as this process is concerned, trusts root A.
        command.env("SSL_CERT_FILE", pki.join("root-a.pem"));
        let mut child = command.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        error(&child.wait_with_output().unwrap())
    };
    // Pinned to root A: the handshake succeeds and the server's answer (503) is read.
    let answered = with_pins(&["root-a.pem"]);
    assert_eq!(answered["code"], "ca-http-status", "{answered}");
    assert_eq!(answered["params"]["status"], "503");
    // Without pins the platform's store decides, and here it trusts root A...
    let unpinned = with_pins(&[]);
    assert_eq!(unpinned["code"], "ca-http-status", "{unpinned}");
    // ...but pinned to root B the handshake fails: the platform store is not consulted.
    let refused = with_pins(&["root-b.pem"]);
    assert_eq!(refused["code"], "ca-unreachable", "{refused}");
    assert!(
        refused["params"]["detail"]
            .as_str()
            .unwrap()
            .contains("certificate"),
        "the reason is in the details: {refused}"
    );
}
