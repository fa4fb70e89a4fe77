// The map page's article list at archive scale (issue 14): it comes from
// the server a page at a time, newest first, so what the browser receives
// follows what the panel shows and never the size of the archive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, tempDir, ingest } from './harness.mjs';

let server;
let browser;
const ADDED = 70;

before(async () => {
  const dir = tempDir();
  const db = path.join(dir, 'articles.gpkg');
  // Seventy short reports, one a day from 2021-03-01, beside the seed articles.
  const lines = [];
  for (let i = 0; i < ADDED; i++) {
    const day = new Date(Date.UTC(2021, 2, 1 + i)).toISOString().slice(0, 10);
    lines.push(JSON.stringify({
      id: `daily-${String(i).padStart(3, '0')}`, url: `https://example.org/daily/${i}`, title: `Daily report ${i + 1} from Goris`,
      published: day, outlet: 'example.org', language: 'en',
      text: `Goris, ${day}. Traffic on the road from Goris to Kornidzor was normal on day ${i + 1}, local officials said.`,
    }));
  }
  const file = path.join(dir, 'daily.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  await ingest(db, [file]);
  server = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the article list is paged from the server, newest first, and loads more on demand', async () => {
  const all = await (await fetch(server.url + '/api/documents?limit=1', { headers: { Accept: 'application/json' } })).json();
  const total = all.numberMatched;
  assert.ok(total > 50 + 1, `${total} articles: more than one page`);

  const { page, errors, context } = await newPage(browser, server.url);
  const asked = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/documents') asked.push(new URL(r.url()).searchParams); });
  await page.goto('/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('body[data-articles="counted"]');
  assert.equal(await page.locator('#articles-toggle .count').textContent(), `(${total})`);

  await page.locator('#articles-toggle').click();
  const rows = page.locator('#panel-body .doc-list button.doc');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 50);
  assert.match(await page.locator('[data-count="articles"]').textContent(), new RegExp(`^50 of ${total} articles, newest first`));
  // Every request for the list asked for one page; none for the whole list.
  assert.ok(asked.length >= 1);
  for (const q of asked) assert.equal(q.get('limit'), '50', `asked ${q}`);

  // The page shows the API's first page as it comes: newest first.
  const firstPage = await rows.evaluateAll((bs) => bs.map((b) => b.dataset.doc));
  const api = await (await fetch(server.url + '/api/documents?limit=50', { headers: { Accept: 'application/json' } })).json();
  assert.deepEqual(firstPage, api.documents.map((d) => d.id));
  const dates = api.documents.map((d) => d.published || '');
  assert.deepEqual(dates, dates.slice().sort().reverse());

  // "Show more" brings the next page, and the list ends once all are there.
  const more = page.locator('#panel-body button.more');
  while (await rows.count() < total) {
    const before = await rows.count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#panel-body .doc-list button.doc').length > n, before);
  }
  assert.equal(await rows.count(), total);
  assert.equal(await more.isHidden(), true);
  assert.match(await page.locator('[data-count="articles"]').textContent(), new RegExp(`^${total} of ${total} articles`));
  const ids = await rows.evaluateAll((bs) => bs.map((b) => b.dataset.doc));
  assert.equal(new Set(ids).size, total, 'no article twice');
  for (let i = 0; i < ADDED; i++) assert.ok(ids.includes(`daily-${String(i).padStart(3, '0')}`), `daily-${i} listed`);
  assert.ok(asked.some((q) => q.get('offset') === '50'), 'the second page was asked from offset 50');

  // An article found on a later page opens like any other.
  await rows.nth(total - 1).click();
  await page.locator('#panel-body .doc-heading').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
