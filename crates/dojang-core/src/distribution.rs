//! The distribution file: what a bank or CA sets when it hands Dojang to its customers —
//! the product name, logo, accent colour, support contact, its CMP endpoints and the CA
//! roots to pin. One TOML file, baked into the installer (see docs/branding.md), read and
//! checked once at start; a wrong file is one clear error naming the line, never a
//! half-branded app.
//!
//! ```toml
//! product_name = "도장"
//! product_name_en = "Dojang"
//! accent_color = "#1d5fbf"
//! logo = "logo.svg"              # beside this file; PNG or SVG, at most 256 KiB
//!
//! [support]
//! phone = "1577-8787"
//! url = "https://www.example.com/support"
//! hours = "평일 09:00–18:00"
//!
//! [[ca]]
//! name = "예시 인증기관"
//! cmp_url = "https://ca.example.com/cmp"
//! roots = ["roots/example-root.pem"]   # PEM or DER, beside this file
//!
//! unlisted_sites = "refuse"      # or "warn"; see below
//!
//! [[relying_party]]              # a site Dojang signs for (docs/signing.md)
//! name = "예시 은행"
//! origin = "https://www.bank.example"
//! ```
//!
//! A signing request from a site the file does not list is refused when
//! `unlisted_sites = "refuse"` (the default of a file that lists sites), and otherwise
//! shown behind a warning the person must accept (always so in the unbranded build).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Error;
use crate::issue::CaUrl;
use crate::issue::invitation::{ApprovedCa, CaCheck, UnlistedCa};

/// The environment variable naming a distribution file (development, tests, the sandbox
/// run); an installed app reads the one bundled beside it.
pub const DISTRIBUTION_ENV: &str = "DOJANG_DISTRIBUTION";

/// The file name of a bundled distribution file.
pub const DISTRIBUTION_FILE: &str = "distribution.toml";

/// The largest logo accepted.
const LOGO_LIMIT: u64 = 256 * 1024;

/// What the window shows of a distribution (and the hosts use to reach its CAs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Distribution {
    /// The product name in Korean (the window title, the header).
    pub product_name: String,
    /// The product name in English, when it differs.
    pub product_name_en: Option<String>,
    /// The accent colour, `#rrggbb`.
    pub accent_color: Option<String>,
    /// The logo as a `data:` URL (PNG or SVG).
    pub logo: Option<String>,
    /// Where users get help.
    pub support: Support,
    /// The CAs this distribution issues from, the first being the default.
    pub cas: Vec<CaEndpoint>,
    /// A sandbox build: certificates come from a test CA and are worth nothing.
    pub sandbox: bool,
    /// The sites this build signs for.
    pub relying_parties: Vec<RelyingParty>,
    /// What becomes of a signing request from a site not listed.
    pub unlisted_sites: UnlistedSites,
    /// The CA roots the distribution pins, DER.
    #[serde(skip)]
    #[ts(skip)]
    pub pinned_roots: Vec<Vec<u8>>,
}

/// The support contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Support {
    /// A phone number, as people dial it (e.g. `1577-8787`).
    pub phone: Option<String>,
    /// A web page.
    pub url: Option<String>,
    /// Opening hours, in words.
    pub hours: Option<String>,
}

/// One CA a distribution issues from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaEndpoint {
    /// The CA's name as users know it.
    pub name: String,
    /// Its CMP URL.
    pub cmp_url: String,
    /// The roots pinned for this CA, DER (its certificates chain to one of them).
    #[serde(skip)]
    #[ts(skip)]
    pub roots: Vec<Vec<u8>>,
}

/// A site a distribution signs for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RelyingParty {
    /// Its name as customers know it (shown large in the consent window).
    pub name: String,
    /// Its origin: `https://host` with the port when not 443.
    pub origin: String,
}

/// What becomes of a signing request from a site the distribution does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum UnlistedSites {
    /// Refused ([`Error::SiteNotListed`]).
    Refuse,
    /// Shown behind a warning naming the whole origin, which the person must accept.
    Warn,
}

