// The article panel: the list of articles, and one article's text with every
// place name it mentions highlighted and clickable. Untrusted text (titles,
// article text, names, outlets) only ever goes into the page through
// textContent / createTextNode — never innerHTML — so an article containing
// <script> or <img onerror=…> shows that markup as text and nothing runs.
(function () {
  'use strict';
  var D = window.Dateline;
  var el = D.el;

  var USAGE_COLORS = {
    armenian: '#a34700', azerbaijani: '#1d5f9e', russian: '#6b3fa0', international: '#505a64',
    official: '#9ca3af', variant: '#c4c8cf', historical: '#7c6f64',
  };
  var KIND_GROUPS = {
    settlement: 'settlement', city: 'settlement', capital: 'settlement',
    checkpoint: 'checkpoint', bridge: 'checkpoint', border_crossing: 'checkpoint', base: 'checkpoint',
    road: 'route', corridor: 'route',
    region: 'region', district: 'region', country: 'region',
  };

  var app;
  var panel;
  var body;
  var toggle;
  var tip;
  // The article list comes from the server a page at a time, newest
  // first, so what the panel receives follows what it shows rather than
  // the archive's size: docs are the pages loaded so far, total how many
  // articles there are, outlets every outlet with its article count.
  var PAGE = 50;
  var docs = null;
  var listed = { total: null, outlets: [], next: null, loading: null };
  var current = null;
  var seq = 0;

  function okJSON(r) {
    if (!r.ok) throw new Error(r.url + ' answered ' + r.status);
    return r.json();
  }

  function init(a) {
    app = a;
    panel = document.getElementById('panel');
    body = document.getElementById('panel-body');
    toggle = document.getElementById('articles-toggle');
    tip = el('div', { id: 'mention-tip', role: 'tooltip', class: 'mention-tip' });
    tip.hidden = true;
    document.body.appendChild(tip);
    // The tip is placed against the window: it goes when the text scrolls.
    body.addEventListener('scroll', hideTip, { passive: true });
    toggle.addEventListener('click', function () {
      if (panel.hidden) list({ focus: true });
      else close();
    });
    document.getElementById('panel-close').addEventListener('click', function () {
      close();
      toggle.focus();
    });
    loadList().then(function () {
      toggle.querySelector('.count').textContent = '(' + listed.total + ')';
    }).catch(function () { /* the list shows the error when opened */ });
  }

  function show() {
    if (panel.hidden) {
      panel.hidden = false;
      toggle.setAttribute('aria-expanded', 'true');
      document.body.classList.add('panel-open');
      app.map.invalidateSize();
    }
  }

  function close() {
    seq++;
    current = null;
    hideTip();
    if (!panel.hidden) {
      panel.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      document.body.classList.remove('panel-open');
      app.map.invalidateSize();
    }
    app.articleClosed();
  }

  // loadList fetches the first page of the article list once, however
  // many ask for it.
  var docsPromise = null;
  function loadList() {
    if (docs) return Promise.resolve(docs);
    if (!docsPromise) {
      docsPromise = fetchPage('/api/documents?limit=' + PAGE).then(function () { return docs; }).catch(function (err) {
        docsPromise = null;
        throw err;
      });
    }
    return docsPromise;
  }

  function fetchPage(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(okJSON).then(function (d) {
      var items = (d && d.documents) || [];
      docs = (docs || []).concat(items);
      listed.total = typeof d.numberMatched === 'number' ? d.numberMatched : docs.length;
      listed.outlets = d.outlets || listed.outlets;
      listed.next = d.next ? sameOrigin(d.next) : null;
      return items;
    });
  }

  // sameOrigin keeps the path and query of a link the server gave.
  function sameOrigin(href) {
    var u = new URL(href, location.href);
    return u.pathname + u.search;
  }

  // loadMore fetches the next page of the list (one at a time).
  function loadMore() {
    if (!listed.next) return Promise.resolve([]);
    if (!listed.loading) {
      listed.loading = fetchPage(listed.next).then(function (items) {
        listed.loading = null;
        return items;
      }, function (err) {
        listed.loading = null;
        throw err;
      });
    }
    return listed.loading;
  }

  // summary tells how many articles there are and every outlet with its
  // article count (from the first page).
  function summary() {
    return loadList().then(function () { return { total: listed.total, outlets: listed.outlets }; });
  }

  function setTitle(text) {
    document.getElementById('panel-title').textContent = text;
  }

  function list(opts) {
    var mine = ++seq;
    current = null;
    show();
    setTitle('Articles');
    if (app.state.article) app.articleClosed();
    D.clear(body).appendChild(el('p', { class: 'muted' }, 'Loading the articles…'));
    loadList().then(function (items) {
      if (mine !== seq) return;
      D.clear(body);
      if (!items.length) {
        body.appendChild(el('p', { class: 'muted' }, 'No article has been ingested yet.'));
        return;
      }
      var ul = el('ul', { class: 'doc-list' });
      var addItems = function (list) { list.forEach(function (d) { ul.appendChild(el('li', null, docButton(d))); }); };
      addItems(items);
      body.appendChild(ul);
      var more = el('p', { class: 'doc-more' });
      var shown = el('span', { class: 'muted small', 'data-count': 'articles' });
      var moreButton = el('button', { type: 'button', class: 'more' }, 'Show more articles');
      var update = function () {
        shown.textContent = ul.children.length + ' of ' + listed.total + ' articles, newest first ';
        moreButton.hidden = !listed.next;
      };
      moreButton.addEventListener('click', function () {
        moreButton.disabled = true;
        loadMore().then(function (list) {
          if (mine !== seq) return;
          addItems(list);
          moreButton.disabled = false;
          update();
          var next = ul.children[ul.children.length - list.length];
          if (next && list.length) next.querySelector('button').focus();
        }).catch(function (err) {
          moreButton.disabled = false;
          shown.textContent = 'More articles could not be loaded: ' + err.message + ' ';
        });
      });
      more.appendChild(shown);
      more.appendChild(moreButton);
      body.appendChild(more);
      update();
      // Scrolling near the end of the list loads the next page too.
      body.onscroll = function () {
        if (mine === seq && listed.next && !moreButton.disabled && body.scrollTop + body.clientHeight > body.scrollHeight - 200) moreButton.click();
      };
      if (opts && opts.focus) {
        var first = body.querySelector('button.doc');
        if (first) first.focus();
      }
    }).catch(function (err) {
      if (mine !== seq) return;
      D.clear(body).appendChild(el('p', { class: 'error' }, 'The articles could not be loaded: ' + err.message));
    });
  }

  function docButton(d) {
    var b = el('button', { type: 'button', class: 'doc', 'data-doc': d.id }, [
      el('span', { class: 'doc-title' }, d.title || d.id),
      el('span', { class: 'doc-meta' }, [
        el('span', { class: 'outlet' }, d.outlet_name || d.outlet || 'Unknown outlet'), ' ', app.badge(d.perspective),
        ' · ' + (d.published ? publishedText(d.published) : 'no date'),
      ]),
      el('span', { class: 'doc-counts' }, (d.mentions || 0) + ' place names · ' + (d.events || 0) + ' events'),
      namingBar(d.naming, true),
    ]);
    b.addEventListener('click', function () { app.openArticle(d.id, { focus: true }); });
    return b;
  }

  function publishedText(p) {
    var n = D.dayNumber(p);
    if (n !== null && /^\d{4}-\d{2}-\d{2}$/.test(p)) return D.fmtDay(n);
    return String(p);
  }

  // namingBar draws the article's naming profile: how many of its place
  // names are each side's spelling.
  function namingBar(naming, compact) {
    var counts = (naming && naming.counts) || {};
    var keys = D.USAGES.filter(function (u) { return counts[u] > 0; });
    Object.keys(counts).forEach(function (u) { if (keys.indexOf(u) < 0 && counts[u] > 0) keys.push(u); });
    var total = keys.reduce(function (s, u) { return s + counts[u]; }, 0);
    var words = keys.map(function (u) { return u + ' ' + counts[u]; }).join(', ');
    var label = total ? 'Naming profile: ' + words + (naming.dominant ? '; mostly ' + naming.dominant : '') : 'Naming profile: no side-specific names';
    var bar = el('span', { class: 'naming-bar', role: 'img', 'aria-label': label, title: label });
    keys.forEach(function (u) {
      var seg = el('span', { class: 'seg seg-' + u });
      seg.style.flexGrow = String(counts[u]);
      seg.style.backgroundColor = USAGE_COLORS[u] || '#999';
      bar.appendChild(seg);
    });
    if (compact) return bar;
    return el('div', { class: 'naming' }, [
      el('h4', null, 'Naming profile'), bar,
      el('p', { class: 'naming-legend' }, keys.length ? keys.map(function (u) {
        var sw = el('span', { class: 'sw', 'aria-hidden': 'true' });
        sw.style.backgroundColor = USAGE_COLORS[u] || '#999';
        return el('span', { class: 'naming-item' }, [sw, ' ' + u + ' ' + counts[u]]);
      }).concat(naming.dominant ? [el('span', { class: 'naming-item' }, '— mostly ' + naming.dominant)] : []) : 'no side-specific names'),
    ]);
  }

  function open(id, opts) {
    opts = opts || {};
    var mine = ++seq;
    show();
    setTitle('Article');
    D.clear(body).appendChild(el('p', { class: 'muted' }, 'Loading the article…'));
    fetch('/api/documents/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } }).then(okJSON).then(function (doc) {
      if (mine !== seq) return;
      // The list may know what the detail leaves out (published, url, dateline).
      var summary = (docs || []).filter(function (d) { return d.id === doc.id; })[0];
      if (summary) Object.keys(summary).forEach(function (k) { if (doc[k] === undefined) doc[k] = summary[k]; });
      current = doc;
      render(doc);
      if (opts.focus) {
        var h = body.querySelector('.doc-heading');
        if (h) h.focus();
      }
    }).catch(function (err) {
      if (mine !== seq) return;
      D.clear(body).appendChild(el('p', { class: 'error' }, 'The article could not be loaded: ' + err.message));
    });
  }

  function render(doc) {
    D.clear(body);
    var back = el('button', { type: 'button', class: 'back' }, '← All articles');
    back.addEventListener('click', function () { list({ focus: true }); });
    body.appendChild(back);
    body.appendChild(el('h3', { class: 'doc-heading', tabindex: '-1' }, doc.title || doc.id));
    var meta = [el('span', { class: 'outlet' }, doc.outlet_name || doc.outlet || 'Unknown outlet'), ' ', app.badge(doc.perspective)];
    if (doc.published) meta.push(' · ' + publishedText(doc.published));
    if (doc.dateline) meta.push(' · dateline ', el('span', { class: 'dateline' }, doc.dateline));
    var url = D.safeURL(doc.url);
    if (url) meta.push(' · ', el('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow' }, 'original'));
    body.appendChild(el('p', { class: 'doc-meta' }, meta));
    body.appendChild(namingBar(doc.naming, false));
    body.appendChild(el('p', { class: 'kinds-legend small' }, [
      'Place names: ', el('span', { class: 'mention k-settlement' }, 'settlement'), ' ', el('span', { class: 'mention k-checkpoint' }, 'checkpoint'), ' ',
      el('span', { class: 'mention k-route' }, 'road'), ' ', el('span', { class: 'mention k-region' }, 'region'), ' ',
      el('span', { class: 'mention k-other' }, 'other'), ' ', el('span', { class: 'mention unresolved' }, 'unresolved'),
    ]));
    body.appendChild(textWithMentions(doc));
    var evs = Array.isArray(doc.events) ? doc.events : [];
    body.appendChild(el('h4', null, 'Events in this article (' + evs.length + ')'));
    if (evs.length) {
      var ul = el('ul', { class: 'doc-events' });
      evs.forEach(function (e) {
        var known = app.events.byEvent[e.id];
        var cluster = known && app.events.byCluster[known.cluster];
        var hidden = cluster && !app.clusterPasses(cluster);
        var b = el('button', { type: 'button', class: 'link-button' }, [
          app.typeBadge(app.typeInfo(e.event_type), e.sub_event_type === 'Statement'), ' ',
          (e.sub_event_type || e.event_type) + (e.place_name ? ' at ' + e.place_name : ''),
        ]);
        b.addEventListener('click', function () {
          if (cluster) app.showEvent(cluster.id);
          else if (e.id) app.showEvent(e.id);
          else if (e.place_id) app.showPlace(e.place_id);
        });
        ul.appendChild(el('li', { class: hidden ? 'filtered-out' : null }, [b, el('span', { class: 'muted small' }, ' · ' + D.fmtEventDate(e) + (hidden ? ' · hidden by the filters' : ''))]));
      });
      body.appendChild(ul);
    }
  }

  function kindGroup(kind) { return KIND_GROUPS[kind] || 'other'; }

  // textWithMentions lays the article out in paragraphs with every mention
  // as its own element; offsets come as UTF-16 (start16) or as UTF-8 bytes.
  function textWithMentions(doc) {
    var text = typeof doc.text === 'string' ? doc.text : '';
    var to16 = null;
    var spans = (Array.isArray(doc.mentions) ? doc.mentions : []).map(function (m) {
      var a;
      var b;
      if (typeof m.start16 === 'number' && typeof m.end16 === 'number') {
        a = m.start16;
        b = m.end16;
      } else {
        to16 = to16 || D.utf16Offsets(text);
        a = to16(m.start);
        b = to16(m.end);
      }
      return { a: a, b: b, m: m };
    }).filter(function (s) { return s.a >= 0 && s.b <= text.length && s.b > s.a; })
      .sort(function (x, y) { return x.a - y.a || y.b - x.b; });
    // Drop mentions that overlap an earlier one.
    var kept = [];
    spans.forEach(function (s) { if (!kept.length || s.a >= kept[kept.length - 1].b) kept.push(s); });

    var box = el('div', { class: 'doc-text' });
    var paraRe = /\n[ \t]*\n\s*/g;
    var ps = 0;
    var k = 0;
    var emit = function (start, end) {
      var p = el('p');
      var pos = start;
      while (k < kept.length && kept[k].a < end) {
        var s = kept[k];
        if (s.a >= pos) {
          if (s.a > pos) p.appendChild(document.createTextNode(text.slice(pos, s.a)));
          var e = Math.min(s.b, end);
          p.appendChild(mentionNode(text.slice(s.a, e), s.m));
          pos = e;
        }
        k++;
      }
      if (pos < end) p.appendChild(document.createTextNode(text.slice(pos, end)));
      if (p.firstChild) box.appendChild(p);
    };
    var m;
    while ((m = paraRe.exec(text)) !== null) {
      emit(ps, m.index);
      ps = m.index + m[0].length;
    }
    emit(ps, text.length);
    return box;
  }

  function mentionNode(surface, m) {
    var node;
    if (m.place_id) {
      node = el('button', { type: 'button', class: 'mention k-' + kindGroup(m.kind), 'data-place': m.place_id, 'data-kind': m.kind || '' }, surface);
      node.addEventListener('click', function () { app.showPlace(m.place_id); });
    } else {
      node = el('span', { class: 'mention unresolved', tabindex: '0' }, surface);
    }
    var showIt = function () { showTip(node, m); };
    node.addEventListener('mouseenter', showIt);
    node.addEventListener('focus', showIt);
    node.addEventListener('mouseleave', hideTip);
    node.addEventListener('blur', hideTip);
    return node;
  }

  var tipFor = null;

  function showTip(node, m) {
    tipFor = node;
    D.clear(tip);
    if (!m.place_id) {
      tip.appendChild(el('strong', null, 'Not resolved'));
      tip.appendChild(el('span', null, ': no gazetteer place was chosen for this name.'));
    } else {
      tip.appendChild(el('strong', { class: 'tip-place' }, m.name || m.place_id));
      tip.appendChild(document.createTextNode(' (' + (app.KIND_LABELS[m.kind] || m.kind || 'place') + ')'));
      var facts = [];
      if (m.name_usage) facts.push('an ' + m.name_usage + ' name');
      if (typeof m.score === 'number') facts.push('score ' + m.score.toFixed(2));
      if (m.rule) facts.push('rule ' + m.rule);
      if (facts.length) tip.appendChild(el('div', { class: 'small' }, facts.join(' · ')));
    }
    var runner = (m.candidates || []).filter(function (c) { return c && c.place_id && c.place_id !== m.place_id; })[0];
    var line = el('div', { class: 'tip-runner small' });
    if (runner) {
      var name = el('span', { class: 'runner-name' }, runner.place_id);
      line.appendChild(document.createTextNode('Runner-up: '));
      line.appendChild(name);
      if (typeof runner.score === 'number') line.appendChild(document.createTextNode(' (score ' + runner.score.toFixed(2) + ')'));
      app.fetchPlace(runner.place_id).then(function (p) {
        if (p && tipFor === node) name.textContent = p.props.name + (p.props.country ? ', ' + p.props.country : '');
      });
    } else {
      line.appendChild(document.createTextNode('No runner-up candidate.'));
    }
    tip.appendChild(line);
    tip.hidden = false;
    node.setAttribute('aria-describedby', 'mention-tip');
    var r = node.getBoundingClientRect();
    var w = Math.min(300, window.innerWidth - 16);
    tip.style.maxWidth = w + 'px';
    var left = Math.max(8, Math.min(window.innerWidth - w - 8, r.left));
    tip.style.left = left + 'px';
    var top = r.bottom + 6;
    tip.style.top = top + 'px';
    var th = tip.getBoundingClientRect().height;
    if (top + th > window.innerHeight - 4) tip.style.top = Math.max(4, r.top - th - 6) + 'px';
  }

  function hideTip() {
    if (tipFor) tipFor.removeAttribute('aria-describedby');
    tipFor = null;
    tip.hidden = true;
  }

  window.DatelineArticles = {
    init: init, open: open, list: list, close: close, documents: loadList, summary: summary, loadMore: loadMore,
    current: function () { return current; },
  };
})();
