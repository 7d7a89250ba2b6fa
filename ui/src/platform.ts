/**
 * The operating system the window runs on, as its web view names it in the user agent
 * (WebView2 on Windows, WKWebView on macOS, WebKitGTK on Linux). The styles read it from
 * `<html data-os>` to ask first for the Korean font the system has (every family named
 * before the one found is looked up in vain, once per weight: on Linux a third of the
 * first screen's layout), and to spare Linux's software drawing the blurred shadows.
 */
export type Os = 'windows' | 'macos' | 'linux' | 'other';

export function osOf(userAgent: string): Os {
  if (/\bWindows\b/.test(userAgent)) return 'windows';
  if (/\b(Macintosh|Mac OS X)\b/.test(userAgent)) return 'macos';
  if (/\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent)) return 'linux';
  return 'other';
}

/** Marks `<html>` with the system's name, before the first paint. */
export function applyOs(userAgent: string): void {
  document.documentElement.dataset.os = osOf(userAgent);
}