/// Who asks for a signature, as the consent window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SiteCheck {
    /// The origin, whole (`https://www.bank.example`).
    pub origin: String,
    /// The name the distribution gives it, when listed.
    pub name: Option<String>,
    /// Listed by the distribution; otherwise the person is warned first.
    pub listed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCa {
    name: String,
    cmp_url: String,
    #[serde(default)]
    roots: Vec<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    product_name: String,
    product_name_en: Option<String>,
    accent_color: Option<String>,
    logo: Option<PathBuf>,
    #[serde(default)]
    support: Support,
    #[serde(default)]
    ca: Vec<FileCa>,
    #[serde(default)]
    sandbox: bool,
    #[serde(default)]
    relying_party: Vec<RelyingParty>,
    unlisted_sites: Option<UnlistedSites>,
}

impl Default for Distribution {
    /// The unbranded build: Dojang's name, no CA of its own (an invitation or the user
    /// names one), no pinned roots.
    fn default() -> Self {
        Distribution {
            product_name: "도장".to_owned(),
            product_name_en: Some("Dojang".to_owned()),
            accent_color: None,
            logo: None,
            support: Support::default(),
            cas: Vec::new(),
            sandbox: false,
            relying_parties: Vec::new(),
            unlisted_sites: UnlistedSites::Warn,
            pinned_roots: Vec::new(),
        }
    }
}

impl Distribution {
    /// The distribution in force: the file `DOJANG_DISTRIBUTION` names, else `bundled`
    /// when it exists, else the unbranded default.
    pub fn load_default(bundled: Option<&Path>) -> Result<Distribution, Error> {
        if let Some(path) = std::env::var_os(DISTRIBUTION_ENV).filter(|p| !p.is_empty()) {
            return Distribution::load(Path::new(&path));
        }
        match bundled {
            Some(path) if path.exists() => Distribution::load(path),
            _ => Ok(Distribution::default()),
        }
    }

