import { clipboard, expect, expectAccessible, openScenario, test } from './support';

/** A small square SVG logo, as a distribution file carries it. */
const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#00664f"/></svg>',
).toString('base64')}`;

test('a branded build: its name in the header and the title, its logo and its colour', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    distribution: { product_name: '하나 인증서', product_name_en: 'Hana Certificates', accent_color: '#00664f', logo: LOGO },
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('하나 인증서');
  await expect(page).toHaveTitle('하나 인증서 — 공동인증서 관리');
  await expect(page.getByTestId('brand-logo')).toHaveAttribute('src', LOGO);
  await expect(page.locator('html')).toHaveAttribute('style', /--accent: #00664f/);
  const primary = page.getByRole('button', { name: '인증서 가져오기' });
  await expect(primary).toHaveCSS('background-color', 'rgb(0, 102, 79)');
  await expect(primary).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hana Certificates');
  await expect(page).toHaveTitle('Hana Certificates — Joint certificate manager');
});

test('a light accent colour gets dark text on it', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { accent_color: '#ffd700' } });
  const primary = page.getByRole('button', { name: '인증서 가져오기' });
  await expect(primary).toHaveCSS('background-color', 'rgb(255, 215, 0)');
  await expect(primary).toHaveCSS('color', 'rgb(0, 0, 0)');
  await expectAccessible(page);
});

test('a sandbox build says so on every screen, calmly, in both languages', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { sandbox: true } });
  const banner = page.getByTestId('sandbox-banner');
  await expect(banner).toContainText('체험 모드 — 실제 인증서가 아닌 시험용 CA입니다');
  await expectAccessible(page);
  await page.getByRole('button', { name: '인증서 발급' }).click();
  await expect(banner).toBeVisible();
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(banner).toContainText('Trial mode — a test CA, not real certificates');
  await expectAccessible(page);
});

test('no banner in a real build', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect(page.getByTestId('sandbox-banner')).toHaveCount(0);
});

test('a broken distribution file stops the app with a full-window explanation and details to copy', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: {
      distribution: [
        {
          code: 'distribution-invalid',
          params: { path: 'C:\\Program Files\\Dojang\\distribution.json', detail: 'accent_color: expected #rrggbb' },
        },
      ],
    },
  });
  const screen = page.getByTestId('distribution-error');
  await expect(screen.getByRole('heading', { level: 1, name: '프로그램 설정을 읽지 못했습니다' })).toBeFocused();
  await expect(screen).toContainText('이 프로그램과 함께 설치된 설정 파일의 내용이 올바르지 않습니다.');
  await expect(screen).toContainText('C:\\Program Files\\Dojang\\distribution.json');
  await expect(screen).toContainText('accent_color: expected #rrggbb');
  await expect(page.getByTestId('certificate-row')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '인증서 발급' })).toHaveCount(0);
  await expectAccessible(page);

  await screen.getByRole('button', { name: '기술 정보 복사' }).click();
  expect((await clipboard(page)).at(-1)).toBe(
    'code: distribution-invalid\ndetail: accent_color: expected #rrggbb\npath: C:\\Program Files\\Dojang\\distribution.json',
  );

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(screen).toContainText('The settings file installed with this program is not valid.');
  await expectAccessible(page);
});

test('an unreadable distribution file too', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: { distribution: [{ code: 'distribution-unreadable', params: { path: '/opt/dojang/distribution.json', detail: 'Permission denied (os error 13)' } }] },
  });
  await expect(page.getByTestId('distribution-error-message')).toHaveText(
    '이 프로그램과 함께 설치된 설정 파일을 열 수 없습니다.',
  );
});

test('any other failure to read the distribution leaves the window unbranded but working', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: { distribution: [{ code: 'internal', params: { detail: 'no such command' } }] },
  });
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('도장');
});

/** Whether an element is drawn as a box all round (as a field to type in is). */
async function framed(locator: import('@playwright/test').Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return ['Top', 'Right', 'Bottom'].some((side) => style.getPropertyValue(`border-${side.toLowerCase()}-width`) !== '0px');
  });
}

test('the settings show the support contact and keep the reminder choice', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { version: '0.1.0' });
  await page.getByRole('button', { name: '설정' }).click();
  const settings = page.getByTestId('settings');
  await expect(settings.getByTestId('support-phone')).toHaveText('1577-8787');
  await expect(settings.getByTestId('support-hours')).toHaveText('평일 9:00–18:00');
  // A note, not a box that could pass for a field to type in; with a number, no sentence about whom to ask.
  expect(await framed(settings.getByTestId('support-contact'))).toBe(false);
  await expect(settings.getByTestId('support-none')).toHaveCount(0);

  const reminders = settings.getByRole('switch', { name: '만료 알림 받기' });
  await expect(reminders).toBeChecked();
  const days = settings.getByTestId('reminder-days');
  await expect(days.getByRole('radio', { name: '30일 전' })).toBeChecked();
  await days.getByRole('radio', { name: '14일 전' }).click();
  await expect(days.getByRole('radio', { name: '14일 전' })).toBeChecked();
  await expectAccessible(page);

  await settings.getByText('만료 알림 받기').click();
  await expect(reminders).not.toBeChecked();
  await expect(days.getByRole('radio', { name: '14일 전' })).toBeDisabled();
  expect(await page.evaluate(() => [localStorage.getItem('dojang.reminders'), localStorage.getItem('dojang.reminderDays')])).toEqual([
    'off',
    '14',
  ]);
  await page.reload();
  await page.getByRole('button', { name: '설정' }).click();
  await expect(page.getByRole('switch', { name: '만료 알림 받기' })).not.toBeChecked();
});

test('expiry reminders: a notification for a certificate close to expiry, once a day', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  const notifications = () => page.evaluate(() => window.__DOJANG_NOTIFICATIONS__ ?? []);
  await expect.poll(notifications).toEqual([
    {
      title: '인증서 만료 알림',
      body: '김철수 님의 개인 용도제한 (은행·보험) 인증서가 12일 뒤(2025년 12월 7일) 만료됩니다. 만료되기 전에 갱신하세요.',
    },
  ]);
  const log = await page.evaluate(() => JSON.parse(localStorage.getItem('dojang.reminded') ?? '{}') as Record<string, string>);
  expect(Object.keys(log)).toEqual(['beef0000'.repeat(8)]);

  await page.reload();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.waitForTimeout(300);
  expect(await notifications()).toEqual([]);
});

test('no reminder when they are off; one the system refuses is not counted as given', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('second') === null) localStorage.setItem('dojang.reminders', 'off');
  });
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__DOJANG_NOTIFICATIONS__)).toEqual([]);

  await page.evaluate(() => {
    sessionStorage.setItem('second', '1');
    localStorage.setItem('dojang.reminders', 'on');
  });
  await page.addInitScript(() => {
    window.__DOJANG_NOTIFICATION_PERMISSION__ = 'denied';
  });
  await page.reload();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__DOJANG_NOTIFICATIONS__)).toEqual([]);
});

test('without a number or a website, the support contact says in words whom to ask', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    distribution: { support: { phone: null, url: null, hours: '평일 9:00–18:00' } },
  });
  await page.getByRole('button', { name: '설정' }).click();
  const support = page.getByTestId('settings').getByTestId('support-contact');
  await expect(support.getByTestId('support-none')).toHaveText(
    '이 프로그램을 보내 준 은행이나 인증기관(설치 파일이나 안내 메일을 보낸 곳)의 고객센터에 물어보세요.',
  );
  await expect(support.getByTestId('support-hours')).toHaveText('평일 9:00–18:00');
  await expect(support.getByTestId('support-phone')).toHaveCount(0);
  expect(await framed(support)).toBe(false);
  await expectAccessible(page);

  await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();
  await expect(support.getByTestId('support-none')).toHaveText(
    'Ask the support desk of the bank or CA that sent you this program (whoever sent you the installer or the e-mail about it).',
  );
});

test('with no support contact at all, the sentence alone, drawn as a note', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    distribution: { support: { phone: null, url: null, hours: null } },
  });
  await page.getByRole('button', { name: '설정' }).click();
  const support = page.getByTestId('settings').getByTestId('support-contact');
  await expect(support).toHaveText('이 프로그램을 보내 준 은행이나 인증기관(설치 파일이나 안내 메일을 보낸 곳)의 고객센터에 물어보세요.');
  expect(await framed(support)).toBe(false);
});
