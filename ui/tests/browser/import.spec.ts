import { answerDialogs, callsOf, expect, expectAccessible, ipcCalls, openDetails, openScenario, SAMPLE_PASSWORD, test } from './support';

test('import a PFX file from the list: the file, its password, a new password kept to the rules, a place', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await page.getByRole('button', { name: '인증서 가져오기' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 가져오기' });
  await expect(dialog.getByRole('radio', { name: 'PFX 파일 (.pfx, .p12)' })).toBeChecked();
  await expectAccessible(page);

  await answerDialogs(page, 'C:\\Users\\user\\Downloads\\홍길동.p12');
  await dialog.getByRole('button', { name: '파일 고르기…' }).click();
  await expect(dialog.getByTestId('import-path')).toContainText('홍길동.p12');
  expect(await callsOf(page, 'plugin:dialog|open')).toEqual([
    {
      options: {
        title: '가져올 PFX 파일',
        filters: [{ name: '인증서 파일 (PFX)', extensions: ['pfx', 'p12'] }],
        multiple: false,
        directory: false,
      },
    },
  ]);

  const pfxPassword = dialog.getByRole('textbox', { name: 'PFX 파일 암호' });
  await pfxPassword.fill('wrong-pfx-1');
  await dialog.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('usb!Pass9753');
  await expect(dialog.getByTestId('rule-sequential')).toHaveAttribute('data-state', 'met');
  await dialog.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill('usb!Pass9753');
  await dialog.getByText('이 컴퓨터의 NPKI 폴더').click();
  await dialog.getByRole('button', { name: '가져오기' }).click();

  await expect(pfxPassword).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('PFX 파일의 암호가 맞지 않습니다. 이 파일을 만들 때 정한 암호를 입력해 주세요.');
  await expect(dialog).toBeVisible();

  const before = await ipcCalls(page);
  await pfxPassword.fill(SAMPLE_PASSWORD);
  await dialog.getByRole('button', { name: '가져오기' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText('인증서를 가져왔습니다.');
  await expect(page.getByTestId('app-notice')).toHaveText('인증서를 가져왔습니다.');
  await expect(page.getByTestId('app-notice')).toHaveAttribute('data-kind', 'done');
  await expect.poll(() => ipcCalls(page)).toBe(before + 1);
  const imports = await callsOf(page, 'import_pfx');
  expect(imports[1]).toEqual({
    request: {
      path: 'C:\\Users\\user\\Downloads\\홍길동.p12',
      pfx_password: SAMPLE_PASSWORD,
      password: 'usb!Pass9753',
      to: { kind: 'npki', root: null },
    },
  });
  expect(await page.content()).not.toContain('usb!Pass9753');
});

test('import an NPKI folder from the empty state, into the keychain', async ({ page }) => {
  await openScenario(page, 'empty');
  await page.getByTestId('empty-state').getByRole('button', { name: '인증서 가져오기' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 가져오기' });
  await dialog.getByText('NPKI 인증서 폴더').click();
  await expect(dialog.getByRole('textbox')).toHaveCount(0);
  await dialog.getByRole('button', { name: '가져오기' }).click();
  await expect(dialog).toContainText('폴더를 골라 주세요.');
  await answerDialogs(page, 'E:\\NPKI\\yessign\\USER\\cn=홍길동');
  await dialog.getByRole('button', { name: '폴더 고르기…' }).click();
  await dialog.getByRole('button', { name: '가져오기' }).click();
  await expect(dialog).toBeHidden();
  expect(await callsOf(page, 'import_npki_folder')).toEqual([
    { request: { path: 'E:\\NPKI\\yessign\\USER\\cn=홍길동', to: { kind: 'keychain' } } },
  ]);
});

test('a file of another kind dropped on the details is said in view above them, and not carried to the list', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.evaluate(() =>
    window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['/home/user/a.txt'], position: { x: 100, y: 100 } }),
  );
  const notice = page.getByTestId('app-notice');
  await expect(notice).toHaveText('PFX 파일(.pfx, .p12)이나 발급 안내 파일만 끌어다 놓을 수 있습니다.');
  await expect(notice).toHaveAttribute('data-kind', 'problem');
  await expect(notice).toBeInViewport({ ratio: 1 });
  // The screen stays as it was.
  await expect(page.getByTestId('details-owner')).toHaveText('홍길동');
  await expectAccessible(page);
  // It was about the details: the list, and the details opened again, are without it.
  await page.getByTestId('back').click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect(notice).toHaveCount(0);
  await openDetails(page, '홍길동');
  await expect(notice).toHaveCount(0);
});

test('dropping a PFX file on the window starts its import with the file filled in', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  const position = { x: 100, y: 100 };

  await page.evaluate((pos) => window.__DOJANG_EMIT__?.('tauri://drag-enter', { paths: ['/home/user/a.txt'], position: pos }), position);
  await expect(page.getByTestId('drop-overlay')).toContainText('여기에 놓으면 인증서를 가져옵니다');
  await page.evaluate((pos) => window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['/home/user/a.txt'], position: pos }), position);
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText(
    'PFX 파일(.pfx, .p12)이나 발급 안내 파일만 끌어다 놓을 수 있습니다.',
  );
  // Said in view too, as a problem.
  await expect(page.getByTestId('app-notice')).toHaveText('PFX 파일(.pfx, .p12)이나 발급 안내 파일만 끌어다 놓을 수 있습니다.');
  await expect(page.getByTestId('app-notice')).toHaveAttribute('data-kind', 'problem');
  await expectAccessible(page);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.evaluate(
    (pos) => window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['/home/user/notes.txt', '/home/user/백업/KIM.PFX'], position: pos }),
    position,
  );
  const dialog = page.getByRole('dialog', { name: '인증서 가져오기' });
  await expect(dialog.getByTestId('import-path')).toContainText('/home/user/백업/KIM.PFX');
  await expect(dialog.getByRole('textbox', { name: 'PFX 파일 암호' })).toBeFocused();
});

test('a file dropped while a dialog is open changes nothing; once it is closed, a drop works again', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  const drop = (paths: string[]) =>
    page.evaluate((dropped) => window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: dropped, position: { x: 100, y: 100 } }), paths);

  await drop(['/home/user/백업/KIM.PFX']);
  const dialog = page.getByRole('dialog', { name: '인증서 가져오기' });
  await expect(dialog.getByTestId('import-path')).toContainText('/home/user/백업/KIM.PFX');

  // Neither another PFX file nor an invitation takes the window from the open dialog. Each
  // drop is handled once the overlay that its drag showed is gone.
  for (const path of ['/home/user/다른.pfx', 'C:\\Users\\hong\\Downloads\\issue.html']) {
    await page.evaluate((dragged) => window.__DOJANG_EMIT__?.('tauri://drag-enter', { paths: [dragged], position: { x: 100, y: 100 } }), path);
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await drop([path]);
    await expect(page.getByTestId('drop-overlay')).toBeHidden();
  }
  await expect(dialog.getByTestId('import-path')).toContainText('/home/user/백업/KIM.PFX');
  await expect(dialog.getByTestId('import-path')).not.toContainText('다른.pfx');
  await expect(page.getByTestId('step-codes')).toHaveCount(0);
  expect(await callsOf(page, 'read_invitation')).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await drop(['C:\\Users\\hong\\Downloads\\issue.html']);
  await expect(page.getByTestId('step-codes').getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125001');
});
