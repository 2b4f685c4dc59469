// Opens <warehouse>/dashboard/index.html in headless Chromium (playwright-core driving the system browser)
// and asserts what a reader relies on: the charts drew, the indicator table has data, report markup shows
// as text and none of it ran. Usage: node check.js <index.html> <screenshot.png>. Exit 1 with reasons.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');

const [page_, shot] = process.argv.slice(2);
if (!page_ || !shot) { console.error('usage: node check.js <index.html> <screenshot.png>'); process.exit(2); }

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const failures = [];
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await ctx.newPage();
  // Tripwires installed before any page script: an alert or the onerror payload would set them.
  await page.addInitScript(() => {
    window.__alerts = [];
    window.alert = (m) => { window.__alerts.push(String(m)); };
  });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });

  await page.goto('file://' + path.resolve(page_));
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  await page.waitForTimeout(500);

  const r = await page.evaluate(() => {
    const svgPaths = (id) => { const e = document.getElementById(id); return e ? e.querySelectorAll('svg path').length : -1; };
    const rows = Array.from(document.querySelectorAll('#indicator-table tbody tr'));
    const filled = rows.filter((tr) => Array.from(tr.querySelectorAll('td.val')).some((td) => td.textContent.trim() !== ''));
    const text = document.body.innerText;
    return {
      indicatorChartPaths: svgPaths('chart-indicator'),
      quarantineChartPaths: svgPaths('chart-quarantine'),
      topicChartPaths: svgPaths('chart-topics'),
      topicsMissing: (document.getElementById('sec-topics').textContent || '').includes('not in this warehouse'),
      indicatorRows: rows.length,
      indicatorRowsWithValues: filled.length,
      scriptTextShown: text.includes('<script>alert(1)</script>'),
      imgTextShown: text.includes('<img src=x onerror='),
      imgElements: document.querySelectorAll('img').length,
      onerrorElements: document.querySelectorAll('[onerror]').length,
      scriptElements: document.querySelectorAll('script').length,
      xss: typeof window.__xss,
      alerts: window.__alerts.length,
      sectionErrors: Array.from(document.querySelectorAll('main > p.missing')).map((p) => p.textContent)
        .filter((t) => t.startsWith('dashboard error')),
      fontFamily: getComputedStyle(document.body).fontFamily,
    };
  });
  await page.screenshot({ path: shot, fullPage: false });
  await browser.close();

  const expect = (ok, msg) => { if (!ok) failures.push(msg); };
  expect(r.indicatorChartPaths > 0, `indicator chart drew no SVG paths (${r.indicatorChartPaths})`);
  expect(r.quarantineChartPaths > 0, `quarantine chart drew no SVG paths (${r.quarantineChartPaths})`);
  expect(r.topicsMissing || r.topicChartPaths > 0, `topic chart drew no SVG paths and topics are not marked missing`);
  expect(r.indicatorRowsWithValues > 0, `indicator table has no rows with values (${r.indicatorRows} rows)`);
  expect(r.scriptTextShown, 'the report text "<script>alert(1)</script>" is not shown as text');
  expect(r.imgTextShown, 'the report text "<img src=x onerror=…>" is not shown as text');
  expect(r.imgElements === 0, `${r.imgElements} <img> element(s) in the DOM`);
  expect(r.onerrorElements === 0, `${r.onerrorElements} element(s) with an onerror attribute`);
  expect(r.scriptElements === 3, `${r.scriptElements} <script> elements, expected the page's 3`);
  expect(r.xss === 'undefined', 'window.__xss is set: an injected handler ran');
  expect(r.alerts === 0 && dialogs.length === 0, `alert was called (${r.alerts + dialogs.length} times)`);
  expect(errors.length === 0, 'page errors: ' + errors.join(' | '));
  expect(requests.length === 0, 'network requests: ' + requests.join(' '));
  expect(r.sectionErrors.length === 0, 'section errors: ' + r.sectionErrors.join(' | '));
  console.log(JSON.stringify(r));
  if (failures.length) {
    console.error('browser check FAILED:\n  ' + failures.join('\n  '));
    process.exit(1);
  }
  console.log('browser check passed; screenshot ' + shot);
})().catch((e) => { console.error('browser check FAILED: ' + e.message); process.exit(1); });
