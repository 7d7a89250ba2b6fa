//! Writes `ui/src/bindings/commands.ts`, the TypeScript map of the declared commands
//! (`declared.rs`): each command's arguments (camelCase, as the window sends them) and
//! result, which the UI's `call` is typed by. Written when the tests run, beside the
//! ts-rs bindings, and checked by the test command like them.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dojang_core::cert::chain::CertificateChain;
use dojang_core::cert::details::CertificateDetails;
use dojang_core::distribution::Distribution;
use dojang_core::issue::{CaCheck, CheckedInvitation, Enrolled, Step};
use dojang_core::keys::private_key::KeyType;
use dojang_core::open::OpenRequest;
use dojang_core::status::Verification;
use dojang_core::store::{CertificateCopy, CertificateList};

use super::custody::{
    ChangePasswordRequest, CopyRequest, ExportPfxRequest, ImportFolderRequest, ImportPfxRequest,
    Stored, VerifyIdentityRequest,
};
use super::issue::{IssueRequest, RenewRequest, RevokeRequest};
use super::sign::{SignConsent, SignSession};
use super::update::UpdateInfo;
use crate::timeline::TimelinePhase;
use dojang_core::sign::consent::SignatureRecord;

/// A progress channel argument.
pub type Progress = tauri::ipc::Channel<Step>;

/// How a type of an argument or result is written in TypeScript, and the bindings it
/// needs.
trait CommandType {
    const TS: &'static str;
    const IMPORTS: &'static [&'static str];
}

macro_rules! command_types {
    ($($ty:ty => $ts:literal [$($import:literal),*];)*) => {
        $(impl CommandType for $ty {
            const TS: &'static str = $ts;
            const IMPORTS: &'static [&'static str] = &[$($import),*];
        })*
    };
}

// Bindings are written under their Rust names (ts-rs), so a named type is itself.
macro_rules! named_types {
    ($($ty:ident),*) => {
        $(impl CommandType for $ty {
            const TS: &'static str = stringify!($ty);
            const IMPORTS: &'static [&'static str] = &[stringify!($ty)];
        })*
    };
}

command_types! {
    String => "string" [];
    PathBuf => "string" [];
    bool => "boolean" [];
    () => "null" [];
    Vec<OpenRequest> => "Array<OpenRequest>" ["OpenRequest"];
    Vec<String> => "Array<string>" [];
    Vec<Verification> => "Array<Verification>" ["Verification"];
    Vec<SignatureRecord> => "Array<SignatureRecord>" ["SignatureRecord"];
    Option<UpdateInfo> => "UpdateInfo | null" ["UpdateInfo"];
    Progress => "Channel<Step>" ["Step"];
}

named_types!(
    CertificateList,
    CertificateDetails,
    CertificateChain,
    Verification,
    CertificateCopy,
    Distribution,
    ChangePasswordRequest,
    CopyRequest,
    ExportPfxRequest,
    ImportPfxRequest,
    ImportFolderRequest,
    VerifyIdentityRequest,
    Stored,
    CheckedInvitation,
    CaCheck,
    IssueRequest,
    RenewRequest,
    RevokeRequest,
    Enrolled,
    KeyType,
    SignSession,
    SignConsent,
    TimelinePhase
);

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The map's text, from the declared commands.
macro_rules! typescript {
    ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $result:ty;)*) => {{
        let mut imports: BTreeSet<&str> = BTreeSet::new();
        let mut channel = false;
        let mut entries = String::new();
        $(
            #[allow(unused_mut)] // a command without arguments pushes none
            let mut args: Vec<String> = Vec::new();
            $(
                args.push(format!("{}: {}", camel(stringify!($arg)), <$ty as CommandType>::TS));
                imports.extend(<$ty as CommandType>::IMPORTS);
                channel |= <$ty as CommandType>::TS.starts_with("Channel<");
            )*
            imports.extend(<$result as CommandType>::IMPORTS);
            let args = if args.is_empty() {
                // Not `{}`, which any object satisfies.
                "Record<string, never>".to_owned()
            } else {
                format!("{{ {} }}", args.join("; "))
            };
            entries.push_str(&format!(
                "  {}: {{ args: {}; result: {} }};\n",
                stringify!($name),
                args,
                <$result as CommandType>::TS
            ));
        )*
        let mut text = String::from(
            "// Written by the app's tests from src-tauri/src/commands/declared.rs. Do not edit.\n",
        );
        if channel {
            text.push_str("import type { Channel } from '@tauri-apps/api/core';\n");
        }
        for import in imports {
            text.push_str(&format!("import type {{ {import} }} from './{import}';\n"));
        }
        text.push_str(
            "\n/** Every command the window may call: its arguments and its result. */\nexport interface Commands {\n",
        );
        text.push_str(&entries);
        text.push_str("}\n\n/** A command's name. */\nexport type CommandName = keyof Commands;\n");
        text
    }};
}

#[test]
fn the_command_map_is_written_for_the_window() {
    let text = app_commands!(typescript);
    let dir = std::env::var_os("TS_RS_EXPORT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings"));
    let path = dir.join("commands.ts");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, &text).unwrap();
    }
    assert!(text.contains("  issue_certificate: { args: { request: IssueRequest; onProgress: Channel<Step> }; result: Enrolled };"), "{text}");
}
