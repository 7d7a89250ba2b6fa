/**
 * The window as a first-time customer meets it, at the app's default size
 * (1040×720) and a small laptop's (800×600), in Korean and in English:
 * nothing scrolls sideways, the header keeps to one row, and the list shows
 * several certificates without scrolling.
 */
import {
  countInView,
  expect,
  expectAccessible,
  expectHeaderOnOneRow,
  expectNoSidewaysScroll,
  openScenario,
  test,
  WINDOW_SIZES,
} from './support';

for (const lang of ['ko', 'en'] as const) {
  for (const size of WINDOW_SIZES) {
    const wanted = size.width >= 1040 ? 3 : 2;
    test(`the list at ${size.width}×${size.height} in ${lang}: one header row, ${wanted} whole cards in view`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      // Four places: the keychain, this computer, a USB drive and another folder, the longest words.
      await openScenario(page, 'four-places', { lang });
      const cards = page.getByTestId('certificate-row');
      await expect(cards).toHaveCount(4);
      await expectHeaderOnOneRow(page);
      await expectNoSidewaysScroll(page);
      expect(await countInView(cards)).toBeGreaterThanOrEqual(wanted);
      // The search and the choice of place are in view with them.
      await expect(page.getByRole('searchbox')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('place-filter-button')).toBeInViewport({ ratio: 1 });
      await expectAccessible(page);
    });
  }
}
