//! What a file or link handed to Dojang asks for: the app is the handler of `dojang:`
//! links and of `.pfx`/`.p12`, `.der`/`.cer`/`.crt`/`.pem` and issue.html files, which
//! reach it on its command line (or from the OS when it already runs). Each becomes one
//! request the window acts on.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::Error;
use crate::ErrorInfo;
use crate::distribution::Distribution;
use crate::issue::invitation::LINK_PREFIX;
use crate::issue::{CheckedInvitation, Invitation};

/// One thing the user opened with Dojang.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum OpenRequest {
    /// An issuance invitation (a `dojang://issue?` link, or issue.html) whose CA the
    /// distribution accepts: the wizard, prefilled.
    Invitation {
        /// The invitation, and what the distribution says of its CA.
        #[serde(flatten)]
        #[ts(flatten)]
        checked: CheckedInvitation,
        /// Where it came from: the issue.html file, or the link itself.
        source: String,
    },
    /// A site's signing request (a `dojang://sign?` link): the consent window fetches it.
    Sign {
        /// The link.
        link: String,
    },
    /// A PKCS#12 file to import.
    ImportPfx {
        /// The file.
        #[ts(type = "string")]
        path: PathBuf,
    },
    /// An NPKI certificate folder to import.
    ImportFolder {
        /// The folder.
        #[ts(type = "string")]
        path: PathBuf,
    },
    /// A certificate file to show.
    ShowFile {
        /// The file.
        #[ts(type = "string")]
        path: PathBuf,
    },
    /// Something that could not be opened, and why.
    Failed {
        /// What was opened.
        what: String,
        /// Why it could not be.
        error: ErrorInfo,
    },
}

impl OpenRequest {
    /// The request of one command-line argument or opened URL (`file://` URLs are files).
    /// An invitation naming a CA that `distribution` does not accept is a failure
    /// ([`Error::CaNotListed`]): the wizard never opens with it.
    pub fn from_arg(arg: &str, distribution: &Distribution) -> OpenRequest {
        let failed = |e: Error| OpenRequest::Failed {
            what: arg.to_owned(),
            error: e.info(),
        };
        if arg.starts_with(crate::sign::request::LINK_PREFIX) {
            return match crate::sign::request::SignLink::parse(arg) {
                Ok(_) => OpenRequest::Sign {
                    link: arg.to_owned(),
                },
                Err(e) => failed(e),
            };
        }
        if arg.starts_with(LINK_PREFIX) || arg.starts_with("dojang:") {
            return match Invitation::from_link(arg).and_then(|i| i.checked(distribution)) {
                Ok(checked) => OpenRequest::Invitation {
                    checked,
                    source: arg.to_owned(),
                },
                Err(e) => failed(e),
            };
        }
        let path = match url::Url::parse(arg) {
            Ok(url) if url.scheme() == "file" => match url.to_file_path() {
                Ok(p) => p,
                Err(()) => return failed(Error::FileTypeUnsupported { path: arg.into() }),
            },
            _ => PathBuf::from(arg),
        };
        Self::from_path(&path, distribution).unwrap_or_else(failed)
    }

