//! Fault injection: a proxy between `dojang issue` and the sandbox CA that drops the
//! connection at each step of an issuance — before the `ir` reaches the CA, after the
//! CA answered with the `ip`, before the `pkiConf` comes back — and a client killed
//! after the CA answered. After each: no key lost, no certificate issued without its key,
//! and a retry with the same code succeeds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use dojang_testkit::json;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{SandboxCa, bin_dir};

const PASSWORD: &str = "seal#7294xq";
const RESIDENT: &str = "9001011234567";

/// What the proxy does with one exchange.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fault {
    /// Pass it on.
    Forward,
    /// Close the client's connection without passing the request on.
    DropRequest,
    /// Pass the request on, then close the client's connection without the answer.
    DropAnswer,
    /// Pass the request on, then kill the client before it gets the answer.
    KillClient,
}

/// An HTTP message as read from a stream: head lines and body.
fn read_message(stream: &mut impl BufRead) -> Option<(Vec<String>, Vec<u8>)> {
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        head.push(line);
    }
    let length = head
        .iter()
        .find_map(|h| {
            let (name, value) = h.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// Writes an HTTP message that closes its connection.
fn write_message(stream: &mut TcpStream, first: &str, head: &[String], body: &[u8]) {
    let mut out = format!("{first}\r\n");
    for h in head {
        let name = h.split(':').next().unwrap_or("").to_ascii_lowercase();
        if name != "content-length" && name != "connection" {
            out.push_str(h);
            out.push_str("\r\n");
        }
    }
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(body);
}

/// A proxy in front of the CA that applies `faults` to the exchanges in turn (then
/// forwards everything), and counts the exchanges it saw.
struct Proxy {
    url: String,
    seen: Arc<Mutex<Vec<Fault>>>,
    client: Arc<Mutex<Option<Child>>>,
}

impl Proxy {
    fn start(ca_url: &str, faults: &[Fault]) -> Proxy {
        let target = ca_url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/cmp", listener.local_addr().unwrap());
        let plan = Arc::new(Mutex::new(faults.to_vec()));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let client: Arc<Mutex<Option<Child>>> = Arc::new(Mutex::new(None));
        let (seen_in, client_in) = (seen.clone(), client.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                // One exchange per connection: every answer closes it.
                let Some((head, body)) = read_message(&mut reader) else {
                    continue;
                };
                let fault = {
                    let mut plan = plan.lock().unwrap();
                    if plan.is_empty() {
                        Fault::Forward
                    } else {
                        plan.remove(0)
                    }
                };
                seen_in.lock().unwrap().push(fault);
                if fault == Fault::DropRequest {
                    continue; // dropped: the CA never hears of it
                }
                let mut ca = TcpStream::connect(&target).unwrap();
                write_message(&mut ca, &head[0], &head[1..], &body);
                let mut ca_reader = BufReader::new(ca);
                let (answer_head, answer) = read_message(&mut ca_reader).unwrap();
                match fault {
                    Fault::Forward => {
                        write_message(&mut stream, &answer_head[0], &answer_head[1..], &answer)
                    }
                    Fault::KillClient => {
                        for _ in 0..50 {
                            if let Some(child) = client_in.lock().unwrap().as_mut() {
                                let _ = child.kill();
                                let _ = child.wait();
                                break;
                            }
                            std::thread::sleep(Duration::from_millis(50));
                        }
                    }
                    Fault::DropAnswer | Fault::DropRequest => {}
                }
            }
        });
        Proxy { url, seen, client }
    }

    fn seen(&self) -> Vec<Fault> {
        self.seen.lock().unwrap().clone()
    }
}

struct User {
    home: tempfile::TempDir,
}

