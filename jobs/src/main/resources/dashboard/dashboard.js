/* GovLens dashboard. Report strings reach the page only as text: through el()/text nodes (textContent)
 * and ECharts' SVG text, never innerHTML, so a report holding markup shows it as characters.
 * The embedded data holds aggregates at any warehouse size; a region's detail (source sentences, documents,
 * keyword lists) is embedded for small warehouses or fetched from regions/<key>.json when served. */
(function () {
  'use strict';
  var FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var DATA = JSON.parse(document.getElementById('govlens-data').textContent);
  var CORPUS = DATA.corpus || {};
  var REG = CORPUS.regions || {};
  ['code', 'key', 'name', 'level', 'province', 'docs'].forEach(function (k) { REG[k] = REG[k] || []; });
  var IND = DATA.indicators || {};
  var DETAIL = DATA.detail || {};
  var MAX_ROWS = 300;      // table rows drawn at once; the filters narrow the rest
  var MAX_CHART_REGIONS = 30;
  var charts = [];
  var listeners = [];      // redraws on a filter change

  function $(id) { return document.getElementById(id); }

  /* Creates an element; children are nodes or strings (strings become text nodes, never markup). */
  function el(tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'className') { e.className = props[k]; }
        else if (k === 'title') { e.title = props[k] == null ? '' : String(props[k]); }
        else if (k === 'onclick') { e.addEventListener('click', props[k]); }
        else { e.setAttribute(k, props[k]); }
      });
    }
    (children || []).forEach(function (c) {
      if (c == null) { return; }
      e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    });
    return e;
  }

  function missing(container, table) {
    container.appendChild(el('p', {className: 'missing'}, [table + ': not in this warehouse']));
  }

  function fmt(v) {
    if (v == null || v === '') { return ''; }
    if (typeof v === 'number') { return v.toLocaleString('zh-CN', {maximumFractionDigits: 2}); }
    if (Array.isArray(v)) { return v.join(', '); }
    return String(v);
  }

  function fmtValue(value, approx, unit) {
    if (value == null) { return ''; }
    // 余/多 follow the number as written (100余件); 约/近/超 and the rest precede it.
    var after = approx === '余' || approx === '多';
    return (approx && !after ? approx : '') + fmt(value) + (after ? approx : '') + (unit ? ' ' + unit : '');
  }

  function yearLabel(y) { return y == null ? '(no year)' : String(y); }
  function regionName(i) { return i == null ? '(no region)' : (REG.name[i] || REG.code[i] || '(no region)'); }

  function chart(container) {
    var c = echarts.init(container, null, {renderer: 'svg'});
    charts.push(c);
    return c;
  }

  function baseOption() {
    return {
      textStyle: {fontFamily: FONT},
      // richText keeps tooltips inside the chart's own text rendering: no HTML built from report strings.
      tooltip: {trigger: 'item', renderMode: 'richText', confine: true},
      legend: {type: 'scroll', top: 0, textStyle: {fontFamily: FONT}},
      grid: {left: 60, right: 20, top: 40, bottom: 90},
      animation: false
    };
  }

  /* A plain table: columns [{key, label, num, long, render}], rows of objects; headers sort. At most `limit`
   * rows are drawn (after sorting); `note` says how many there are. */
  function dataTable(table, columns, rows, limit, note) {
    table.textContent = '';
    var state = {key: null, dir: 1};
    var thead = el('thead'), tbody = el('tbody');
    var tr = el('tr');
    columns.forEach(function (c) {
      var th = el('th', {title: c.title || c.label}, [c.label]);
      th.addEventListener('click', function () {
        state.dir = state.key === c.key ? -state.dir : 1;
        state.key = c.key;
        Array.prototype.forEach.call(tr.children, function (h) { h.className = ''; });
        th.className = state.dir > 0 ? 'sorted-asc' : 'sorted-desc';
        draw();
      });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    table.appendChild(tbody);
    function sortValue(r, c) { return c.sortValue ? c.sortValue(r) : r[c.key]; }
    function draw() {
      var sorted = rows.slice();
      if (state.key != null) {
        var col = columns.filter(function (c) { return c.key === state.key; })[0];
        sorted.sort(function (a, b) {
          var x = sortValue(a, col), y = sortValue(b, col);
          if (x == null && y == null) { return 0; }
          if (x == null) { return 1; }  // blanks last in both directions
          if (y == null) { return -1; }
          if (typeof x === 'number' && typeof y === 'number') { return state.dir * (x - y); }
          return state.dir * String(x).localeCompare(String(y), 'zh-CN');
        });
      }
      tbody.textContent = '';
      var shown = limit ? sorted.slice(0, limit) : sorted;
      shown.forEach(function (r) {
        var row = el('tr', r.rowClass ? {className: r.rowClass} : null);
        columns.forEach(function (c) {
          var td = c.render ? c.render(r) : el('td', {}, [c.plain ? (r[c.key] == null ? '' : String(r[c.key])) : fmt(r[c.key])]);
          if (c.num) { td.classList.add('num'); }
          if (c.long) { td.classList.add('long'); }
          row.appendChild(td);
        });
        tbody.appendChild(row);
      });
      if (!rows.length) {
        tbody.appendChild(el('tr', {}, [el('td', {colspan: String(columns.length), className: 'missing'}, ['no rows'])]));
      }
      if (note) {
        note.textContent = rows.length > shown.length
          ? rows.length.toLocaleString() + ' rows; showing the first ' + shown.length + ' (sort or narrow with the filters)'
          : rows.length.toLocaleString() + ' rows';
      }
    }
    draw();
  }

  function counts(table, rows) {
    dataTable(table, [{key: 'value', label: 'value'}, {key: 'n', label: 'count', num: true}], rows || []);
  }

  /* ---- filters shared by the indicator table, the indicator chart and the topic chart ---- */
  var filter = {province: '', level: '', text: ''};

  function regionMatches(i) {
    if (filter.province && REG.province[i] !== filter.province) { return false; }
    if (filter.level && REG.level[i] !== filter.level) { return false; }
    if (filter.text) {
      var t = filter.text;
      return String(REG.name[i] || '').indexOf(t) >= 0 || String(REG.code[i] || '').indexOf(t) >= 0;
    }
    return true;
  }

  function filters() {
    var provinces = {}, levels = {};
    REG.code.forEach(function (c, i) {
      if (REG.province[i]) { provinces[REG.province[i]] = 1; }
      if (REG.level[i]) { levels[REG.level[i]] = 1; }
    });
    var ps = $('province-select'), ls = $('level-select'), search = $('region-search');
    ps.appendChild(el('option', {value: ''}, ['全部 all']));
    Object.keys(provinces).sort(function (a, b) { return a.localeCompare(b, 'zh-CN'); })
      .forEach(function (p) { ps.appendChild(el('option', {value: p}, [p])); });
    ls.appendChild(el('option', {value: ''}, ['全部 all']));
    Object.keys(levels).sort().forEach(function (l) { ls.appendChild(el('option', {value: l}, [l])); });
    function changed() {
      filter.province = ps.value;
      filter.level = ls.value;
      filter.text = search.value.trim();
      listeners.forEach(function (f) { f(); });
    }
    ps.addEventListener('change', changed);
    ls.addEventListener('change', changed);
    var timer = null;
    search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(changed, 250); });
  }

  function summary() {
    var q = (DATA.quality || {}).quarantined || 0;
    var years = (CORPUS.by_year || []).map(function (x) { return x.value; }).filter(function (y) { return y !== '(none)'; });
    var cards = [
      ['文件 documents', (CORPUS.documents || 0).toLocaleString()],
      ['地区 regions', (CORPUS.regions_with_code || 0).toLocaleString()],
      ['年份 years', years.length ? years[0] + (years.length > 1 ? '–' + years[years.length - 1] : '') : '-'],
      ['指标值 indicator values', (IND.values || 0).toLocaleString()],
      ['隔离 quarantined', q.toLocaleString()]
    ];
    var box = $('summary');
    cards.forEach(function (c) { box.appendChild(el('div', {className: 'card'}, [el('b', {}, [String(c[1])]), c[0]])); });
  }

  function corpus() {
    var box = $('chart-corpus');
    if (!CORPUS.documents_available) { box.className = ''; missing(box, 'documents'); return; }
    var ly = CORPUS.level_year || {};
    var years = (CORPUS.by_year || []).map(function (x) { return x.value; });
    var opt = baseOption();
    opt.grid.bottom = 30;
    opt.grid.top = 30;
    opt.xAxis = {type: 'category', data: years};
    opt.yAxis = {type: 'value', minInterval: 1};
    opt.series = Object.keys(ly).map(function (level) {
      return {type: 'bar', stack: 'docs', name: level, data: years.map(function (y) { return ly[level][y] || 0; })};
    });
    chart(box).setOption(opt);
    dataTable($('province-counts'), [{key: 'value', label: '省份 province'}, {key: 'n', label: 'documents', num: true}],
      (CORPUS.by_province || []).slice().sort(function (a, b) { return b.n - a.n; }));
  }

  /* ---- indicators: compact rows [region index, year, [indicator index, value, …]] ---- */
  var catalog = IND.catalog || [];
  var catalogByCode = {};
  catalog.forEach(function (c) { catalogByCode[c.code] = c; });
  var ryRows = [];
  (function () {
    var approx = {}, flagged = {};
    (IND.approx || []).forEach(function (a) { approx[a[0] + ':' + a[1]] = a[2]; });
    (IND.flagged || []).forEach(function (f) { flagged[f[0] + ':' + f[1]] = true; });
    (IND.ry || []).forEach(function (e, k) {
      var row = {k: k, r: e[0], region: regionName(e[0]), year: e[1], values: {}};
      for (var j = 0; j < e[2].length; j += 2) {
        var i = e[2][j];
        row.values[i] = {v: e[2][j + 1], approx: approx[k + ':' + i], flagged: !!flagged[k + ':' + i]};
      }
      ryRows.push(row);
    });
  }());

  function filteredRows() { return ryRows.filter(function (r) { return regionMatches(r.r); }); }

  function indicators() {
    var table = $('indicator-table');
    var select = $('area-select');
    if (!IND.available) { missing(table.parentNode, 'region_year_indicators'); select.disabled = true; return; }
    var areas = {};
    catalog.forEach(function (c) { if (c.area) { areas[c.area] = 1; } });
    select.appendChild(el('option', {value: ''}, ['全部 all']));
    Object.keys(areas).sort().forEach(function (a) { select.appendChild(el('option', {value: a}, [a])); });

    function draw() {
      var area = select.value;
      var cols = [
        {key: 'region', label: '地区 region', render: function (row) {
          return el('td', {className: 'link', title: 'open the region detail', onclick: function () { openRegion(row.r); }}, [row.region]);
        }},
        {key: 'year', label: '年份 year', num: true, plain: true}
      ];
      catalog.map(function (c, i) { return {c: c, i: i}; })
        .filter(function (x) { return !area || x.c.area === area; })
        .sort(function (a, b) { return ((a.c.area || '') + a.c.code).localeCompare((b.c.area || '') + b.c.code); })
        .forEach(function (x) {
          var c = x.c, i = x.i;
          cols.push({
            key: c.code, label: c.name || c.code, title: c.code + (c.unit ? ' (' + c.unit + ')' : ''), num: true,
            sortValue: function (row) { var v = row.values[i]; return v ? v.v : null; },
            render: function (row) {
              var v = row.values[i];
              if (!v) { return el('td'); }
              return el('td', {className: 'val' + (v.flagged ? ' flagged' : ''), title: 'click for the source sentence',
                onclick: function () { openRegion(row.r, {year: row.year, indicator: c.code}); }}, [fmtValue(v.v, v.approx, c.unit)]);
            }
          });
        });
      dataTable(table, cols, filteredRows(), MAX_ROWS, $('indicator-note'));
    }
    select.addEventListener('change', draw);
    listeners.push(draw);
    draw();
  }

  /* One indicator: x = regions matching the filters (at most MAX_CHART_REGIONS), one bar series per year. */
  function indicatorChart() {
    var box = $('chart-indicator');
    var select = $('indicator-select');
    if (!IND.available || !ryRows.length) { box.className = ''; missing(box, 'region_year_indicators'); select.disabled = true; return; }
    catalog.map(function (c, i) { return {c: c, i: i}; })
      .sort(function (a, b) { return b.c.n - a.c.n || a.c.code.localeCompare(b.c.code); })
      .forEach(function (x) { select.appendChild(el('option', {value: String(x.i)}, [(x.c.name || x.c.code) + ' (' + x.c.code + ', ' + x.c.n + ')'])); });
    var c = chart(box);
    function draw() {
      var i = Number(select.value);
      var sel = filteredRows().filter(function (r) { return r.values[i]; });
      var regions = [], regionIdx = {}, years = [];
      sel.forEach(function (r) {
        if (!(r.r in regionIdx) && regions.length < MAX_CHART_REGIONS) { regionIdx[r.r] = regions.length; regions.push(r.r); }
        if (years.indexOf(yearLabel(r.year)) < 0) { years.push(yearLabel(r.year)); }
      });
      var total = {};
      sel.forEach(function (r) { total[r.r] = 1; });
      var nRegions = Object.keys(total).length;
      $('chart-note').textContent = nRegions > regions.length
        ? nRegions.toLocaleString() + ' regions report it; showing the first ' + regions.length + ' (narrow with the filters above)'
        : nRegions + ' regions';
      years.sort();
      var opt = baseOption();
      opt.xAxis = {type: 'category', data: regions.map(regionName), axisLabel: {rotate: 30, fontFamily: FONT}};
      opt.yAxis = {type: 'value', name: catalog[i].unit || '', nameTextStyle: {fontFamily: FONT}};
      opt.series = years.map(function (y) {
        var data = regions.map(function () { return null; });
        sel.forEach(function (r) { if (r.r in regionIdx && yearLabel(r.year) === y) { data[regionIdx[r.r]] = r.values[i].v; } });
        return {type: 'bar', name: y, data: data};
      });
      c.setOption(opt, true);
    }
    select.addEventListener('change', draw);
    listeners.push(draw);
    draw();
  }

  /* ---- region detail: embedded, or fetched from regions/<key>.json when the page is served ---- */
  var detailCache = {};

  function loadRegion(key, done) {
    if (DETAIL.mode === 'embedded') { done(null, (DETAIL.regions || {})[key] || {}); return; }
    if (detailCache[key]) { done(null, detailCache[key]); return; }
    if (location.protocol === 'file:') { done('needs-serve'); return; }
    fetch((DETAIL.folder || 'regions') + '/' + encodeURIComponent(key) + '.json', {credentials: 'same-origin'})
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (d) { detailCache[key] = d; done(null, d); }, function (e) { done(String(e)); });
  }

  function openRegion(i, pin) {
    var key = REG.key[i];
    var status = $('region-status'), box = $('region-detail');
    box.textContent = '';
    status.textContent = regionName(i) + (REG.code[i] ? ' (' + REG.code[i] + ')' : '') + ': loading…';
    $('sec-region').scrollIntoView({block: 'start'});
    loadRegion(key, function (err, d) {
      box.textContent = '';
      if (err === 'needs-serve') {
        status.textContent = regionName(i) + ': detail not loaded';
        box.appendChild(el('div', {className: 'needs-serve'}, [
          el('b', {}, ['Region detail needs the dashboard server. ']),
          'This warehouse has ' + fmt(CORPUS.documents) + ' documents, more than govlens.dashboard.embed-max-documents (' +
            fmt(DETAIL.embed_max_documents) + '), so each region\'s source sentences, documents and keywords are in ' +
            (DETAIL.folder || 'regions') + '/<code>.json beside this page, and a browser does not let a page opened as a file read them. Run ',
          el('code', {}, ['bin/govlens dashboard --serve --warehouse <warehouse>']),
          ' and open the address it prints.'
        ]));
        return;
      }
      if (err) { status.textContent = regionName(i) + ': could not load the region detail (' + err + ')'; return; }
      status.textContent = regionName(i) + (REG.code[i] ? ' (' + REG.code[i] + ')' : '') + (REG.province[i] ? ' · ' + REG.province[i] : '') +
        (REG.level[i] ? ' · ' + REG.level[i] : '');
      regionDetail(box, d, pin);
    });
  }

  function sentenceCell(v) {
    var s = v.sentence || '';
    var p = el('td', {className: 'long sentence'});
    var at = v.raw_text ? s.indexOf(v.raw_text) : -1;
    if (at >= 0) {
      p.appendChild(document.createTextNode(s.slice(0, at)));
      p.appendChild(el('mark', {}, [v.raw_text]));
      p.appendChild(document.createTextNode(s.slice(at + v.raw_text.length)));
    } else {
      p.appendChild(document.createTextNode(s || '(sentence not in this warehouse) ' + (v.raw_text || '')));
    }
    return p;
  }

  function regionDetail(box, d, pin) {
    var values = d.values || [], docs = d.documents || [], kws = d.keywords || [];
    var titles = {};
    docs.forEach(function (x) { titles[x.doc_id] = x.title; });
    values.forEach(function (v) {
      var c = catalogByCode[v.indicator];
      v.indicator_name = c ? c.name || c.code : v.indicator;
      v.title = titles[v.doc_id] || v.doc_id;
    });
    box.appendChild(el('h3', {}, ['Indicator values and their source sentences (' + values.length + ')']));
    var pinned = null;
    values.forEach(function (v) {
      if (pin && v.report_year === pin.year && v.indicator === pin.indicator) { v.rowClass = 'pinned'; pinned = v; } else { v.rowClass = ''; }
    });
    var vt = el('table', {className: 'data', id: 'region-values'});
    box.appendChild(el('div', {className: 'scroll'}, [vt]));
    dataTable(vt, [
      {key: 'report_year', label: 'year', num: true, plain: true},
      {key: 'indicator_name', label: 'indicator'},
      {key: 'value', label: 'value', num: true, render: function (v) { return el('td', {}, [fmtValue(v.value, v.approx, v.unit)]); }},
      {key: 'sentence', label: 'source sentence', long: true, render: sentenceCell},
      {key: 'previous_value', label: 'previous year', num: true, render: function (v) {
        return el('td', {}, [v.previous_value == null ? '' : fmt(v.previous_value) + (v.change_pct != null ? ' (' + (v.change_pct > 0 ? '+' : '') + fmt(v.change_pct) + '%)' : '')]);
      }},
      {key: 'n_values', label: 'values', num: true, title: 'values the region reported that year; choice'},
      {key: 'flags', label: 'flags'},
      {key: 'title', label: 'document', long: true}
    ], values);
    if (pinned) {
      var row = vt.querySelector('tr.pinned');
      if (row) { row.scrollIntoView({block: 'nearest'}); }
    }
    box.appendChild(el('h3', {}, ['Documents (' + docs.length + ')']));
    var dt = el('table', {className: 'data', id: 'region-documents'});
    box.appendChild(el('div', {className: 'scroll short'}, [dt]));
    dataTable(dt, [
      {key: 'report_year', label: 'year', num: true, plain: true}, {key: 'title', label: 'title', long: true},
      {key: 'char_count', label: 'chars', num: true}, {key: 'quality_flags', label: 'quality flags', long: true},
      {key: 'source_path', label: 'file', long: true}
    ], docs);
    box.appendChild(el('h3', {}, ['Keywords']));
    // One entry per list: {scope, method, report_year, doc_id, terms: [{rank, term, count, score}]}.
    var lists = kws.slice().sort(function (x, y) {
      return (x.scope === 'region_year' ? 0 : 1) - (y.scope === 'region_year' ? 0 : 1) || (y.report_year || 0) - (x.report_year || 0) ||
        String(x.doc_id || '').localeCompare(String(y.doc_id || '')) || String(x.method).localeCompare(String(y.method));
    });
    var grid = el('div', {className: 'kwgrid'});
    lists.forEach(function (l) {
      var head = (l.scope === 'doc' ? (titles[l.doc_id] || l.doc_id) : yearLabel(l.report_year) + ' · region × year') + ' · ' + l.method;
      grid.appendChild(el('div', {className: 'kw'}, [
        el('h4', {}, [head]),
        el('ol', {}, (l.terms || []).slice().sort(function (a, b) { return a.rank - b.rank; }).map(function (t) {
          return el('li', {title: 'score ' + fmt(t.score) + ', count ' + fmt(t.count)}, [t.term]);
        }))
      ]));
    });
    box.appendChild(lists.length ? grid : el('p', {className: 'missing'}, ['no keyword lists']));
  }

  /* ---- topics ---- */
  function topicLabel(words, t) {
    var w = words.filter(function (x) { return x.topic === t; }).slice(0, 3).map(function (x) { return x.term; });
    return 'T' + t + (w.length ? ' ' + w.join('·') : '');
  }

  function topics() {
    var tp = DATA.topics || {};
    var box = $('chart-topics');
    var words = tp.words || [];
    var ry = tp.ry || [], nums = tp.topics || [];
    if (!tp.available || !ry.length) {
      box.className = '';
      missing(box, 'topic_shares');
      if (!tp.topics_available) { missing($('topic-units'), 'topics'); }
    } else {
      var c = chart(box);
      var draw = function () {
        var byYear = {}, units = {};
        ry.forEach(function (e) {
          if (!regionMatches(e[0])) { return; }
          var y = yearLabel(e[1]), n = e[2] || 1;
          byYear[y] = byYear[y] || nums.map(function () { return 0; });
          units[y] = (units[y] || 0) + n;
          e[3].forEach(function (s, j) { byYear[y][j] += n * s; });
        });
        var years = Object.keys(byYear).sort();
        var opt = baseOption();
        opt.xAxis = {type: 'category', data: years};
        opt.yAxis = {type: 'value', max: 1, name: 'share'};
        opt.grid.top = 70;
        opt.grid.bottom = 30;
        opt.series = nums.map(function (t, j) {
          return {type: 'bar', stack: 'share', name: topicLabel(words, t),
            data: years.map(function (y) { return Math.round(byYear[y][j] / units[y]) / 1000; })};
        });
        c.setOption(opt, true);
      };
      listeners.push(draw);
      draw();
    }
    if (words.length) {
      var byTopic = {};
      words.forEach(function (w) {
        byTopic[w.topic] = byTopic[w.topic] || {topic: w.topic, coherence: w.topic_coherence, words: []};
        byTopic[w.topic].words.push(w.term);
      });
      dataTable($('topic-table'), [
        {key: 'topic', label: 'topic', num: true, plain: true},
        {key: 'coherence', label: 'coherence (NPMI)', num: true},
        {key: 'words', label: 'top words', long: true, render: function (r) { return el('td', {}, [r.words.join(' · ')]); }}
      ], Object.keys(byTopic).map(function (k) { return byTopic[k]; }));
    }
    var unitsBox = $('topic-units');
    (tp.units || []).forEach(function (u) {
      unitsBox.appendChild(el('div', {className: 'unit'}, [
        el('div', {className: 'meta'}, [topicLabel(words, u.topic) + ' · weight ' + fmt(u.weight) + ' · ' +
          (u.region_name || '(no region)') + ' ' + yearLabel(u.report_year) + ' · ' + (u.title || u.doc_id) + (u.heading ? ' · ' + u.heading : '')]),
        el('div', {}, [u.snippet ? u.snippet + '…' : '(unit ' + (u.unit_id || '') + ')'])
      ]));
    });
    if (tp.topics_available && !(tp.units || []).length) { missing(unitsBox, 'doc_topics'); }
  }

  function keywords() {
    var kw = DATA.keywords || {};
    var box = $('keyword-lists');
    if (!kw.corpus_available) { missing(box, 'term_stats'); return; }
    var terms = kw.corpus || [];
    box.appendChild(el('ol', {className: 'terms'}, terms.map(function (t) {
      return el('li', {title: 'occurrences ' + fmt(t.term_freq) + ', documents ' + fmt(t.doc_freq)}, [t.term + ' (' + fmt(t.term_freq) + ')']);
    })));
    if (!terms.length) { box.appendChild(el('p', {className: 'missing'}, ['no corpus terms'])); }
  }

  function quality() {
    var q = DATA.quality || {};
    var qc = q.quarantine_counts || [];
    if (!q.quarantine_available) { missing($('quarantine-counts').parentNode, 'quarantine'); }
    counts($('quarantine-counts'), qc);
    var qbox = $('chart-quarantine');
    if (qc.length) {
      var opt = baseOption();
      opt.legend = {show: false};
      opt.grid = {left: 140, right: 20, top: 10, bottom: 30};
      opt.yAxis = {type: 'category', data: qc.map(function (x) { return x.value; }), inverse: true};
      opt.xAxis = {type: 'value', minInterval: 1};
      opt.series = [{type: 'bar', name: 'files', data: qc.map(function (x) { return x.n; })}];
      chart(qbox).setOption(opt);
    } else {
      qbox.className = '';
      qbox.appendChild(el('p', {className: 'missing'}, ['no quarantined files']));
    }
    counts($('docflag-counts'), CORPUS.doc_flag_counts);
    if (!IND.mentions_available) { missing($('indflag-counts').parentNode, 'indicators'); }
    counts($('indflag-counts'), IND.flag_counts);
    var ff = IND.flagged_figures || [];
    dataTable($('flagged-figures'), [
      {key: 'region_name', label: 'region'}, {key: 'report_year', label: 'year', num: true, plain: true},
      {key: 'indicator_name', label: 'indicator'}, {key: 'value', label: 'value', num: true}, {key: 'unit', label: 'unit'},
      {key: 'flags', label: 'flags'}, {key: 'sentence', label: 'sentence', long: true}
    ], ff);
    $('flagged-note').textContent = (IND.flagged_figures_total || 0) > ff.length
      ? 'the first ' + ff.length + ' of ' + fmt(IND.flagged_figures_total) + ' flagged figures (all are in the indicators table)' : '';
    var qf = q.quarantine || [];
    dataTable($('quarantine-files'), [
      {key: 'reason', label: 'reason'}, {key: 'source_path', label: 'file', long: true},
      {key: 'length', label: 'bytes', num: true}, {key: 'detail', label: 'detail', long: true}
    ], qf);
    $('quarantine-note').textContent = (q.quarantined || 0) > qf.length
      ? 'the first ' + qf.length + ' of ' + fmt(q.quarantined) + ' quarantined files (all are in the quarantine table)' : '';
  }

  [filters, summary, corpus, indicators, indicatorChart, topics, keywords, quality].forEach(function (f) {
    try { f(); } catch (e) {
      // One broken section must not blank the page; the message names it for the bug report.
      document.querySelector('main').appendChild(el('p', {className: 'missing'}, ['dashboard error in ' + f.name + ': ' + e]));
    }
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.documentElement.setAttribute('data-ready', 'true');
}());
