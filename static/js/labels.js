// Label priority and placement for the map page. Each label is a Leaflet
// tooltip registered with a rank (higher wins). place() puts the labels in
// rank order, each on the first side of its point (right, left, above,
// below) where it overlaps neither a label already placed nor a marker, and
// hides the ones that fit nowhere, so a cluster never covers a town's name
// and a district never pushes out the town it is named after. Reads every
// size in one pass and writes after, so a placement costs one layout.
(function (root) {
  'use strict';

  // Ranks: what this map is about (the corridor's towns and checkpoints)
  // comes before what merely fills it (districts, airports, mines).
  var KIND_RANK = {
    capital: 70, city: 50, settlement: 30, checkpoint: 55, bridge: 55, border_crossing: 45,
    district: 12, region: 25, base: 10, airport: 8, mine: 6, other: 8,
  };
  var ON_CORRIDOR = 35; // a town on a corridor
  var ON_ROAD = 15; // a town on another curated road
  var SEAT = 10; // the town a district is named after and centred on
  // MAJOR is the rank from which a town is labelled at regional zooms;
  // from FORCED on a label shows even where every side touches a marker
  // (on the side that touches least), never over another label.
  var MAJOR = 70;
  var FORCED = 50;

  // distanceKm is the distance from a point to a polyline, both [lon, lat],
  // on an equirectangular plane: fine at the few kilometres that matter.
  function distanceKm(p, line) {
    var k = Math.cos((p[1] * Math.PI) / 180);
    var best = Infinity;
    for (var i = 0; i + 1 < line.length; i++) {
      var ax = (line[i][0] - p[0]) * k;
      var ay = line[i][1] - p[1];
      var bx = (line[i + 1][0] - p[0]) * k;
      var by = line[i + 1][1] - p[1];
      var dx = bx - ax;
      var dy = by - ay;
      var len = dx * dx + dy * dy;
      var t = len > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
      var x = ax + t * dx;
      var y = ay + t * dy;
      best = Math.min(best, Math.sqrt(x * x + y * y) * 111.32);
    }
    return best;
  }

  function lines(g) {
    if (!g) return [];
    if (g.type === 'LineString') return [g.coordinates];
    if (g.type === 'MultiLineString') return g.coordinates;
    return [];
  }

  // rank scores a place for its label: its kind, whether it lies on a
  // curated corridor or road (routes: [{kind, geometry}]), whether a
  // district is centred on it (seats: [[lon, lat]]), and its population.
  function rank(props, point, routes, seats) {
    var kind = props.kind || 'other';
    var r = KIND_RANK[kind] !== undefined ? KIND_RANK[kind] : 8;
    var town = kind === 'settlement' || kind === 'city' || kind === 'capital';
    if (town && point) {
      var corridor = false;
      var road = false;
      (routes || []).forEach(function (rt) {
        lines(rt.geometry).forEach(function (l) {
          var d = distanceKm(point, l);
          if (rt.kind === 'corridor' && d <= 2) corridor = true;
          else if (d <= 1.5) road = true;
        });
      });
      if (corridor) r += ON_CORRIDOR;
      else if (road) r += ON_ROAD;
      if ((seats || []).some(function (s) { return Math.abs(s[0] - point[0]) < 0.003 && Math.abs(s[1] - point[1]) < 0.003; })) r += SEAT;
    }
    if (props.population > 0) r += Math.min(10, Math.log(props.population + 1) / Math.LN10 * 2);
    return r;
  }

  var SIDES = ['right', 'left', 'top', 'bottom'];

  // Placer places the labels of one map. Entries: {tooltip, rank, gap
  // (pixels between the point and the label), sides (false: centred, e.g.
  // an area's name), spots (other latlngs a centred label may move to)}.
  function Placer(map) {
    this.map = map;
    this.entries = [];
    this.timer = null;
  }

  Placer.prototype.add = function (tooltip, o) {
    var e = { tooltip: tooltip, rank: o.rank || 0, gap: o.gap === undefined ? 6 : o.gap, sides: o.sides !== false, spots: o.spots || null, side: null };
    this.entries.push(e);
    this.entries.sort(function (a, b) { return b.rank - a.rank; });
    return e;
  };

  // schedule places the labels once the map has settled.
  Placer.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.place(); }, 120);
  };

  function overlaps(a, b, pad) {
    return a.left < b.right + pad && a.right > b.left - pad && a.top < b.bottom + pad && a.bottom > b.top - pad;
  }

  // Leaflet's stylesheet moves a sided tooltip 6 px further out (room for
  // its arrow) on top of the offset.
  var CSS_MARGIN = 6;

  function rectAt(side, ax, ay, w, h, offset) {
    var gap = offset + CSS_MARGIN;
    switch (side) {
      case 'right': return { left: ax + gap, top: ay - h / 2, right: ax + gap + w, bottom: ay + h / 2 };
      case 'left': return { left: ax - gap - w, top: ay - h / 2, right: ax - gap, bottom: ay + h / 2 };
      case 'top': return { left: ax - w / 2, top: ay - gap - h, right: ax + w / 2, bottom: ay - gap };
      case 'bottom': return { left: ax - w / 2, top: ay + gap, right: ax + w / 2, bottom: ay + gap + h };
      default: return { left: ax - w / 2, top: ay - h / 2, right: ax + w / 2, bottom: ay + h / 2 };
    }
  }

  function offsetFor(side, gap) {
    switch (side) {
      case 'right': return [gap, 0];
      case 'left': return [-gap, 0];
      case 'top': return [0, -gap];
      case 'bottom': return [0, gap];
      default: return [0, 0];
    }
  }

  // anchorOf is where a tooltip hangs from relative to its point: a
  // marker's icon may be shifted (checkpoints sharing a spot).
  function anchorOf(t) {
    return t._getAnchor ? t._getAnchor() : L.point(0, 0);
  }

  function area(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  // leastCovering picks the side where a label covers the least of the
  // markers, among those free of other labels (null: none is).
  function leastCovering(a, l, e, kept, obstacles, spot) {
    var best = null;
    SIDES.forEach(function (side) {
      var r = rectAt(side, a.x, a.y, l.w, l.h, e.gap);
      if (kept.some(function (k) { return overlaps(r, k, 2); })) return;
      var cover = obstacles.reduce(function (sum, o) { return sum + area(r, o); }, 0);
      if (!best || cover < best.cover) best = { side: side, rect: r, spot: spot, anchor: a, cover: cover };
    });
    return best;
  }

  // place runs one placement. Obstacles are the markers on the map (event
  // markers and clusters, checkpoints) and the dots of places.
  Placer.prototype.place = function () {
    var map = this.map;
    var container = map.getContainer();
    var box = container.getBoundingClientRect();
    var size = map.getSize();
    var obstacles = [];
    container.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon, .leaflet-overlay-pane path.place').forEach(function (n) {
      var r = n.getBoundingClientRect();
      if (r.width && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom) {
        obstacles.push({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top, node: n });
      }
    });
    // Read: which labels show at this zoom, and their sizes (a label hidden
    // by the last placement keeps its box: visibility takes nothing from
    // the layout, so nothing is written before everything is read).
    var live = [];
    this.entries.forEach(function (e) {
      var node = e.tooltip.getElement && e.tooltip.getElement();
      if (!node || !node.isConnected || !e.tooltip._map) return;
      live.push({ e: e, node: node });
    });
    live.forEach(function (l) {
      l.w = l.node.offsetWidth;
      l.h = l.node.offsetHeight;
    });
    var kept = [];
    var anchors = [];
    var writes = [];
    live.forEach(function (l) {
      var e = l.e;
      if (!l.w) return; // hidden at this zoom by the stylesheet
      var spots = e.spots && e.spots.length ? e.spots : [e.tooltip.getLatLng()];
      var choice = null;
      for (var s = 0; s < spots.length && !choice; s++) {
        var a = map.latLngToContainerPoint(spots[s]).add(anchorOf(e.tooltip));
        if (a.x < -l.w || a.y < -l.h || a.x > size.x + l.w || a.y > size.y + l.h) continue;
        // A second label on the same spot (a district on its seat) never shows.
        if (e.sides && anchors.some(function (p) { return Math.abs(p.x - a.x) < 3 && Math.abs(p.y - a.y) < 3; })) break;
        var sides = e.sides ? SIDES : ['center'];
        for (var i = 0; i < sides.length && !choice; i++) {
          var r = rectAt(sides[i], a.x, a.y, l.w, l.h, e.gap);
          if (kept.some(function (k) { return overlaps(r, k, 2); })) continue;
          if (obstacles.some(function (o) { return overlaps(r, o, 0); })) continue;
          choice = { side: sides[i], rect: r, spot: spots[s], anchor: a };
        }
      }
      if (!choice && e.rank >= FORCED && e.sides) choice = leastCovering(map.latLngToContainerPoint(spots[0]).add(anchorOf(e.tooltip)), l, e, kept, obstacles, spots[0]);
      if (!choice) {
        writes.push({ l: l, hide: true });
        return;
      }
      kept.push(choice.rect);
      if (e.sides) anchors.push(choice.anchor);
      writes.push({ l: l, choice: choice });
    });
    // Write.
    writes.forEach(function (w) {
      var e = w.l.e;
      w.l.node.classList.toggle('label-hidden', !!w.hide);
      if (w.hide) return;
      var t = e.tooltip;
      var moved = false;
      if (e.sides && e.side !== w.choice.side) {
        t.options.direction = w.choice.side;
        t.options.offset = L.point(offsetFor(w.choice.side, e.gap));
        e.side = w.choice.side;
        moved = true;
      }
      if (e.spots && !t.getLatLng().equals(w.choice.spot)) {
        t.setLatLng(w.choice.spot);
        moved = false;
      }
      if (moved) t.update();
    });
    container.dataset.labels = 'placed';
  };

  // Label is a permanent tooltip that is placed without reading its size.
  // Leaflet's tooltip measures itself (offsetWidth) each time it moves, so
  // every zoom made the browser lay the page out once per label, hundreds
  // of times in a row; a Label hangs its corner at the anchor and lets the
  // stylesheet shift it by its own size (CSS translate in percent, see
  // .dl-label in map.css), which needs no layout at all.
  var DIRECTIONS = ['right', 'left', 'top', 'bottom', 'center'];
  var Label = L.Tooltip.extend({
    _setPosition: function (pos) {
      var map = this._map;
      var c = this._container;
      var dir = this.options.direction;
      if (DIRECTIONS.indexOf(dir) < 0) {
        dir = map.layerPointToContainerPoint(pos).x < map.latLngToContainerPoint(map.getCenter()).x ? 'right' : 'left';
      }
      c.classList.add('dl-label');
      DIRECTIONS.forEach(function (d) {
        c.classList.toggle('leaflet-tooltip-' + d, d === dir && d !== 'center');
        c.classList.toggle('dl-label-' + d, d === dir);
      });
      L.DomUtil.setPosition(c, pos.add(L.point(this.options.offset)).add(this._getAnchor()));
    },
  });

  // label makes a Label: label(options) to bind to a layer, or
  // label(latlng, options) for one of its own.
  function label(latlng, options) {
    if (options === undefined) return new Label(latlng);
    return new Label(options).setLatLng(latlng);
  }

  root.DatelineLabels = { rank: rank, distanceKm: distanceKm, Placer: Placer, MAJOR: MAJOR, FORCED: FORCED, Label: Label, label: label };
})(window);
