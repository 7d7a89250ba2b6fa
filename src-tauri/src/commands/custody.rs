//! Keys at rest: password change, copy, import, export, delete, identity check. Each
//! command is a thin wrapper over `dojang_core::custody`; the request types are exported
//! to TypeScript.

use std::path::PathBuf;

use dojang_core::ErrorInfo;
use dojang_core::codes::IdNumber;
use dojang_core::custody;
use dojang_core::password::CertificatePassword;
use dojang_core::secret::Secret;
use dojang_core::store::{CertificateCopy, StoreSet, StoreTarget};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use super::{AppStores, blocking};

/// Change a certificate's password.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct ChangePasswordRequest {
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    /// The current password.
    pub old_password: Secret,
    /// The new password (must keep the rules).
    pub new_password: Secret,
}

/// Copy a certificate with its key to another store.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct CopyRequest {
    /// The copy to copy.
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    pub to: StoreTarget,
}

/// Export a certificate as a PKCS#12 file.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct ExportPfxRequest {
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    /// The certificate password.
    pub password: Secret,
    /// The password to protect the PFX file with.
    pub pfx_password: Secret,
    /// 3DES and a SHA-1 MAC, for old programs.
    pub compat: bool,
    /// Where to write the file.
    #[ts(type = "string")]
    pub path: PathBuf,
}

/// Import a PKCS#12 file.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct ImportPfxRequest {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub pfx_password: Secret,
    /// The certificate password to keep the key under (must keep the rules).
    pub password: Secret,
    pub to: StoreTarget,
}

/// Import an NPKI certificate folder (signCert.der + signPri.key).
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct ImportFolderRequest {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub to: StoreTarget,
}

/// Where an imported or copied certificate went.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct Stored {
    /// Its ID.
    pub id: String,
    /// The NPKI folder written, or null for the keychain.
    #[ts(type = "string | null")]
    pub path: Option<PathBuf>,
}

/// The identity check (본인확인).
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct VerifyIdentityRequest {
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    pub password: Secret,
    /// Resident (13 digits) or business (10 digits) registration number; hyphens allowed.
    pub id_number: Secret,
}

fn chosen(password: Secret) -> Result<CertificatePassword, ErrorInfo> {
    CertificatePassword::new_chosen(password).map_err(ErrorInfo::from)
}

pub fn change_password_in(stores: &StoreSet, req: ChangePasswordRequest) -> Result<(), ErrorInfo> {
    let new = chosen(req.new_password)?;
    let (store, id) = stores.find(&req.certificate)?;
    custody::change_password(
        store.as_ref(),
        &id,
        &CertificatePassword::existing(req.old_password),
        &new,
    )
    .map_err(ErrorInfo::from)
}

pub fn copy_in(stores: &StoreSet, req: CopyRequest) -> Result<Stored, ErrorInfo> {
    let (from, id) = stores.find(&req.certificate)?;
    let path = custody::copy(from.as_ref(), &id, stores.target(&req.to).as_ref())?;
    Ok(Stored { id, path })
}

pub fn delete_in(stores: &StoreSet, copy: &CertificateCopy) -> Result<(), ErrorInfo> {
    let (store, id) = stores.find(copy)?;
    custody::delete(store.as_ref(), &id).map_err(ErrorInfo::from)
}

pub fn export_pfx_in(stores: &StoreSet, req: ExportPfxRequest) -> Result<(), ErrorInfo> {
    let (store, id) = stores.find(&req.certificate)?;
    let password = CertificatePassword::existing(req.password);
    let pfx_password = chosen(req.pfx_password)?;
    let bytes = custody::export_pfx(store.as_ref(), &id, &password, &pfx_password, req.compat)?;
    dojang_core::store::atomic::write_file(&req.path, &bytes).map_err(ErrorInfo::from)
}

pub fn import_pfx_in(stores: &StoreSet, req: ImportPfxRequest) -> Result<Stored, ErrorInfo> {
    let password = chosen(req.password)?;
    let bytes = dojang_core::files::read(&req.path, dojang_core::files::DOCUMENT_LIMIT)?;
    let to = stores.target(&req.to);
    let (id, path) =
        custody::import_pfx(&bytes, req.pfx_password.expose(), &password, to.as_ref())?;
    Ok(Stored { id, path })
}

