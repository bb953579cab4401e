// The dashboard as a person sees it: in a real headless Chromium, against a running flowwatch that holds the
// seed week. Run by the gateway's SeedWeekAcceptanceTest with FLOWWATCH_URL, FLOWWATCH_ADMIN_KEY and
// FLOWWATCH_READER_KEY set; leaves a screenshot at FLOWWATCH_SCREENSHOT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.FLOWWATCH_URL;
const adminKey = process.env.FLOWWATCH_ADMIN_KEY;
const readerKey = process.env.FLOWWATCH_READER_KEY;
const screenshot = process.env.FLOWWATCH_SCREENSHOT || 'dashboard.png';

async function api(method, path, body, contentType = 'application/json') {
  const response = await fetch(base + '/api/v1' + path, {
    method, headers: { 'X-API-Key': adminKey, 'Content-Type': contentType }, body,
  });
  assert.ok(response.status < 300, `${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

test('the dashboard shows the seed week and a new alert without a reload', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/#key=${readerKey}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });

    const btc = page.locator('article[data-asset="BTC"]');
    assert.equal(await btc.locator('.net').textContent(), '−$817.9M');
    assert.equal(await btc.locator('.wtd').textContent(), '−$978.0M');
    assert.equal(await btc.locator('.mtd').textContent(), '−$1.10B');
    assert.equal(await btc.locator('.share').textContent(), '6.52 %');
    assert.match(await btc.locator('.context').textContent(), /largest outflow since 2025-11-20/);
    assert.equal(await page.locator('article[data-asset="ETH"] .net').textContent(), '−$155.6M');
    const quotes = await page.locator('#quotes').textContent();
    assert.match(quotes, /Microsoft\$433\.47−10\.00 %/, 'MSFT: last price and its 24 h change');
    assert.match(quotes, /Crypto market cap\$2\.92T/, 'the whole market cap');
    assert.ok(await page.locator('#alerts li').count() > 0, 'the alert history is listed');
    assert.equal(await page.locator('article canvas').count(), 4, 'one chart per asset');
    await page.waitForSelector('#live.on', { timeout: 10_000 });

    // A new alert, caused the way a user would cause one, must appear in the feed without a reload.
    const before = await page.locator('#alerts li').count();
    await api('POST', '/rules', JSON.stringify({
      id: 'e2e-sol-outflow', name: 'SOL spot ETF daily outflow', metric: 'flow.daily', scope: 'us-spot-etf:SOL',
      condition: { type: 'threshold', op: 'lt', value: -1000000 }, severity: 'warning', labels: { asset: 'SOL' },
      channels: [],
    }));
    await api('POST', '/events', JSON.stringify({
      type: 'flowwatch.fund-flow.v1', source: 'e2e',
      data: { product: 'BSOL', asset: 'SOL', productKind: 'us-spot-etf', tradingDate: '2026-01-30', netFlowUsd: -4200000 },
    }));
    await page.waitForFunction((n) => document.querySelectorAll('#alerts li').length > n, before, { timeout: 30_000 });
    assert.match(await page.locator('#alerts li').first().textContent(), /SOL|Solana/);
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.deepEqual(errors, [], 'no script errors on the page');
  } finally {
    await browser.close();
  }
});
