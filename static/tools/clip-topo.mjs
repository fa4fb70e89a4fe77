// clip-topo.mjs IN OUT WEST,SOUTH,EAST,NORTH keeps the countries of a
// world-atlas TopoJSON file that reach into a box: each country keeps the
// polygons whose bounds meet the box, and the file keeps only the arcs they
// use. The map page draws the result (1:10m borders around the curated
// region) over the 1:50m world when zoomed in. Run by the Makefile's vendor
// rule; `node static/tools/clip-topo.mjs` with no arguments prints the usage.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, box] = process.argv.slice(2);
if (!input || !output || !box) {
  console.error('usage: node clip-topo.mjs IN.json OUT.json WEST,SOUTH,EAST,NORTH');
  process.exit(2);
}
const [west, south, east, north] = box.split(',').map(Number);
if (![west, south, east, north].every(Number.isFinite) || west >= east || south >= north) {
  console.error(`clip-topo: bad box ${box}: want WEST,SOUTH,EAST,NORTH in degrees`);
  process.exit(2);
}
const topo = JSON.parse(readFileSync(input, 'utf8'));
const t = topo.transform;

// bounds of each arc in degrees (arcs are delta-encoded when quantized).
const arcBounds = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of arc) {
    if (t) { x += p[0]; y += p[1]; } else { [x, y] = p; }
    const lon = t ? x * t.scale[0] + t.translate[0] : x;
    const lat = t ? y * t.scale[1] + t.translate[1] : y;
    b[0] = Math.min(b[0], lon); b[1] = Math.min(b[1], lat);
    b[2] = Math.max(b[2], lon); b[3] = Math.max(b[3], lat);
  }
  return b;
});
const arcOf = (i) => (i < 0 ? ~i : i);
const meets = (polygon) => {
  // A polygon's bounds are its outer ring's.
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const i of polygon[0]) {
    const a = arcBounds[arcOf(i)];
    b[0] = Math.min(b[0], a[0]); b[1] = Math.min(b[1], a[1]);
    b[2] = Math.max(b[2], a[2]); b[3] = Math.max(b[3], a[3]);
  }
  return b[0] <= east && b[2] >= west && b[1] <= north && b[3] >= south;
};

const kept = [];
for (const g of topo.objects.countries.geometries) {
  const polygons = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
  const inBox = polygons.filter(meets);
  if (inBox.length === 0) continue;
  kept.push({ ...g, type: inBox.length === 1 ? 'Polygon' : 'MultiPolygon', arcs: inBox.length === 1 ? inBox[0] : inBox });
}

// Renumber the arcs that are still used.
const renumber = new Map();
const arcs = [];
const remap = (i) => {
  const old = arcOf(i);
  if (!renumber.has(old)) { renumber.set(old, arcs.length); arcs.push(topo.arcs[old]); }
  const n = renumber.get(old);
  return i < 0 ? ~n : n;
};
for (const g of kept) {
  g.arcs = g.type === 'Polygon' ? g.arcs.map((r) => r.map(remap)) : g.arcs.map((p) => p.map((r) => r.map(remap)));
}
const out = { type: 'Topology', bbox: [west, south, east, north], objects: { countries: { type: 'GeometryCollection', geometries: kept } }, arcs };
if (t) out.transform = t;
writeFileSync(output, JSON.stringify(out));
console.log(`clip-topo: ${kept.length} countries, ${arcs.length} of ${topo.arcs.length} arcs -> ${output}`);
