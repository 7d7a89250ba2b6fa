import { hongStructure } from '../../test/structures';
import { card, clipboard, expect, expectAccessible, openDetails, openScenario, test } from './support';

test('a certificate opens with Enter, reads in plain Korean, and Back returns to its card', async ({ page }) => {
  await openScenario(page, 'four-places');
  const hongCard = card(page, '홍길동').filter({ hasText: '이 컴퓨터의 키체인' });
  const open = hongCard.getByRole('button', { name: '홍길동, 자세히 보기' });
  await open.focus();
  await page.keyboard.press('Enter');

  const heading = page.getByRole('heading', { level: 2, name: '홍길동' });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('status-banner')).toContainText('사용할 수 있는 인증서입니다');
  await expect(page.getByTestId('status-banner')).toContainText('2027년 1월 12일까지 쓸 수 있습니다. (412일 남음)');
  await expect(page.getByTestId('valid-from')).toHaveText('2025년 1월 12일');
  await expect(page.getByTestId('valid-to')).toHaveText('2027년 1월 12일');
  await expect(page.getByRole('meter', { name: '사용 기간 중 지난 기간' })).toHaveAttribute(
    'aria-valuetext',
    '전체 731일 중 44% 지남',
  );
  await expect(page.getByTestId('owner-name')).toHaveText('홍길동');
  await expect(page.getByTestId('details-purpose')).toHaveText('개인 범용');
  await expect(page.getByTestId('details-ca')).toContainText('금융결제원');
  await expect(page.getByTestId('details-ca')).toContainText('yessignCA Class 2');
  await expect(page.getByTestId('identity-data')).toHaveText('들어 있음 (실명: 홍길동)');
  // Serials, fingerprints and OIDs are for whoever asks for them: closed at first.
  const technical = page.getByTestId('technical-toggle');
  await expect(technical).toHaveText('기술 정보');
  await expect(technical).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('serial-hex')).toBeHidden();
  await expect(page.getByTestId('sha256')).toBeHidden();
  await technical.click();
  await expect(page.getByTestId('serial-hex')).toBeVisible();
  await expect(page.getByTestId('serial-hex')).toHaveText('7A:6B:5C:4D');
  await expect(page.getByTestId('serial-decimal')).toHaveText('2053856333');
  await expect(page.getByTestId('details-key')).toHaveText('RSA 2048');
  await expect(page.getByTestId('signature-algorithm')).toContainText('sha256WithRSAEncryption');
  await expect(page.getByTestId('sha256')).toContainText('AB:AB:AB');
  // The sample certificate's own (test/structures.ts, new keys whenever it is written again).
  await expect(page.getByTestId('sha1')).toContainText(hongStructure.fingerprint_sha1.slice(0, 11));
  await expect(page.getByTestId('key-usage').getByRole('listitem')).toHaveText(['전자서명', '부인방지']);
  await expect(page.getByTestId('policies')).toContainText('개인 범용');
  await expect(page.getByTestId('policies')).toContainText('1.2.410.200005.1.1.1');
  await expect(page.getByTestId('crl')).toHaveText('http://crl.dojang.test/ca2/dp1.crl');
  await expect(page.getByTestId('ocsp')).toHaveText('http://ocsp.dojang.test:4612');
  // Both copies of the certificate, where each is.
  await expect(page.getByTestId('places-section').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('places-section')).toContainText('이 컴퓨터의 키체인');

  // The full names, attribute by attribute, only on demand.
  const names = page.getByRole('button', { name: '전체 이름 항목별로 보기' });
  await expect(page.getByTestId('subject-attributes')).toBeHidden();
  await names.press('Enter');
  await expect(names).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('subject-attributes').getByRole('row')).toHaveCount(6);
  await expect(page.getByTestId('subject-attributes')).toContainText('홍길동()0012345678901234');
  await expect(page.getByTestId('issuer-attributes')).toContainText('yessignCA Class 2');

  await page.getByRole('button', { name: '목록으로' }).click();
  await expect(open).toBeFocused();
  await expect(page.getByTestId('certificate-row')).toHaveCount(4);
});

test('a fingerprint too long for its line wraps after a colon, never inside a pair', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByTestId('technical-toggle').click();
  for (const id of ['sha256', 'sha1']) {
    const lines = await page
      .getByTestId(id)
      .locator('.hex-pair')
      .evaluateAll((pairs) =>
        pairs.map((pair) => ({ rects: pair.getClientRects().length, top: pair.getBoundingClientRect().top })),
      );
    // Every pair on one line; the SHA-256 one does need more than one line at this width.
    expect(lines.every(({ rects }) => rects === 1)).toBe(true);
    if (id === 'sha256') expect(new Set(lines.map(({ top }) => Math.round(top))).size).toBeGreaterThan(1);
  }
  // What is copied is the fingerprint itself.
  await expect(page.getByTestId('sha256')).toContainText('AB:AB:AB');
});

