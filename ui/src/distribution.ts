/**
 * The distribution: what the bank or CA that hands Dojang out baked into it
 * (its name, logo, colour, support contact and CMP endpoints). Pure helpers
 * here; `DistributionProvider.tsx` holds it for the window.
 */
import type { Distribution } from './bindings/Distribution';
import type { ErrorCode } from './bindings/ErrorCode';
import { ERROR_DOMAINS } from './bindings/errorDomains';
import type { Support } from './bindings/Support';
import type { Lang } from './i18n/catalog';

/**
 * What the window uses when the backend could not say (an older backend, a
 * plain browser): no branding, no support contact, no CA. A distribution
 * file that exists but is broken is not this case: it stops the app.
 */
export const UNBRANDED: Distribution = {
  product_name: '',
  product_name_en: null,
  accent_color: null,
  logo: null,
  support: { phone: null, url: null, hours: null },
  cas: [],
  sandbox: false,
  relying_parties: [],
  unlisted_sites: 'warn',
};

/** The errors that mean the distribution file itself is unreadable or wrong. */
export function isDistributionError(code: ErrorCode): boolean {
  return ERROR_DOMAINS[code] === 'distribution';
}

/** The product's name in a language; the catalog's name when the distribution gives none. */
export function productName(distribution: Distribution, lang: Lang, catalogName: string): string {
  const branded = lang === 'en' ? (distribution.product_name_en ?? distribution.product_name) : distribution.product_name;
  const name = branded.trim();
  return name === '' ? catalogName : name;
}

/** Whether the support contact has anything to show. */
export function hasSupport(support: Support): boolean {
  return [support.phone, support.url, support.hours].some((value) => value !== null && value.trim() !== '');
}

/** A logo the window may show: a PNG or SVG data: URL (the CSP allows nothing remote). */
export function safeLogo(logo: string | null): string | null {
  if (logo === null) return null;
  return /^data:image\/(png|svg\+xml)[;,]/i.test(logo) ? logo : null;
}

/** The accent colour and what goes with it, as CSS values. */
export interface AccentPalette {
  accent: string;
  hover: string;
  /** Text on the accent: black or white, whichever reads better. */
  text: string;
}

type Rgb = [number, number, number];

function parseHex(color: string): Rgb | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (match === null) return null;
  return [1, 2, 3].map((i) => parseInt(match[i] ?? '0', 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours. */
export function contrast(a: string, b: string): number {
  const ra = parseHex(a);
  const rb = parseHex(b);
  if (ra === null || rb === null) return 1;
  const [light, dark] = [luminance(ra), luminance(rb)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function mix(rgb: Rgb, toward: number, amount: number): Rgb {
  return rgb.map((c) => c + (toward - c) * amount) as Rgb;
}

/**
 * The palette for a distribution's `#rrggbb` accent: the text on it is
 * whichever of black and white contrasts more, and the pressed shade moves
 * away from that text so it never reads worse. Null for anything else.
 */
export function accentPalette(color: string | null): AccentPalette | null {
  if (color === null) return null;
  const rgb = parseHex(color);
  if (rgb === null) return null;
  const accent = toHex(rgb);
  const text = contrast(accent, '#ffffff') >= contrast(accent, '#000000') ? '#ffffff' : '#000000';
  const hover = toHex(mix(rgb, text === '#ffffff' ? 0 : 255, 0.18));
  return { accent, hover, text };
}

/** The CSS properties the accent palette sets on `<html>`. */
const ACCENT_PROPERTIES = ['--accent', '--accent-hover', '--accent-text'] as const;

/**
 * Colours the window with a distribution's accent (`accentPalette`), when it
 * names a valid one. Returns what takes it off again.
 */
export function applyAccent(color: string | null): () => void {
  const palette = accentPalette(color);
  if (palette === null) return () => undefined;
  const style = document.documentElement.style;
  style.setProperty('--accent', palette.accent);
  style.setProperty('--accent-hover', palette.hover);
  style.setProperty('--accent-text', palette.text);
  return () => {
    for (const property of ACCENT_PROPERTIES) style.removeProperty(property);
  };
}
