// Written by the app's tests from src-tauri/src/commands/declared.rs. Do not edit.
import type { Channel } from '@tauri-apps/api/core';
import type { CaCheck } from './CaCheck';
import type { CertificateChain } from './CertificateChain';
import type { CertificateCopy } from './CertificateCopy';
import type { CertificateDetails } from './CertificateDetails';
import type { CertificateList } from './CertificateList';
import type { ChangePasswordRequest } from './ChangePasswordRequest';
import type { CheckedInvitation } from './CheckedInvitation';
import type { CopyRequest } from './CopyRequest';
import type { Distribution } from './Distribution';
import type { Enrolled } from './Enrolled';
import type { ExportPfxRequest } from './ExportPfxRequest';
import type { ImportFolderRequest } from './ImportFolderRequest';
import type { ImportPfxRequest } from './ImportPfxRequest';
import type { IssueRequest } from './IssueRequest';
import type { KeyType } from './KeyType';
import type { OpenRequest } from './OpenRequest';
import type { RenewRequest } from './RenewRequest';
import type { RevokeRequest } from './RevokeRequest';
import type { SignConsent } from './SignConsent';
import type { SignSession } from './SignSession';
import type { SignatureRecord } from './SignatureRecord';
import type { Step } from './Step';
import type { Stored } from './Stored';
import type { TimelinePhase } from './TimelinePhase';
import type { UpdateInfo } from './UpdateInfo';
import type { Verification } from './Verification';
import type { VerifyIdentityRequest } from './VerifyIdentityRequest';

/** Every command the window may call: its arguments and its result. */
export interface Commands {
  list_certificates: { args: Record<string, never>; result: CertificateList };
  certificate_details: { args: { id: string }; result: CertificateDetails };
  certificate_chain: { args: { id: string }; result: CertificateChain };
  verify_certificate: { args: { id: string; refresh: boolean }; result: Verification };
  verify_certificates: { args: { ids: Array<string> }; result: Array<Verification> };
  certificate_file_details: { args: { path: string }; result: CertificateDetails };
  take_open_requests: { args: Record<string, never>; result: Array<OpenRequest> };
  notify: { args: { title: string; body: string }; result: null };
  check_update: { args: Record<string, never>; result: UpdateInfo | null };
  install_update: { args: Record<string, never>; result: null };
  distribution: { args: Record<string, never>; result: Distribution };
  change_password: { args: { request: ChangePasswordRequest }; result: null };
  copy_certificate: { args: { request: CopyRequest }; result: Stored };
  delete_certificate: { args: { certificate: CertificateCopy }; result: null };
  export_pfx: { args: { request: ExportPfxRequest }; result: null };
  import_pfx: { args: { request: ImportPfxRequest }; result: Stored };
  import_npki_folder: { args: { request: ImportFolderRequest }; result: Stored };
  verify_identity: { args: { request: VerifyIdentityRequest }; result: boolean };
  read_invitation: { args: { path: string }; result: CheckedInvitation };
  check_ca: { args: { url: string }; result: CaCheck };
  prepare_key: { args: { keyType: KeyType }; result: null };
  issue_certificate: { args: { request: IssueRequest; onProgress: Channel<Step> }; result: Enrolled };
  renew_certificate: { args: { request: RenewRequest; onProgress: Channel<Step> }; result: Enrolled };
  revoke_certificate: { args: { request: RevokeRequest }; result: null };
  open_sign_request: { args: { link: string }; result: SignSession };
  sign_for_site: { args: { consent: SignConsent }; result: null };
  retry_sign_answer: { args: { session: string }; result: null };
  cancel_sign_request: { args: { session: string }; result: null };
  signature_history: { args: { id: string }; result: Array<SignatureRecord> };
  timeline_mark: { args: { phase: TimelinePhase }; result: null };
}

/** A command's name. */
export type CommandName = keyof Commands;