pub fn import_folder_in(stores: &StoreSet, req: ImportFolderRequest) -> Result<Stored, ErrorInfo> {
    let to = stores.target(&req.to);
    let (id, path) = custody::import_npki_folder(&req.path, to.as_ref())?;
    Ok(Stored { id, path })
}

pub fn verify_identity_in(
    stores: &StoreSet,
    req: VerifyIdentityRequest,
) -> Result<bool, ErrorInfo> {
    let number = IdNumber::parse(req.id_number.expose())?;
    let (store, id) = stores.find(&req.certificate)?;
    custody::verify_id(
        store.as_ref(),
        &id,
        &CertificatePassword::existing(req.password),
        &number,
    )
    .map_err(ErrorInfo::from)
}

/// Change a certificate's password.
#[tauri::command]
pub async fn change_password(
    stores: State<'_, AppStores>,
    request: ChangePasswordRequest,
) -> Result<(), ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || change_password_in(&stores.get()?, request)).await
}

/// Copy a certificate with its key to another store.
#[tauri::command]
pub async fn copy_certificate(
    stores: State<'_, AppStores>,
    request: CopyRequest,
) -> Result<Stored, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || copy_in(&stores.get()?, request)).await
}

/// Delete one copy of a certificate with its key.
#[tauri::command]
pub async fn delete_certificate(
    stores: State<'_, AppStores>,
    certificate: CertificateCopy,
) -> Result<(), ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || delete_in(&stores.get()?, &certificate)).await
}

/// Export a certificate as PKCS#12.
#[tauri::command]
pub async fn export_pfx(
    stores: State<'_, AppStores>,
    request: ExportPfxRequest,
) -> Result<(), ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || export_pfx_in(&stores.get()?, request)).await
}

/// Import a PKCS#12 file.
#[tauri::command]
pub async fn import_pfx(
    stores: State<'_, AppStores>,
    request: ImportPfxRequest,
) -> Result<Stored, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || import_pfx_in(&stores.get()?, request)).await
}

/// Import an NPKI certificate folder.
#[tauri::command]
pub async fn import_npki_folder(
    stores: State<'_, AppStores>,
    request: ImportFolderRequest,
) -> Result<Stored, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || import_folder_in(&stores.get()?, request)).await
}

