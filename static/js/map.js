// The map page: basemaps, layers, popups, timeline, filters, downloads and
// the permalink. Untrusted text (names, articles, outlets, sentences) only
// ever goes into the page through textContent / createTextNode (Dateline.el)
// — never innerHTML or insertAdjacentHTML — so markup in it shows as text.
(function () {
  'use strict';
  var D = window.Dateline;
  var el = D.el;
  var cfg = window.DATELINE_CONFIG || {};

  // The home view: the Lachin corridor, from Goris to Stepanakert.
  var HOME = L.latLngBounds([39.42, 46.2], [39.92, 46.85]);
  var LAYER_IDS = ['events', 'checkpoints', 'routes', 'places', 'regions'];
  var LAYER_TITLES = { events: 'Events', checkpoints: 'Checkpoints', routes: 'Routes', places: 'Places', regions: 'Regions' };
  var PERSPECTIVES = ['armenian', 'azerbaijani', 'russian', 'international', 'unknown'];

  // Event types (ACLED's six), each with a colour and a glyph drawn in a
  // 20×20 box; white glyphs on these colours keep a 4.5:1 contrast.
  var EVENT_TYPES = [
    { type: 'Battles', slug: 'battles', color: '#b3261e', glyph: [['path', { d: 'M5 5L15 15M15 5L5 15', stroke: '#fff', 'stroke-width': 2.6, 'stroke-linecap': 'round' }]] },
    { type: 'Explosions/Remote violence', slug: 'explosions', color: '#a84f00', glyph: [['path', { d: 'M10 2l2 5.5 5.5-.5-4 3.6 2.5 5.4-6-3.2-6 3.2 2.5-5.4-4-3.6 5.5.5z', fill: '#fff' }]] },
    { type: 'Violence against civilians', slug: 'violence', color: '#8e3b8e', glyph: [['path', { d: 'M8.8 3.5h2.4v8.5H8.8zM8.8 14h2.4v2.5H8.8z', fill: '#fff' }]] },
    { type: 'Protests', slug: 'protests', color: '#1f5fa8', glyph: [['path', { d: 'M6 17V3.5M6 4h9l-2 3 2 3H6', stroke: '#fff', 'stroke-width': 1.8, fill: '#fff', 'stroke-linejoin': 'round' }]] },
    { type: 'Riots', slug: 'riots', color: '#6d4c2f', glyph: [['path', { d: 'M10 2.5c1.5 3.5 5 5 5 9a5 5 0 0 1-10 0c0-2.6 1.6-3.8 2.6-5.5.2 1.7 1 2.7 2 3 .1-2.2-.6-4.4.4-6.5z', fill: '#fff' }]] },
    { type: 'Strategic developments', slug: 'strategic', color: '#0f7a5a', glyph: [['path', { d: 'M10 3.5l6.5 6.5-6.5 6.5-6.5-6.5z', fill: '#fff' }]] },
  ];
  var OTHER_TYPE = { type: 'Other', slug: 'other', color: '#555', glyph: [['circle', { cx: 10, cy: 10, r: 3.5, fill: '#fff' }]] };
  var TYPE_BY_NAME = {};
  var TYPE_BY_SLUG = {};
  EVENT_TYPES.forEach(function (t) { TYPE_BY_NAME[t.type] = t; TYPE_BY_SLUG[t.slug] = t; });
  function typeInfo(name) { return TYPE_BY_NAME[name] || OTHER_TYPE; }

  // Families group the sub-event types so that a glance tells a road closure
  // from talks or an arrest; the colour stays the ACLED type's.
  var FAMILIES = [
    { id: 'fighting', label: 'Fighting', subs: ['Armed clash', 'Military operation'], glyph: TYPE_BY_SLUG.battles.glyph },
    { id: 'explosions', label: 'Shelling, strikes, explosives', subs: ['Shelling/artillery/missile attack', 'Air/drone strike', 'Remote explosive/landmine/IED'], glyph: TYPE_BY_SLUG.explosions.glyph },
    { id: 'civilians', label: 'Violence against civilians', subs: ['Attack', 'Abduction/forced disappearance'], glyph: TYPE_BY_SLUG.violence.glyph },
    { id: 'protests', label: 'Protests', subs: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'], glyph: TYPE_BY_SLUG.protests.glyph },
    { id: 'riots', label: 'Riots', subs: ['Violent demonstration', 'Mob violence'], glyph: TYPE_BY_SLUG.riots.glyph },
    { id: 'roads', label: 'Roads and movement', subs: ['Road blockade or closure', 'Road reopened', 'Movement restricted', 'Convoy or evacuation blocked', 'Escort or protection refused'],
      glyph: [['path', { d: 'M2.5 7.5h15v4.5h-15z', fill: '#fff' }], ['path', { d: 'M5 12v5M15 12v5', stroke: '#fff', 'stroke-width': 2 }]] },
    { id: 'forces', label: 'Checkpoints, bases, forces', subs: ['Checkpoint established', 'Checkpoint removed', 'Headquarters or base established', 'Change to group/activity'],
      glyph: [['path', { d: 'M10 2.5l6 2.4v4.6c0 3.9-2.6 6.7-6 8-3.4-1.3-6-4.1-6-8V4.9z', fill: '#fff' }]] },
    { id: 'aid', label: 'Aid and displacement', subs: ['Humanitarian access', 'Displacement', 'Reception centre opened'],
      glyph: [['path', { d: 'M8.2 3.5h3.6v4.7h4.7v3.6h-4.7v4.7H8.2v-4.7H3.5V8.2h4.7z', fill: '#fff' }]] },
    { id: 'utilities', label: 'Gas, power, water', subs: ['Utility cut-off', 'Utility restored'],
      glyph: [['path', { d: 'M11.5 2L4.5 11h4.5l-1 7 7-9h-4.5z', fill: '#fff' }]] },
    { id: 'talks', label: 'Talks, agreements, statements', subs: ['Agreement', 'Talks', 'Statement', 'Non-violent transfer of territory'],
      glyph: [['path', { d: 'M3 4h14v9H9.5L5.5 16.5V13H3z', fill: '#fff' }]] },
    { id: 'arrests', label: 'Arrests, weapons seized', subs: ['Arrests', 'Disrupted weapons use'],
      glyph: [['path', { d: 'M5.5 9h9v8h-9z', fill: '#fff' }], ['path', { d: 'M7.5 9V6.5a2.5 2.5 0 0 1 5 0V9', stroke: '#fff', 'stroke-width': 1.8, fill: 'none' }]] },
    { id: 'other', label: 'Other developments', subs: ['Other', 'Accidental explosion'], glyph: TYPE_BY_SLUG.strategic.glyph },
  ];
  var FAMILY_BY_SUB = {};
  FAMILIES.forEach(function (f) { f.subs.forEach(function (s) { FAMILY_BY_SUB[s] = f; }); });
  var FAMILY_OF_TYPE = { Battles: 'fighting', 'Explosions/Remote violence': 'explosions', 'Violence against civilians': 'civilians', Protests: 'protests', Riots: 'riots' };
  function familyOf(type, sub) {
    if (FAMILY_BY_SUB[sub]) return FAMILY_BY_SUB[sub];
    var id = FAMILY_OF_TYPE[type] || 'other';
    return FAMILIES.filter(function (f) { return f.id === id; })[0];
  }

  // Where an event is known to be: at a point, along a line (a road, a
  // corridor) or only somewhere in an area (a region, a country). Lines and
  // areas are drawn hollow, so that no one reads a centroid as a place.
  var PRECISION_LABELS = { 1: 'at the place', 2: 'near the place', 3: 'only the region or country' };
  var LINE_KINDS = { road: true, corridor: true, river: true };
  var AREA_KINDS = { region: true, district: true, country: true };
  function locationKind(p) {
    if (LINE_KINDS[p.place_kind]) return 'line';
    if (AREA_KINDS[p.place_kind] || p.geo_precision === 3) return 'area';
    return 'point';
  }


  var CHECKPOINT_GLYPHS = {
    checkpoint: [['rect', { x: 3, y: 8.5, width: 14, height: 3, fill: '#ffd54f' }], ['path', { d: 'M4 4v12M16 4v12', stroke: '#ffd54f', 'stroke-width': 1.6 }]],
    bridge: [['path', { d: 'M2.5 13h15M4 13c1.5-5 10.5-5 12 0', stroke: '#ffd54f', 'stroke-width': 1.8, fill: 'none' }]],
    border_crossing: [['path', { d: 'M3 10h14M7 6l-4 4 4 4M13 6l4 4-4 4', stroke: '#ffd54f', 'stroke-width': 1.8, fill: 'none', 'stroke-linecap': 'round' }]],
  };
  var ROUTE_STYLES = {
    corridor: { color: '#c2410c', weight: 7, opacity: 0.55, dashArray: '10 6' },
    road: { color: '#5b4636', weight: 3.5, opacity: 0.9 },
  };
  var KIND_LABELS = {
    settlement: 'settlement', city: 'city', capital: 'capital', country: 'country', region: 'region',
    district: 'district', checkpoint: 'checkpoint', bridge: 'bridge', road: 'road', corridor: 'corridor',
    river: 'river', base: 'military base', border_crossing: 'border crossing', mine: 'mine', airport: 'airport', other: 'place',
  };
  // Kinds whose events also show in their parent's popup: a checkpoint on a
  // bridge is reported as "at the bridge" as often as at itself.
  var FACILITY = { checkpoint: true, bridge: true, border_crossing: true, base: true };
  // Kinds drawn by a layer of their own (or by the basemap), not as Places.
  var OTHER_LAYERS = { country: true, region: true, checkpoint: true, bridge: true, border_crossing: true, road: true, corridor: true };

  // activate runs fn when Enter or Space is pressed on a keyboard-focused
  // marker (Leaflet itself only does so for markers with a bound popup).
  function activate(fn) {
    return function (e) {
      var k = e.originalEvent && e.originalEvent.key;
      if (k === 'Enter' || k === ' ') {
        L.DomEvent.preventDefault(e.originalEvent);
        fn();
      }
    };
  }

  function svgIcon(shapes, size) {
    return el('svg:svg', { viewBox: '0 0 20 20', width: size, height: size, 'aria-hidden': 'true', focusable: 'false' },
      shapes.map(function (s) { return el('svg:' + s[0], s[1]); }));
  }

  // AriaDivIcon is a DivIcon whose element carries an accessible name:
  // Leaflet makes keyboard markers role=button, which needs one.
  var AriaDivIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      if (this.options.label) {
        div.setAttribute('aria-label', this.options.label);
        div.setAttribute('title', this.options.label);
      }
      return div;
    },
  });

  // ---- state -------------------------------------------------------------

  var state = {
    layers: { events: true, checkpoints: true, routes: true, places: true, regions: true },
    tiles: true,
    from: null, // day number, null: the start of the data
    to: null,
    undated: true,
    types: null, // null: every type; else an object slug -> true
    persp: null, // null: every perspective
    outlet: '',
    prec: null, // null: every geo precision; else an object '1'|'2'|'3' -> true
    q: '', // keyword, matched by the server
    actor: '', // an actor (actor1 or actor2, as written), '' for any
    place: '', // a gazetteer id, '' for any place
    list: false, // the event list is open
    article: null,
  };

  var places = {}; // id -> {id, props, latlng, bounds, layer}
  var children = {}; // parent id -> [child ids]
  var ev = { features: [], clusters: [], byCluster: {}, byEvent: {}, min: null, max: null, loaded: false, total: undefined };
  var counts = {};
  var openPopupInfo = null; // {kind: 'place'|'event', id, latlng}

  // ---- map and basemaps ---------------------------------------------------

  // maxZoom is the map's own: without a tile layer nothing else sets it
  // (and the event clusters need one).
  var map = L.map('map', { zoomControl: true, minZoom: 2, maxZoom: 18, worldCopyJump: true, preferCanvas: false });
  window.datelineMap = map;
  map.createPane('offline').style.zIndex = 150;
  map.createPane('offlineLabels').style.zIndex = 160;
  // Rivers and other lines of the curated set lie on the basemap, beneath
  // regions, routes and events.
  map.createPane('lines').style.zIndex = 340;
  map.createPane('regions').style.zIndex = 350;
  map.getPane('offlineLabels').style.pointerEvents = 'none';
  window.DatelineMapKeys.attach(map);
  var labels = new window.DatelineLabels.Placer(map);

  var initial = D.parseHash(location.hash);
  if (initial.view) map.setView([initial.view.lat, initial.view.lon], initial.view.zoom);
  else map.fitBounds(HOME);

  L.control.scale({ imperial: false, maxWidth: 150 }).addTo(map);

  var tiles = null;
  var tileErrors = 0;
  var tileLoads = 0;
  if (cfg.tileURL) {
    tiles = L.tileLayer(cfg.tileURL, { attribution: cfg.tileAttribution || '', maxZoom: 19, crossOrigin: false });
    tiles.on('tileerror', function () { tileErrors++; tileStatus(); });
    tiles.on('tileload', function () { tileLoads++; tileStatus(); });
  }
  var offline = L.layerGroup().addTo(map);
  var countryLabels = L.layerGroup();

  var layers = {
    events: L.layerGroup(),
    checkpoints: L.layerGroup(),
    routes: L.layerGroup(),
    places: L.layerGroup(),
    regions: L.layerGroup(),
  };

  // The events layer holds the server's clusters of a view, or the view's
  // own events (grouped on the page when they crowd one spot).
  var serverClusters = L.layerGroup().addTo(layers.events);
  // Not animated: each view's markers are replaced by the next view's once
  // it is drawn, and the zoom animation forced a layout of the page per zoom.
  var eventMarkers = L.markerClusterGroup({
    showCoverageOnHover: false, spiderfyOnMaxZoom: false, zoomToBoundsOnClick: false, maxClusterRadius: 40, animate: false,
    iconCreateFunction: clusterIcon,
  }).addTo(layers.events);

  // A cluster of events opens the same way from a click and from the
  // keyboard: it zooms in, or spreads its markers out when they share one
  // spot (or the map cannot zoom further); the keyboard then lands on the
  // first of them.
  eventMarkers.on('clusterclick clusterkeypress', function (e) {
    var keyboard = e.type === 'clusterkeypress';
    if (keyboard) {
      var k = e.originalEvent && e.originalEvent.key;
      if (k !== 'Enter' && k !== ' ') return;
      L.DomEvent.preventDefault(e.originalEvent);
    }
    var c = e.layer;
    var b = c.getBounds();
    if (map.getZoom() >= map.getMaxZoom() || b.getNorthEast().equals(b.getSouthWest(), 1e-7)) {
      if (keyboard) {
        eventMarkers.once('spiderfied', function (s) {
          var first = s.markers && s.markers[0];
          if (first && first._icon) first._icon.focus();
        });
      }
      c.spiderfy();
    } else c.zoomToBounds({ padding: [40, 40] });
  });

  function tileStatus() {
    var note = document.getElementById('tiles-note');
    if (!note) return;
    note.textContent = tileErrors > 0 && tileLoads === 0 ? 'The tiles cannot be reached: the offline basemap is shown.' : '';
  }

  // tileHost names the tile server for the layer list.
  function tileHost(url) {
    var m = /^[a-z]+:\/\/([^/]+)/i.exec(url || '');
    return m ? m[1] : 'the tile server';
  }

  var BORDER_NOTE = { from: 8, until: 9 };
  var basemap = null;

  function loadBasemap() {
    basemap = window.DatelineBasemap.add(map, {
      label: function (name, latlng) {
        var t = window.DatelineLabels.label(latlng, {
          permanent: true, direction: 'center', pane: 'offlineLabels', className: 'country-label', interactive: false,
        }).setContent(el('span', null, name));
        t.addTo(countryLabels);
        labels.add(t, { rank: 5, sides: false });
      },
    });
    BORDER_NOTE.from = basemap.DETAIL_FROM;
    BORDER_NOTE.until = basemap.BORDERS_UNTIL;
    app.basemap = basemap;
    return basemap.ready.then(function () {
      countryLabels.addTo(offline);
      document.body.dataset.basemap = 'ready';
    });
  }

  // Zoom classes let CSS show labels only where they fit.
  function zoomClasses() {
    var z = map.getZoom();
    var c = map.getContainer().classList;
    c.toggle('z-countries', z >= 3 && z <= 8);
    c.toggle('z-cities', z >= 7);
    c.toggle('z-major', z >= 8);
    c.toggle('z-settlements', z >= 10);
    c.toggle('z-regions', z >= 7);
  }
  map.on('zoomend', zoomClasses);
  zoomClasses();

  // Labels are placed by rank once the map settles (labels.js): after a
  // move, and after markers come and go (event clusters change with the
  // zoom and the filters).
  map.on('zoomend moveend overlayadd layeradd layerremove', function () { labels.schedule(); });

  // ---- controls -----------------------------------------------------------

  var HomeControl = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function () {
      var b = el('button', {
        type: 'button', class: 'home-button', 'aria-label': 'Home view: the Lachin corridor', title: 'Home view: the Lachin corridor',
      }, '⌂');
      b.addEventListener('click', function () { map.fitBounds(HOME); });
      var div = el('div', { class: 'leaflet-bar home-control' }, b);
      L.DomEvent.disableClickPropagation(div);
      return div;
    },
  });
  new HomeControl().addTo(map);

  var CoordsControl = L.Control.extend({
    options: { position: 'bottomleft' },
    onAdd: function (m) {
      var div = el('div', { class: 'coords', 'aria-hidden': 'true' }, '');
      var show = function (ll) {
        var lat = ll.lat;
        var lon = ((ll.lng + 540) % 360) - 180;
        div.textContent = Math.abs(lat).toFixed(4) + '° ' + (lat >= 0 ? 'N' : 'S') + '  ' + Math.abs(lon).toFixed(4) + '° ' + (lon >= 0 ? 'E' : 'W');
      };
      m.on('mousemove', function (e) { show(e.latlng); });
      m.on('moveend', function () { if (!div.dataset.hover) show(m.getCenter()); });
      m.on('mouseover', function () { div.dataset.hover = '1'; });
      m.on('mouseout', function () { delete div.dataset.hover; show(m.getCenter()); });
      show(m.getCenter());
      return div;
    },
  });
  new CoordsControl().addTo(map);

  var layerInputs = {};
  var countNodes = {};
  var tilesInput = null;

  var LayersControl = L.Control.extend({
    options: { position: 'topright' },
    onAdd: function () {
      var narrow = window.matchMedia && window.matchMedia('(max-width: 700px)').matches;
      var list = el('fieldset', { class: 'layer-list' }, el('legend', { class: 'sr-only' }, 'Layers shown on the map'));
      LAYER_IDS.forEach(function (id) {
        var input = el('input', { type: 'checkbox', name: 'layer', value: id, 'data-layer': id });
        input.checked = state.layers[id];
        input.addEventListener('change', function () { setLayer(id, input.checked); });
        layerInputs[id] = input;
        countNodes[id] = el('span', { class: 'count' }, '');
        list.appendChild(el('label', { class: 'layer-row' }, [input, ' ', el('span', { class: 'swatch sw-' + id, 'aria-hidden': 'true' }), LAYER_TITLES[id], ' ', countNodes[id]]));
      });
      if (tiles) {
        tilesInput = el('input', { type: 'checkbox', name: 'tiles', 'data-layer': 'tiles' });
        tilesInput.checked = state.tiles;
        tilesInput.addEventListener('change', function () { setTiles(tilesInput.checked); });
        list.appendChild(el('label', { class: 'layer-row' }, [tilesInput, ' Tiles from ' + tileHost(cfg.tileURL)]));
        list.appendChild(el('p', { id: 'tiles-note', class: 'note', 'aria-live': 'polite' }));
      }
      list.appendChild(el('p', { class: 'note' }, 'Offline basemap, always underneath: countries (Natural Earth via world-atlas, 1:10m borders around the region from zoom ' +
        BORDER_NOTE.from + ') and the curated regions. Borders are not drawn past zoom ' + BORDER_NOTE.until + ': at street scale they stray by a kilometre or two.'));
      var layersBox = el('details', { class: 'map-box layers-box', open: !narrow }, [el('summary', null, 'Layers'), list]);
      var legendBox = el('details', { class: 'map-box legend-box', open: false }, [el('summary', null, 'Legend'), legend()]);
      var div = el('div', { class: 'map-boxes' }, [layersBox, legendBox]);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    },
  });

  function legend() {
    var rows = [el('h2', null, 'Events by type')];
    var ul = el('ul', { class: 'legend-list' });
    EVENT_TYPES.forEach(function (t) {
      ul.appendChild(el('li', null, [typeBadge(t, false), ' ', t.type]));
    });
    ul.appendChild(el('li', null, [typeBadge(TYPE_BY_NAME['Strategic developments'], true), ' a statement or claim (outlined)']));
    rows.push(ul);
    rows.push(el('h2', null, 'Event families (the glyph)'));
    rows.push(el('ul', { class: 'legend-list' }, FAMILIES.map(function (f) {
      var sub = f.subs[0];
      var type = f.id === 'fighting' ? 'Battles' : f.id === 'explosions' ? 'Explosions/Remote violence' : f.id === 'civilians' ? 'Violence against civilians' :
        f.id === 'protests' ? 'Protests' : f.id === 'riots' ? 'Riots' : 'Strategic developments';
      return el('li', null, [eventIcon(type, sub, 'point', false), ' ', f.label]);
    })));
    rows.push(el('h2', null, 'Where an event is known to be'));
    rows.push(el('ul', { class: 'legend-list' }, [
      el('li', null, [eventIcon('Battles', 'Armed clash', 'point', false), ' at a place (filled)']),
      el('li', null, [eventIcon('Battles', 'Armed clash', 'line', false), ' along a road or corridor (hollow, square)']),
      el('li', null, [eventIcon('Battles', 'Armed clash', 'area', false), ' somewhere in a region or country (hollow, dashed)']),
    ]));
    rows.push(el('h2', null, 'Checkpoints'));
    rows.push(el('ul', { class: 'legend-list' }, Object.keys(CHECKPOINT_GLYPHS).map(function (k) {
      return el('li', null, [el('span', { class: 'cp-icon' }, svgIcon(CHECKPOINT_GLYPHS[k], 16)), ' ', KIND_LABELS[k]]);
    })));
    rows.push(el('h2', null, 'Routes and places'));
    rows.push(el('ul', { class: 'legend-list' }, [
      el('li', null, [el('span', { class: 'line-sample ls-corridor', 'aria-hidden': 'true' }), ' corridor']),
      el('li', null, [el('span', { class: 'line-sample ls-road', 'aria-hidden': 'true' }), ' road']),
      el('li', null, [el('span', { class: 'line-sample ls-river', 'aria-hidden': 'true' }), ' river']),
      el('li', null, [el('span', { class: 'dot dot-city', 'aria-hidden': 'true' }), ' city or capital']),
      el('li', null, [el('span', { class: 'dot dot-settlement', 'aria-hidden': 'true' }), ' settlement, other place']),
      el('li', null, [el('span', { class: 'region-sample', 'aria-hidden': 'true' }), ' region']),
    ]));
    rows.push(el('h2', null, 'Outlet perspective'));
    rows.push(el('ul', { class: 'legend-list badges' }, PERSPECTIVES.map(function (p) { return el('li', null, badge(p)); })));
    return el('div', { class: 'legend' }, rows);
  }

  function typeBadge(t, statement) {
    var span = el('span', { class: 'ev-icon' + (statement ? ' ev-statement' : ''), 'aria-hidden': 'true' }, svgIcon(statement ? strokeGlyph(t) : t.glyph, 14));
    span.style.backgroundColor = statement ? '#fff' : t.color;
    span.style.borderColor = t.color;
    return span;
  }

  // strokeGlyph recolours a glyph for the outlined statement style.
  function strokeGlyph(t) {
    return t.glyph.map(function (s) {
      var a = Object.assign({}, s[1]);
      if (a.fill && a.fill !== 'none') a.fill = t.color;
      if (a.stroke) a.stroke = t.color;
      return [s[0], a];
    });
  }

  function badge(p) {
    var key = PERSPECTIVES.indexOf(p) >= 0 ? p : 'unknown';
    return el('span', { class: 'badge p-' + key }, key === 'unknown' ? 'unknown perspective' : key);
  }

  new LayersControl().addTo(map);

  // The article panel takes room from the map: the boxes fold when it opens.
  var panelNode = document.getElementById('panel');
  if (panelNode && window.MutationObserver) {
    new MutationObserver(function () { if (!panelNode.hidden) foldBoxes(); }).observe(panelNode, { attributes: true, attributeFilter: ['hidden'] });
  }

  function setLayer(id, on) {
    state.layers[id] = on;
    if (on) layers[id].addTo(map);
    else map.removeLayer(layers[id]);
    if (layerInputs[id]) layerInputs[id].checked = on;
    if (id === 'events' && on) scheduleView(0);
    changed();
  }

  function setTiles(on) {
    state.tiles = on;
    if (!tiles) return;
    if (on) tiles.addTo(map);
    else map.removeLayer(tiles);
    if (tilesInput) tilesInput.checked = on;
    changed();
  }

  // ---- places -------------------------------------------------------------

  function okJSON(r) {
    if (!r.ok) {
      var err = new Error(r.url + ' answered ' + r.status);
      err.status = r.status;
      throw err;
    }
    return r.json();
  }

  // fetchAll follows the "next" links of an items response.
  function fetchAll(url) {
    var features = [];
    var matched = null;
    function page(u) {
      return fetch(u, { headers: { Accept: 'application/geo+json, application/json' } }).then(okJSON).then(function (fc) {
        features = features.concat(fc.features || []);
        if (matched === null && typeof fc.numberMatched === 'number') matched = fc.numberMatched;
        var next = (fc.links || []).filter(function (l) { return l.rel === 'next'; })[0];
        if (next && next.href && (fc.features || []).length > 0) return page(next.href);
        return { features: features, matched: matched === null ? features.length : matched };
      });
    }
    return page(url);
  }

  function repPoint(g) {
    if (!g) return null;
    switch (g.type) {
      case 'Point': return L.latLng(g.coordinates[1], g.coordinates[0]);
      case 'MultiPoint': return L.latLng(g.coordinates[0][1], g.coordinates[0][0]);
      case 'LineString': {
        var c = g.coordinates[Math.floor(g.coordinates.length / 2)];
        return L.latLng(c[1], c[0]);
      }
      case 'MultiLineString': {
        var l = g.coordinates[0];
        var m = l[Math.floor(l.length / 2)];
        return L.latLng(m[1], m[0]);
      }
      case 'Polygon':
      case 'MultiPolygon': {
        var p = window.DatelineTopo.labelPoint(g);
        return p ? L.latLng(p[1], p[0]) : null;
      }
      default: return null;
    }
  }

  function boundsOf(g) {
    if (!g || g.type === 'Point') return null;
    try {
      var b = L.geoJSON(g).getBounds();
      return b.isValid() ? b : null;
    } catch (e) {
      return null;
    }
  }

  function addPlace(f) {
    if (!f || f.id === undefined || f.id === null) return null;
    var id = String(f.id);
    var props = f.properties || {};
    var p = places[id];
    if (!p) {
      p = places[id] = { id: id, props: props, geometry: f.geometry, latlng: repPoint(f.geometry), bounds: boundsOf(f.geometry), layers: [] };
      if (props.parent) (children[props.parent] = children[props.parent] || []).push(id);
    }
    return p;
  }

  function nameTooltip(name, cls) {
    return { content: el('span', null, name), options: { direction: 'top', offset: [0, -6], className: cls || '' } };
  }

  function onPlaceClick(id) {
    return function (e) {
      L.DomEvent.stopPropagation(e);
      openPlacePopup(id, e.latlng);
    };
  }

  // labelRank scores a place's label (labels.js) against the curated
  // routes and the districts' seats, known once everything is fetched.
  var rankContext = { routes: [], seats: [] };
  function labelRank(p) {
    var pt = p.latlng ? [p.latlng.lng, p.latlng.lat] : null;
    return window.DatelineLabels.rank(p.props, pt, rankContext.routes, rankContext.seats);
  }

  // drawCheckpoint draws a checkpoint's icon with its name beside it.
  function drawCheckpoint(p) {
    var kind = p.props.kind;
    var icon = new AriaDivIcon({
      className: 'cp-marker', iconSize: [22, 22], iconAnchor: [11, 11], label: p.props.name,
      tooltipAnchor: [0, 0], popupAnchor: [0, -11],
      html: el('span', { class: 'cp-icon' }, svgIcon(CHECKPOINT_GLYPHS[kind] || CHECKPOINT_GLYPHS.checkpoint, 16)),
    });
    // Above the event markers: a checkpoint is small, an event cluster on it still shows around it.
    var m = L.marker(p.latlng, { icon: icon, title: p.props.name, keyboard: true, riseOnHover: true, zIndexOffset: 1000 });
    m.on('click', function () { openPlacePopup(p.id, p.latlng); });
    m.on('keypress', activate(function () { openPlacePopup(p.id, p.latlng); }));
    m.on('add', function () { spreadCheckpoints.later(); });
    m.bindTooltip(window.DatelineLabels.label({
      permanent: true, direction: 'right', offset: [6, 0], className: 'place-label label-checkpoint', interactive: false,
    }).setContent(el('span', null, p.props.name)));
    labels.add(m.getTooltip(), { rank: labelRank(p), gap: 6 });
    checkpointMarkers.push(m);
    p.layers.push(m);
    return m;
  }

  // spreadCheckpoints sets checkpoint icons that would overlap at this zoom
  // (the Hakari bridge and the Lachin checkpoint share a point) side by
  // side, west to east, in a row just above the spot, so each can be seen
  // and clicked; their labels follow the icons.
  var checkpointMarkers = [];
  var SPREAD = 24; // pixels between icon centres
  function spreadCheckpoints() {
    var items = checkpointMarkers.filter(function (m) { return m._icon && map.hasLayer(m); }).map(function (m) {
      return { m: m, pt: map.latLngToLayerPoint(m.getLatLng()) };
    });
    var groups = [];
    items.forEach(function (it) {
      var g = groups.filter(function (gr) {
        return gr.some(function (o) { return Math.abs(o.pt.x - it.pt.x) < SPREAD && Math.abs(o.pt.y - it.pt.y) < SPREAD; });
      });
      if (g.length === 0) { groups.push([it]); return; }
      // it joins the first group it touches, and so merges the others into it.
      var first = g[0];
      first.push(it);
      g.slice(1).forEach(function (other) {
        other.forEach(function (o) { first.push(o); });
        groups.splice(groups.indexOf(other), 1);
      });
    });
    groups.forEach(function (gr) {
      gr.sort(function (a, b) { return a.m.getLatLng().lng - b.m.getLatLng().lng; });
      var cx = gr.reduce(function (s, o) { return s + o.pt.x; }, 0) / gr.length;
      var cy = gr.reduce(function (s, o) { return s + o.pt.y; }, 0) / gr.length;
      gr.forEach(function (o, i) {
        var dx = gr.length > 1 ? Math.round(cx + (i - (gr.length - 1) / 2) * SPREAD - o.pt.x) : 0;
        // The row sits just above the point, so an event cluster on it stays in sight.
        var dy = gr.length > 1 ? Math.round(cy - SPREAD + 2 - o.pt.y) : 0;
        var opts = o.m.options.icon.options;
        o.m._icon.style.marginLeft = (dx - 11) + 'px';
        o.m._icon.style.marginTop = (dy - 11) + 'px';
        o.m._icon.classList.toggle('cp-shared', gr.length > 1);
        o.m._icon.dataset.shift = dx + ',' + dy;
        if (opts.tooltipAnchor[0] !== dx || opts.tooltipAnchor[1] !== dy) {
          opts.tooltipAnchor = [dx, dy];
          opts.popupAnchor = [dx, dy - 11];
          if (o.m.getTooltip()) o.m.getTooltip().update();
        }
      });
    });
  }
  spreadCheckpoints.later = function () {
    clearTimeout(spreadCheckpoints.t);
    spreadCheckpoints.t = setTimeout(spreadCheckpoints, 0);
  };
  map.on('zoomend viewreset', spreadCheckpoints);

  // spotsAlong returns a few points along a line for its label to choose from.
  function spotsAlong(g) {
    var parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    var out = [];
    parts.forEach(function (l) {
      [0.5, 0.3, 0.7, 0.15, 0.85].forEach(function (f) {
        var c = l[Math.min(l.length - 1, Math.floor(f * (l.length - 1) + 0.5))];
        if (c) out.push(L.latLng(c[1], c[0]));
      });
    });
    return out;
  }

  function drawRoute(p) {
    var style = ROUTE_STYLES[p.props.kind] || ROUTE_STYLES.road;
    var layer = L.geoJSON(p.geometry, { style: function () { return Object.assign({ className: 'route route-' + p.props.kind }, style); } });
    layer.bindTooltip(el('span', null, p.props.name), { sticky: true, className: 'route-tip' });
    layer.on('click', onPlaceClick(p.id));
    p.layers.push(layer);
    if (p.props.kind !== 'corridor' || !p.latlng) return layer;
    // Corridors are what this map is about: they carry a label of their own,
    // moved along the line to where it covers no town.
    var label = window.DatelineLabels.label(p.latlng, { permanent: true, direction: 'center', className: 'route-label', interactive: false })
      .setContent(el('span', null, p.props.name));
    labels.add(label, { rank: 45, sides: false, spots: spotsAlong(p.geometry) });
    return L.featureGroup([layer, label]);
  }

  function drawPlace(p) {
    var k = p.props.kind;
    var g = p.geometry;
    if (g && g.type !== 'Point' && g.type !== 'MultiPoint') {
      var line = L.geoJSON(g, {
        pane: 'lines',
        style: function () {
          return k === 'river'
            ? { color: '#3b82c4', weight: 2.5, opacity: 0.8, className: 'river' }
            : { color: '#6b7280', weight: 1.5, fill: false, dashArray: '3 4', className: 'place-area' };
        },
      });
      line.bindTooltip(el('span', null, p.props.name), { sticky: true });
      line.on('click', onPlaceClick(p.id));
      p.layers.push(line);
      return line;
    }
    if (!p.latlng) return null;
    var big = k === 'city' || k === 'capital';
    var rank = labelRank(p);
    var major = !big && rank >= window.DatelineLabels.MAJOR;
    var m = L.circleMarker(p.latlng, {
      radius: big ? 5.5 : 3.5, color: '#fff', weight: 1.2, fillColor: big ? '#1f2937' : '#4b5563', fillOpacity: 1,
      className: 'place place-' + k,
    });
    var labelClass = big ? 'place-label label-city' : major ? 'place-label label-major' : 'place-label label-settlement';
    m.bindTooltip(window.DatelineLabels.label({ permanent: true, direction: 'right', offset: [big ? 8 : 6, 0], className: labelClass })
      .setContent(el('span', null, p.props.name)));
    labels.add(m.getTooltip(), { rank: rank, gap: big ? 8 : 6 });
    m.on('click', onPlaceClick(p.id));
    p.layers.push(m);
    return m;
  }

  function drawRegion(p) {
    var group = L.featureGroup();
    var g = p.geometry;
    if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
      var area = L.geoJSON(g, {
        pane: 'regions',
        style: function () { return { color: '#7c3aed', weight: 2, dashArray: '6 5', fillColor: '#7c3aed', fillOpacity: 0.05, className: 'region-area' }; },
      });
      area.on('click', onPlaceClick(p.id));
      group.addLayer(area);
    }
    if (p.latlng) {
      var area2 = g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
      var label = window.DatelineLabels.label(p.latlng, { permanent: true, direction: 'center', className: 'region-label' + (area2 ? ' region-label-area' : ''), interactive: false })
        .setContent(el('span', null, p.props.name));
      labels.add(label, { rank: area2 ? 40 : 25, sides: false });
      group.addLayer(label);
    }
    p.layers.push(group);
    return group;
  }

  // loadPlaces fetches the checkpoints, routes and curated places, then
  // draws them: the labels' ranks need the routes and the districts first.
  function loadPlaces() {
    var base = '/collections/';
    return Promise.all([
      fetchAll(base + 'checkpoints/items?f=json&limit=10000'),
      fetchAll(base + 'routes/items?f=json&limit=10000'),
      curatedPlaces(),
    ]).then(function (rs) {
      var cps = rs[0].features;
      var routes = rs[1].features;
      var curated = rs[2];
      rankContext.routes = routes.map(function (f) { return { kind: f.properties && f.properties.kind, geometry: f.geometry }; });
      curated.forEach(function (f) {
        if (f.properties && f.properties.kind === 'district' && f.geometry && f.geometry.type === 'Point') rankContext.seats.push(f.geometry.coordinates);
      });

      cps.forEach(function (f) {
        var p = addPlace(f);
        if (p && p.latlng) layers.checkpoints.addLayer(drawCheckpoint(p));
      });
      counts.checkpoints = cps.length;

      routes.forEach(function (f) {
        var p = addPlace(f);
        if (p && p.geometry) layers.routes.addLayer(drawRoute(p));
      });
      counts.routes = routes.length;

      var n = 0;
      var regions = 0;
      curated.forEach(function (f) {
        var p = addPlace(f);
        if (!p) return;
        var k = p.props.kind;
        if (k === 'region') {
          layers.regions.addLayer(drawRegion(p));
          regions++;
        } else if (!OTHER_LAYERS[k]) {
          var layer = drawPlace(p);
          if (layer) { layers.places.addLayer(layer); n++; }
        }
      });
      counts.places = n;
      counts.regions = regions;
      LAYER_IDS.forEach(function (id) { if (state.layers[id]) layers[id].addTo(map); });
      updateCounts();
      fillPlaces();
    });
  }

  // curatedPlaces returns the curated gazetteer entries; the background of
  // world cities and countries is far too large to draw. Only settlements,
  // cities and capitals come from both, so those are asked for where the
  // curated ones are (the region, and capitals anywhere) and sorted here.
  function curatedPlaces() {
    var curated = function (f) { return f.properties && f.properties.origin !== 'background'; };
    var q = '/collections/places/items?f=json&limit=10000&kind=';
    return Promise.all([
      fetchAll(q + 'region,district,river,mine,airport,base,other'),
      fetchAll(q + 'settlement,city,capital&bbox=40,36,52,44'),
      fetchAll(q + 'capital'),
    ]).then(function (rs) {
      var seen = {};
      return rs[0].features.concat(rs[1].features, rs[2].features).filter(function (f) {
        if (!curated(f) || seen[f.id]) return false;
        seen[f.id] = true;
        return true;
      });
    });
  }

  // ---- events -------------------------------------------------------------
  //
  // Events come from the server one view at a time: on every move, zoom,
  // filter or timeline change the page asks /collections/events/aggregate
  // for the view's box, zoom and filters (the previous request aborted), and
  // draws what it answers: the grid's clusters with their exact counts, or,
  // once the view holds few enough, the events themselves. Nothing grows
  // with the archive: a view is at most a few hundred markers.

  var view = { seq: 0, ctrl: null, timer: null, url: null, bbox: null, zoom: null, query: null, kind: null, matched: null, sum: 0, drawn: 0, error: null };
  ev.view = view;

  // scheduleView asks for the view's events after a pause, so that a drag
  // or a slider sends one request when it settles rather than one a frame.
  // The map follows its box's size (a panel or the filters opening), so
  // that what it counts is what it shows.
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      var s = map.getSize();
      var c = map.getContainer();
      if (s.x === c.clientWidth && s.y === c.clientHeight) return;
      // Kept centred exactly: invalidateSize and setView pan by whole pixels;
      // a reset does not.
      var centre = map.getCenter();
      map.invalidateSize({ pan: false });
      map.setView(centre, map.getZoom(), { reset: true });
    }).observe(map.getContainer());
  }

  function scheduleView(delay) {
    clearTimeout(view.timer);
    view.timer = setTimeout(loadView, delay === undefined ? 100 : delay);
  }

  function viewZoom() { return Math.max(0, Math.min(22, Math.round(map.getZoom()))); }

  // loadView fetches the aggregation of the view unless the last one was
  // of the same view (zoom, box and filters), and draws it.
  function loadView() {
    if (!state.layers.events) return Promise.resolve();
    var q = eventQuery();
    var zoom = viewZoom();
    var now = map.getBounds();
    if (view.bbox && !view.error && view.zoom === zoom && view.query === q && bboxParam(view.bbox) === bboxParam(now)) return Promise.resolve();
    if (q === null) {
      // The filters let nothing through: nothing to ask for.
      if (view.ctrl) view.ctrl.abort();
      view.seq++;
      view.bbox = null;
      drawView({ kind: 'events', features: [], numberMatched: 0 });
      return Promise.resolve();
    }
    // Exactly the view: its counts are the "in view" download's.
    var padded = now;
    var url = '/collections/events/aggregate?' + bboxParam(padded) + '&zoom=' + zoom + (q ? '&' + q : '');
    if (view.ctrl) view.ctrl.abort();
    var ctrl = view.ctrl = new AbortController();
    var mine = ++view.seq;
    document.body.dataset.events = 'loading';
    return fetch(url, { signal: ctrl.signal, headers: { Accept: 'application/geo+json' } }).then(okJSON).then(function (fc) {
      if (mine !== view.seq) return;
      view.ctrl = null;
      view.error = null;
      view.url = url;
      view.bbox = padded;
      view.zoom = zoom;
      view.query = q;
      drawView(fc);
    }).catch(function (err) {
      if (err && err.name === 'AbortError') return;
      if (mine !== view.seq) return;
      view.error = err;
      ev.error = err;
      document.body.dataset.events = 'error';
      updateCounts();
    });
  }

  function drawView(fc) {
    var features = fc.features || [];
    serverClusters.clearLayers();
    eventMarkers.clearLayers();
    ev.byEvent = {};
    ev.byCluster = {};
    view.kind = fc.kind;
    view.matched = fc.numberMatched;
    view.sum = 0;
    if (fc.kind === 'clusters') {
      ev.features = [];
      ev.clusters = [];
      var markers = features.map(function (f) {
        view.sum += f.properties.count;
        return serverClusterMarker(f);
      });
      markers.forEach(function (m) { serverClusters.addLayer(m); });
    } else {
      ev.features = features.map(eventFeature).filter(Boolean);
      ev.clusters = groupEvents(ev.features, true);
      view.sum = ev.features.length;
      eventMarkers.addLayers(ev.clusters.map(function (c) { return c.marker; }).filter(Boolean));
    }
    counts.events = fc.numberMatched;
    view.drawn++;
    view.drawnAt = performance.now();
    if (view.drawn === 1) view.firstDrawnAt = view.drawnAt;
    ev.loaded = true;
    ev.error = null;
    updateCounts();
    updateTimelineLabel();
    updateDownloads();
    var menu = document.getElementById('download-menu');
    if (menu && !menu.hidden) countFiltered();
    document.body.dataset.events = 'drawn';
    document.body.dataset.eventsDrawn = String(view.drawn);
    document.dispatchEvent(new CustomEvent('dateline:view', { detail: { kind: view.kind, matched: view.matched } }));
  }

  function eventFeature(f) {
    var p = f.properties || {};
    var id = String(f.id !== undefined ? f.id : p.id);
    var start = D.dayNumber(p.event_date);
    var end = D.dayNumber(p.date_end);
    if (!(p.time_precision > 0)) start = end = null;
    if (start !== null && end === null) end = start;
    var e = {
      id: id, props: p, latlng: repPoint(f.geometry), start: start, end: end, precision: start === null ? 0 : p.time_precision,
      type: p.event_type || 'Other', sub: p.sub_event_type || '', cluster: p.cluster_id || id,
      outlet: p.outlet || '', persp: PERSPECTIVES.indexOf(p.perspective) >= 0 ? p.perspective : 'unknown',
      loc: locationKind(p),
    };
    ev.byEvent[id] = e;
    return e;
  }

  // groupEvents folds the reports of one event (one cluster_id) into one
  // marker, dated by its most precise report; register keeps them as the
  // view's (for the popups and the articles panel to find).
  function groupEvents(features, register) {
    var list = [];
    var by = {};
    features.forEach(function (e) {
      var c = by[e.cluster];
      if (!c) {
        c = by[e.cluster] = { id: e.cluster, members: [], type: e.type, sub: e.sub, placeId: e.props.place_id, latlng: null, loc: e.loc };
        list.push(c);
      }
      c.members.push(e);
      if (!c.latlng && e.latlng) c.latlng = e.latlng;
    });
    list.forEach(function (c) {
      var best = null;
      c.members.forEach(function (e) {
        if (e.start === null) return;
        if (!best || e.precision < best.precision || (e.precision === best.precision && e.end - e.start < best.end - best.start)) best = e;
      });
      c.dated = best;
      c.start = best ? best.start : null;
      c.end = best ? best.end : null;
      if (register) {
        ev.byCluster[c.id] = c;
        c.marker = eventMarker(c);
      }
    });
    list.sort(byDate);
    return list;
  }

  function byDate(a, b) {
    if (a.start === null && b.start === null) return 0;
    if (a.start === null) return 1;
    if (b.start === null) return -1;
    return a.start - b.start || a.end - b.end;
  }

  function isStatement(c) { return c.sub === 'Statement'; }

  function placeNameOf(c) {
    var first = c.dated || c.members[0];
    return first.props.place_name || (places[c.placeId] && places[c.placeId].props.name) || c.placeId || '';
  }

  function clusterLabel(c) {
    var first = c.dated || c.members[0];
    var place = placeNameOf(c);
    var where = c.loc === 'area' ? ' — somewhere in ' : c.loc === 'line' ? ' — along ' : ' — ';
    return (c.sub || c.type) + (place ? where + place : '') + ', ' + D.fmtEventDate(first.props) +
      ' (' + c.members.length + (c.members.length === 1 ? ' report)' : ' reports)');
  }

  // eventIcon is an event's symbol: the type's colour, the family's glyph;
  // hollow with a dashed edge when the event is only known to lie in an
  // area or along a line, outlined for a statement.
  function eventIcon(type, sub, loc, size) {
    var t = typeInfo(type);
    var fam = familyOf(type, sub);
    var hollow = loc === 'area' || loc === 'line' || sub === 'Statement';
    var glyph = hollow ? strokeGlyph({ glyph: fam.glyph, color: t.color }) : fam.glyph;
    var span = el('span', { class: 'ev-icon' + (size ? ' ev-marker-icon' : '') + (sub === 'Statement' ? ' ev-statement' : '') + (loc !== 'point' ? ' ev-loc-' + loc : ''),
      'aria-hidden': 'true', 'data-family': fam.id }, svgIcon(glyph, size ? 16 : 14));
    span.style.backgroundColor = hollow ? '#fff' : t.color;
    span.style.borderColor = t.color;
    return span;
  }

  function eventMarker(c) {
    if (!c.latlng) return null;
    var icon = new AriaDivIcon({ className: 'ev-marker ev-' + c.loc, iconSize: [24, 24], iconAnchor: [12, 12], html: eventIcon(c.type, c.sub, c.loc, true), label: clusterLabel(c) });
    var m = L.marker(c.latlng, { icon: icon, keyboard: true, riseOnHover: true });
    m.clusterId = c.id;
    m.eventType = c.type;
    m.reportCount = c.members.length;
    m.on('click', function () { openEventPopup(c); });
    m.on('keypress', activate(function () { openEventPopup(c); }));
    m.on('mouseover', function () { highlightPlace(c); });
    m.on('mouseout', function () { if (!openPopupInfo || openPopupInfo.id !== c.id) unhighlight(); });
    return m;
  }

  // clusterIcon draws a group of the view's own event markers (at most a
  // few hundred, grouped on the page) with the number of reports in it.
  function clusterIcon(group) {
    var markers = group.getAllChildMarkers();
    var n = 0;
    var byType = {};
    markers.forEach(function (m) {
      n += m.reportCount || 1;
      byType[m.eventType] = (byType[m.eventType] || 0) + (m.reportCount || 1);
    });
    var top = Object.keys(byType).sort(function (a, b) { return byType[b] - byType[a]; })[0];
    return countIcon(n, top, 'zoom in to see them');
  }

  function countIcon(n, top, hint) {
    var span = el('span', { class: 'ev-cluster-count' }, String(n));
    span.style.backgroundColor = typeInfo(top).color;
    var digits = String(n).length;
    var size = digits <= 1 ? 30 : digits <= 3 ? 36 : 30 + 6 * digits;
    if (digits > 3) span.classList.add('ev-cluster-big');
    return new AriaDivIcon({
      className: 'ev-cluster', iconSize: [size, size], html: span,
      label: n.toLocaleString('en') + ' events here, mostly ' + top + ': ' + hint,
    });
  }

  // serverClusterMarker draws a cell of the server's grid. A click zooms to
  // its events, or lists them (a page at a time) when they share one spot
  // or the map cannot zoom further.
  function serverClusterMarker(f) {
    var p = f.properties;
    var types = p.event_types || {};
    var top = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0] || 'Other';
    var b = p.bbox;
    var flat = Math.abs(b[2] - b[0]) < 1e-6 && Math.abs(b[3] - b[1]) < 1e-6;
    var lastZoom = map.getZoom() >= map.getMaxZoom() - 1;
    var m = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
      icon: countIcon(p.count, top, flat || lastZoom ? 'open the list' : 'zoom in to see them'), keyboard: true, riseOnHover: true,
    });
    m.serverCount = p.count;
    m.eventType = top;
    var open = function (keyboard) {
      if (flat || lastZoom) openClusterList(m.getLatLng(), p, keyboard);
      else {
        var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
        map.flyToBounds(bounds, { padding: [40, 40], maxZoom: Math.min(map.getMaxZoom(), map.getZoom() + 4), duration: reduceMotion ? 0 : 0.6 });
      }
    };
    m.on('click', function () { open(false); });
    m.on('keypress', activate(function () { open(true); }));
    return m;
  }

  // openClusterList opens a popup listing a cluster's events, newest first,
  // paged through the items link the server gave it.
  function openClusterList(latlng, p, keyboard) {
    var root = el('div', { class: 'popup cluster-popup' }, [el('h2', { class: 'popup-title', tabindex: '-1' }, p.count.toLocaleString('en') + ' events here')]);
    var list = el('ul', { class: 'ev-list' });
    var more = el('button', { type: 'button', class: 'link-button more' }, 'More');
    more.hidden = true;
    root.appendChild(list);
    root.appendChild(more);
    var next = p.items + (p.items.indexOf('?') >= 0 ? '&' : '?') + 'limit=20&sortby=-datetime';
    var page = function () {
      more.disabled = true;
      fetch(pathOf(next), { headers: { Accept: 'application/geo+json' } }).then(okJSON).then(function (fc) {
        (fc.features || []).forEach(function (f) { list.appendChild(el('li', null, eventButton(f))); });
        var n = (fc.links || []).filter(function (l) { return l.rel === 'next'; })[0];
        next = n ? n.href : null;
        more.hidden = !next;
        more.disabled = false;
        if (keyboard && list.firstChild) list.querySelector('button').focus();
        keyboard = false;
      }).catch(function () { more.hidden = true; list.appendChild(el('li', { class: 'muted' }, 'The events could not be loaded.')); });
    };
    more.addEventListener('click', page);
    openPopupAt(latlng, root, { kind: 'cluster', id: null });
    page();
  }

  // pathOf keeps a server link on this page's own origin.
  function pathOf(u) {
    try {
      var p = new URL(u, location.href);
      return p.pathname + p.search;
    } catch (e) {
      return u;
    }
  }

  // eventTitle names an event as the list and the popups do: what, where.
  function eventTitle(p) {
    var what = p.sub_event_type || p.event_type || 'Event';
    return what + (p.place_name ? ' — ' + p.place_name : '');
  }

  // eventButton is one event of a list (a cluster's, the event list's): its
  // symbol, what and where, when and who reported it; a click opens it.
  function eventButton(f) {
    var p = f.properties || {};
    var b = el('button', { type: 'button', class: 'ev-row', 'data-event': String(f.id) }, [
      eventIcon(p.event_type, p.sub_event_type, locationKind(p), false),
      el('span', { class: 'ev-row-text' }, [
        el('span', { class: 'ev-row-title' }, eventTitle(p)),
        el('span', { class: 'ev-row-meta' }, D.fmtEventDate(p) + ' · ' + (p.outlet_name || p.outlet || 'unknown outlet')),
        p.title ? el('span', { class: 'ev-row-article' }, p.title) : null,
      ]),
    ]);
    b.addEventListener('click', function () { showFeature(f); });
    return b;
  }

  // showFeature flies to an event given as a GeoJSON feature and opens it.
  function showFeature(f) {
    var e = eventFeature(f);
    var c = groupEvents([e], false)[0];
    flyToEvent(c);
  }

  // highlightPlace outlines the region or road an event is located at (on
  // hover, and while its popup is open).
  var highlight = L.layerGroup().addTo(map);
  map.createPane('highlight').style.zIndex = 390;
  map.getPane('highlight').style.pointerEvents = 'none';
  function highlightPlace(c) {
    unhighlight();
    if (c.loc === 'point' || !c.placeId) return;
    var mine = highlight.seq = (highlight.seq || 0) + 1;
    var p = places[c.placeId];
    var get = p && p.geometry ? Promise.resolve(p) : app.fetchPlace(c.placeId);
    get.then(function (place) {
      if (!place || !place.geometry || highlight.seq !== mine || place.geometry.type === 'Point') return;
      L.geoJSON(place.geometry, {
        pane: 'highlight', interactive: false,
        style: function () { return { color: typeInfo(c.type).color, weight: c.loc === 'line' ? 8 : 3, opacity: 0.7, fillOpacity: 0.12, className: 'ev-highlight' }; },
      }).addTo(highlight);
    });
  }
  function unhighlight() {
    highlight.seq = (highlight.seq || 0) + 1;
    highlight.clearLayers();
  }

  // ---- filters and timeline ----------------------------------------------

  function memberPasses(e) {
    if (state.persp && !state.persp[e.persp]) return false;
    if (state.outlet && e.outlet !== state.outlet) return false;
    if (state.prec && !state.prec[String(e.props.geo_precision)]) return false;
    if (state.actor && e.props.actor1 !== state.actor && e.props.actor2 !== state.actor) return false;
    if (state.place && e.props.place_id !== state.place) return false;
    return true;
  }

  // clusterPasses tells whether a loaded event passes the filters (but the
  // keyword, which only the server knows how to match): the article panel
  // marks the events the map hides.
  function clusterPasses(c) {
    if (state.types && !state.types[typeInfo(c.type).slug]) return false;
    if (!c.members.some(memberPasses)) return false;
    if (c.start === null) return state.undated && state.from === null && state.to === null;
    var from = state.from === null ? -Infinity : state.from;
    var to = state.to === null ? Infinity : state.to;
    return c.start <= to && c.end >= from;
  }

  function applyFilters() {
    scheduleView(0);
    loadHistogram();
    updateTimelineLabel();
    describeFilters();
    refreshPopup();
    if (window.DatelineEventList) window.DatelineEventList.refresh();
  }

  function updateCounts() {
    LAYER_IDS.forEach(function (id) {
      if (!countNodes[id]) return;
      if (id === 'events') {
        if (ev.error) countNodes[id].textContent = '(unavailable)';
        else if (view.matched !== null && ev.total !== undefined) countNodes[id].textContent = '(' + view.matched + ' of ' + ev.total + ')';
        else countNodes[id].textContent = '';
      } else if (counts[id] !== undefined) countNodes[id].textContent = '(' + counts[id] + ')';
    });
  }

  // loadExtent learns the archive's size and its first and last dated days.
  function loadExtent() {
    var one = function (q) {
      return fetch('/collections/events/items?f=json&limit=1' + q, { headers: { Accept: 'application/geo+json' } }).then(okJSON);
    };
    return Promise.all([one('&sortby=datetime'), one('&sortby=-datetime')]).then(function (rs) {
      ev.total = rs[0].numberMatched;
      var first = rs[0].features[0];
      var last = rs[1].features[0];
      var a = first && first.properties.time_precision > 0 ? D.dayNumber(first.properties.event_date) : null;
      var b = last && last.properties.time_precision > 0 ? D.dayNumber(last.properties.date_end || last.properties.event_date) : null;
      ev.min = a;
      ev.max = b === null ? a : Math.max(a, b);
    }).catch(function (err) { ev.error = err; });
  }

  var tl = {};
  var WINDOWS = [{ days: 7, label: 'a week' }, { days: 30, label: 'a month' }, { days: 91, label: 'three months' }, { days: 365, label: 'a year' }];
  var SPEEDS = [{ ms: 1400, label: 'slow' }, { ms: 700, label: 'normal' }, { ms: 300, label: 'fast' }];

  function buildTimeline() {
    var box = document.getElementById('timeline');
    D.clear(box);
    tl.play = el('button', { type: 'button', class: 'play' }, [el('span', { 'aria-hidden': 'true', class: 'play-glyph' }, '▶'), el('span', { class: 'play-text' }, ' Play')]);
    tl.from = el('input', { type: 'range', id: 't-from', 'aria-label': 'Show events from', step: 1 });
    tl.to = el('input', { type: 'range', id: 't-to', 'aria-label': 'Show events until', step: 1 });
    tl.label = el('output', { id: 't-label', for: 't-from t-to', 'aria-live': 'off' }, '');
    tl.counts = el('span', { id: 't-counts', class: 'muted small' }, '');
    tl.hist = el('div', { class: 'histogram', 'aria-hidden': 'true' });
    tl.axis = el('div', { class: 'tl-axis', 'aria-hidden': 'true' });
    tl.undated = el('input', { type: 'checkbox', id: 't-undated' });
    tl.undated.checked = state.undated;
    tl.undatedNote = el('span', { class: 'undated-note' }, ' undated events');
    tl.window = el('select', { id: 't-window', 'aria-label': 'Playback window' }, WINDOWS.map(function (w) { return el('option', { value: w.days }, w.label); }));
    tl.window.value = '30';
    tl.speed = el('select', { id: 't-speed', 'aria-label': 'Playback speed' }, SPEEDS.map(function (s) { return el('option', { value: s.ms }, s.label); }));
    tl.speed.value = '700';
    var dated = ev.min !== null && ev.min !== undefined;
    var slider = el('div', { class: 'slider' }, [tl.hist, tl.from, tl.to]);
    var head = el('div', { class: 'tl-row' }, [
      el('h2', { class: 'tl-title' }, 'Timeline'), tl.play,
      el('label', { class: 'tl-choice' }, ['window ', tl.window]), el('label', { class: 'tl-choice' }, ['speed ', tl.speed]),
      tl.label, el('label', { class: 'undated' }, [tl.undated, tl.undatedNote]), tl.counts,
    ]);
    box.appendChild(head);
    if (dated) {
      // Whole months around the data, so the ends read naturally.
      var a = new Date(ev.min * 86400000);
      var b = new Date(ev.max * 86400000);
      tl.min = D.dayNumber(new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1)).toISOString());
      tl.max = D.dayNumber(new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 0)).toISOString());
      [tl.from, tl.to].forEach(function (i) { i.min = tl.min; i.max = tl.max; });
      box.appendChild(slider);
      box.appendChild(tl.axis);
      drawAxis();
    } else {
      tl.play.disabled = true;
      tl.label.textContent = ev.error ? 'Events are not available.' : 'No dated events.';
    }
    box.appendChild(filtersBox());
    syncTimelineInputs();
    tl.from.addEventListener('input', function () {
      var v = +tl.from.value;
      if (v > +tl.to.value) { v = +tl.to.value; tl.from.value = v; }
      state.from = v <= tl.min ? null : v;
      changed(true);
    });
    tl.to.addEventListener('input', function () {
      var v = +tl.to.value;
      if (v < +tl.from.value) { v = +tl.from.value; tl.to.value = v; }
      state.to = v >= tl.max ? null : v;
      changed(true);
    });
    tl.undated.addEventListener('change', function () { state.undated = tl.undated.checked; changed(true); });
    tl.play.addEventListener('click', function () { if (tl.timer) pause(); else play(); });
    tl.speed.addEventListener('change', function () { if (tl.timer) { pause(); play(); } });
  }

  function frac(day) { return (day - tl.min) / (tl.max + 1 - tl.min); }

  // drawAxis labels the years (or the months, for a short span) under the slider.
  function drawAxis() {
    D.clear(tl.axis);
    var span = tl.max - tl.min;
    var a = new Date(tl.min * 86400000);
    var step = span > 3 * 365 ? 12 : span > 400 ? 3 : span > 120 ? 1 : 1;
    var d = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1));
    var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (var i = 0; i < 400; i++) {
      var day = Math.round(d.getTime() / 86400000);
      if (day > tl.max) break;
      if (day >= tl.min && (step < 12 || d.getUTCMonth() === 0 || i === 0)) {
        var text = step >= 12 || d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) + (step < 12 ? '' : '') : months[d.getUTCMonth()];
        if (step < 12 && d.getUTCMonth() === 0) text = months[0] + ' ' + d.getUTCFullYear();
        var tick = el('span', { class: 'tl-tick' + (d.getUTCMonth() === 0 ? ' tl-year' : '') }, text);
        tick.style.left = (100 * frac(day)) + '%';
        tl.axis.appendChild(tick);
      }
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1));
    }
  }

  // loadHistogram draws the bars of the view's events over the axis: the
  // filters and the view's box, every date (the slider chooses among them).
  var histo = { ctrl: null, timer: null };
  function loadHistogram() {
    clearTimeout(histo.timer);
    histo.timer = setTimeout(function () {
      if (tl.min === undefined && !tl.counts) return;
      var q = eventQuery({ noTime: true });
      var url = '/collections/events/histogram?' + bboxParam(map.getBounds()) + '&bins=120' + (q ? '&' + q : '');
      if (histo.ctrl) histo.ctrl.abort();
      var ctrl = histo.ctrl = new AbortController();
      fetch(url, { signal: ctrl.signal, headers: { Accept: 'application/json' } }).then(okJSON).then(function (h) {
        histo.last = h;
        drawHistogram(h);
      }).catch(function () { /* the bars stay as they were */ });
    }, 150);
  }

  function drawHistogram(h) {
    tl.counts.textContent = 'in view: ' + h.dated.toLocaleString('en') + ' dated + ' + h.undated.toLocaleString('en') + ' undated';
    if (tl.min === undefined) return;
    D.clear(tl.hist);
    var buckets = h.buckets || [];
    var top = 1;
    buckets.forEach(function (b) { top = Math.max(top, b.count); });
    buckets.forEach(function (b, i) {
      if (!b.count) return;
      var a = D.dayNumber(b.start);
      var z = i + 1 < buckets.length ? D.dayNumber(buckets[i + 1].start) : a + ({ day: 1, week: 7, month: 30, year: 365 }[h.unit] || 1);
      if (z <= tl.min || a > tl.max) return;
      var bar = el('span', { class: 'hbar' });
      bar.style.left = (100 * Math.max(0, frac(a))) + '%';
      bar.style.width = Math.max(0.2, 100 * (frac(Math.min(z, tl.max + 1)) - Math.max(0, frac(a)))) + '%';
      bar.style.height = (15 + (85 * b.count) / top) + '%';
      tl.hist.appendChild(bar);
    });
  }

  function syncTimelineInputs() {
    if (tl.min === undefined) return;
    tl.from.value = state.from === null ? tl.min : Math.max(tl.min, Math.min(tl.max, state.from));
    tl.to.value = state.to === null ? tl.max : Math.max(tl.min, Math.min(tl.max, state.to));
    tl.undated.checked = state.undated;
  }

  function updateTimelineLabel() {
    if (!tl.label) return;
    var ranged = state.from !== null || state.to !== null;
    if (tl.undated) {
      // A date range holds dated events only: undated ones show with the whole timeline.
      tl.undated.disabled = ranged;
      tl.undatedNote.textContent = ranged ? ' undated events (not in a date range)' : ' undated events';
    }
    if (tl.min === undefined) return;
    var a = +tl.from.value;
    var b = +tl.to.value;
    tl.from.setAttribute('aria-valuetext', D.fmtDay(a));
    tl.to.setAttribute('aria-valuetext', D.fmtDay(b));
    tl.label.textContent = D.fmtDay(a) + ' – ' + D.fmtDay(b) + ': ' + (view.matched === null ? '…' : view.matched.toLocaleString('en')) + ' events';
  }

  // play slides a window of the chosen length across the timeline, from
  // the first dated event, at the chosen speed.
  function play() {
    if (tl.min === undefined) return;
    var width = +tl.window.value;
    var step = Math.max(1, Math.round(width / 3));
    var first = ev.min !== null ? ev.min : tl.min;
    var from = state.from;
    if (from === null || state.to === null || state.to >= tl.max || from < first) from = first;
    setRange(from, Math.min(tl.max, from + width - 1));
    tl.play.classList.add('playing');
    tl.play.querySelector('.play-glyph').textContent = '❚❚';
    tl.play.querySelector('.play-text').textContent = ' Pause';
    tl.timer = setInterval(function () {
      var a = +tl.from.value + step;
      if (a + width - 1 > tl.max + step - 1) { pause(); return; }
      setRange(a, Math.min(tl.max, a + width - 1));
      if (a + width - 1 >= tl.max) pause();
    }, +tl.speed.value);
  }

  function setRange(a, b) {
    tl.from.value = a;
    tl.to.value = b;
    state.from = a <= tl.min ? null : a;
    state.to = b >= tl.max ? null : b;
    changed(true);
  }

  function pause() {
    clearInterval(tl.timer);
    tl.timer = null;
    tl.play.classList.remove('playing');
    tl.play.querySelector('.play-glyph').textContent = '▶';
    tl.play.querySelector('.play-text').textContent = ' Play';
  }

  var filterInputs = { types: {}, persp: {}, prec: {}, outlet: null, actor: null, place: null };
  var filterSummary = null;

  function describeFilters() {
    if (!filterSummary) return;
    var parts = [];
    if (state.types) parts.push(Object.keys(state.types).length + ' of ' + Object.keys(filterInputs.types).length + ' types');
    if (state.persp) parts.push(Object.keys(state.persp).join(', '));
    if (state.outlet) parts.push(filterInputs.outlet && filterInputs.outlet.selectedOptions[0] ? filterInputs.outlet.selectedOptions[0].textContent.replace(/ — .*/, '') : state.outlet);
    if (state.prec) parts.push('located ' + Object.keys(state.prec).map(function (k) { return PRECISION_LABELS[k]; }).join(' or '));
    if (state.actor) parts.push('actor ' + state.actor);
    if (state.place) parts.push('at ' + placeName(state.place));
    if (state.q) parts.push('“' + state.q + '”');
    filterSummary.textContent = parts.length ? '(' + parts.join('; ') + ')' : '(all types, outlets, perspectives and locations)';
  }

  function filtersBox() {
    var types = el('fieldset', { class: 'filter-group' }, el('legend', null, 'Event type'));
    EVENT_TYPES.forEach(function (t) {
      var input = el('input', { type: 'checkbox', name: 'type', value: t.slug });
      input.checked = !state.types || !!state.types[t.slug];
      input.addEventListener('change', function () { state.types = readSet(filterInputs.types); changed(true); });
      filterInputs.types[t.slug] = input;
      types.appendChild(el('label', null, [input, ' ', typeBadge(t, false), ' ', t.type]));
    });
    var persp = el('fieldset', { class: 'filter-group' }, el('legend', null, 'Outlet perspective'));
    PERSPECTIVES.forEach(function (p) {
      var input = el('input', { type: 'checkbox', name: 'perspective', value: p });
      input.checked = !state.persp || !!state.persp[p];
      input.addEventListener('change', function () { state.persp = readSet(filterInputs.persp); changed(true); });
      filterInputs.persp[p] = input;
      persp.appendChild(el('label', null, [input, ' ', badge(p)]));
    });
    var prec = el('fieldset', { class: 'filter-group' }, el('legend', null, 'Location'));
    ['1', '2', '3'].forEach(function (k) {
      var input = el('input', { type: 'checkbox', name: 'precision', value: k });
      input.checked = !state.prec || !!state.prec[k];
      input.addEventListener('change', function () { state.prec = readSet(filterInputs.prec); changed(true); });
      filterInputs.prec[k] = input;
      prec.appendChild(el('label', null, [input, ' ', PRECISION_LABELS[k]]));
    });
    var select = el('select', { id: 'f-outlet', name: 'outlet' }, el('option', { value: '' }, 'All outlets'));
    filterInputs.outlet = select;
    fillOutlets(select);
    select.addEventListener('change', function () { state.outlet = select.value; changed(true); });
    var outletBox = el('div', { class: 'filter-group' }, [el('label', { for: 'f-outlet' }, 'Outlet'), ' ', select]);
    // The actor is matched as written in actor1 or actor2; the place is a
    // gazetteer id, chosen among the curated places the map draws.
    var actor = el('input', { type: 'search', id: 'f-actor', name: 'actor', placeholder: 'as written, e.g. Azerbaijani forces', autocomplete: 'off' });
    actor.value = state.actor;
    filterInputs.actor = actor;
    actor.addEventListener('change', function () {
      var v = actor.value.trim();
      if (v === state.actor) return;
      state.actor = v;
      changed(true);
    });
    var actorBox = el('div', { class: 'filter-group' }, [el('label', { for: 'f-actor' }, 'Actor'), ' ', actor]);
    var place = el('select', { id: 'f-place', name: 'place' }, el('option', { value: '' }, 'All places'));
    filterInputs.place = place;
    place.addEventListener('change', function () { state.place = place.value; changed(true); });
    var placeBox = el('div', { class: 'filter-group' }, [el('label', { for: 'f-place' }, 'Place'), ' ', place]);
    fillPlaces();
    var reset = el('button', { type: 'button', class: 'reset' }, 'Show everything');
    reset.addEventListener('click', function () {
      state.types = null; state.persp = null; state.outlet = ''; state.from = null; state.to = null; state.undated = true; state.prec = null; state.q = ''; state.actor = ''; state.place = '';
      syncFilterInputs();
      changed(true);
    });
    filterSummary = el('span', { class: 'filter-summary' }, '');
    return el('details', { class: 'filters', id: 'filters' }, [el('summary', null, ['Filters ', filterSummary]), el('div', { class: 'filter-body' }, [types, persp, prec, outletBox, actorBox, placeBox, reset])]);
  }

  function placeName(id) {
    var p = places[id];
    return p && p.props.name ? p.props.name : id;
  }

  // fillPlaces lists the places the map draws (checkpoints, routes and the
  // curated gazetteer) for the place filter, by name; a place from the
  // permalink that is not among them stays selectable by its id.
  function fillPlaces() {
    var select = filterInputs.place;
    if (!select) return;
    while (select.options.length > 1) select.remove(1);
    Object.keys(places).map(function (id) { return places[id]; }).filter(function (p) { return p.props.name; })
      .sort(function (a, b) { return a.props.name.localeCompare(b.props.name) || a.id.localeCompare(b.id); })
      .forEach(function (p) {
        var kind = KIND_LABELS[p.props.kind] || p.props.kind || '';
        select.appendChild(el('option', { value: p.id }, p.props.name + (kind ? ' (' + kind + ')' : '')));
      });
    if (state.place && !places[state.place]) select.appendChild(el('option', { value: state.place }, state.place));
    select.value = state.place;
    describeFilters();
  }

  // fillOutlets lists the outlets of the stored articles, with their
  // perspective and how many articles each has.
  function fillOutlets(select) {
    var add = function (id, text) {
      if (!select.querySelector('option[value="' + CSS.escape(id) + '"]')) select.appendChild(el('option', { value: id }, text));
    };
    if (state.outlet) add(state.outlet, state.outlet);
    select.value = state.outlet;
    if (!window.DatelineArticles || !window.DatelineArticles.summary) return;
    window.DatelineArticles.summary().then(function (sum) {
      var outlets = {};
      (sum.outlets || []).forEach(function (o) {
        outlets[o.id] = { id: o.id, name: o.name || o.id, persp: o.perspective || 'unknown', n: o.articles };
      });
      var keep = select.value;
      while (select.options.length > 1) select.remove(1);
      Object.keys(outlets).map(function (k) { return outlets[k]; }).sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (o) {
        select.appendChild(el('option', { value: o.id }, o.name + ' — ' + o.persp + ' (' + o.n + (o.n === 1 ? ' article)' : ' articles)')));
      });
      if (keep && !outlets[keep]) add(keep, keep);
      select.value = keep;
      describeFilters();
    }).catch(function () { /* the outlet in the permalink stays selectable */ });
  }

  // readSet turns checkboxes into a set, or null when every box is ticked.
  function readSet(inputs) {
    var out = {};
    var all = true;
    Object.keys(inputs).forEach(function (k) {
      if (inputs[k].checked) out[k] = true;
      else all = false;
    });
    return all ? null : out;
  }

  function syncFilterInputs() {
    Object.keys(filterInputs.types).forEach(function (k) { filterInputs.types[k].checked = !state.types || !!state.types[k]; });
    Object.keys(filterInputs.persp).forEach(function (k) { filterInputs.persp[k].checked = !state.persp || !!state.persp[k]; });
    Object.keys(filterInputs.prec).forEach(function (k) { filterInputs.prec[k].checked = !state.prec || !!state.prec[k]; });
    if (filterInputs.outlet) {
      if (state.outlet && !filterInputs.outlet.querySelector('option[value="' + CSS.escape(state.outlet) + '"]')) {
        filterInputs.outlet.appendChild(el('option', { value: state.outlet }, state.outlet));
      }
      filterInputs.outlet.value = state.outlet;
    }
    if (filterInputs.actor) filterInputs.actor.value = state.actor;
    if (filterInputs.place) {
      if (state.place && !filterInputs.place.querySelector('option[value="' + CSS.escape(state.place) + '"]')) {
        filterInputs.place.appendChild(el('option', { value: state.place }, state.place));
      }
      filterInputs.place.value = state.place;
    }
    if (window.DatelineEventList) window.DatelineEventList.sync();
    syncTimelineInputs();
  }

  // ---- popups -------------------------------------------------------------

  // popupOptions keeps a popup clear of the map's controls: it opens below
  // the folded layer and legend boxes (their summaries stay at the top
  // right) and right of the zoom buttons, or below them too where the map
  // is too narrow for a popup beside them.
  function popupOptions() {
    var w = map.getSize();
    var clear = controlsClearance();
    var wide = w.x >= 560;
    var top = wide ? clear.top : Math.max(clear.top, clear.leftBottom);
    return {
      maxWidth: Math.min(380, w.x - 50), minWidth: Math.min(240, w.x - 60), maxHeight: Math.max(160, Math.round((w.y - top) * 0.8)),
      autoPanPaddingTopLeft: [wide ? clear.left : 10, top], autoPanPaddingBottomRight: [10, 24], className: 'dl-popup',
    };
  }

  // controlsClearance measures how far the top-right boxes reach down once
  // folded, and how far right and down the top-left buttons reach, in map
  // pixels.
  function controlsClearance() {
    var box = map.getContainer().getBoundingClientRect();
    var top = 10;
    var left = 10;
    var leftBottom = 10;
    map.getContainer().querySelectorAll('.leaflet-top.leaflet-right .map-box summary').forEach(function (sm) {
      var r = sm.getBoundingClientRect();
      if (r.height) top += r.height + 14; // a summary, the box's padding and the gap between boxes
    });
    var tl = map.getContainer().querySelector('.leaflet-top.leaflet-left');
    if (tl) {
      var r = tl.getBoundingClientRect();
      if (r.width) {
        left = Math.round(r.right - box.left) + 8;
        leftBottom = Math.round(r.bottom - box.top) + 8;
      }
    }
    return { top: Math.round(top + 8), left: left, leftBottom: leftBottom };
  }

  // foldBoxes folds the layer and legend boxes (a popup or a panel needs the room).
  function foldBoxes() {
    map.getContainer().querySelectorAll('.map-box[open]').forEach(function (d) { d.open = false; });
  }

  function relatedIds(id) {
    var ids = [id];
    (children[id] || []).forEach(function (c) {
      if (places[c] && FACILITY[places[c].props.kind]) ids.push(c);
    });
    return ids;
  }

  // eventsAt fetches the events at a place (and its facilities): the
  // reports that pass the filters, newest first, and how many there are in all.
  function eventsAt(id) {
    var ids = relatedIds(id).map(encodeURIComponent).join(',');
    var base = '/collections/events/items?f=json&place_id=' + ids;
    var q = eventQuery();
    var get = function (u) { return fetch(u, { headers: { Accept: 'application/geo+json' } }).then(okJSON); };
    return Promise.all([
      q === null ? Promise.resolve({ features: [], numberMatched: 0 }) : get(base + '&limit=100&sortby=-datetime' + (q ? '&' + q : '')),
      get(base + '&limit=1'),
    ]).then(function (rs) {
      return { shown: rs[0], all: rs[1].numberMatched };
    });
  }

  function placeContent(id) {
    var p = places[id];
    var props = p.props;
    var root = el('div', { class: 'popup place-popup', 'data-place': id });
    root.appendChild(el('h2', { class: 'popup-title', tabindex: '-1' }, props.name || id));
    var meta = [KIND_LABELS[props.kind] || props.kind || 'place'];
    if (props.parent && places[props.parent]) meta.push('in ' + places[props.parent].props.name);
    if (props.country) meta.push(props.country);
    if (props.population) meta.push('population ' + Number(props.population).toLocaleString('en'));
    root.appendChild(el('p', { class: 'muted' }, meta.join(' · ')));
    var groups = D.groupNames(props.names);
    if (groups.length) {
      root.appendChild(el('h3', null, 'Names'));
      root.appendChild(el('ul', { class: 'names' }, groups.map(function (g) {
        var texts = [];
        g.texts.forEach(function (t, i) {
          if (i > 0) texts.push(' / ');
          texts.push(el('span', { class: 'name', lang: t.lang && t.lang !== 'und' ? t.lang : null }, t.text));
        });
        return el('li', null, texts.concat([' — ', el('span', { class: 'usage' }, g.usages.length ? g.usages.join(', ') : 'no usage given')]));
      })));
    }
    var h = el('h3', null, 'Events reported here');
    root.appendChild(h);
    var box = el('div', { class: 'place-events' }, el('p', { class: 'muted' }, 'Loading events…'));
    root.appendChild(box);
    var namesForHighlight = (props.names || []).map(function (n) { return n.text; }).concat([props.name]);
    (children[id] || []).forEach(function (c) {
      if (places[c]) namesForHighlight = namesForHighlight.concat((places[c].props.names || []).map(function (n) { return n.text; }));
    });
    eventsAt(id).then(function (r) {
      D.clear(box);
      var n = r.shown.numberMatched || 0;
      h.textContent = 'Events reported here (' + n + (n !== r.all ? ' of ' + r.all : '') + ')';
      if (r.all === 0) box.appendChild(el('p', { class: 'muted' }, 'No event reported at this place.'));
      else if (n < r.all) box.appendChild(el('p', { class: 'muted' }, (r.all - n) + ' more hidden by the timeline or the filters.'));
      var clusters = groupEvents(r.shown.features.map(eventFeature), false);
      clusters.forEach(function (c) { box.appendChild(eventBlock(c, { names: namesForHighlight })); });
      if (n > r.shown.features.length) box.appendChild(el('p', { class: 'muted small' }, 'The newest ' + r.shown.features.length + ' are listed.'));
      grown(root);
    }).catch(function () {
      D.clear(box).appendChild(el('p', { class: 'muted' }, 'Events are not available.'));
      grown(root);
    });
    if (p.latlng || p.bounds) {
      var zoom = el('button', { type: 'button', class: 'link-button' }, 'Zoom to ' + (props.name || id));
      zoom.addEventListener('click', function () { zoomTo(p); });
      root.appendChild(el('p', null, zoom));
    }
    return root;
  }

  function eventBlock(c, opts) {
    var t = typeInfo(c.type);
    var first = c.dated || c.members[0];
    var fp = first.props;
    var actors = [fp.actor1, fp.actor2].filter(Boolean).join(' → ');
    var box = el('article', { class: 'event', 'data-cluster': c.id, 'data-type': t.slug, 'data-location': c.loc });
    if (!opts.noHead) box.appendChild(el('h4', { class: 'ev-head' }, [eventIcon(c.type, c.sub, c.loc, false), ' ', c.sub || c.type]));
    var meta = [el('span', { class: 'ev-date' }, D.fmtEventDate(fp)), ' · ', c.type];
    if (actors) meta.push(' · ', el('span', { class: 'actors' }, actors));
    if (opts.place) {
      var placeName = fp.place_name || (places[c.placeId] && places[c.placeId].props.name) || c.placeId;
      if (placeName) {
        var go = el('button', { type: 'button', class: 'link-button' }, placeName);
        go.addEventListener('click', function () { showPlace(c.placeId); });
        meta.push(' · at ', go);
      }
    }
    box.appendChild(el('p', { class: 'ev-meta' }, meta));
    box.appendChild(locatedAt(c, fp));
    var reports = reportsOf(c);
    box.appendChild(el('p', { class: 'muted small' }, reports.length + (reports.length === 1 ? ' report' : ' reports side by side') + ':'));
    box.appendChild(el('ul', { class: 'reports' }, reports.map(function (r) { return reportItem(r, fp, opts.names); })));
    return box;
  }

  // locatedAt says where the event is known to be, and how precisely:
  // "located at: Nagorno-Karabakh (region) · only the region or country".
  function locatedAt(c, fp) {
    var name = fp.place_name || (places[c.placeId] && places[c.placeId].props.name) || c.placeId || 'an unknown place';
    var kind = KIND_LABELS[fp.place_kind] || fp.place_kind || '';
    var how = c.loc === 'area' ? 'somewhere in this ' + (kind || 'area') : c.loc === 'line' ? 'somewhere along this ' + (kind || 'line') : (PRECISION_LABELS[fp.geo_precision] || 'at the place');
    return el('p', { class: 'ev-located' }, [
      'located at: ', el('span', { class: 'ev-place' }, name + (kind ? ' (' + kind + ')' : '')),
      el('span', { class: 'muted' }, ' · precision: ' + how + (c.loc === 'point' ? '' : ' — ' + (PRECISION_LABELS[fp.geo_precision] || ''))),
    ]);
  }

  // reportsOf lists a cluster's reports: its loaded member events, plus any
  // report the server lists whose event is not loaded.
  function reportsOf(c) {
    var out = [];
    var seen = {};
    c.members.forEach(function (e) {
      seen[e.id] = true;
      out.push({ event: e, doc: e.props.doc, outlet: e.outlet, outlet_name: e.props.outlet_name, perspective: e.persp, sentence: e.props.sentence, url: e.props.url, title: e.props.title });
    });
    c.members.forEach(function (e) {
      (e.props.reports || []).forEach(function (r) {
        if (!r || seen[r.event_id]) return;
        seen[r.event_id] = true;
        out.push({ event: ev.byEvent[r.event_id], doc: r.doc, outlet: r.outlet, outlet_name: r.outlet_name, perspective: r.perspective, sentence: r.sentence, url: r.url });
      });
    });
    return out;
  }

  function reportItem(r, clusterProps, names) {
    var li = el('li', { class: 'report' });
    li.appendChild(el('p', { class: 'report-head' }, [
      el('span', { class: 'outlet' }, r.outlet_name || r.outlet || 'Unknown outlet'), ' ', badge(r.perspective),
      r.event && D.fmtEventDate(r.event.props) !== D.fmtEventDate(clusterProps) ? el('span', { class: 'muted small' }, ' · ' + D.fmtEventDate(r.event.props)) : null,
    ]));
    var sentence = typeof r.sentence === 'string' ? r.sentence : '';
    if (sentence) li.appendChild(el('blockquote', { class: 'sentence' }, D.highlighted(sentence, placeRange(r, sentence, names))));
    var links = el('p', { class: 'report-links' });
    if (r.doc) {
      var a = el('a', { href: articleHref(r.doc), class: 'open-article', 'data-doc': r.doc }, 'Open the article');
      a.addEventListener('click', function (e) {
        e.preventDefault();
        openArticle(r.doc);
      });
      links.appendChild(a);
    }
    var url = D.safeURL(r.url);
    if (url) {
      links.appendChild(document.createTextNode(' · '));
      links.appendChild(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'source-link' }, 'source'));
    }
    li.appendChild(links);
    return li;
  }

  // placeRange finds the place name in a report's sentence: from the event's
  // byte offsets when they fit, else by looking for any of the place's names.
  function placeRange(r, sentence, names) {
    var e = r.event && r.event.props;
    if (e && typeof e.place_start === 'number' && typeof e.sentence_start === 'number' && e.place_end > e.place_start) {
      var to16 = D.utf16Offsets(sentence);
      var a = to16(e.place_start - e.sentence_start);
      var b = to16(e.place_end - e.sentence_start);
      if (a >= 0 && b <= sentence.length && b > a) return [a, b];
    }
    var list = (names || []).slice();
    if (e && e.place_name) list.push(e.place_name);
    return D.findName(sentence, list);
  }

  // grown tells an open popup that its content changed size.
  function grown(node) {
    node.dispatchEvent(new CustomEvent('dl-grown', { bubbles: true }));
  }

  function openPopupAt(latlng, content, info) {
    // On a narrow map the open boxes would sit on any popup: fold them first.
    if (map.getSize().x < 700) foldBoxes();
    var popup = L.popup(popupOptions()).setLatLng(latlng).setContent(content);
    openPopupInfo = info;
    popup.openOn(map);
    // Content that fills in later (a place's events) tells the popup, which
    // lays itself out again: Leaflet applies maxHeight and pans the popup
    // clear of the controls only when it lays out.
    var container = popup.getElement();
    if (container) {
      container.addEventListener('dl-grown', function () {
        if (!popup.isOpen()) return;
        // update() puts the content in again, which drops the focus: keep it.
        var focused = container.contains(document.activeElement) ? document.activeElement : null;
        popup.update();
        if (focused && focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
      });
    }
    var title = content.querySelector('.popup-title');
    if (title && info.focus !== false) title.focus({ preventScroll: true });
    return popup;
  }

  map.on('popupclose', function () { openPopupInfo = null; unhighlight(); });
  map.on('popupopen', function (e) {
    var popupEl = e.popup.getElement();
    var node = popupEl && popupEl.querySelector('.leaflet-popup-content');
    if (node) node.setAttribute('tabindex', '0');
    // A popup under an open box (layers, legend): fold the boxes away, at
    // once and again once the map has panned the popup into view.
    var check = function () {
      if (!popupEl || !popupEl.isConnected) return;
      var b = popupEl.getBoundingClientRect();
      map.getContainer().querySelectorAll('.map-box[open]').forEach(function (box) {
        var a = box.getBoundingClientRect();
        if (a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top) foldBoxes();
      });
    };
    check();
    map.once('moveend', check);
  });

  function openPlacePopup(id, latlng) {
    var p = places[id];
    if (!p) return null;
    return openPopupAt(latlng || p.latlng, placeContent(id), { kind: 'place', id: id });
  }

  // openEventPopup opens an event (a cluster object, or the id of one of
  // the view's): its title once, then where, when and every report.
  function openEventPopup(c) {
    if (typeof c === 'string') c = ev.byCluster[c];
    if (!c || !c.latlng) return null;
    var place = places[c.placeId];
    var names = place ? (place.props.names || []).map(function (n) { return n.text; }).concat([place.props.name]) : [];
    var t = typeInfo(c.type);
    var root = el('div', { class: 'popup event-popup', 'data-cluster': c.id }, [
      el('h2', { class: 'popup-title', tabindex: '-1' }, c.sub || c.type),
      eventBlock(c, { names: names, place: true, noHead: true }),
    ]);
    root.insertBefore(el('p', { class: 'ev-kicker' }, [eventIcon(c.type, c.sub, c.loc, false), ' ', t.type + ' · ' + familyOf(c.type, c.sub).label]), root.children[1]);
    var popup = openPopupAt(c.latlng, root, { kind: 'event', id: c.id });
    highlightPlace(c);
    return popup;
  }

  function flyToEvent(c) {
    if (!c || !c.latlng) return;
    var z = Math.max(map.getZoom(), c.loc === 'area' ? 9 : 12);
    moveThen(function () { flyTo(c.latlng, z); }, function () { openEventPopup(c); });
  }

  // showEvent flies to an event and opens its popup: one of the view's
  // (by cluster or event id), or any other, fetched by its id.
  function showEvent(id) {
    var c = ev.byCluster[id] || (ev.byEvent[id] && ev.byCluster[ev.byEvent[id].cluster]);
    if (c) return flyToEvent(c);
    fetch('/collections/events/items/' + encodeURIComponent(id) + '?f=json', { headers: { Accept: 'application/geo+json' } })
      .then(okJSON).then(showFeature).catch(function () { /* the event is gone */ });
  }

  // refreshPopup redraws an open place popup when the filters change, so its
  // list of events stays in step with the map.
  function refreshPopup() {
    if (!openPopupInfo || openPopupInfo.kind !== 'place') return;
    var popup = map._popup;
    if (!popup || !popup.isOpen()) return;
    popup.setContent(placeContent(openPopupInfo.id));
  }

  function zoomFor(kind) {
    switch (kind) {
      case 'country': return 6;
      case 'region': case 'district': return 9;
      case 'capital': case 'city': return 11;
      case 'checkpoint': case 'bridge': case 'border_crossing': case 'base': return 13;
      default: return 12;
    }
  }

  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  // flyTo moves to a point (at zoom) or to bounds (zoom null): an animated
  // flight of at most a second and a half, or a jump when the user prefers
  // reduced motion.
  function flyTo(target, zoom) {
    var opts = { duration: 1.5, padding: [30, 30], maxZoom: 13 };
    if (zoom === null) {
      if (reduceMotion) map.fitBounds(target, opts);
      else map.flyToBounds(target, opts);
    } else if (reduceMotion) map.setView(target, zoom);
    else map.flyTo(target, zoom, opts);
  }

  // moveThen moves the map and calls done once it has arrived.
  function moveThen(move, done) {
    var before = map.getCenter();
    var zoom = map.getZoom();
    var called = false;
    var finish = function () { if (!called) { called = true; done(); } };
    map.once('moveend', finish);
    move();
    if (map.getCenter().equals(before, 1e-9) && map.getZoom() === zoom && !map._animatingZoom && !map._flyToFrame) {
      map.off('moveend', finish);
      finish();
    }
  }

  function zoomTo(p, then) {
    var go;
    if (p.bounds && p.props.kind !== 'country') {
      go = function () { flyTo(p.bounds, null); };
    } else if (p.latlng) {
      var z = Math.max(zoomFor(p.props.kind), p.props.kind === 'country' ? 0 : Math.min(map.getZoom(), 14));
      go = function () { flyTo(p.latlng, z); };
    } else return;
    moveThen(go, then || function () {});
  }

  // showPlace flies to a place and opens its popup; places outside the
  // curated set are fetched on demand.
  function showPlace(id, hint) {
    var p = places[id];
    var get = p ? Promise.resolve(p) : fetch('/collections/places/items/' + encodeURIComponent(id) + '?f=json', {
      headers: { Accept: 'application/geo+json, application/json' },
    }).then(okJSON).then(function (f) {
      return addPlace(f);
    }).catch(function () {
      if (hint && typeof hint.lat === 'number') {
        return addPlace({ type: 'Feature', id: id, geometry: { type: 'Point', coordinates: [hint.lon, hint.lat] }, properties: hint });
      }
      return null;
    });
    return get.then(function (place) {
      if (!place) return;
      zoomTo(place, function () { openPlacePopup(place.id, place.latlng); });
    });
  }

  // ---- downloads ----------------------------------------------------------

  // eventQuery is the filters of the map as query parameters ('' for
  // none; null when they let nothing through). opts.noTime leaves the
  // timeline out (the histogram shows every date).
  function eventQuery(opts) {
    opts = opts || {};
    var q = [];
    var none = false;
    var list = function (set) {
      var keys = Object.keys(set);
      if (!keys.length) none = true;
      return keys;
    };
    if (!opts.noTime) {
      if (state.from !== null || state.to !== null) {
        q.push('datetime=' + (state.from !== null ? D.isoDay(state.from) : '..') + '/' + (state.to !== null ? D.isoDay(state.to) : '..'));
      } else if (!state.undated && tl.min !== undefined) {
        // Every dated event, and so no undated one.
        q.push('datetime=' + D.isoDay(tl.min) + '/' + D.isoDay(tl.max));
      }
    }
    if (state.types) q.push('event_type=' + list(state.types).map(function (s) { return encodeURIComponent((TYPE_BY_SLUG[s] || OTHER_TYPE).type); }).join(','));
    if (state.persp) q.push('perspective=' + list(state.persp).join(','));
    if (state.prec) q.push('precision=' + list(state.prec).join(','));
    if (state.outlet) q.push('outlet=' + encodeURIComponent(state.outlet));
    if (state.actor) q.push('actor=' + encodeURIComponent(state.actor));
    if (state.place) q.push('place_id=' + encodeURIComponent(state.place));
    if (state.q) q.push('q=' + encodeURIComponent(state.q));
    return none ? null : q.join('&');
  }

  function bboxParam(b) {
    var clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
    return 'bbox=' + [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return v.toFixed(4); }).join(',');
  }

  // viewBBox is the box of the events drawn (the map's, once they are).
  function viewBBox() { return bboxParam(view.bbox || map.getBounds()); }

  var dl = {};

  function buildDownloads() {
    var menu = document.getElementById('download-menu');
    var toggle = document.getElementById('download-toggle');
    D.clear(menu);
    var link = function (href, text, id) {
      var a = el('a', { href: href, download: '', 'data-download': id }, text);
      return a;
    };
    dl.eventsAll = link('/download/events.geojson', 'all', 'events-all');
    dl.eventsFiltered = link('/download/events.geojson', 'as filtered', 'events-filtered');
    dl.eventsFilteredCSV = link('/download/events.csv', 'CSV', 'events-filtered-csv');
    dl.eventsView = link('/download/events.geojson', 'in view', 'events-view');
    dl.eventsViewCSV = link('/download/events.csv', 'CSV', 'events-view-csv');
    dl.eventsCount = el('span', { class: 'muted small', 'data-count': 'filtered' }, '');
    dl.eventsViewCount = el('span', { class: 'muted small', 'data-count': 'view' }, '');
    dl.inView = {};
    var row = function (label, items) { return el('li', null, [el('span', { class: 'dl-label' }, label), ' '].concat(items)); };
    var layerRow = function (id, label, base) {
      dl.inView[id] = link(base + (base.indexOf('?') >= 0 ? '&' : '?'), 'in view', id + '-view');
      dl.inView[id].dataset.base = base;
      return row(label, [link(base, 'all', id + '-all'), ' · ', dl.inView[id]]);
    };
    var list = el('ul', { class: 'dl-list' }, [
      row('Events', [dl.eventsAll, ' (', link('/download/events.csv', 'CSV', 'events-all-csv'), ') · ', dl.eventsFiltered, ' (', dl.eventsFilteredCSV, ') ', dl.eventsCount,
        ' · ', dl.eventsView, ' (', dl.eventsViewCSV, ') ', dl.eventsViewCount]),
      layerRow('checkpoints', 'Checkpoints', '/download/checkpoints.geojson'),
      layerRow('routes', 'Routes', '/download/routes.geojson'),
      layerRow('regions', 'Regions', '/download/places.geojson?kind=region'),
      row('Places', [dl.inView.places = link('/download/places.geojson', 'in view', 'places-view'), ' · ', link('/download/places.geojson', 'the whole gazetteer (large)', 'places-all')]),
      row('Mentions', [link('/download/mentions.geojson', 'all', 'mentions-all')]),
    ]);
    dl.inView.places.dataset.base = '/download/places.geojson';
    menu.appendChild(el('h2', null, 'Download GeoJSON or CSV'));
    menu.appendChild(list);
    menu.appendChild(el('p', null, link('/download/dateline.gpkg', 'Everything as a GeoPackage (dateline.gpkg)', 'gpkg')));
    menu.appendChild(el('p', { class: 'muted small' }, '“As filtered” gives the events the map counts: the timeline and the filters, undated and unknown-perspective events included when shown; “in view” the same within the map’s current extent. CSV has ACLED-style columns.'));
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      menu.hidden = !open;
      if (open) { updateDownloads(); countFiltered(); }
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !menu.hidden) {
        menu.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
        toggle.focus();
      }
    });
    document.addEventListener('click', function (e) {
      if (!menu.hidden && !menu.contains(e.target) && e.target !== toggle && !toggle.contains(e.target)) {
        menu.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
      }
    });
    updateDownloads();
  }

  function updateDownloads() {
    if (!dl.eventsFiltered) return;
    var q = eventQuery();
    var bbox = viewBBox();
    var set = function (a, path) {
      if (q === null) {
        a.removeAttribute('href');
        a.setAttribute('aria-disabled', 'true');
      } else {
        a.href = path;
        a.removeAttribute('aria-disabled');
      }
    };
    set(dl.eventsFiltered, '/download/events.geojson' + (q ? '?' + q : ''));
    set(dl.eventsFilteredCSV, '/download/events.csv' + (q ? '?' + q : ''));
    set(dl.eventsView, '/download/events.geojson?' + bbox + (q ? '&' + q : ''));
    set(dl.eventsViewCSV, '/download/events.csv?' + bbox + (q ? '&' + q : ''));
    Object.keys(dl.inView).forEach(function (id) {
      var base = dl.inView[id].dataset.base;
      dl.inView[id].href = base + (base.indexOf('?') >= 0 ? '&' : '?') + bbox;
    });
  }

  var countTimer = null;
  function countFiltered() {
    clearTimeout(countTimer);
    countTimer = setTimeout(function () {
      var q = eventQuery();
      var count = function (node, extra) {
        if (q === null) { node.textContent = '(0 reports)'; return; }
        fetch('/collections/events/items?f=json&limit=1' + extra + (q ? '&' + q : ''), { headers: { Accept: 'application/geo+json' } })
          .then(okJSON).then(function (fc) {
            if (typeof fc.numberMatched === 'number') node.textContent = '(' + fc.numberMatched + ' reports)';
          }).catch(function () { node.textContent = ''; });
      };
      count(dl.eventsCount, '');
      count(dl.eventsViewCount, '&' + viewBBox());
    }, 250);
  }

  // ---- permalink ----------------------------------------------------------

  function currentHash() {
    var c = map.getCenter();
    var on = LAYER_IDS.filter(function (id) { return state.layers[id]; });
    var st = {
      view: { zoom: map.getZoom(), lat: c.lat, lon: c.lng },
      layers: on.length === LAYER_IDS.length ? null : on,
      tiles: state.tiles,
      from: state.from !== null ? D.isoDay(state.from) : null,
      to: state.to !== null ? D.isoDay(state.to) : null,
      undated: state.undated,
      types: state.types ? Object.keys(state.types) : null,
      persp: state.persp ? Object.keys(state.persp) : null,
      outlet: state.outlet,
      prec: state.prec ? Object.keys(state.prec) : null,
      q: state.q,
      actor: state.actor,
      place: state.place,
      list: state.list,
      article: state.article,
    };
    return D.formatHash(st);
  }

  var hashTimer = null;
  function writeHash() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(function () {
      var h = currentHash();
      if (h !== location.hash) history.replaceState(null, '', h);
    }, 150);
  }

  // applyHash sets the state from a parsed hash (on load and when the hash
  // is edited by hand or changed by the back button).
  function applyHash(s, first) {
    if (s.view && !first) map.setView([s.view.lat, s.view.lon], s.view.zoom);
    if (s.layers) LAYER_IDS.forEach(function (id) { state.layers[id] = s.layers.indexOf(id) >= 0; });
    else if (!first) LAYER_IDS.forEach(function (id) { state.layers[id] = true; });
    if (!first) LAYER_IDS.forEach(function (id) { setLayer(id, state.layers[id]); });
    state.tiles = s.tiles !== false;
    state.from = s.from ? D.dayNumber(s.from) : null;
    state.to = s.to ? D.dayNumber(s.to) : null;
    state.undated = s.undated !== false;
    state.types = s.types ? toSet(s.types) : null;
    state.persp = s.persp ? toSet(s.persp) : null;
    state.outlet = s.outlet || '';
    state.prec = s.prec ? toSet(s.prec) : null;
    state.q = s.q || '';
    state.actor = s.actor || '';
    state.place = s.place || '';
    state.list = !!s.list;
    if (!first) {
      if (window.DatelineEventList) window.DatelineEventList.setOpen(state.list);
      setTiles(state.tiles);
      syncFilterInputs();
      applyFilters();
    }
    if (s.article !== state.article || first) {
      state.article = s.article || null;
      if (!first) {
        if (state.article) openArticle(state.article);
        else if (window.DatelineArticles) window.DatelineArticles.close();
      }
    }
  }

  function toSet(list) {
    var o = {};
    list.forEach(function (k) { o[k] = true; });
    return o;
  }

  window.addEventListener('hashchange', function () {
    // "#map" is the skip link's target, not a permalink: put the state back.
    if (location.hash.indexOf('=') < 0) {
      writeHash();
      return;
    }
    if (location.hash === currentHash()) return;
    applyHash(D.parseHash(location.hash), false);
  });

  // changed is called after any change of state.
  function changed(filters) {
    if (filters) applyFilters();
    updateDownloads();
    writeHash();
  }

  map.on('moveend', function () {
    updateDownloads();
    writeHash();
    if (!ev.started) return;
    scheduleView();
    loadHistogram();
    if (window.DatelineEventList) window.DatelineEventList.refresh();
  });

  // ---- articles (the side panel lives in articles.js) ---------------------

  function articleHref(doc) {
    var save = state.article;
    state.article = doc;
    var h = currentHash();
    state.article = save;
    return h;
  }

  function openArticle(doc, opts) {
    state.article = doc;
    if (window.DatelineArticles) window.DatelineArticles.open(doc, opts || {});
    writeHash();
  }

  // ---- start --------------------------------------------------------------

  var app = {
    map: map, places: places, events: ev, eventLayer: eventMarkers, clusterLayer: serverClusters, view: view, state: state, showPlace: showPlace, openPlacePopup: openPlacePopup,
    openEventPopup: openEventPopup, showEvent: showEvent, showFeature: showFeature, openArticle: openArticle, typeInfo: typeInfo, typeBadge: typeBadge, badge: badge,
    clusterPasses: clusterPasses, fmtEventDate: D.fmtEventDate, KIND_LABELS: KIND_LABELS,
    eventQuery: eventQuery, bboxParam: bboxParam, eventButton: eventButton, changed: changed,
    listChanged: function (open) { state.list = open; writeHash(); },
    articleClosed: function () { state.article = null; writeHash(); },
    fetchPlace: function (id) {
      if (places[id]) return Promise.resolve(places[id]);
      return fetch('/collections/places/items/' + encodeURIComponent(id) + '?f=json', { headers: { Accept: 'application/geo+json' } })
        .then(okJSON).then(addPlace).catch(function () { return null; });
    },
  };
  window.DatelineApp = app;

  applyHash(initial, true);
  if (tiles && state.tiles) tiles.addTo(map);
  if (tilesInput) tilesInput.checked = state.tiles;
  LAYER_IDS.forEach(function (id) { if (layerInputs[id]) layerInputs[id].checked = state.layers[id]; });

  var status = document.getElementById('status');
  buildDownloads();
  if (window.DatelineSearch) window.DatelineSearch.init(app);
  if (window.DatelineArticles) window.DatelineArticles.init(app);

  if (window.DatelineEventList) window.DatelineEventList.init(app);

  // The first view is asked for at once; the places, the basemap and the
  // timeline's extent load beside it.
  ev.started = true;
  var firstView = loadView();
  var problems = [];
  var note = function (what) { return function (err) { problems.push(what + ': ' + (err && err.message ? err.message : err)); }; };
  var nDocs = window.DatelineArticles && window.DatelineArticles.summary
    ? window.DatelineArticles.summary().then(function (s) { return s.total; }).catch(function () { return null; }) : Promise.resolve(null);
  // The article count follows when the list has come; the map does not wait for it.
  var nArticles = null;
  var showStatus = function () {
    var nPlaces = Object.keys(places).length;
    status.textContent = (ev.total === undefined ? '?' : ev.total.toLocaleString('en')) + ' events from ' +
      (nArticles === null ? '…' : nArticles.toLocaleString('en')) + ' articles · ' + nPlaces + ' curated places' +
      (problems.length ? ' · could not load ' + problems.join('; ') : '');
  };
  Promise.all([
    loadBasemap().catch(note('offline basemap')),
    loadPlaces().catch(note('places')),
    loadExtent(),
    firstView,
  ]).then(function () {
    buildTimeline();
    loadHistogram();
    describeFilters();
    updateCounts();
    updateTimelineLabel();
    if (ev.error) problems.push('events: ' + ev.error.message);
    showStatus();
    nDocs.then(function (n) {
      nArticles = n;
      showStatus();
      document.body.dataset.articles = 'counted';
    });
    if (state.article) openArticle(state.article);
    writeHash();
    document.body.dataset.ready = 'true';
  });
})();
