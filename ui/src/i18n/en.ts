import type { Catalog } from './catalog';

/** English messages. Typed as a full catalog: a missing or extra key fails `tsc`. */
export const en = {
  'app.name': 'Dojang',
  'app.subtitle': 'Joint certificate manager',
  'app.documentTitle': 'Dojang — Joint certificate manager',

  'language.label': 'Display language',

  'action.refresh': 'Refresh',
  'action.refreshing': 'Searching…',
  'action.retry': 'Try again',

  'load.inProgress': 'Looking for certificates on this computer…',
  'load.failedHeading': 'The certificate list could not be loaded',
  'load.failedHint': 'Please try again in a moment. If it keeps happening, restart the program.',

  'list.heading': 'Your certificates',
  'list.count': '{count}',
  'list.noneReadable': 'No certificate could be read.',

  'certificate.purpose': 'Purpose',
  'certificate.ca': 'Issued by',
  'certificate.expiry': 'Expires on',
  'certificate.key': 'Key type',
  'certificate.location': 'Stored on',

  'validity.valid': 'Valid',
  'validity.expiring-soon': 'Expires soon',
  'validity.expired': 'Expired ({days} days ago)',
  'validity.expiredToday': 'Expired (today)',
  'validity.expiredOneDay': 'Expired (1 day ago)',
  'validity.not-yet-valid': 'Not yet valid',
  'validity.daysLeft': '{days} days left',
  'validity.oneDayLeft': '1 day left',
  'validity.lastDay': 'Expires today',
  'validity.usableFrom': 'Usable from {date}',

  'purpose.personal-general': 'Personal, all purposes',
  'purpose.corporate-general': 'Business, all purposes',
  'purpose.personal-banking': 'Personal, banking and insurance only',
  'purpose.personal-securities': 'Personal, securities only',
  'purpose.personal-card': 'Personal, credit cards only',
  'purpose.personal-restricted': 'Personal, limited use',
  'purpose.corporate-restricted': 'Business, limited use',
  'purpose.corporate-banking': 'Business, banking and insurance',
  'purpose.tax-invoice': 'Electronic tax invoices',
  'purpose.unknown': 'Purpose unknown',

  'place.keychain': "This computer's keychain",
  'place.disk': 'This computer',
  'place.removable': 'Removable drive',
  'place.extra': 'Folder you chose',
  'place.unknown': 'Unknown place',

  'unreadable.heading': 'Folders that need a look',
  'unreadable.title': 'The certificate in this folder could not be read',
  'unreadable.hint': 'Your other certificates can still be used.',

  'error.where': 'Where',
  'error.detail': 'Technical details',
  'error.certificate-file-unreadable':
    'The certificate file could not be opened. Another program may be using it, or you may not have permission to read it.',
  'error.certificate-truncated':
    'The certificate file is cut short. It may not have been copied completely.',
  'error.not-a-certificate': 'This file is not a certificate, or it is damaged.',
  'error.npki-certificate-missing': 'This folder has no certificate file (signCert.der).',
  'error.npki-root-not-found': 'The certificate folder (NPKI) could not be found.',
  'error.folder-unreadable':
    'The folder could not be opened. You may not have permission to read it.',
  'error.internal': 'Something unexpected went wrong inside the program.',
  'error.unknown': 'An unknown problem occurred. (Error code: {code})',

  'empty.heading': 'There are no certificates on this computer yet',
  'empty.whatIs':
    'A joint certificate (공동인증서) is an electronic ID that proves who you are to internet banking and government services.',
  'empty.howToGetHeading': 'Getting one for the first time?',
  'empty.howToGet':
    'Joint certificates are issued by certificate authorities, usually applied for through your bank. After applying you receive a registration number (등록번호) or an issuance e-mail, and you use it to have the certificate issued.',
  'empty.copyHeading': 'Do you have a certificate on another computer or a USB stick?',
  'empty.copy':
    'Copy its NPKI folder to this computer and it will appear in this list. If it is on a USB stick, simply plug the stick in. Afterwards, press the “Refresh” button above.',
  'empty.searchedHeading': 'Folders searched',
  'empty.searchedNone': 'This computer has no certificate folder (NPKI) to search yet.',
} satisfies Catalog;
