// The offline basemap both pages draw under everything else: the world's
// countries from world-atlas (Natural Earth 1:50m), and, once zoomed in on
// the curated region, its 1:10m borders in their place. Past BORDERS_UNTIL
// the borders are not drawn at all: even at 1:10m they stray by a kilometre
// or two here (Kornidzor, in Armenia, falls on Azerbaijan's side), which at
// street scale would be a claim the map cannot back. No request leaves the
// server: the files are embedded. Names in the files only ever reach the
// page as text (the label callback gets plain strings).
(function (root) {
  'use strict';

  var WORLD = '/static/vendor/world-atlas/countries-50m.json';
  var DETAIL = '/static/vendor/world-atlas/countries-10m-caucasus.json';
  // The box the detailed file covers (the Makefile's REGION), and the zooms
  // where it replaces the world file and where borders stop being drawn.
  var DETAIL_BOX = [38, 35.5, 52, 44.5];
  var DETAIL_FROM = 8;
  var BORDERS_UNTIL = 9;
  var LAND = '#f4f1ea';
  var BORDER = '#8c8c8c';

  function okJSON(r) {
    if (!r.ok) throw new Error(r.url + ' answered ' + r.status);
    return r.json();
  }

  // add draws the basemap on map and returns a handle: ready (a promise of
  // the world layer), drawn() (the country shapes as drawn, for tests and
  // tools) and state() ('50m', '10m' or 'none': which borders show now).
  // opts.label(name, [lat, lon]) is called once per country with a name.
  function add(map, opts) {
    opts = opts || {};
    var T = root.DatelineTopo;
    if (!map.getPane('offline')) map.createPane('offline').style.zIndex = 150;
    var PAD = 0.5;
    var renderer = L.svg({ pane: 'offline', padding: PAD });
    var group = L.layerGroup().addTo(map);
    var world = null;
    var detail = null;
    var detailNames = {};
    var loadingDetail = null;

    function countryStyle(scale) {
      return function () {
        return { color: BORDER, weight: scale === '10m' ? 1 : 0.8, fillColor: LAND, fillOpacity: 1, className: 'country country-' + scale };
      };
    }

    // Leaflet projects every vertex of every shape again at each zoom: some
    // 130,000 for the world and the region's detail, most of them far out
    // of sight once zoomed in. A country whose box lies outside the drawn
    // area (the view and the renderer's padding around it) is left
    // unprojected and drawn empty; when a move brings it near, it is
    // projected then (lazyCheck on moveend).
    var lazy = [];
    function near(layer) {
      return map.getBounds().pad(PAD).intersects(layer.getBounds());
    }
    function makeLazy(layer) {
      var project = layer._project;
      layer._project = function () {
        if (this._map && !near(this)) {
          this._rings = [];
          this._pxBounds = null;
          this._rawPxBounds = null;
          this._lazyOut = true;
          return;
        }
        this._lazyOut = false;
        project.call(this);
      };
      lazy.push(layer);
    }
    function lazyCheck() {
      lazy.forEach(function (l) {
        if (l._lazyOut && l._map && near(l)) l.redraw();
      });
    }
    map.on('moveend', lazyCheck);

    function geoLayer(fc, scale) {
      return L.geoJSON(fc, {
        renderer: renderer, pane: 'offline', interactive: false, style: countryStyle(scale),
        // Decorative: no focus, nothing for a screen reader to announce.
        onEachFeature: function (f, layer) {
          if (layer._project) makeLazy(layer);
          layer.on('add', function () {
            if (layer._path) {
              layer._path.setAttribute('aria-hidden', 'true');
              layer._path.setAttribute('focusable', 'false');
            }
          });
        },
      });
    }

    function detailWanted() {
      if (map.getZoom() < DETAIL_FROM) return false;
      var b = map.getBounds();
      return b.getEast() >= DETAIL_BOX[0] && b.getWest() <= DETAIL_BOX[2] && b.getNorth() >= DETAIL_BOX[1] && b.getSouth() <= DETAIL_BOX[3];
    }

    function state() {
      if (map.getZoom() > BORDERS_UNTIL) return 'none';
      return detail && group.hasLayer(detail) ? '10m' : '50m';
    }

    // update shows the 10m shapes in place of the 50m ones of the same
    // countries when zoomed in on the region, and past BORDERS_UNTIL draws
    // every outline in the land's colour: the land stays, no border shows
    // (not even the seam two fills would leave between them).
    function update() {
      if (!world) return;
      var useDetail = !!detail && detailWanted();
      if (detail) {
        if (useDetail && !group.hasLayer(detail)) group.addLayer(detail);
        if (!useDetail && group.hasLayer(detail)) group.removeLayer(detail);
      }
      var line = map.getZoom() <= BORDERS_UNTIL ? BORDER : LAND;
      world.eachLayer(function (l) {
        var replaced = useDetail && detailNames[l.feature.properties.name];
        l.setStyle({ stroke: !replaced, fill: !replaced, color: line });
      });
      if (detail) detail.eachLayer(function (l) { l.setStyle({ color: line }); });
      map.getContainer().dataset.borders = state();
      if (!detail && detailWanted()) loadDetail();
    }

    function loadDetail() {
      if (loadingDetail) return loadingDetail;
      loadingDetail = fetch(DETAIL).then(okJSON).then(function (topo) {
        var fc = T.feature(topo, 'countries');
        fc.features.forEach(function (f) { if (f.properties && f.properties.name) detailNames[f.properties.name] = true; });
        detail = geoLayer(fc, '10m');
        update();
      }).catch(function () { /* the 1:50m shapes stay */ });
      return loadingDetail;
    }

    var ready = fetch(WORLD).then(okJSON).then(function (topo) {
      var fc = T.feature(topo, 'countries');
      world = geoLayer(fc, '50m').addTo(group);
      if (opts.label) {
        fc.features.forEach(function (f) {
          var p = T.labelPoint(f.geometry);
          var name = f.properties && f.properties.name;
          if (p && name) opts.label(String(name), [p[1], p[0]]);
        });
      }
      map.on('zoomend moveend', update);
      update();
      return fc;
    });

    function drawn() {
      var out = [];
      [['50m', world], ['10m', detail]].forEach(function (pair) {
        if (!pair[1] || !group.hasLayer(pair[1])) return;
        pair[1].eachLayer(function (l) {
          out.push({ scale: pair[0], name: l.feature.properties.name, geometry: l.feature.geometry, path: l._path || null });
        });
      });
      return out;
    }

    return { ready: ready, drawn: drawn, state: state, loadDetail: loadDetail, DETAIL_FROM: DETAIL_FROM, BORDERS_UNTIL: BORDERS_UNTIL };
  }

  root.DatelineBasemap = { add: add };
})(window);
