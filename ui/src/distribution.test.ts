import { describe, expect, it } from 'vitest';

import { distributionFixture } from '../test/fixtures';
import { accentPalette, contrast, hasSupport, isDistributionError, productName, safeLogo, UNBRANDED } from './distribution';

describe('productName', () => {
  it('uses the distribution name, the English one in English, else the catalog name', () => {
    expect(productName({ ...distributionFixture, product_name: '하나 인증서' }, 'ko', '도장')).toBe('하나 인증서');
    expect(productName({ ...distributionFixture, product_name: '하나 인증서', product_name_en: 'Hana Cert' }, 'en', 'Dojang')).toBe(
      'Hana Cert',
    );
    expect(productName({ ...distributionFixture, product_name: '하나 인증서', product_name_en: null }, 'en', 'Dojang')).toBe(
      '하나 인증서',
    );
    expect(productName(UNBRANDED, 'ko', '도장')).toBe('도장');
  });
});

describe('accentPalette', () => {
  it('puts the better-reading of black and white on the accent', () => {
    expect(accentPalette('#003366')).toMatchObject({ accent: '#003366', text: '#ffffff' });
    expect(accentPalette('#FFD700')).toMatchObject({ accent: '#ffd700', text: '#000000' });
  });

  it('keeps the text readable on the pressed shade too', () => {
    for (const color of ['#003366', '#ffd700', '#b3261e', '#00a86b', '#808080']) {
      const palette = accentPalette(color);
      if (palette === null) throw new Error(color);
      expect(contrast(palette.hover, palette.text)).toBeGreaterThanOrEqual(contrast(palette.accent, palette.text));
    }
  });

  it('ignores anything that is not #rrggbb', () => {
    expect(accentPalette(null)).toBeNull();
    expect(accentPalette('red')).toBeNull();
    expect(accentPalette('#abc')).toBeNull();
    expect(accentPalette('#12345g')).toBeNull();
  });
});

describe('safeLogo', () => {
  it('accepts PNG and SVG data: URLs only', () => {
    expect(safeLogo('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(safeLogo('data:image/svg+xml;base64,PHN2Zy8+')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(safeLogo('https://bank.example/logo.png')).toBeNull();
    expect(safeLogo('data:text/html,<script>')).toBeNull();
    expect(safeLogo(null)).toBeNull();
  });
});

describe('support and errors', () => {
  it('knows when there is a support contact to show', () => {
    expect(hasSupport(distributionFixture.support)).toBe(true);
    expect(hasSupport({ phone: ' ', url: null, hours: null })).toBe(false);
  });

  it('stops the app only for a broken distribution file', () => {
    expect(isDistributionError('distribution-invalid')).toBe(true);
    expect(isDistributionError('distribution-unreadable')).toBe(true);
    expect(isDistributionError('internal')).toBe(false);
    expect(isDistributionError('updates-not-configured')).toBe(false);
  });
});