    /// Reads and checks a distribution file; logos and roots are read relative to it.
    pub fn load(path: &Path) -> Result<Distribution, Error> {
        let bytes = crate::files::read(path, crate::files::DOCUMENT_LIMIT).map_err(|e| {
            Error::DistributionUnreadable {
                path: path.to_owned(),
                detail: e.to_string(),
            }
        })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::DistributionInvalid {
            path: path.to_owned(),
            detail: "the file is not UTF-8 text".to_owned(),
        })?;
        Distribution::parse(&text, path)
    }

    /// Checks the text of a distribution file found at `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Distribution, Error> {
        let invalid = |detail: String| Error::DistributionInvalid {
            path: path.to_owned(),
            detail,
        };
        let file: File = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let base = path.parent().unwrap_or(Path::new("."));
        let name = file.product_name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(invalid(
                "product_name must be 1 to 40 characters".to_owned(),
            ));
        }
        if let Some(colour) = &file.accent_color {
            let hex = colour.strip_prefix('#').unwrap_or("");
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(invalid(format!(
                    "accent_color {colour:?} is not of the form #rrggbb"
                )));
            }
        }
        if let Some(url) = &file.support.url
            && !url.starts_with("https://")
        {
            return Err(invalid(format!(
                "support.url {url:?} must start with https://"
            )));
        }
        let logo = file
            .logo
            .as_deref()
            .map(|logo| read_logo(&base.join(logo)).map_err(invalid))
            .transpose()?;
        let mut cas = Vec::new();
        let mut pinned_roots: Vec<Vec<u8>> = Vec::new();
        for ca in file.ca {
            if ca.name.trim().is_empty() {
                return Err(invalid("every [[ca]] needs a name".to_owned()));
            }
            let url = CaUrl::parse(&ca.cmp_url)
                .map_err(|e| invalid(format!("cmp_url of {:?}: {} ({e})", ca.name, ca.cmp_url)))?;
            if url.is_plain_http() && !file.sandbox {
                return Err(invalid(format!(
                    "cmp_url of {:?}: {} is plain HTTP, which only a sandbox distribution \
                     (sandbox = true) may use",
                    ca.name, ca.cmp_url
                )));
            }
            let mut roots = Vec::new();
            for root in &ca.roots {
                let der = read_root(&base.join(root)).map_err(invalid)?;
                if !pinned_roots.contains(&der) {
                    pinned_roots.push(der.clone());
                }
                roots.push(der);
            }
            cas.push(CaEndpoint {
                name: ca.name.trim().to_owned(),
                cmp_url: ca.cmp_url.trim().to_owned(),
                roots,
            });
        }
        let mut relying_parties = Vec::new();
        for rp in file.relying_party {
            if rp.name.trim().is_empty() {
                return Err(invalid("every [[relying_party]] needs a name".to_owned()));
            }
            let url = crate::sign::request::SiteUrl::parse(&rp.origin).map_err(|_| {
                invalid(format!(
                    "origin of {:?}: {} is not an https:// origin",
                    rp.name, rp.origin
                ))
            })?;
            if url.is_plain_http() && !file.sandbox {
                return Err(invalid(format!(
                    "origin of {:?}: {} is plain HTTP, which only a sandbox distribution \
                     (sandbox = true) may use",
                    rp.name, rp.origin
                )));
            }
            if url.as_url().path() != "/" || url.as_url().query().is_some() {
                return Err(invalid(format!(
                    "origin of {:?}: {} has a path; an origin is scheme, host and port only",
                    rp.name, rp.origin
                )));
            }
            relying_parties.push(RelyingParty {
                name: rp.name.trim().to_owned(),
                origin: url.origin(),
            });
        }
        let unlisted_sites = file
            .unlisted_sites
            .unwrap_or(if relying_parties.is_empty() {
                UnlistedSites::Warn
            } else {
                UnlistedSites::Refuse
            });
        Ok(Distribution {
            product_name: name.to_owned(),
            product_name_en: file.product_name_en.map(|n| n.trim().to_owned()),
            accent_color: file.accent_color,
            logo,
            support: file.support,
            cas,
            sandbox: file.sandbox,
            relying_parties,
            unlisted_sites,
            pinned_roots,
        })
    }

    /// A sandbox distribution whose only CA is the one at `cmp_url` (the demo, tests): plain
    /// HTTP to loopback is accepted, and nothing is pinned.
    pub fn sandbox_for(cmp_url: &str) -> Distribution {
        Distribution {
            sandbox: true,
            cas: vec![CaEndpoint {
                name: "Dojang Sandbox CA".to_owned(),
                cmp_url: cmp_url.to_owned(),
                roots: Vec::new(),
            }],
            ..Distribution::default()
        }
    }

    /// The listed CA at `url` (compared in normalised form), if any.
    fn listed_ca(&self, url: &CaUrl) -> Option<&CaEndpoint> {
        self.cas
            .iter()
            .find(|ca| CaUrl::parse(&ca.cmp_url).is_ok_and(|listed| listed == *url))
    }

    /// A well-formed CA address this distribution accepts at all: plain HTTP (to
    /// loopback; any local user can listen there) only in a sandbox distribution.
    fn parse_ca(&self, url: &str) -> Result<CaUrl, Error> {
        let parsed = CaUrl::parse(url)?;
        if parsed.is_plain_http() && !self.sandbox {
            return Err(Error::CaUrlInsecure {
                url: url.to_owned(),
            });
        }
        Ok(parsed)
    }

    /// The CA endpoint at `url`, if this distribution lets Dojang send codes and keys
    /// there. A distribution that names CAs names every one: another is refused
    /// ([`Error::CaNotListed`]) unless `unlisted` allows it; a build without CAs of its own
    /// lists none, so every CA needs [`UnlistedCa::Allow`] (the person saw the warning).
    /// A listed CA comes with its pinned roots; an unlisted one has none.
    pub fn approve_ca(&self, url: &str, unlisted: UnlistedCa) -> Result<ApprovedCa, Error> {
        let parsed = self.parse_ca(url)?;
        if let Some(ca) = self.listed_ca(&parsed) {
            return Ok(ApprovedCa::new(parsed, ca.roots.clone(), true));
        }
        match unlisted {
            UnlistedCa::Allow => Ok(ApprovedCa::new(parsed, Vec::new(), false)),
            UnlistedCa::Refuse => Err(Error::CaNotListed {
                host: parsed.host(),
                url: parsed.to_string(),
            }),
        }
    }

    /// What the window shows of a CA address before any code is typed: its host and
    /// name, and whether it is listed. A CA that a distribution with CAs does not list is
    /// refused here already ([`Error::CaNotListed`]); in a build without CAs, every CA
    /// comes back unlisted, for a warning the person must accept.
    pub fn check_ca(&self, url: &str) -> Result<CaCheck, Error> {
        let parsed = self.parse_ca(url)?;
        let listed = self.listed_ca(&parsed);
        if listed.is_none() && !self.cas.is_empty() {
            return Err(Error::CaNotListed {
                host: parsed.host(),
                url: parsed.to_string(),
            });
        }
        Ok(CaCheck {
            url: parsed.to_string(),
            host: parsed.host(),
            name: listed.map(|ca| ca.name.clone()),
            listed: listed.is_some(),
        })
    }

    /// Who asks, for a signing request or callback at `url`: a listed site with its name;
    /// an unlisted one for a warning, or refused ([`Error::SiteNotListed`]) when the
    /// distribution says so. Plain HTTP (to loopback) only in a sandbox distribution
    /// ([`Error::SiteInsecure`]).
    pub fn check_site(&self, url: &crate::sign::request::SiteUrl) -> Result<SiteCheck, Error> {
        if url.is_plain_http() && !self.sandbox {
            return Err(Error::SiteInsecure {
                url: url.to_string(),
            });
        }
        let origin = url.origin();
        let listed = self.relying_parties.iter().find(|rp| rp.origin == origin);
        if listed.is_none() && self.unlisted_sites == UnlistedSites::Refuse {
            return Err(Error::SiteNotListed { origin });
        }
        Ok(SiteCheck {
            origin,
            name: listed.map(|rp| rp.name.clone()),
            listed: listed.is_some(),
        })
    }

    /// The default CA's CMP URL, when the distribution names one.
    pub fn default_ca(&self) -> Option<&str> {
        self.cas.first().map(|ca| ca.cmp_url.as_str())
    }
}

