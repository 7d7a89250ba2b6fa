import { describe, expect, it } from 'vitest';

import { fourPlaces } from '../test/fixtures';
import { diagnosticsText } from './diagnostics';

describe('diagnosticsText', () => {
  const text = diagnosticsText({ version: '0.1.0', lang: 'ko', platform: 'Test/1.0', listing: fourPlaces });

  it('counts certificates per kind of store', () => {
    expect(text).toBe(
      [
        'Dojang 0.1.0',
        'language: ko',
        'platform: Test/1.0',
        'certificates: 4',
        '  keychain: 1',
        '  npki on this computer: 1',
        '  npki on removable drives: 1',
        '  npki in chosen folders: 1',
        'unreadable entries: 1',
        'npki folders searched: 3',
      ].join('\n'),
    );
  });

  it('carries no name, ID or path', () => {
    for (const certificate of fourPlaces.certificates) {
      expect(text).not.toContain(certificate.owner);
      expect(text).not.toContain(certificate.id.slice(0, 8));
      expect(text).not.toContain(certificate.ca);
    }
    for (const root of fourPlaces.searched_roots) {
      expect(text).not.toContain(root.path);
    }
    expect(text).not.toContain('NPKI\\');
  });

  it('says so when the list could not be read', () => {
    expect(diagnosticsText({ version: '0.1.0', lang: 'en', platform: 'x', listing: null })).toContain(
      'certificates: not loaded',
    );
  });
});

describe('diagnosticsText with a distribution', () => {
  it('says which distribution, whether it is a sandbox and how many CAs it names', () => {
    const text = diagnosticsText({
      version: '0.1.0',
      lang: 'ko',
      platform: 'Test/1.0',
      listing: null,
      distribution: { name: '도장', sandbox: true, cas: 1 },
    });
    expect(text.split('\n')[3]).toBe('distribution: 도장, sandbox: yes, CAs: 1');
  });
});
