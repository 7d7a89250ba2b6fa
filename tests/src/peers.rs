//! Independent status peers on loopback, for tests: OpenSSL's OCSP responder and CRLs made
//! by `openssl ca -gencrl`, an LDAP server (Debian's slapd) publishing CRLs as Korean CAs
//! do, and a plain HTTP server answering fixed bytes (a CRL, or something hostile).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use der::Decode;
use time::OffsetDateTime;
use x509_cert::Certificate;

use crate::{Result, TestCa};

/// A loopback port free a moment ago.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Waits until something listens on `port` (or `limit` passes).
fn wait_for_port(port: u16, limit: Duration) -> Result<()> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("nothing listens on port {port}").into())
}

/// Runs a command in `dir`, failing with its output when it fails.
fn run(dir: &Path, program: &str, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new(program).args(args).current_dir(dir).output()?;
    if !out.status.success() {
        return Err(format!(
            "{program} {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(out.stdout)
}

/// A process killed and waited for when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A revocation as `openssl ca`'s database writes it.
#[derive(Debug, Clone, Copy)]
pub struct Revoked {
    /// When.
    pub at: OffsetDateTime,
    /// The CRLReason's name (`keyCompromise`, `superseded`, …).
    pub reason: &'static str,
}

fn asn1_utc(t: OffsetDateTime) -> String {
    format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        t.year() % 100,
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The line of `openssl ca`'s database (`index.txt`) for certificate `der` (its subject
/// written as its serial: OpenSSL wants the valid rows' subjects unique).
pub fn index_line(der: &[u8], revoked: Option<Revoked>) -> Result<String> {
    let cert = Certificate::from_der(der)?;
    let serial: String = cert
        .tbs_certificate
        .serial_number
        .as_bytes()
        .iter()
        .skip_while(|b| **b == 0)
        .map(|b| format!("{b:02X}"))
        .collect();
    let not_after = cert.tbs_certificate.validity.not_after.to_unix_duration();
    let not_after = OffsetDateTime::from_unix_timestamp(i64::try_from(not_after.as_secs())?)?;
    let (flag, when) = match revoked {
        None => ("V", String::new()),
        Some(r) => ("R", format!("{},{}", asn1_utc(r.at), r.reason)),
    };
    Ok(format!(
        "{flag}\t{}\t{when}\t{serial}\tunknown\t/CN={serial}\n",
        asn1_utc(not_after)
    ))
}

/// Writes a CA's certificate and key as PEM files in `dir`, named by `stem`.
fn write_ca(dir: &Path, stem: &str, ca: &TestCa) -> Result<(PathBuf, PathBuf)> {
    let (cert, key) = (
        dir.join(format!("{stem}.pem")),
        dir.join(format!("{stem}.key")),
    );
    std::fs::write(&cert, ca.pem())?;
    std::fs::write(&key, ca.key_pem())?;
    Ok((cert, key))
}

/// OpenSSL's OCSP responder (`openssl ocsp -index … -port …`) for the certificates of
/// `issuer`, signing with `signer` (the issuer itself, or another CA to play a wrong key).
pub struct OpensslOcsp {
    _process: Killed,
    _dir: tempfile::TempDir,
    /// Its URL.
    pub url: String,
}

impl OpensslOcsp {
    /// Starts it on `port` with the database `index` (lines of [`index_line`]); `extra`
    /// options go to `openssl ocsp` as they are (`-resp_key_id`, `-ndays 1`, …).
    pub fn start(
        port: u16,
        issuer: &TestCa,
        signer: &TestCa,
        index: &str,
        extra: &[&str],
    ) -> Result<OpensslOcsp> {
        Self::start_with_signer(port, issuer, &signer.pem(), &signer.key_pem(), index, extra)
    }

    /// Like [`OpensslOcsp::start`], signing with this certificate and key (PEM): a
    /// delegated responder.
    pub fn start_with_signer(
        port: u16,
        issuer: &TestCa,
        signer_pem: &str,
        signer_key_pem: &str,
        index: &str,
        extra: &[&str],
    ) -> Result<OpensslOcsp> {
        let dir = tempfile::tempdir()?;
        let (ca, _) = write_ca(dir.path(), "ca", issuer)?;
        let (signer, key) = (dir.path().join("signer.pem"), dir.path().join("signer.key"));
        std::fs::write(&signer, signer_pem)?;
        std::fs::write(&key, signer_key_pem)?;
        std::fs::write(dir.path().join("index.txt"), index)?;
        // OpenSSL 3.0's responder takes a port only, and listens on every address.
        let process = Command::new("openssl")
            .args([
                "ocsp",
                "-index",
                "index.txt",
                "-port",
                &port.to_string(),
                "-rsigner",
            ])
            .arg(&signer)
            .arg("-rkey")
            .arg(&key)
            .arg("-CA")
            .arg(&ca)
            .args(extra)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut process = Killed(process);
        // Ready once it says so. (Not by connecting to it: it serves one connection at a
        // time and waits on one that sends nothing.)
        let stderr = process.0.stderr.take().ok_or("no stderr")?;
        let (said, heard) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(|l| l.ok())
            {
                let ready = line.contains("waiting for OCSP client connections");
                let _ = said.send((ready, line));
            }
        });
        let mut lines = Vec::new();
        loop {
            match heard.recv_timeout(Duration::from_secs(10)) {
                Ok((true, _)) => break,
                Ok((false, line)) => lines.push(line),
                Err(_) => return Err(format!("openssl ocsp did not start: {lines:?}").into()),
            }
        }
        Ok(OpensslOcsp {
            _process: process,
            _dir: dir,
            url: format!("http://127.0.0.1:{port}/"),
        })
    }
}

/// A CRL (DER) of `ca` made by `openssl ca -gencrl` from the database `index`, valid for
/// `hours` hours.
pub fn openssl_crl(ca: &TestCa, index: &str, hours: u32) -> Result<Vec<u8>> {
    let dir = tempfile::tempdir()?;
    let (cert, key) = write_ca(dir.path(), "ca", ca)?;
    std::fs::write(dir.path().join("index.txt"), index)?;
    std::fs::write(dir.path().join("crlnumber"), "01\n")?;
    std::fs::write(
        dir.path().join("ca.cnf"),
        "[ca]\ndefault_ca = here\n[here]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\n",
    )?;
    let (cert, key) = (cert.display().to_string(), key.display().to_string());
    let hours = hours.to_string();
    run(
        dir.path(),
        "openssl",
        &[
            "ca",
            "-config",
            "ca.cnf",
            "-gencrl",
            "-crlhours",
            &hours,
            "-cert",
            &cert,
            "-keyfile",
            &key,
            "-out",
            "crl.pem",
        ],
    )?;
    run(
        dir.path(),
        "openssl",
        &[
            "crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der",
        ],
    )?;
    Ok(std::fs::read(dir.path().join("crl.der"))?)
}

/// An HTTP server on loopback answering every request (GET or POST, any path) with the
/// same body, which the test may change, counting the requests.
pub struct FixedServer {
    /// Its base URL, ending in `/`.
    pub url: String,
    body: Arc<std::sync::Mutex<Vec<u8>>>,
    hits: Arc<AtomicUsize>,
}

impl FixedServer {
    /// Starts it on a free port.
    pub fn start(body: Vec<u8>) -> Result<FixedServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}/", listener.local_addr()?);
        let hits = Arc::new(AtomicUsize::new(0));
        let body = Arc::new(std::sync::Mutex::new(body));
        let (counted, served) = (hits.clone(), body.clone());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let body = served.lock().map(|b| b.clone()).unwrap_or_default();
                std::thread::spawn(move || {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(&body);
                });
            }
        });
        Ok(FixedServer { url, body, hits })
    }

    /// Answers `body` from now on.
    pub fn set_body(&self, body: Vec<u8>) {
        if let Ok(mut current) = self.body.lock() {
            *current = body;
        }
    }

    /// How many requests it has had.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// A private slapd on loopback with the suffix `c=kr`, as Korean CAs' directories are.
