//! `dojang-ca`: the sandbox CA. Not built yet: its own issue brings the CMP server, the
//! application registry and the admin commands (brief/interfaces.md).
#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    eprintln!(
        "dojang-ca: the sandbox CA is not built yet; `serve`, `apply`, `list` and `revoke` \
         arrive with its own issue."
    );
    ExitCode::from(2)
}
