import {
  answerDialogs,
  callsOf,
  card,
  commandsCarrying,
  commandsSent,
  expect,
  expectAccessible,
  failNext,
  failWith,
  HONG_ID,
  HONG_ON_DISK,
  openDetails,
  openScenario,
  SAMPLE_PASSWORD,
  test,
} from './support';

test('keyboard only: open the details, change the password, submit with Enter', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await card(page, '홍길동').getByRole('button', { name: '홍길동, 자세히 보기' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '홍길동' })).toBeFocused();
  await expect(page.getByTestId('status-banner')).toBeVisible();

  await page.keyboard.press('Tab');
  const trigger = page.getByRole('button', { name: '암호 변경' });
  await expect(trigger).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: '인증서 암호 변경' });
  const current = dialog.getByRole('textbox', { name: '현재 인증서 암호' });
  const next = dialog.getByRole('textbox', { name: '새 암호', exact: true });
  await expect(current).toBeFocused();
  await page.keyboard.type(SAMPLE_PASSWORD);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: '암호 보기: 현재 인증서 암호' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(next).toBeFocused();

  // The checklist follows the typing, each rule with an icon and a word.
  await page.keyboard.type('abc');
  await expect(dialog.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'unmet');
  await expect(dialog.getByTestId('rule-too-short')).toContainText('안 지킴');
  await expect(dialog.getByTestId('rule-sequential')).toHaveAttribute('data-state', 'unmet');
  await expect(dialog.getByTestId('rule-needs-letter')).toContainText('지킴');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('seal#7294xq');
  for (const rule of ['too-short', 'needs-letter', 'needs-digit', 'needs-special', 'forbidden-character', 'sequential', 'repeated']) {
    await expect(dialog.getByTestId(`rule-${rule}`)).toHaveAttribute('data-state', 'met');
  }
  await expect(dialog.getByText('새 암호가 모든 규칙을 지켰습니다.')).toBeAttached();

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('textbox', { name: '새 암호 다시 입력' })).toBeFocused();
  await page.keyboard.type('seal#7294xq');
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(page.getByTestId('done-notice')).toHaveText('인증서 암호를 바꿨습니다.');
  expect(await callsOf(page, 'change_password')).toEqual([
    { request: { ...HONG_ON_DISK, old_password: SAMPLE_PASSWORD, new_password: 'seal#7294xq' } },
  ]);
  // The rules were checked in the window: the passwords crossed once, with the request.
  expect(await commandsCarrying(page, 'seal#7294xq')).toEqual(['change_password']);
  expect(await commandsCarrying(page, '"abc"')).toEqual([]);
  expect(await commandsSent(page)).not.toContain('check_password');
  // Nothing typed outlives the dialog.
  expect(await page.content()).not.toContain('seal#7294xq');
  expect(await page.content()).not.toContain(SAMPLE_PASSWORD);
  await expect(page.locator('input')).toHaveCount(0);
});

