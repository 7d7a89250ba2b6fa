//! What a file or link handed to Dojang asks for: the app is the handler of `dojang:`
//! links and of `.pfx`/`.p12`, `.der`/`.cer`/`.crt`/`.pem` and issue.html files, which
//! reach it on its command line (or from the OS when it already runs). Each becomes one
//! request the window acts on.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::Error;
use crate::ErrorInfo;
use crate::issue::Invitation;
use crate::issue::invitation::LINK_PREFIX;

/// One thing the user opened with Dojang.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum OpenRequest {
    /// An issuance invitation (a `dojang://issue?` link, or issue.html): the wizard,
    /// prefilled.
    Invitation {
        /// The CA and application.
        invitation: Invitation,
        /// Where it came from: the issue.html file, or the link itself.
        source: String,
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
    pub fn from_arg(arg: &str) -> OpenRequest {
        let failed = |e: Error| OpenRequest::Failed {
            what: arg.to_owned(),
            error: e.info(),
        };
        if arg.starts_with(LINK_PREFIX) || arg.starts_with("dojang:") {
            return match Invitation::from_link(arg) {
                Ok(invitation) => OpenRequest::Invitation {
                    invitation,
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
        Self::from_path(&path).unwrap_or_else(failed)
    }

    fn from_path(path: &Path) -> Result<OpenRequest, Error> {
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
                invitation: Invitation::from_file(path)?,
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
        let invitation = Invitation {
            ca: "https://ca.example/cmp".into(),
            application: "20261125000123".into(),
        };
        assert_eq!(
            OpenRequest::from_arg(&invitation.link()),
            OpenRequest::Invitation {
                invitation: invitation.clone(),
                source: invitation.link(),
            }
        );
        let html = dir.path().join("issue.html");
        std::fs::write(&html, format!("<a href=\"{}\">발급</a>", invitation.link())).unwrap();
        assert_eq!(
            OpenRequest::from_arg(url::Url::from_file_path(&html).unwrap().as_ref()),
            OpenRequest::Invitation {
                invitation,
                source: html.display().to_string(),
            }
        );
        let pfx = dir.path().join("내 인증서.P12");
        assert_eq!(
            OpenRequest::from_arg(pfx.to_str().unwrap()),
            OpenRequest::ImportPfx { path: pfx }
        );
        assert_eq!(
            OpenRequest::from_arg(dir.path().to_str().unwrap()),
            OpenRequest::ImportFolder {
                path: dir.path().to_owned()
            }
        );
        let code = |arg: &str| match OpenRequest::from_arg(arg) {
            OpenRequest::Failed { error, .. } => error.code,
            other => panic!("{other:?}"),
        };
        assert_eq!(code("dojang://issue?application=1"), "invitation-malformed");
        assert_eq!(code("/tmp/notes.txt"), "file-type-unsupported");
        std::fs::write(dir.path().join("plain.html"), "<p>hello</p>").unwrap();
        assert_eq!(
            code(dir.path().join("plain.html").to_str().unwrap()),
            "invitation-link-missing"
        );
    }
}
