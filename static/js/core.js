// Small pure helpers the map page shares: building DOM, dates, names, offsets,
// the permalink. Untrusted text (article text, names, outlets) only ever goes
// into the page through textContent / createTextNode — never innerHTML or
// insertAdjacentHTML — so markup inside it is shown as text and never runs.
(function (root) {
  'use strict';

  // el builds an element: attrs are set as attributes (except on* handlers,
  // which are listened to, and "text", which becomes the text content);
  // children are nodes or strings (strings become text nodes).
  function el(tag, attrs, children) {
    var doc = root.document;
    var node = tag.indexOf('svg:') === 0
      ? doc.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
      : doc.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k.indexOf('on') === 0 && typeof v === 'function') node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children === null || children === undefined) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? root.document.createTextNode(String(c)) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // safeURL returns u when it is an http(s) address and null otherwise, so a
  // javascript: or data: link from the data never becomes an href.
  function safeURL(u) {
    if (typeof u !== 'string' || u === '') return null;
    try {
      var p = new URL(u, 'http://invalid.invalid/');
      if ((p.protocol === 'http:' || p.protocol === 'https:') && /^https?:\/\//i.test(u)) return p.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  // Dates: event dates are whole days, "YYYY-MM-DD", handled as UTC days
  // since 1970 so that no time zone moves them.
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var DAY = 86400000;

  function dayNumber(s) {
    if (typeof s !== 'string') return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
    if (!m) return null;
    return Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY);
  }

  function isoDay(n) {
    return new Date(n * DAY).toISOString().slice(0, 10);
  }

  function parts(n) {
    var d = new Date(n * DAY);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
  }

  function fmtDay(n) {
    var p = parts(n);
    return p.d + ' ' + MONTHS[p.m] + ' ' + p.y;
  }

  // fmtRange writes a span of days compactly: "7–13 Aug 2023".
  function fmtRange(a, b) {
    if (b === null || b === undefined || b === a) return fmtDay(a);
    var pa = parts(a);
    var pb = parts(b);
    if (pa.y === pb.y && pa.m === pb.m) return pa.d + '–' + pb.d + ' ' + MONTHS[pb.m] + ' ' + pb.y;
    if (pa.y === pb.y) return pa.d + ' ' + MONTHS[pa.m] + ' – ' + pb.d + ' ' + MONTHS[pb.m] + ' ' + pb.y;
    return fmtDay(a) + ' – ' + fmtDay(b);
  }

  var PRECISIONS = { 1: 'day', 2: 'week', 3: 'month', 4: 'year' };

  // fmtEventDate writes an event's date as precisely as it is known, and
  // says how precise that is.
  function fmtEventDate(p) {
    var a = dayNumber(p.event_date);
    var b = dayNumber(p.date_end);
    var prec = p.time_precision || 0;
    if (a === null || prec === 0) return 'date unknown';
    if (b === null) b = a;
    var text;
    var pa = parts(a);
    var pb = parts(b);
    if (prec === 4) text = pa.y === pb.y ? String(pa.y) : pa.y + '–' + pb.y;
    else if (prec === 3) {
      if (pa.y === pb.y && pa.m === pb.m) text = MONTHS[pa.m] + ' ' + pa.y;
      else if (pa.y === pb.y) text = MONTHS[pa.m] + '–' + MONTHS[pb.m] + ' ' + pa.y;
      else text = MONTHS[pa.m] + ' ' + pa.y + ' – ' + MONTHS[pb.m] + ' ' + pb.y;
    } else text = fmtRange(a, b);
    var note = PRECISIONS[prec] ? ' (' + PRECISIONS[prec] + (p.date_inherited ? ', from the publication date' : '') + ')' : '';
    return text + note;
  }

  // Usages in the order the popups list them.
  var USAGES = ['official', 'armenian', 'azerbaijani', 'russian', 'international', 'historical', 'variant'];

  // groupNames folds a place's names into lines such as
  // "Khankendi / Xankəndi — azerbaijani": each distinct text with every usage
  // it has, then texts with the same usages together, in first-seen order.
  function groupNames(names) {
    var byText = [];
    var index = {};
    (names || []).forEach(function (n) {
      if (!n || typeof n.text !== 'string') return;
      var e = index[n.text];
      if (!e) {
        e = index[n.text] = { text: n.text, lang: n.lang || '', usages: [] };
        byText.push(e);
      }
      if (n.usage && e.usages.indexOf(n.usage) < 0) e.usages.push(n.usage);
    });
    var groups = [];
    var gi = {};
    byText.forEach(function (e) {
      e.usages.sort(function (a, b) { return rank(a) - rank(b); });
      var key = e.usages.join(',');
      var g = gi[key];
      if (!g) {
        g = gi[key] = { usages: e.usages, texts: [] };
        groups.push(g);
      }
      g.texts.push({ text: e.text, lang: e.lang });
    });
    return groups;
  }

  function rank(u) {
    var i = USAGES.indexOf(u);
    return i < 0 ? USAGES.length : i;
  }

  // fold makes names comparable the way the gazetteer does for search:
  // case, diacritics and the Azerbaijani schwa do not matter.
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/ə/g, 'e').replace(/ı/g, 'i').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }

  // utf16Offsets returns a function mapping a byte offset into the UTF-8
  // form of text to the matching index in the JavaScript (UTF-16) string.
  function utf16Offsets(text) {
    var map = [0];
    var bytes = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      var n;
      var units = 1;
      if (c < 0x80) n = 1;
      else if (c < 0x800) n = 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n = 4; units = 2; } else n = 3;
      for (var k = 1; k <= n; k++) map[bytes + k] = k === n ? i + units : i;
      bytes += n;
      i += units - 1;
    }
    return function (b) {
      if (b <= 0) return 0;
      if (b >= map.length) return text.length;
      return map[b];
    };
  }

  // findName returns [start, end) of the first of names found in text
  // (longest names first, case ignored), or null.
  function findName(text, names) {
    var lower = text.toLowerCase();
    var list = (names || []).filter(function (n) { return typeof n === 'string' && n.length > 1; })
      .sort(function (a, b) { return b.length - a.length; });
    var best = null;
    list.forEach(function (n) {
      var i = lower.indexOf(n.toLowerCase());
      if (i >= 0 && (best === null || i < best[0])) best = [i, i + n.length];
    });
    return best;
  }

  // highlighted returns text as nodes with [start, end) inside a <mark>.
  function highlighted(text, range, cls) {
    var frag = root.document.createDocumentFragment();
    if (!range || range[0] < 0 || range[1] > text.length || range[0] >= range[1]) {
      frag.appendChild(root.document.createTextNode(text));
      return frag;
    }
    frag.appendChild(root.document.createTextNode(text.slice(0, range[0])));
    frag.appendChild(el('mark', { class: cls || 'hl' }, text.slice(range[0], range[1])));
    frag.appendChild(root.document.createTextNode(text.slice(range[1])));
    return frag;
  }

  // The permalink lives in the hash as key=value pairs:
  // map=zoom/lat/lon, layers, tiles, from, to, undated, types, persp, outlet, prec
  // (geo precisions), q (keyword), actor, place (a gazetteer id), list (the event list open), article.
  function parseHash(hash) {
    var s = {};
    String(hash || '').replace(/^#/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      var k = i < 0 ? kv : kv.slice(0, i);
      var v = i < 0 ? '' : kv.slice(i + 1);
      try { v = decodeURIComponent(v); } catch (e) { return; }
      s[k] = v;
    });
    var out = {};
    if (s.map) {
      var m = s.map.split('/').map(Number);
      if (m.length === 3 && m.every(isFinite) && Math.abs(m[1]) <= 90 && Math.abs(m[2]) <= 360) {
        out.view = { zoom: m[0], lat: m[1], lon: m[2] };
      }
    }
    var list = function (v) { return v === '' ? [] : v.split(','); };
    if ('layers' in s) out.layers = list(s.layers);
    if ('tiles' in s) out.tiles = s.tiles !== '0';
    if (/^\d{4}-\d{2}-\d{2}$/.test(s.from || '')) out.from = s.from;
    if (/^\d{4}-\d{2}-\d{2}$/.test(s.to || '')) out.to = s.to;
    if ('undated' in s) out.undated = s.undated !== '0';
    if ('types' in s) out.types = list(s.types);
    if ('persp' in s) out.persp = list(s.persp);
    if (s.outlet) out.outlet = s.outlet;
    if ('prec' in s) out.prec = list(s.prec).filter(function (p) { return /^[123]$/.test(p); });
    if (s.q) out.q = s.q;
    if (s.actor) out.actor = s.actor;
    if (s.place) out.place = s.place;
    if (s.list === '1') out.list = true;
    if (s.article) out.article = s.article;
    return out;
  }

  function formatHash(st) {
    var kv = [];
    var put = function (k, v) { kv.push(k + '=' + encodeURIComponent(v).replace(/%2C/g, ',').replace(/%2F/g, '/')); };
    if (st.view) put('map', st.view.zoom + '/' + st.view.lat.toFixed(4) + '/' + st.view.lon.toFixed(4));
    if (st.layers) put('layers', st.layers.join(','));
    if (st.tiles === false) put('tiles', '0');
    if (st.from) put('from', st.from);
    if (st.to) put('to', st.to);
    if (st.undated === false) put('undated', '0');
    if (st.types) put('types', st.types.join(','));
    if (st.persp) put('persp', st.persp.join(','));
    if (st.outlet) put('outlet', st.outlet);
    if (st.prec) put('prec', st.prec.join(','));
    if (st.q) put('q', st.q);
    if (st.actor) put('actor', st.actor);
    if (st.place) put('place', st.place);
    if (st.list) put('list', '1');
    if (st.article) put('article', st.article);
    return '#' + kv.join('&');
  }

  root.Dateline = {
    el: el, append: append, clear: clear, safeURL: safeURL,
    dayNumber: dayNumber, isoDay: isoDay, fmtDay: fmtDay, fmtRange: fmtRange, fmtEventDate: fmtEventDate,
    USAGES: USAGES, groupNames: groupNames, fold: fold,
    utf16Offsets: utf16Offsets, findName: findName, highlighted: highlighted,
    parseHash: parseHash, formatHash: formatHash,
  };
})(typeof window !== 'undefined' ? window : globalThis);
