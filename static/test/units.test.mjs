// The page's pure helpers (core.js, topo.js, search.js) run here in plain
// Node, without a browser: the TopoJSON decoder, offsets, dates, names and
// the permalink format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root } from './harness.mjs';

function load(...files) {
  const ctx = vm.createContext({ URL });
  ctx.window = ctx;
  for (const f of files) vm.runInContext(readFileSync(path.join(root, 'static/js', f), 'utf8'), ctx, { filename: f });
  return ctx;
}

const { Dateline: D, DatelineTopo: T, DatelineSearch: S } = load('core.js', 'topo.js', 'search.js');
// Values made in the vm context have its prototypes; compare them as JSON.
const plain = (v) => JSON.parse(JSON.stringify(v));

test('topojson: quantized arcs are delta-decoded and stitched into closed rings', () => {
  // Two unit squares side by side sharing the arc x=1; arc 1 is used reversed (~1 = -2) by the right square.
  const topo = {
    type: 'Topology',
    transform: { scale: [0.5, 0.5], translate: [10, 20] },
    arcs: [
      [[2, 0], [-2, 0], [0, 2], [2, 0]], // (1,0) (0,0) (0,1) (1,1): the left square without its right side
      [[2, 2], [0, -2]], // (1,1) -> (1,0): the shared side
      [[2, 2], [2, 0], [0, -2], [-2, 0]], // (1,1) (2,1) (2,0) (1,0)
    ],
    objects: {
      squares: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', id: 'left', properties: { name: 'L' }, arcs: [[0, 1]] },
          { type: 'Polygon', id: 'right', arcs: [[2, ~1]] },
          { type: 'Point', coordinates: [4, 4] },
        ],
      },
    },
  };
  const fc = plain(T.feature(topo, 'squares'));
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 3);
  const [left, right, point] = fc.features;
  assert.equal(left.id, 'left');
  assert.deepEqual(left.properties, { name: 'L' });
  assert.deepEqual(left.geometry, { type: 'Polygon', coordinates: [[[11, 20], [10, 20], [10, 21], [11, 21], [11, 20]]] });
  assert.deepEqual(right.geometry, { type: 'Polygon', coordinates: [[[11, 21], [12, 21], [12, 20], [11, 20], [11, 21]]] });
  assert.deepEqual(right.properties, {});
  assert.deepEqual(point.geometry, { type: 'Point', coordinates: [12, 22] });
  assert.throws(() => T.feature(topo, 'nothing'), /no object nothing/);
});

test('topojson: world-atlas countries decode to closed rings where the countries are', () => {
  const topo = JSON.parse(readFileSync(path.join(root, 'static/vendor/world-atlas/countries-50m.json'), 'utf8'));
  const fc = T.feature(topo, 'countries');
  assert.equal(fc.features.length, topo.objects.countries.geometries.length);
  const bbox = (f) => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) {
      const [a, z] = [r[0], r[r.length - 1]];
      assert.deepEqual(a, z, `${f.properties.name}: every ring is closed`);
      for (const [x, y] of r) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
    }
    return b;
  };
  const cases = [
    { name: 'Armenia', bbox: [43.4, 38.8, 46.7, 41.35] },
    { name: 'Azerbaijan', bbox: [44.7, 38.3, 50.7, 41.95] },
  ];
  for (const c of cases) {
    const f = fc.features.find((x) => x.properties.name === c.name);
    assert.ok(f, c.name);
    const b = bbox(f);
    assert.ok(b[0] >= c.bbox[0] && b[1] >= c.bbox[1] && b[2] <= c.bbox[2] && b[3] <= c.bbox[3], `${c.name} bbox ${b}`);
    assert.ok(b[2] - b[0] > (c.bbox[2] - c.bbox[0]) * 0.8, `${c.name} is not shrunk: ${b}`);
    const [x, y] = T.labelPoint(f.geometry);
    assert.ok(x > b[0] && x < b[2] && y > b[1] && y < b[3], `${c.name} label inside its box`);
  }
  for (const f of fc.features) bbox(f);
});

test('utf16Offsets maps UTF-8 byte offsets to string indexes', () => {
  const text = 'Xankəndi — Ստեփանակերտ 😀 Hakari bridge';
  const to16 = D.utf16Offsets(text);
  const cases = [
    { name: 'ascii start', sub: 'Xankəndi' },
    { name: 'after a two-byte letter', sub: 'ndi' },
    { name: 'Armenian', sub: 'Ստեփանակերտ' },
    { name: 'after an astral emoji', sub: 'Hakari bridge' },
  ];
  for (const c of cases) {
    const i = text.indexOf(c.sub);
    const start = Buffer.byteLength(text.slice(0, i));
    const end = start + Buffer.byteLength(c.sub);
    assert.equal(text.slice(to16(start), to16(end)), c.sub, c.name);
  }
  assert.equal(to16(0), 0);
  assert.equal(to16(-5), 0);
  assert.equal(to16(10 ** 6), text.length);
});

