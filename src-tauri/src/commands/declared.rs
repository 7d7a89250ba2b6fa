// The commands the window may call, declared once: module, name, arguments (Rust names;
// the window sends them in camelCase) and result. Everything else is derived from it:
// - build.rs: a permission per command, and the window's capability file granting exactly
//   these (capabilities/main.json is written from it);
// - main.rs: the invoke handler;
// - the TypeScript map `ui/src/bindings/commands.ts` (by a test, like the ts-rs
//   bindings), which types the UI's `call`: a renamed command or a changed argument fails
//   the UI's type check.
// build.rs includes this file as it is, so it holds nothing but the macro.

/// Hands the command list to `$then`, a macro taking
/// `$module::$name($($arg: $type),*) -> $result;` entries.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            certificates::list_certificates() -> CertificateList;
            certificates::certificate_details(id: String) -> CertificateDetails;
            certificates::certificate_chain(id: String) -> CertificateChain;
            certificates::verify_certificate(id: String, refresh: bool) -> Verification;
            certificates::verify_certificates(ids: Vec<String>) -> Vec<Verification>;
            certificates::certificate_file_details(path: PathBuf) -> CertificateDetails;
            open::take_open_requests() -> Vec<OpenRequest>;
            reminders::notify(title: String, body: String) -> ();
            update::check_update() -> Option<UpdateInfo>;
            update::install_update() -> ();
            distribution::distribution() -> Distribution;
            custody::change_password(request: ChangePasswordRequest) -> ();
            custody::copy_certificate(request: CopyRequest) -> Stored;
            custody::delete_certificate(certificate: CertificateCopy) -> ();
            custody::export_pfx(request: ExportPfxRequest) -> ();
            custody::import_pfx(request: ImportPfxRequest) -> Stored;
            custody::import_npki_folder(request: ImportFolderRequest) -> Stored;
            custody::verify_identity(request: VerifyIdentityRequest) -> bool;
            issue::read_invitation(path: PathBuf) -> CheckedInvitation;
            issue::check_ca(url: String) -> CaCheck;
            issue::prepare_key(key_type: KeyType) -> ();
            issue::issue_certificate(request: IssueRequest, on_progress: Progress) -> Enrolled;
            issue::renew_certificate(request: RenewRequest, on_progress: Progress) -> Enrolled;
            issue::revoke_certificate(request: RevokeRequest) -> ();
            sign::open_sign_request(link: String) -> SignSession;
            sign::sign_for_site(consent: SignConsent) -> ();
            sign::retry_sign_answer(session: String) -> ();
            sign::cancel_sign_request(session: String) -> ();
            sign::signature_history(id: String) -> Vec<SignatureRecord>;
            timeline::timeline_mark(phase: TimelinePhase) -> ();
        }
    };
}
