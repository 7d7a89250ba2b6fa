fn main() {
    // Every app command is declared here so that it gets a permission of its own, and the
    // capability file grants exactly the ones the window needs.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "list_certificates",
        "certificate_details",
        "certificate_chain",
        "certificate_file_details",
        "take_open_requests",
        "notify",
        "check_update",
        "install_update",
        "distribution",
        "change_password",
        "copy_certificate",
        "delete_certificate",
        "export_pfx",
        "import_pfx",
        "import_npki_folder",
        "verify_identity",
        "read_invitation",
        "check_ca",
        "issue_certificate",
        "renew_certificate",
        "revoke_certificate",
    ]);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
