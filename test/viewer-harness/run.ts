// Manual check of the product viewer: renders the fixture model in a dark and a light theme and writes
// screenshots, then prints what the webview reported. Build and run:
//   node esbuild.js && npx esbuild test/viewer-harness/run.ts --bundle --platform=node --format=cjs \
//     --outfile=out/viewer-harness/run.js --external:playwright-core && node out/viewer-harness/run.js [outDir]
import * as path from 'node:path';
import { readFixture } from '../support/paths';
import type { Browser } from 'playwright-core';
import type { LightCurveRendered } from '../../src/shared/viewerProtocol';
import { launchChromium, openViewerPage, showModel, type HarnessTheme } from './page';
import { sampleModel, syntheticLightCurve } from './sampleModel';

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? '/tmp';
  const model = sampleModel((name) => readFixture('xrt', name) as Record<string, unknown>);
  const browser = await launchChromium();
  try {
    for (const theme of ['dark', 'light'] as HarnessTheme[]) {
      const page = await openViewerPage(browser, theme);
      const { ms, summary } = await showModel(page, model);
      const title = await page.textContent('h1');
      const injected = await page.$$eval('img[src="x"]', (els) => els.length);
      if (injected !== 0 || !title?.includes('<img src=x onerror=alert(1)>')) throw new Error(`job name was not shown as text: ${title}`);
      const file = path.join(outDir, `viewer-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.locator('.product-lightCurve').screenshot({ path: path.join(outDir, `viewer-${theme}-lightcurve.png`) });
      await page
        .locator('.source-detection')
        .first()
        .screenshot({ path: path.join(outDir, `viewer-${theme}-sources.png`) });
      console.log(`${theme}: ${file}; first render ${ms.toFixed(1)} ms; summary ${JSON.stringify(summary)}`);
      // Interactions: linear axes, CSV export, PNG export, GCN copy, keyboard sort.
      await page.click('button:has-text("Log–log")');
      await page.click('button:has-text("Export CSV")');
      await page.click('button:has-text("Save PNG")');
      await page.click('tr:has-text("Enhanced") button:has-text("Copy GCN text")');
      await page.focus('table.sortable th:nth-child(13) button');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      const sortedCounts = await page.$$eval('table.sortable:first-of-type tbody tr td:nth-child(13)', (tds) =>
        tds.map((t) => t.textContent),
      );
      const outbox = await page.evaluate(
        () => (window as unknown as { __webviewOutbox: { type: string; text?: string; dataUrl?: string }[] }).__webviewOutbox,
      );
      const csv = outbox.find((m) => m.type === 'exportCsv')?.text ?? '';
      const png = outbox.find((m) => m.type === 'savePng')?.dataUrl ?? '';
      const gcn = outbox.find((m) => m.type === 'copy')?.text ?? '';
      console.log(
        `  csv rows ${csv.trimEnd().split('\n').length - 1}; png ${png.length} chars; counts sorted descending ${JSON.stringify(sortedCounts)}`,
      );
      console.log(`  gcn: ${gcn.split('\n')[0]}`);
      if (theme === 'light')
        await page.locator('.product-lightCurve').screenshot({ path: path.join(outDir, `viewer-${theme}-linear.png`) });
      await page.close();
      await lightCurveViews(browser, theme, outDir);
    }
  } finally {
    await browser.close();
  }
}

/** The light curve narrow and wide, on the MJD axis, and zoomed by a drag and by keys: screenshots and what it reported. */
async function lightCurveViews(browser: Browser, theme: HarnessTheme, outDir: string): Promise<void> {
  const model = sampleModel((name) => readFixture('xrt', name) as Record<string, unknown>);
  for (const width of [520, 1400]) {
    const page = await openViewerPage(browser, theme, width);
    await showModel(page, model);
    const shot = async (name: string): Promise<void> => {
      await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
      const file = path.join(outDir, `viewer-${theme}-${width}-${name}.png`);
      await page.locator('.product-lightCurve').screenshot({ path: file });
      const lc = await page.evaluate(() => {
        const outbox = (window as unknown as { __webviewOutbox: { type: string; summary?: { lightCurve?: LightCurveRendered } }[] })
          .__webviewOutbox;
        return outbox.filter((m) => m.type === 'rendered').pop()?.summary?.lightCurve;
      });
      console.log(
        `  ${file}: time ${JSON.stringify(lc?.timeRange)}; ${lc?.panels.map((p) => `${p.panel} ${p.width}×${p.height} [${p.timeLabels.join(' ')}] [${p.valueLabels.join(' ')}]`).join('; ')}`,
      );
    };
    await shot('sinceT0');
    const over = (await page.locator('.panel-rate .u-over').boundingBox())!;
    await page.mouse.move(over.x + over.width * 0.15, over.y + 20);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.45, over.y + over.height - 20, { steps: 6 });
    await page.mouse.up();
    await shot('dragged');
    await page.keyboard.press('0');
    await page.selectOption('select[aria-label="Time axis"]', 'mjd');
    await shot('mjd');
    await page.focus('.plots');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowLeft');
    await shot('mjd-zoomed');
    await page.close();
  }
  // A dense curve (decimated per pixel column), whole and zoomed.
  const page = await openViewerPage(browser, theme, 1100);
  await showModel(page, { version: 1, job: { id: 'dense' }, lightCurve: syntheticLightCurve(100_000), problems: [] });
  await page.locator('.product-lightCurve').screenshot({ path: path.join(outDir, `viewer-${theme}-dense.png`) });
  await page.focus('.plots');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
  await page.locator('.product-lightCurve').screenshot({ path: path.join(outDir, `viewer-${theme}-dense-zoomed.png`) });
  await page.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