test('a wrong password keeps the dialog open with the field marked, and the rules are enforced', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '암호 변경' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 암호 변경' });
  const current = dialog.getByRole('textbox', { name: '현재 인증서 암호' });
  await current.fill('wrong!pass1');
  await dialog.getByRole('textbox', { name: '새 암호', exact: true }).fill('aaa');
  await dialog.getByRole('textbox', { name: '새 암호 다시 입력' }).fill('aaa');
  await dialog.getByRole('button', { name: '암호 바꾸기' }).click();
  await expect(dialog.getByRole('textbox', { name: '새 암호', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('새 암호가 아래 규칙을 모두 지켜야 합니다.');
  expect(await callsOf(page, 'change_password')).toEqual([]);

  await dialog.getByRole('textbox', { name: '새 암호', exact: true }).fill('seal#7294xq');
  await dialog.getByRole('textbox', { name: '새 암호 다시 입력' }).fill('seal#7294xq');
  await dialog.getByRole('button', { name: '암호 바꾸기' }).click();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toBeFocused();
  await expect(dialog).toContainText(
    '인증서 암호가 맞지 않습니다. 대문자·소문자와 한/영 전환을 확인하고 다시 입력해 주세요.',
  );
  await expect(dialog).toBeVisible();
  await expectAccessible(page);

  // The show toggle reveals what was typed.
  const reveal = dialog.getByRole('button', { name: '암호 보기: 현재 인증서 암호' });
  await reveal.click();
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  await expect(current).toHaveAttribute('type', 'text');

  await current.fill(SAMPLE_PASSWORD);
  await dialog.getByRole('button', { name: '암호 바꾸기' }).click();
  await expect(dialog).toBeHidden();
  expect(await callsOf(page, 'change_password')).toHaveLength(2);
});

test('an error goes as soon as its cause is fixed, the confirmation following the new password', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '암호 변경' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 암호 변경' });
  const current = dialog.getByRole('textbox', { name: '현재 인증서 암호' });
  const next = dialog.getByRole('textbox', { name: '새 암호', exact: true });
  const again = dialog.getByRole('textbox', { name: '새 암호 다시 입력' });
  await dialog.getByRole('button', { name: '암호 바꾸기' }).click();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(next).toHaveAttribute('aria-invalid', 'true');
  await expect(again).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('confirm-password')).toContainText('확인을 위해 같은 암호를 한 번 더 입력하세요.');

  // Each field's sentence goes once what is typed there is right; a rule still broken keeps it.
  await current.fill(SAMPLE_PASSWORD);
  await expect(current).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('current-password')).not.toContainText('입력해 주세요.');
  await next.fill('seal');
  await expect(dialog.getByTestId('new-password')).toContainText('새 암호가 아래 규칙을 모두 지켜야 합니다.');
  await next.fill('seal#7294xq');
  await expect(next).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('new-password')).not.toContainText('규칙을 모두 지켜야');

  // The confirmation: empty, then different, then the same as a changed new password.
  await expect(again).toHaveAttribute('aria-invalid', 'true');
  await again.fill('seal#7294xz');
  await expect(dialog.getByTestId('confirm-password')).toContainText('두 번 입력한 암호가 다릅니다.');
  await next.fill('seal#7294xz');
  await expect(again).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('confirm-password')).not.toContainText('다릅니다');
  await expectAccessible(page);
  expect(await callsOf(page, 'change_password')).toEqual([]);
});

test('export as PFX: the old-program option, the chosen path, and what goes wrong with the drive', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: 'PFX로 내보내기' }).click();
  const dialog = page.getByRole('dialog', { name: 'PFX 파일로 내보내기' });
  await expect(dialog).toContainText('오래된 프로그램에서 열어야 할 때만 선택하세요.');
  await expectAccessible(page);

  await dialog.getByRole('textbox', { name: '인증서 암호' }).fill(SAMPLE_PASSWORD);
  await dialog.getByRole('textbox', { name: 'PFX 파일 암호 (새로 정하기)' }).fill('pfx!pass2580');
  await dialog.getByRole('textbox', { name: 'PFX 파일 암호 다시 입력' }).fill('pfx!pass2580');
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog).toContainText('저장할 곳을 골라 주세요.');

  await answerDialogs(page, 'E:\\백업\\홍길동.pfx');
  await dialog.getByRole('button', { name: '저장할 곳 고르기…' }).click();
  await expect(dialog.getByTestId('export-path')).toContainText('E:\\백업\\홍길동.pfx');
  const save = (await callsOf(page, 'plugin:dialog|save'))[0] as { options: { defaultPath: string } };
  expect(save.options.defaultPath).toBe('홍길동.pfx');
  const compat = dialog.getByRole('checkbox', { name: '오래된 프로그램용 방식으로 저장' });
  await dialog.getByText('오래된 프로그램용 방식으로 저장').click();
  await expect(compat).toBeChecked();

  await failNext(page, 'export_pfx', 'disk-full', 'read-only');
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    '저장 공간이 부족합니다. 필요 없는 파일을 지우거나 다른 곳을 골라 주세요.',
  );
  await expect(dialog.getByRole('alert')).toContainText('E:\\백업\\홍길동.pfx');
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    '그곳에는 저장할 수 없습니다. 쓰기 보호된 USB 메모리일 수 있으니 잠금 스위치를 풀거나 다른 곳을 골라 주세요.',
  );
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('done-notice')).toContainText('PFX 파일로 내보냈습니다.');
  await expect(page.getByTestId('done-notice')).toContainText('E:\\백업\\홍길동.pfx');

  const exports = await callsOf(page, 'export_pfx');
  expect(exports).toHaveLength(3);
  expect(exports[2]).toEqual({
    request: {
      ...HONG_ON_DISK,
      password: SAMPLE_PASSWORD,
      pfx_password: 'pfx!pass2580',
      compat: true,
      path: 'E:\\백업\\홍길동.pfx',
    },
  });
  expect(await page.content()).not.toContain('pfx!pass2580');
});