impl User {
    fn new() -> Self {
        User {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        common::dojang_command(self.home.path(), args)
    }

    fn root(&self) -> String {
        self.home
            .path()
            .join("usb")
            .join("NPKI")
            .display()
            .to_string()
    }

    fn issue_args<'a>(&'a self, ca: &'a str, number: &'a str, root: &'a str) -> Vec<String> {
        [
            "issue",
            "--password-stdin",
            "--json",
            "--ca",
            ca,
            "--registration-number",
            number,
            "--store",
            &format!("npki:{root}"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Starts `dojang issue` with the password on its standard input.
    fn spawn_issue(&self, ca: &str, number: &str) -> Child {
        let root = self.root();
        let args = self.issue_args(ca, number, &root);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = self.command(&args).spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        child
    }

    fn issue(&self, ca: &str, number: &str) -> Output {
        self.spawn_issue(ca, number).wait_with_output().unwrap()
    }

    fn listed(&self) -> Vec<String> {
        let root = self.root();
        let out = self
            .command(&["list", "--json", "--npki-root", &root])
            .output()
            .unwrap();
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// The pending keys of interrupted attempts.
    fn pending(&self) -> usize {
        std::fs::read_dir(self.home.path().join("data").join("pending"))
            .map(|d| d.flatten().filter(|e| e.path().is_dir()).count())
            .unwrap_or(0)
    }

    /// The certificate opens with the password and belongs to the applicant.
    fn assert_usable(&self, id: &str) {
        let root = self.root();
        let mut child = self
            .command(&[
                "verify-id",
                id,
                "--id-number",
                RESIDENT,
                "--npki-root",
                &root,
                "--password-stdin",
                "--json",
            ])
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The CA's certificates and their states, from `dojang-ca list`.
fn ca_states(ca: &SandboxCa) -> String {
    let out = Command::new(bin_dir().join("dojang-ca"))
        .args(["list", "--dir"])
        .arg(ca.dir.path())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// How long the CA waits for a certConf: short, so a retry comes quickly, but long
/// enough for a certConf on a busy machine (a test's own retry must still be confirmed).
const CONFIRM_TIMEOUT_S: u64 = 3;

/// A CA whose unconfirmed issuances lapse after [`CONFIRM_TIMEOUT_S`].
fn quick_ca() -> SandboxCa {
    SandboxCa::start(&["--confirm-timeout", &CONFIRM_TIMEOUT_S.to_string()])
}

/// The retry after an interruption, through the proxy (which now forwards everything):
/// it succeeds with the key saved by the interrupted attempt, and leaves no pending key
/// and a usable certificate.
fn retry_succeeds(user: &User, proxy: &Proxy, number: &str) -> String {
    std::thread::sleep(Duration::from_secs(CONFIRM_TIMEOUT_S) + Duration::from_millis(500));
    let out = user.issue(&proxy.url, number);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let done = json(&out);
    assert_eq!(done["confirmed"], true);
    let id = done["id"].as_str().unwrap().to_owned();
    assert_eq!(user.listed(), std::slice::from_ref(&id));
    assert_eq!(user.pending(), 0, "the pending key is taken up");
    user.assert_usable(&id);
    id
}

#[test]
fn a_connection_dropped_before_the_ir_reaches_the_ca_loses_nothing() {
    let ca = quick_ca();
    let user = User::new();
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    let proxy = Proxy::start(&ca.url, &[Fault::DropRequest]);
    common::trust_sandbox(user.home.path(), &[&ca.url, &proxy.url]);
    let out = user.issue(&proxy.url, &number);
    assert_eq!(out.status.code(), Some(4), "unreachable");
    assert_eq!(proxy.seen(), [Fault::DropRequest]);
    assert_eq!(user.listed(), Vec::<String>::new());
    assert_eq!(user.pending(), 1, "the key waits for the retry");
    retry_succeeds(&user, &proxy, &number);
}

#[test]
fn a_connection_dropped_after_the_ca_answered_leaves_a_clean_retry() {
    let ca = quick_ca();
    let user = User::new();
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    let proxy = Proxy::start(&ca.url, &[Fault::DropAnswer]);
    common::trust_sandbox(user.home.path(), &[&ca.url, &proxy.url]);
    let out = user.issue(&proxy.url, &number);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(user.listed(), Vec::<String>::new());
    assert_eq!(user.pending(), 1);
    // The CA issued, but nothing is committed without the certConf.
    assert!(!ca_states(&ca).contains(" valid "), "{}", ca_states(&ca));
    retry_succeeds(&user, &proxy, &number);
    let states = ca_states(&ca);
    assert_eq!(states.matches(" valid ").count(), 1, "{states}");
}

#[test]
fn a_lost_pkiconf_is_confirmed_again_and_the_certificate_is_in_force() {
    let ca = quick_ca();
    let user = User::new();
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    // ir passes; the certConf reaches the CA, whose pkiConf is lost.
    let proxy = Proxy::start(&ca.url, &[Fault::Forward, Fault::DropAnswer]);
    common::trust_sandbox(user.home.path(), &[&ca.url, &proxy.url]);
    let out = user.issue(&proxy.url, &number);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done = json(&out);
    // The repeated certConf learnt from the CA that the first one arrived.
    assert_eq!(done["confirmed"], true);
    assert_eq!(proxy.seen().len(), 3);
    let id = done["id"].as_str().unwrap().to_owned();
    assert_eq!(user.listed(), std::slice::from_ref(&id));
    assert_eq!(user.pending(), 0);
    user.assert_usable(&id);
    let states = ca_states(&ca);
    assert_eq!(states.matches(" valid ").count(), 1, "{states}");
    // The code is spent: a second issuance is refused, the certificate stays.
    let again = user.issue(&ca.url, &number);
    assert_eq!(again.status.code(), Some(3));
    assert_eq!(user.listed(), [id]);
}

#[test]
fn a_client_killed_after_the_ca_answered_keeps_its_key_and_the_retry_succeeds() {
    let ca = quick_ca();
    let user = User::new();
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    let proxy = Proxy::start(&ca.url, &[Fault::KillClient]);
    common::trust_sandbox(user.home.path(), &[&ca.url, &proxy.url]);
    let child = user.spawn_issue(&proxy.url, &number);
    *proxy.client.lock().unwrap() = Some(child);
    // Wait for the proxy to have killed it.
    for _ in 0..100 {
        if proxy.seen() == [Fault::KillClient]
            && proxy
                .client
                .lock()
                .unwrap()
                .as_mut()
                .is_some_and(|c| c.try_wait().ok().flatten().is_some())
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(proxy.seen(), [Fault::KillClient]);
    assert_eq!(user.listed(), Vec::<String>::new());
    assert_eq!(user.pending(), 1, "the key was on disk before the ir left");
    retry_succeeds(&user, &proxy, &number);
}

#[test]
fn a_certconf_that_never_arrives_leaves_a_certificate_the_retry_replaces() {
    let ca = quick_ca();
    let user = User::new();
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    // The ir passes; every certConf (the first and both repeats) is lost on the way.
    let proxy = Proxy::start(
        &ca.url,
        &[
            Fault::Forward,
            Fault::DropRequest,
            Fault::DropRequest,
            Fault::DropRequest,
        ],
    );
    common::trust_sandbox(user.home.path(), &[&ca.url, &proxy.url]);
    let out = user.issue(&proxy.url, &number);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = json(&out);
    assert_eq!(
        first["confirmed"], false,
        "the user is told the CA did not confirm"
    );
    let first_id = first["id"].as_str().unwrap().to_owned();
    assert_eq!(user.listed(), std::slice::from_ref(&first_id));
    // The CA withdraws the unconfirmed certificate; the same code issues again, and the
    // new certificate takes the old one's place in the NPKI folder.
    let second_id = retry_succeeds(&user, &proxy, &number);
    assert_ne!(second_id, first_id);
    let states = ca_states(&ca);
    assert_eq!(states.matches(" valid ").count(), 1, "{states}");
    assert!(states.contains("withdrawn"), "{states}");
}
