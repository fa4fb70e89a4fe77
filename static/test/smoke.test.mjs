import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, artifactPath } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the served page opens in headless Chromium and shows the map', async () => {
  const { page, errors, context } = await newPage(browser, server.url);
  const res = await page.goto('/');
  assert.equal(res.status(), 200);
  assert.match(await page.title(), /Dateline/);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.locator('#map.leaflet-container').count(), 1);
  const status = await page.locator('#status').textContent();
  assert.match(status, /^\d+ events from \d+ articles · \d+ curated places$/);
  await page.screenshot({ path: artifactPath('smoke.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('every HTML page is served with a Content-Security-Policy and breaks none of it', async () => {
  const { page, errors, context } = await newPage(browser, server.url);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  for (const [path, ready] of [['/', 'body[data-ready="true"]'], ['/collections?f=html', 'main'],
    ['/collections/places/items?f=html&limit=3', 'main'], ['/api?f=html', 'main'], ['/admin', 'body']]) {
    const res = await page.goto(path);
    assert.equal(res.status(), 200, path);
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /default-src 'self'/, `${path}: ${csp}`);
    assert.match(csp, /frame-ancestors 'none'/, `${path}: ${csp}`);
    await page.waitForSelector(ready, { timeout: 30000 });
    await page.waitForTimeout(300);
  }
  assert.deepEqual(violations, []);
  // Signed out, the admin page's session check is answered 401, as it should be.
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();
});

test('healthz answers with the gazetteer counts', async () => {
  const res = await fetch(server.url + '/healthz');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.ok(body.curated_places >= 150, `curated places: ${body.curated_places}`);
});

test('an unknown path is a problem+json 404', async () => {
  const res = await fetch(server.url + '/no/such/thing');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  const body = await res.json();
  assert.equal(body.status, 404);
  assert.ok(body.detail);
});