test('export as PFX: the file password keeps the rules of a certificate password, checked as it is typed', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: 'PFX로 내보내기' }).click();
  const dialog = page.getByRole('dialog', { name: 'PFX 파일로 내보내기' });
  const pfx = dialog.getByRole('textbox', { name: 'PFX 파일 암호 (새로 정하기)' });
  const again = dialog.getByRole('textbox', { name: 'PFX 파일 암호 다시 입력' });
  await dialog.getByRole('textbox', { name: '인증서 암호' }).fill(SAMPLE_PASSWORD);
  await answerDialogs(page, 'E:\\백업\\홍길동.pfx');
  await dialog.getByRole('button', { name: '저장할 곳 고르기…' }).click();
  await expect(dialog.getByTestId('export-path')).toContainText('홍길동.pfx');

  // Nothing typed yet: the checklist waits, and the field says it is empty.
  await expect(dialog.getByTestId('password-rules')).toContainText('새 암호 규칙');
  await expect(dialog.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'pending');
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(pfx).toHaveAttribute('aria-invalid', 'true');
  await expect(pfx).toBeFocused();
  await expect(dialog.getByTestId('pfx-password')).toContainText('입력해 주세요.');

  // A weak one: each broken rule in words, and nothing is sent.
  await pfx.fill('1234');
  await again.fill('1234');
  await expect(dialog.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'unmet');
  await expect(dialog.getByTestId('rule-too-short')).toContainText('안 지킴');
  await expect(dialog.getByTestId('rule-needs-letter')).toHaveAttribute('data-state', 'unmet');
  await expect(dialog.getByTestId('rule-sequential')).toHaveAttribute('data-state', 'unmet');
  await expect(dialog.getByTestId('rule-forbidden-character')).toHaveAttribute('data-state', 'met');
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog.getByTestId('pfx-password')).toContainText('새 암호가 아래 규칙을 모두 지켜야 합니다.');
  await expect(pfx).toBeFocused();
  await expectAccessible(page);
  expect(await callsOf(page, 'export_pfx')).toEqual([]);

  // One the backend refuses all the same marks the field with the rule's sentence.
  await pfx.fill('pfx!pass2580');
  await again.fill('pfx!pass2580');
  await expect(dialog.getByText('새 암호가 모든 규칙을 지켰습니다.')).toBeAttached();
  await failWith(page, 'export_pfx', { code: 'password-sequential', params: {} });
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog.getByTestId('pfx-password')).toContainText('새 암호에 연속된 글자를 3개 이상 쓸 수 없습니다.');
  await expect(pfx).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: '내보내기' }).click();
  await expect(dialog).toBeHidden();

  // The file password crossed only with the requests, never while it was typed.
  expect(await commandsCarrying(page, 'pfx!pass2580')).toEqual(['export_pfx', 'export_pfx']);
  expect(await commandsCarrying(page, '"1234"')).toEqual([]);
});

