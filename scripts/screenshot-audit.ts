/**
 * `npx tsx scripts/screenshot-audit.ts REPORT.html OUT.png`: opens an audit report in Debian's
 * Chromium (playwright-core, no browser download), waits until the charts are drawn, and saves
 * a screenshot (docs/audit-report.png in the README).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [report, out] = process.argv.slice(2);
if (!report || !out) {
  process.stderr.write('usage: tsx scripts/screenshot-audit.ts REPORT.html OUT.png\n');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(`file://${resolve(report)}`);
  // Page-side code as strings: this script is type-checked for Node, without the DOM library.
  const drawn = await page.waitForFunction('document.body.dataset.chartsDrawn', undefined, { timeout: 10_000 });
  const canvases = (await page.evaluate('Array.from(document.querySelectorAll("canvas")).map((c) => c.width)')) as number[];
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`${await drawn.jsonValue()} charts drawn (canvas widths ${canvases.join(', ')}); screenshot ${out}\n`);
} finally {
  await browser.close();
}
