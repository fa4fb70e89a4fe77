// TopoJSON to GeoJSON, enough of it for the world-atlas files that draw the
// offline basemap. Untrusted text (names in the file) is never turned into
// HTML here; this file only builds plain objects.
(function (root) {
  'use strict';

  // decodeArcs turns the topology's arcs into absolute positions. A quantized
  // topology (one with a transform) stores each arc as deltas from its
  // previous point, in integer grid units.
  function decodeArcs(topology) {
    var t = topology.transform;
    return topology.arcs.map(function (arc) {
      if (!t) return arc.map(function (p) { return [p[0], p[1]]; });
      var x = 0;
      var y = 0;
      return arc.map(function (p) {
        x += p[0];
        y += p[1];
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      });
    });
  }

  // ring joins arcs into one ring; ~i (that is -i-1) means arc i reversed.
  // Consecutive arcs share their joining point, so it is kept only once.
  function ring(arcs, indexes) {
    var out = [];
    indexes.forEach(function (i, n) {
      var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      for (var k = n === 0 ? 0 : 1; k < a.length; k++) out.push(a[k]);
    });
    if (out.length > 0) {
      var f = out[0];
      var l = out[out.length - 1];
      if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
    }
    return out;
  }

  function line(arcs, indexes) {
    var out = [];
    indexes.forEach(function (i, n) {
      var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      for (var k = n === 0 ? 0 : 1; k < a.length; k++) out.push(a[k]);
    });
    return out;
  }

  function position(topology, p) {
    var t = topology.transform;
    if (!t) return [p[0], p[1]];
    return [p[0] * t.scale[0] + t.translate[0], p[1] * t.scale[1] + t.translate[1]];
  }

  function geometry(topology, arcs, g) {
    switch (g.type) {
      case 'Point':
        return { type: 'Point', coordinates: position(topology, g.coordinates) };
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: g.coordinates.map(function (p) { return position(topology, p); }) };
      case 'LineString':
        return { type: 'LineString', coordinates: line(arcs, g.arcs) };
      case 'MultiLineString':
        return { type: 'MultiLineString', coordinates: g.arcs.map(function (l) { return line(arcs, l); }) };
      case 'Polygon':
        return { type: 'Polygon', coordinates: g.arcs.map(function (r) { return ring(arcs, r); }) };
      case 'MultiPolygon':
        return {
          type: 'MultiPolygon',
          coordinates: g.arcs.map(function (p) { return p.map(function (r) { return ring(arcs, r); }); }),
        };
      case 'GeometryCollection':
        return { type: 'GeometryCollection', geometries: g.geometries.map(function (c) { return geometry(topology, arcs, c); }) };
      default:
        return null;
    }
  }

  function toFeature(topology, arcs, g) {
    var f = { type: 'Feature', properties: g.properties || {}, geometry: geometry(topology, arcs, g) };
    if (g.id !== undefined) f.id = g.id;
    return f;
  }

  // feature returns the named object of a topology as a GeoJSON Feature, or
  // a FeatureCollection when the object is a GeometryCollection.
  function feature(topology, name) {
    var o = topology.objects[name];
    if (!o) throw new Error('topojson: no object ' + name);
    var arcs = decodeArcs(topology);
    if (o.type === 'GeometryCollection') {
      return {
        type: 'FeatureCollection',
        features: o.geometries.map(function (g) { return toFeature(topology, arcs, g); }),
      };
    }
    return toFeature(topology, arcs, o);
  }

  // ringArea is the signed planar area of a ring in square degrees.
  function ringArea(r) {
    var a = 0;
    for (var i = 0, n = r.length - 1; i < n; i++) a += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
    return a / 2;
  }

  // labelPoint picks where a (multi)polygon's label goes: the centroid of its
  // largest outer ring, good enough for country labels on a small map.
  function labelPoint(geom) {
    if (!geom) return null;
    var polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
    var best = null;
    var bestArea = 0;
    polys.forEach(function (p) {
      var a = Math.abs(ringArea(p[0]));
      if (a > bestArea) { bestArea = a; best = p[0]; }
    });
    if (!best) return null;
    var cx = 0;
    var cy = 0;
    var area = 0;
    for (var i = 0, n = best.length - 1; i < n; i++) {
      var c = best[i][0] * best[i + 1][1] - best[i + 1][0] * best[i][1];
      cx += (best[i][0] + best[i + 1][0]) * c;
      cy += (best[i][1] + best[i + 1][1]) * c;
      area += c;
    }
    if (area === 0) return best[0];
    return [cx / (3 * area), cy / (3 * area)];
  }

  root.DatelineTopo = { feature: feature, decodeArcs: decodeArcs, labelPoint: labelPoint, ringArea: ringArea };
})(typeof window !== 'undefined' ? window : globalThis);