/// A logo as a `data:` URL.
fn read_logo(path: &Path) -> Result<String, String> {
    use base64::Engine as _;
    let bytes = crate::files::read(path, LOGO_LIMIT).map_err(|e| match e {
        Error::FileTooLarge { .. } => {
            format!("logo {} is larger than {LOGO_LIMIT} bytes", path.display())
        }
        e => format!("logo {}: {e}", path.display()),
    })?;
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("<svg")) {
        "image/svg+xml"
    } else {
        return Err(format!("logo {} is neither PNG nor SVG", path.display()));
    };
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// A pinned root, PEM or DER, as DER.
fn read_root(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = crate::files::read(path, crate::files::KEY_FILE_LIMIT)
        .map_err(|e| format!("root {}: {e}", path.display()))?;
    let der = crate::cert::pem_or_der(&bytes, "CERTIFICATE");
    x509_parser::parse_x509_certificate(&der)
        .map_err(|e| format!("root {} is not a certificate: {e}", path.display()))?;
    Ok(der)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Distribution, Error> {
        Distribution::parse(text, Path::new("/nowhere/distribution.toml"))
    }

    fn detail(e: Error) -> String {
        assert_eq!(e.code(), "distribution-invalid");
        e.params()["detail"].clone()
    }

    #[test]
    fn a_minimal_file_brands_the_name_and_keeps_the_rest_unset() {
        let d = parse("product_name = \"하나 인증\"\n").unwrap();
        assert_eq!(d.product_name, "하나 인증");
        assert_eq!(d.cas, []);
        assert!(!d.sandbox && d.logo.is_none() && d.default_ca().is_none());
    }

    #[test]
    fn every_wrong_value_is_named() {
        assert!(detail(parse("product_name = \"\"").unwrap_err()).contains("product_name"));
        assert!(
            detail(parse("product_name = \"x\"\naccent_color = \"blue\"").unwrap_err())
                .contains("#rrggbb")
        );
        assert!(
            detail(
                parse("product_name = \"x\"\n[support]\nurl = \"http://a.example\"").unwrap_err()
            )
            .contains("https://")
        );
        let e = detail(
            parse(
                "product_name = \"x\"\n[[ca]]\nname = \"A\"\ncmp_url = \"http://ca.example/cmp\"",
            )
            .unwrap_err(),
        );
        assert!(e.contains("cmp_url of \"A\""), "{e}");
        // A misspelt key is refused, with its line, rather than silently ignored.
        let e = detail(parse("product_name = \"x\"\naccent_colour = \"#000000\"").unwrap_err());
        assert!(e.contains("accent_colour") && e.contains("line 2"), "{e}");
        let e = detail(parse("product_name = \"x\"\nlogo = \"missing.png\"").unwrap_err());
        assert!(e.contains("missing.png"), "{e}");
    }

    #[test]
    fn listed_sites_are_named_and_others_refused_or_warned_of() {
        use crate::sign::request::SiteUrl;
        let site = |u: &str| SiteUrl::parse(u).unwrap();
        let d = parse(
            "product_name = \"은행\"\n[[relying_party]]\nname = \"예시 은행\"\n\
             origin = \"https://www.bank.example\"\n",
        )
        .unwrap();
        assert_eq!(d.unlisted_sites, UnlistedSites::Refuse);
        let check = d
            .check_site(&site("https://www.bank.example/rp/r/1"))
            .unwrap();
        assert_eq!(check.name.as_deref(), Some("예시 은행"));
        assert!(check.listed);
        let e = d
            .check_site(&site("https://www.bank.example.evil.example/r"))
            .unwrap_err();
        assert_eq!(e.code(), "site-not-listed");
        assert_eq!(
            e.params()["origin"],
            "https://www.bank.example.evil.example"
        );
        // Another port is another site.
        let e = d
            .check_site(&site("https://www.bank.example:8443/r"))
            .unwrap_err();
        assert_eq!(e.code(), "site-not-listed");
        let e = d.check_site(&site("http://127.0.0.1:8080/r")).unwrap_err();
        assert_eq!(e.code(), "site-insecure");

        let warn = parse(
            "product_name = \"은행\"\nunlisted_sites = \"warn\"\n[[relying_party]]\n\
             name = \"예시 은행\"\norigin = \"https://www.bank.example\"\n",
        )
        .unwrap();
        let check = warn.check_site(&site("https://other.example/r")).unwrap();
        assert!(!check.listed && check.name.is_none());
        assert_eq!(check.origin, "https://other.example");
        // The unbranded build warns of every site.
        assert!(
            !Distribution::default()
                .check_site(&site("https://www.bank.example/"))
                .unwrap()
                .listed
        );

        for bad in [
            "origin = \"http://www.bank.example\"",
            "origin = \"https://www.bank.example/login\"",
            "origin = \"www.bank.example\"",
        ] {
            let e = detail(
                parse(&format!(
                    "product_name = \"x\"\n[[relying_party]]\nname = \"A\"\n{bad}\n"
                ))
                .unwrap_err(),
            );
            assert!(e.contains("origin of \"A\""), "{e}");
        }
    }

    #[test]
    fn logos_and_roots_are_read_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("logo.svg"),
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        )
        .unwrap();
        let root = dojang_testkit::TestPki::new("KICA").unwrap().root.der();
        std::fs::write(
            dir.path().join("root.pem"),
            crate::cert::pem("CERTIFICATE", &root),
        )
        .unwrap();
        let path = dir.path().join(DISTRIBUTION_FILE);
        std::fs::write(
            &path,
            "product_name = \"은행\"\nlogo = \"logo.svg\"\n[[ca]]\nname = \"CA\"\n\
             cmp_url = \"https://ca.example/cmp\"\nroots = [\"root.pem\"]\n",
        )
        .unwrap();
        let d = Distribution::load(&path).unwrap();
        assert!(
            d.logo
                .as_deref()
                .unwrap()
                .starts_with("data:image/svg+xml;base64,")
        );
        assert_eq!(d.pinned_roots, std::slice::from_ref(&root));
        assert_eq!(d.cas[0].roots, [root]);
        assert_eq!(d.default_ca(), Some("https://ca.example/cmp"));
        std::fs::write(dir.path().join("logo.svg"), "not an image").unwrap();
        let e = Distribution::load(&path).unwrap_err();
        assert!(detail(e).contains("neither PNG nor SVG"));
        assert_eq!(
            Distribution::load(&dir.path().join("absent.toml"))
                .unwrap_err()
                .code(),
            "distribution-unreadable"
        );
    }
}
