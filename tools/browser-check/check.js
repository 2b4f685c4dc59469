// Opens a GovLens dashboard in headless Chromium (playwright-core driving the system browser) and asserts what a
// reader relies on: the charts drew, the indicator table has data, report markup shows as text and none of it ran,
// and opening a region shows its detail. Usage:
//   node check.js <index.html | http://127.0.0.1:PORT/> <screenshot.png> [embedded|needs-serve|served]
// embedded (default): the region detail is in the page; needs-serve: the page is opened as a file and its region
// detail is in files, so opening a region must say that it needs --serve; served: the page comes from
// `govlens dashboard --serve` and a region's detail must load on demand. Exit 1 with reasons.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');

const [page_, shot, mode = 'embedded'] = process.argv.slice(2);
if (!page_ || !shot || !['embedded', 'needs-serve', 'served'].includes(mode)) {
  console.error('usage: node check.js <index.html|url> <screenshot.png> [embedded|needs-serve|served]');
  process.exit(2);
}
const url = /^https?:/.test(page_) ? page_ : 'file://' + path.resolve(page_);
const origin = /^https?:/.test(page_) ? new URL(page_).origin : null;

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
  const sameOrigin = [];
  page.on('request', (r) => {
    const u = r.url();
    if (origin && u.startsWith(origin + '/')) { sameOrigin.push(u); return; }
    if (!u.startsWith('file:') && !u.startsWith('data:')) requests.push(u);
  });

  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  await page.waitForTimeout(500);

  // The screenshot shows the top of the page (summary, counts, indicator table) as a reader first sees it.
  await page.screenshot({ path: shot, fullPage: false });

  // Open regions from the indicator table until one's detail shows report markup (as text), at most 20.
  const detail = { opened: 0, loaded: 0, withMarkup: 0, needsServe: 0, valueRows: 0, sentences: 0, statuses: [] };
  const cells = await page.$$('#indicator-table td.link');
  for (const cell of cells.slice(0, 20)) {
    await cell.click();
    detail.opened++;
    await page.waitForFunction(() => !document.getElementById('region-status').textContent.includes('loading'),
      null, { timeout: 20000 });
    const d = await page.evaluate(() => ({
      status: document.getElementById('region-status').textContent,
      needsServe: document.querySelectorAll('#region-detail .needs-serve').length,
      needsServeText: (document.querySelector('#region-detail .needs-serve') || {}).textContent || '',
      valueRows: document.querySelectorAll('#region-values tbody tr').length,
      sentences: Array.from(document.querySelectorAll('#region-values td.sentence')).filter((td) => td.textContent.length > 5).length,
      markup: document.getElementById('region-detail').innerText.includes('<script>alert(1)</script>'),
    }));
    detail.statuses.push(d.status);
    if (d.needsServe) { detail.needsServe++; detail.needsServeText = d.needsServeText; break; }
    if (d.valueRows > 0) { detail.loaded++; detail.valueRows = d.valueRows; detail.sentences = d.sentences; }
    if (d.markup) { detail.withMarkup++; break; }
  }

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
      bytes: document.documentElement.outerHTML.length,
    };
  });
  r.detail = detail;
  r.sameOriginRequests = sameOrigin.length;
  await page.screenshot({ path: shot.replace(/\.png$/, '') + '-detail.png', fullPage: false });
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
  expect(detail.opened > 0, 'no region link in the indicator table');
  if (mode === 'needs-serve') {
    expect(detail.needsServe === 1 && /--serve/.test(detail.needsServeText || ''),
      'opened as a file, the region detail does not say it needs --serve: ' + detail.statuses.join(' | '));
  } else {
    expect(detail.needsServe === 0, 'the region detail asks for --serve although it should load (' + mode + ')');
    expect(detail.loaded > 0 && detail.sentences > 0, `no region detail with source sentences loaded (${JSON.stringify(detail)})`);
    expect(detail.withMarkup > 0, 'no opened region showed the report markup as text in its detail');
  }
  if (mode === 'served') {
    expect(r.sameOriginRequests > 1, 'no region file was fetched from the server');
  }
  console.log(JSON.stringify(r));
  if (failures.length) {
    console.error('browser check FAILED:\n  ' + failures.join('\n  '));
    process.exit(1);
  }
  console.log('browser check passed; screenshot ' + shot);
})().catch((e) => { console.error('browser check FAILED: ' + e.message); process.exit(1); });
