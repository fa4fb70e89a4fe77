// Checks GeoJSON files with @placemarkio/check-geojson, for the Go tests:
// node check-geojson.mjs FILE... exits 1 and names every file with issues.
import { readFileSync } from 'node:fs';
import { check } from '@placemarkio/check-geojson';

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    check(readFileSync(file, 'utf8'));
  } catch (e) {
    failed++;
    console.error(`${file}: ${JSON.stringify(e.issues ?? String(e))}`);
  }
}
if (process.argv.length < 3) {
  console.error('usage: node check-geojson.mjs FILE...');
  process.exit(2);
}
process.exit(failed ? 1 : 0);