test('copy to a USB drive goes into its NPKI folder; copy to the keychain', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '다른 곳에 복사' }).click();
  const dialog = page.getByRole('dialog', { name: '다른 곳에 복사' });
  // Hong's certificate is already in this computer's NPKI folder.
  await expect(dialog.getByTestId('destination-disk')).toContainText('이 인증서가 이미 있는 곳입니다.');
  await expect(dialog.getByRole('radio', { name: '이 컴퓨터의 키체인' })).toBeChecked();
  await expectAccessible(page);

  await dialog.getByText('직접 고른 폴더 (예: USB 메모리)').click();
  await expect(dialog.getByRole('radio', { name: '직접 고른 폴더 (예: USB 메모리)' })).toBeChecked();
  await dialog.getByRole('button', { name: '복사하기' }).click();
  await expect(dialog).toContainText('폴더를 골라 주세요.');
  await answerDialogs(page, 'E:\\');
  await dialog.getByRole('button', { name: '폴더 고르기…' }).click();
  await expect(dialog).toContainText('E:\\NPKI');
  expect(await callsOf(page, 'plugin:dialog|open')).toEqual([
    { options: { title: '인증서를 저장할 폴더나 USB 메모리', multiple: false, directory: true } },
  ]);
  await failNext(page, 'copy_certificate', 'already-stored');
  await dialog.getByRole('button', { name: '복사하기' }).click();
  await expect(dialog.getByRole('alert')).toContainText('그곳에는 이미 이 인증서가 있습니다.');
  await dialog.getByRole('button', { name: '복사하기' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('done-notice')).toContainText('인증서를 복사했습니다.');
  await expect(page.getByTestId('done-notice')).toContainText('E:\\NPKI\\yessign\\USER');

  await page.getByRole('button', { name: '다른 곳에 복사' }).click();
  await dialog.getByRole('button', { name: '복사하기' }).click();
  await expect(dialog).toBeHidden();
  expect(await callsOf(page, 'copy_certificate')).toEqual([
    { request: { ...HONG_ON_DISK, to: { kind: 'npki', root: 'E:\\NPKI' } } },
    { request: { ...HONG_ON_DISK, to: { kind: 'npki', root: 'E:\\NPKI' } } },
    { request: { ...HONG_ON_DISK, to: { kind: 'keychain' } } },
  ]);
});

test('identity check: hyphens accepted, the answer in plain words', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '본인확인' }).click();
  const dialog = page.getByRole('dialog', { name: '본인확인' });
  const number = dialog.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' });
  await expect(number).toHaveAttribute('type', 'password');
  await dialog.getByRole('textbox', { name: '인증서 암호' }).fill(SAMPLE_PASSWORD);
  await number.fill('900101-1234567');
  await dialog.getByRole('button', { name: '번호 보기: 주민등록번호 또는 사업자등록번호' }).click();
  await expect(number).toHaveAttribute('type', 'text');
  await dialog.getByRole('button', { name: '확인하기' }).click();
  await expect(dialog.getByTestId('identity-result')).toContainText('일치합니다');
  await expectAccessible(page);

  await number.fill('800101-1234567');
  await dialog.getByRole('button', { name: '확인하기' }).click();
  await expect(dialog.getByTestId('identity-result')).toContainText('일치하지 않습니다');

  await number.fill('12345');
  await dialog.getByRole('button', { name: '확인하기' }).click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('주민등록번호 13자리나 사업자등록번호 10자리를 입력해 주세요.');

  expect((await callsOf(page, 'verify_identity'))[0]).toEqual({
    request: { ...HONG_ON_DISK, password: SAMPLE_PASSWORD, id_number: '900101-1234567' },
  });
  await dialog.getByRole('button', { name: '닫기' }).first().click();
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain('900101');
});

test('delete asks for the name typed out, ignores Enter while Hangul is composed, then deletes', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '삭제' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 삭제' });
  await expect(dialog).toContainText('인증서와 개인키가 완전히 지워집니다. 지운 뒤에는 되돌릴 수 없습니다.');
  await expect(dialog).toContainText('지우기 전에 PFX 파일로 내보내 백업해 두세요.');
  await expectAccessible(page);

  const confirm = dialog.getByRole('textbox', { name: /확인을 위해 이름 ‘홍길동’/ });
  await confirm.fill('홍길');
  await dialog.getByRole('button', { name: '영구 삭제' }).click();
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('입력한 내용이 이름이나 인증서 번호 앞 8자리와 다릅니다.');
  expect(await callsOf(page, 'delete_certificate')).toEqual([]);

  // The Enter that commits the last syllable must not submit.
  await confirm.fill('홍길동');
  const composingEnter = (isComposing: boolean) =>
    confirm.evaluate((input, composing) => {
      const event = new KeyboardEvent('keydown', {
        key: 'Enter',
        code: 'Enter',
        keyCode: 229,
        isComposing: composing,
        bubbles: true,
        cancelable: true,
      });
      input.dispatchEvent(event);
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- 229 is what marks composition
      return event.keyCode;
    }, isComposing);
  expect(await composingEnter(true)).toBe(229);
  expect(await composingEnter(false)).toBe(229);
  await page.waitForTimeout(200);
  expect(await callsOf(page, 'delete_certificate')).toEqual([]);
  await expect(dialog).toBeVisible();

  await confirm.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await callsOf(page, 'delete_certificate')).toEqual([{ certificate: HONG_ON_DISK }]);
  await expect(page.getByRole('heading', { level: 2, name: /내 인증서/ })).toBeFocused();
  await expect(page.getByTestId('announcer')).toHaveText('인증서를 삭제했습니다.');
  await expect(page.getByTestId('app-notice')).toHaveText('인증서를 삭제했습니다.');
});