test('groupNames folds names into one line per set of usages', () => {
  const names = [
    { text: 'Stepanakert', lang: 'en', usage: 'armenian' },
    { text: 'Stepanakert', lang: 'en', usage: 'international' },
    { text: 'Khankendi', lang: 'en', usage: 'azerbaijani' },
    { text: 'Xankəndi', lang: 'az', usage: 'azerbaijani' },
    { text: 'Степанакерт', lang: 'ru', usage: 'russian' },
    { text: 'Vararakn', lang: 'en', usage: 'historical' },
  ];
  assert.deepEqual(plain(D.groupNames(names)).map((g) => g.texts.map((t) => t.text).join(' / ') + ' — ' + g.usages.join(', ')), [
    'Stepanakert — armenian, international',
    'Khankendi / Xankəndi — azerbaijani',
    'Степанакерт — russian',
    'Vararakn — historical',
  ]);
  assert.deepEqual(plain(D.groupNames(null)), []);
  assert.deepEqual(plain(D.groupNames([{ text: 'X', lang: 'und' }])), [{ usages: [], texts: [{ text: 'X', lang: 'und' }] }]);
});

test('fmtEventDate writes a date as precisely as it is known', () => {
  const cases = [
    { name: 'one day', p: { event_date: '2023-08-05', date_end: '2023-08-05', time_precision: 1 }, want: '5 Aug 2023 (day)' },
    { name: 'week in a month', p: { event_date: '2023-08-07', date_end: '2023-08-13', time_precision: 2 }, want: '7–13 Aug 2023 (week)' },
    { name: 'week across years', p: { event_date: '2022-12-28', date_end: '2023-01-03', time_precision: 2 }, want: '28 Dec 2022 – 3 Jan 2023 (week)' },
    { name: 'inherited month', p: { event_date: '2023-08-01', date_end: '2023-08-31', time_precision: 3, date_inherited: true }, want: 'Aug 2023 (month, from the publication date)' },
    { name: 'season', p: { event_date: '2020-09-01', date_end: '2020-11-30', time_precision: 3 }, want: 'Sep–Nov 2020 (month)' },
    { name: 'year', p: { event_date: '2020-01-01', date_end: '2020-12-31', time_precision: 4 }, want: '2020 (year)' },
    { name: 'unknown', p: { event_date: null, date_end: null, time_precision: 0 }, want: 'date unknown' },
  ];
  for (const c of cases) assert.equal(D.fmtEventDate(c.p), c.want, c.name);
  assert.equal(D.isoDay(D.dayNumber('2023-08-05')), '2023-08-05');
  assert.equal(D.dayNumber('not a date'), null);
});

test('the permalink hash round-trips and ignores what it cannot read', () => {
  const st = {
    view: { zoom: 11, lat: 39.7, lon: 46.6 }, layers: ['events', 'checkpoints'], tiles: false, from: '2022-12-01', to: '2023-06-30',
    undated: false, types: ['protests', 'strategic'], persp: ['armenian'], outlet: 'trend', article: '002_c6fe89207eddfcb6.txt',
  };
  const hash = D.formatHash(st);
  assert.equal(hash, '#map=11/39.7000/46.6000&layers=events,checkpoints&tiles=0&from=2022-12-01&to=2023-06-30&undated=0' +
    '&types=protests,strategic&persp=armenian&outlet=trend&article=002_c6fe89207eddfcb6.txt');
  assert.deepEqual(plain(D.parseHash(hash)), st);
  assert.deepEqual(plain(D.parseHash('#article=a%20b%26c')), { article: 'a b&c' });
  assert.equal(D.formatHash({ article: 'a b&c' }), '#article=a%20b%26c');
  const cases = [
    { name: 'empty', hash: '', want: {} },
    { name: 'bad view', hash: '#map=abc/1/2', want: {} },
    { name: 'latitude out of range', hash: '#map=5/123/40', want: {} },
    { name: 'bad dates', hash: '#from=2023-1-1&to=yesterday', want: {} },
    { name: 'bad escape', hash: '#outlet=%E0%A4%A', want: {} },
    { name: 'no layers', hash: '#layers=', want: { layers: [] } },
  ];
  for (const c of cases) assert.deepEqual(plain(D.parseHash(c.hash)), c.want, c.name);
});

test('safeURL lets only http and https addresses through', () => {
  const cases = [
    { in: 'https://www.azatutyun.am/a/32550381.html', want: 'https://www.azatutyun.am/a/32550381.html' },
    { in: 'http://example.org/x', want: 'http://example.org/x' },
    { in: 'javascript:alert(1)', want: null },
    { in: ' javascript:alert(1)', want: null },
    { in: 'data:text/html,<script>alert(1)</script>', want: null },
    { in: '/relative/path', want: null },
    { in: '', want: null },
    { in: null, want: null },
  ];
  for (const c of cases) assert.equal(D.safeURL(c.in), c.want, String(c.in));
});

test('names are found and matched the way the search folds them', () => {
  assert.equal(D.fold('Xankəndi'), 'xankendi');
  assert.equal(D.fold('  Həkəri körpüsü '), 'hekeri korpusu');
  assert.deepEqual(plain(D.findName('March towards the border (Khakari Bridge), Trend reports.', ['Khakari bridge', 'Hakari'])), [26, 40]);
  assert.equal(D.findName('nothing here', ['Hakari']), null);
  const hit = { name: 'Stepanakert', names: [{ text: 'Stepanakert' }, { text: 'Khankendi' }, { text: 'Xankəndi' }] };
  assert.equal(S.matchedName('Khankendi', hit), 'Khankendi');
  assert.equal(S.matchedName('xanken', hit), 'Xankəndi');
  assert.equal(S.matchedName('Stepan', hit), null);
});