pub struct Slapd {
    _process: Killed,
    dir: tempfile::TempDir,
    port: u16,
}

const ROOT_DN: &str = "cn=admin,c=kr";
const ROOT_PW: &str = "slapd-test-only";

impl Slapd {
    /// Starts it (`slapd` and `ldapadd` from Debian's slapd and ldap-utils).
    pub fn start() -> Result<Slapd> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("db");
        std::fs::create_dir(&db)?;
        let conf = dir.path().join("slapd.conf");
        std::fs::write(
            &conf,
            format!(
                "include /etc/ldap/schema/core.schema\n\
                 include /etc/ldap/schema/cosine.schema\n\
                 modulepath /usr/lib/ldap\n\
                 moduleload back_mdb\n\
                 pidfile {pid}\n\
                 database mdb\n\
                 suffix \"c=kr\"\n\
                 rootdn \"{ROOT_DN}\"\n\
                 rootpw {ROOT_PW}\n\
                 directory {db}\n",
                pid = dir.path().join("slapd.pid").display(),
                db = db.display(),
            ),
        )?;
        let port = free_port()?;
        let listen = format!("ldap://127.0.0.1:{port}/");
        let process = Command::new("slapd")
            .arg("-f")
            .arg(&conf)
            .args(["-h", &listen, "-d", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let process = Killed(process);
        wait_for_port(port, Duration::from_secs(10))?;
        let slapd = Slapd {
            _process: process,
            dir,
            port,
        };
        slapd.add("dn: c=kr\nobjectClass: country\nc: kr\n")?;
        Ok(slapd)
    }

    fn add(&self, ldif: &str) -> Result<()> {
        let file = self.dir.path().join("add.ldif");
        std::fs::write(&file, ldif)?;
        let url = format!("ldap://127.0.0.1:{}", self.port);
        let file = file.display().to_string();
        run(
            self.dir.path(),
            "ldapadd",
            &["-x", "-H", &url, "-D", ROOT_DN, "-w", ROOT_PW, "-f", &file],
        )?;
        Ok(())
    }

    /// Publishes `crl` as `attribute` (`certificateRevocationList` or
    /// `authorityRevocationList`) of a new cRLDistributionPoint entry
    /// `cn=<cn>,ou=<ou>,o=<org>,c=kr` (the parents made too), and returns the `ldap://` URL
    /// a certificate names it by.
    pub fn publish(
        &self,
        org: &str,
        ou: &str,
        cn: &str,
        attribute: &str,
        crl: &[u8],
    ) -> Result<String> {
        use base64::Engine as _;
        let base64 = base64::engine::general_purpose::STANDARD.encode(crl);
        let org_dn = format!("o={org},c=kr");
        let ou_dn = format!("ou={ou},{org_dn}");
        let entry = format!("cn={cn},{ou_dn}");
        // Parents may exist from an earlier publication: add each on its own.
        let _ = self.add(&format!(
            "dn: {org_dn}\nobjectClass: organization\no: {org}\n"
        ));
        let _ = self.add(&format!(
            "dn: {ou_dn}\nobjectClass: organizationalUnit\nou: {ou}\n"
        ));
        self.add(&format!(
            "dn: {entry}\nobjectClass: cRLDistributionPoint\ncn: {cn}\n{attribute};binary:: {base64}\n"
        ))?;
        Ok(format!(
            "ldap://127.0.0.1:{}/{entry}?{attribute};binary",
            self.port
        ))
    }

    /// The `ldap://` URL an entry would have, before it is published.
    pub fn url_for(&self, org: &str, ou: &str, cn: &str, attribute: &str) -> String {
        format!(
            "ldap://127.0.0.1:{}/cn={cn},ou={ou},o={org},c=kr?{attribute};binary",
            self.port
        )
    }
}