test('delete offers a backup first, and Escape closes a dialog and gives focus back', async ({ page }) => {
  await openScenario(page, 'four-places');
  await openDetails(page, '홍길동');
  const trigger = page.getByRole('button', { name: '삭제' });
  await trigger.click();
  await page.getByRole('button', { name: '먼저 PFX로 백업하기' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'PFX 파일로 내보내기' });
  await expect(exportDialog).toBeVisible();
  await expect(page.getByRole('dialog', { name: '인증서 삭제' })).toBeHidden();
  await exportDialog.getByRole('textbox', { name: '인증서 암호' }).fill('typed!secret9');
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();
  await expect(page.locator('input')).toHaveCount(0);
  expect(await page.content()).not.toContain('typed!secret9');

  await page.getByRole('button', { name: '암호 변경' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '암호 변경' })).toBeFocused();
});

test('a certificate kept in two places: each copy is managed on its own', async ({ page }) => {
  await openScenario(page, 'four-places');
  const copies = card(page, '홍길동');
  await expect(copies).toHaveCount(2);

  // The copy in the keychain: every job names it, and the screen says so.
  await copies.filter({ hasText: '이 컴퓨터의 키체인' }).click();
  await expect(page.getByTestId('managed-copy')).toHaveText(
    '이 인증서는 여러 곳에 있습니다. 아래 작업은 ‘이 컴퓨터의 키체인’에 있는 사본에만 적용됩니다. 사본마다 암호가 다를 수 있습니다.',
  );
  const places = page.getByTestId('places-section').getByRole('listitem');
  await expect(places).toHaveCount(2);
  await expect(places.filter({ has: page.getByTestId('this-copy') })).toContainText('이 컴퓨터의 키체인');
  await expect(places.filter({ has: page.getByTestId('this-copy') })).toHaveAttribute('aria-current', 'true');
  await expectAccessible(page);

  await page.getByRole('button', { name: '삭제' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 삭제' });
  await expect(dialog.getByTestId('other-copies')).toHaveText(
    '같은 인증서가 2곳에 있습니다. 여기서 삭제하면 ‘이 컴퓨터의 키체인’에 있는 사본만 지워지고, 다른 곳의 사본은 그대로 남습니다.',
  );
  await dialog.getByRole('textbox', { name: /확인을 위해 이름 ‘홍길동’/ }).fill('홍길동');
  await dialog.getByRole('button', { name: '영구 삭제' }).click();
  await expect(dialog).toBeHidden();
  expect(await callsOf(page, 'delete_certificate')).toEqual([{ certificate: { id: HONG_ID, store: { kind: 'keychain' } } }]);

  // The copy in this computer's NPKI folder stays, with its own password.
  await expect(copies).toHaveCount(1);
  await expect(copies).toContainText('이 컴퓨터');
  await expect(copies).not.toContainText('키체인');
  await copies.click();
  await expect(page.getByTestId('details-owner')).toHaveText('홍길동');
  await expect(page.getByTestId('managed-copy')).toHaveCount(0);
  await page.getByRole('button', { name: '암호 변경' }).click();
  const change = page.getByRole('dialog', { name: '인증서 암호 변경' });
  await change.getByRole('textbox', { name: '현재 인증서 암호' }).fill(SAMPLE_PASSWORD);
  await change.getByRole('textbox', { name: '새 암호', exact: true }).fill('seal#7294xq');
  await change.getByRole('textbox', { name: '새 암호 다시 입력' }).fill('seal#7294xq');
  await change.getByRole('button', { name: '암호 바꾸기' }).click();
  await expect(change).toBeHidden();
  expect(await callsOf(page, 'change_password')).toEqual([
    { request: { ...HONG_ON_DISK, old_password: SAMPLE_PASSWORD, new_password: 'seal#7294xq' } },
  ]);
});
