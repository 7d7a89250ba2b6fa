import { describe, expect, it } from 'vitest';

import { osOf } from './platform';

describe('osOf', () => {
  it('names the system of each web view the app runs in', () => {
    expect(
      osOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('windows');
    expect(osOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)')).toBe('macos');
    expect(osOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15')).toBe(
      'linux',
    );
  });

  it('leaves any other system to the list that suits them all', () => {
    expect(osOf('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)')).toBe('other');
    expect(osOf('Mozilla/5.0 (X11; FreeBSD amd64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('other');
    expect(osOf('')).toBe('other');
  });
});