test('the advanced part shows every extension, the PEM and the ASN.1 view, each copyable', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const advanced = page.getByTestId('advanced');
  await advanced.getByRole('button', { name: '고급 정보' }).click();

  const extensions = advanced.getByTestId('extensions').getByRole('listitem');
  await expect(extensions).toHaveCount(4);
  await expect(extensions.nth(1)).toContainText('keyUsage');
  await expect(extensions.nth(1)).toContainText('2.5.29.15');
  await expect(extensions.nth(1)).toContainText('중요 표시(critical)예');
  await expect(advanced.getByTestId('pem')).toContainText('-----BEGIN CERTIFICATE-----');
  await expect(advanced.getByTestId('asn1')).toContainText('   0 1015  SEQUENCE');
  await expect(advanced.getByTestId('asn1')).toContainText('OBJECT IDENTIFIER 2.5.29.15 (keyUsage)');

  await page.getByTestId('technical-toggle').click();
  await page.getByRole('button', { name: 'SHA-256 지문 복사' }).click();
  await expect(page.getByTestId('announcer')).toHaveText('복사했습니다');
  await advanced.getByRole('button', { name: 'PEM 복사' }).click();
  const copied = await clipboard(page);
  expect(copied[0]).toBe(Array.from({ length: 32 }, () => 'AB').join(':'));
  expect(copied[1]).toContain('-----END CERTIFICATE-----');

  await expectAccessible(page);
});

test('an expiring and an expired certificate say so, in English too', async ({ page }) => {
  // Kim's path complete here (by default its CA is missing, which the banner would say first).
  await page.addInitScript((kim) => {
    window.__DOJANG_VERIFY__ = { [kim]: { path: 'complete' } };
  }, 'beef0000'.repeat(8));
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '김철수');
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'expiring-soon');
  await expect(banner).toContainText('곧 만료됩니다');
  await expect(banner).toContainText('2025년 12월 7일에 만료됩니다. (12일 남음)');
  await expect(page.getByTestId('identity-data')).toHaveText('들어 있지 않음');
  await page.getByTestId('technical-toggle').click();
  await expect(page.getByTestId('extended-key-usage')).toHaveText('클라이언트 인증');
  await page.getByRole('button', { name: '목록으로' }).click();

  await page.getByRole('radio', { name: 'English' }).click();
  await openDetails(page, '(주)도장 테스트');
  await expect(banner).toContainText('This certificate has expired');
  await expect(banner).toContainText('It expired on October 11, 2025 and can no longer be used.');
  // Opened once, the technical section stays open for the next certificate.
  await expect(page.getByTestId('technical-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('key-usage')).toBeVisible();
  await expect(page.getByTestId('key-usage')).toContainText('Digital signature');
  await expect(page.getByRole('heading', { name: 'Manage this certificate' })).toBeVisible();
  await expectAccessible(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Advanced' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete the certificate' })).toContainText(
    'The certificate and its private key will be erased. This cannot be undone.',
  );
  await expectAccessible(page);
});

test('details that cannot be read say why and lead back', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: { certificate_details: [{ code: 'certificate-not-found', params: { id: 'abcdef01' } }] },
  });
  await card(page, '홍길동').click();
  const failure = page.getByTestId('details-error');
  await expect(failure).toContainText('인증서 정보를 읽지 못했습니다');
  await expect(failure).toContainText('인증서를 찾을 수 없습니다. 그사이 지워졌거나 USB 메모리가 빠졌을 수 있습니다.');
  await failure.getByRole('button', { name: '목록으로' }).click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
});

test('details read within a moment come whole, without their loading line in between; a click elsewhere meanwhile wins', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  // Every command answers after 40 ms, as the native side might.
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 40;
    const seen = (window.__DOJANG_SEEN_LOADING__ = [] as string[]);
    new MutationObserver(() => {
      document.querySelectorAll('.details .loading--inline').forEach((line) => seen.push(line.textContent));
    }).observe(document.body, { childList: true, subtree: true });
  });
  for (const owner of ['홍길동', '김철수']) {
    await card(page, owner).getByTestId('open-details').click();
    await expect(page.getByTestId('details-owner')).toHaveText(owner);
    await expect(page.getByTestId('valid-to')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: owner })).toBeFocused();
    await page.getByTestId('back').click();
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  }
  expect(await page.evaluate(() => window.__DOJANG_SEEN_LOADING__)).toEqual([]);

  // Waiting for a certificate's details, the person opens the wizard instead: it stays.
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 100;
  });
  await card(page, '홍길동').getByTestId('open-details').click();
  await page.getByTestId('open-issue').click();
  await expect(page.getByRole('heading', { level: 2, name: '인증서 발급' })).toBeVisible();
  await page.waitForTimeout(400);
  await expect(page.getByTestId('details')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: '인증서 발급' })).toBeVisible();
});