/// The identity check.
#[tauri::command]
pub async fn verify_identity(
    stores: State<'_, AppStores>,
    request: VerifyIdentityRequest,
) -> Result<bool, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || verify_identity_in(&stores.get()?, request)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use dojang_testkit::{SAMPLE_ID_NUMBER, SAMPLE_PASSWORD, sample_npki_tree};

    fn stores(root: &std::path::Path, data: &std::path::Path) -> StoreSet {
        StoreSet::open("kr.dojang.test", Some(data.to_owned()), &[root.to_owned()]).unwrap()
    }

    /// The first copy of `id` (no store named).
    fn first(id: &str) -> CertificateCopy {
        CertificateCopy {
            id: id.to_owned(),
            store: None,
        }
    }

    /// The copy of `id` under the NPKI root `root`.
    fn under(id: &str, root: &std::path::Path) -> CertificateCopy {
        CertificateCopy {
            id: id.to_owned(),
            store: Some(StoreTarget::Npki {
                root: Some(root.to_owned()),
            }),
        }
    }

    fn hong(stores: &StoreSet) -> String {
        stores
            .list(time::OffsetDateTime::now_utc())
            .certificates
            .into_iter()
            .find(|c| c.certificate.owner == "홍길동")
            .map(|c| c.certificate.id)
            .unwrap()
    }

    #[test]
    fn commands_change_the_password_verify_export_import_and_delete() {
        let root = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        sample_npki_tree(root.path(), false).unwrap();
        let s = stores(root.path(), data.path());
        let id = hong(&s);

        let weak = change_password_in(
            &s,
            ChangePasswordRequest {
                certificate: first(&id),
                old_password: SAMPLE_PASSWORD.into(),
                new_password: "abcdefghij".into(),
            },
        )
        .unwrap_err();
        assert_eq!(weak.code, "password-needs-digit");
        change_password_in(
            &s,
            ChangePasswordRequest {
                certificate: first(&id[..10]),
                old_password: SAMPLE_PASSWORD.into(),
                new_password: "seal#7294xq".into(),
            },
        )
        .unwrap();
        let verified = verify_identity_in(
            &s,
            VerifyIdentityRequest {
                certificate: first(&id),
                password: "seal#7294xq".into(),
                id_number: "900101-1234567".into(),
            },
        )
        .unwrap();
        assert!(verified);
        assert_eq!(SAMPLE_ID_NUMBER, "9001011234567");

        let pfx = data.path().join("hong.pfx");
        export_pfx_in(
            &s,
            ExportPfxRequest {
                certificate: first(&id),
                password: "seal#7294xq".into(),
                pfx_password: "pfx!pass2580".into(),
                compat: false,
                path: pfx.clone(),
            },
        )
        .unwrap();
        let usb = tempfile::tempdir().unwrap();
        let stored = import_pfx_in(
            &s,
            ImportPfxRequest {
                path: pfx,
                pfx_password: "pfx!pass2580".into(),
                password: "usb!Pass9753".into(),
                to: StoreTarget::Npki {
                    root: Some(usb.path().to_owned()),
                },
            },
        )
        .unwrap();
        assert_eq!(stored.id, id);
        assert!(stored.path.unwrap().starts_with(usb.path()));

        delete_in(&s, &first(&id)).unwrap();
        assert_eq!(
            delete_in(&s, &first(&id)).unwrap_err().code,
            "certificate-not-found"
        );
    }

    #[test]
    fn each_copy_of_a_certificate_is_managed_on_its_own() {
        let disk = tempfile::tempdir().unwrap();
        let usb = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        sample_npki_tree(disk.path(), false).unwrap();
        let s = StoreSet::open(
            "kr.dojang.test",
            Some(data.path().to_owned()),
            &[disk.path().to_owned(), usb.path().to_owned()],
        )
        .unwrap();
        let id = hong(&s);
        let copied = copy_in(
            &s,
            CopyRequest {
                certificate: under(&id, disk.path()),
                to: StoreTarget::Npki {
                    root: Some(usb.path().to_owned()),
                },
            },
        )
        .unwrap();
        assert!(copied.path.unwrap().starts_with(usb.path()));

        // A new password for the copy on the USB stick only.
        change_password_in(
            &s,
            ChangePasswordRequest {
                certificate: under(&id[..12], usb.path()),
                old_password: SAMPLE_PASSWORD.into(),
                new_password: "usb!Pass9753".into(),
            },
        )
        .unwrap();
        let check = |copy: CertificateCopy, password: &str| {
            verify_identity_in(
                &s,
                VerifyIdentityRequest {
                    certificate: copy,
                    password: password.into(),
                    id_number: SAMPLE_ID_NUMBER.into(),
                },
            )
        };
        assert_eq!(check(under(&id, usb.path()), "usb!Pass9753"), Ok(true));
        assert_eq!(
            check(under(&id, usb.path()), SAMPLE_PASSWORD)
                .unwrap_err()
                .code,
            "wrong-password"
        );
        assert_eq!(check(under(&id, disk.path()), SAMPLE_PASSWORD), Ok(true));

        // Deleting the USB copy leaves the one on disk.
        delete_in(&s, &under(&id, usb.path())).unwrap();
        let places: Vec<_> = s
            .list(time::OffsetDateTime::now_utc())
            .certificates
            .into_iter()
            .filter(|c| c.certificate.id == id)
            .map(|c| c.path.unwrap())
            .collect();
        assert_eq!(places.len(), 1);
        assert!(places[0].starts_with(disk.path()), "{places:?}");
        assert_eq!(
            delete_in(&s, &under(&id, usb.path())).unwrap_err().code,
            "certificate-not-found"
        );
    }
}