    fn from_path(path: &Path, distribution: &Distribution) -> Result<OpenRequest, Error> {
        if path.is_dir() {
            return Ok(OpenRequest::ImportFolder {
                path: path.to_owned(),
            });
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match extension.as_str() {
            "pfx" | "p12" => Ok(OpenRequest::ImportPfx {
                path: path.to_owned(),
            }),
            "der" | "cer" | "crt" | "pem" => Ok(OpenRequest::ShowFile {
                path: path.to_owned(),
            }),
            "html" | "htm" => Ok(OpenRequest::Invitation {
                checked: Invitation::from_file(path)?.checked(distribution)?,
                source: path.display().to_string(),
            }),
            _ => Err(Error::FileTypeUnsupported {
                path: path.to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_files_and_folders_become_the_job_they_ask_for() {
        let dir = tempfile::tempdir().unwrap();
        let unbranded = Distribution::default();
        let invitation = Invitation {
            ca: "https://ca.example/cmp".into(),
            application: "20261125000123".into(),
        };
        let checked = invitation.clone().checked(&unbranded).unwrap();
        assert!(!checked.ca.listed && checked.ca.host == "ca.example");
        assert_eq!(
            OpenRequest::from_arg(&invitation.link(), &unbranded),
            OpenRequest::Invitation {
                checked: checked.clone(),
                source: invitation.link(),
            }
        );
        let html = dir.path().join("issue.html");
        std::fs::write(&html, format!("<a href=\"{}\">발급</a>", invitation.link())).unwrap();
        assert_eq!(
            OpenRequest::from_arg(
                url::Url::from_file_path(&html).unwrap().as_ref(),
                &unbranded
            ),
            OpenRequest::Invitation {
                checked,
                source: html.display().to_string(),
            }
        );
        let pfx = dir.path().join("내 인증서.P12");
        assert_eq!(
            OpenRequest::from_arg(pfx.to_str().unwrap(), &unbranded),
            OpenRequest::ImportPfx { path: pfx }
        );
        assert_eq!(
            OpenRequest::from_arg(dir.path().to_str().unwrap(), &unbranded),
            OpenRequest::ImportFolder {
                path: dir.path().to_owned()
            }
        );
        let code = |arg: &str| match OpenRequest::from_arg(arg, &unbranded) {
            OpenRequest::Failed { error, .. } => error.code,
            other => panic!("{other:?}"),
        };
        assert_eq!(code("dojang://issue?application=1"), "invitation-malformed");
        let sign = "dojang://sign?request=https%3A%2F%2Fbank.example%2Frp%2Frequests%2F1";
        assert_eq!(
            OpenRequest::from_arg(sign, &unbranded),
            OpenRequest::Sign {
                link: sign.to_owned()
            }
        );
        assert_eq!(
            code("dojang://sign?request=http%3A%2F%2Fbank.example%2F"),
            "site-insecure"
        );
        assert_eq!(code("dojang://sign?nothing"), "sign-link-malformed");
        assert_eq!(code("/tmp/notes.txt"), "file-type-unsupported");
        std::fs::write(dir.path().join("plain.html"), "<p>hello</p>").unwrap();
        assert_eq!(
            code(dir.path().join("plain.html").to_str().unwrap()),
            "invitation-link-missing"
        );
    }

    #[test]
    fn a_link_or_file_naming_a_ca_the_distribution_does_not_list_is_refused() {
        let bank = Distribution::parse(
            "product_name = \"은행\"\n[[ca]]\nname = \"은행 CA\"\ncmp_url = \"https://ca.bank.example/cmp\"\n",
            Path::new("/nowhere/distribution.toml"),
        )
        .unwrap();
        let evil = Invitation {
            ca: "https://evil.example:8443/cmp".into(),
            application: "1".into(),
        };
        match OpenRequest::from_arg(&evil.link(), &bank) {
            OpenRequest::Failed { error, .. } => {
                assert_eq!(error.code, "ca-not-listed");
                assert_eq!(error.params["host"], "evil.example:8443");
            }
            other => panic!("{other:?}"),
        }
        let dir = tempfile::tempdir().unwrap();
        let html = dir.path().join("issue.html");
        std::fs::write(&html, format!("<a href=\"{}\">발급</a>", evil.link())).unwrap();
        assert!(matches!(
            OpenRequest::from_arg(html.to_str().unwrap(), &bank),
            OpenRequest::Failed { error, .. } if error.code == "ca-not-listed"
        ));
        // Naming one of the distribution's CAs (spelt differently) selects it.
        let ours = Invitation {
            ca: "HTTPS://CA.BANK.EXAMPLE:443/cmp".into(),
            application: "1".into(),
        };
        match OpenRequest::from_arg(&ours.link(), &bank) {
            OpenRequest::Invitation { checked, .. } => {
                assert!(checked.ca.listed);
                assert_eq!(checked.ca.name.as_deref(), Some("은행 CA"));
            }
            other => panic!("{other:?}"),
        }
    }
}
