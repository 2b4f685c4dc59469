/* GovLens dashboard. Report strings reach the page only as text: through el()/text nodes (textContent)
 * and ECharts' SVG text, never innerHTML, so a report holding markup shows it as characters. */
(function () {
  'use strict';
  var FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var DATA = JSON.parse(document.getElementById('govlens-data').textContent);
  var charts = [];

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

  function fmtValue(r) {
    if (r.value == null) { return ''; }
    // 余/多 follow the number as written (100余件); 约/近/超 and the rest precede it.
    var after = r.approx === '余' || r.approx === '多';
    return (r.approx && !after ? r.approx : '') + fmt(r.value) + (after ? r.approx : '') + (r.unit ? ' ' + r.unit : '');
  }

  function yearLabel(y) { return y == null ? '(no year)' : String(y); }
  function regionLabel(r) { return r.region_name || r.region_code || '(no region)'; }

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

  /* A plain table: columns [{key, label, num, long, render}], rows of objects; headers sort. */
  function dataTable(table, columns, rows) {
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
      sorted.forEach(function (r) {
        var row = el('tr');
        columns.forEach(function (c) {
          var td = c.render ? c.render(r) : el('td', {}, [c.plain ? (r[c.key] == null ? '' : String(r[c.key])) : fmt(r[c.key])]);
          if (c.num) { td.classList.add('num'); }
          if (c.long) { td.classList.add('long'); }
          row.appendChild(td);
        });
        tbody.appendChild(row);
      });
    }
    draw();
    if (!rows.length) {
      tbody.appendChild(el('tr', {}, [el('td', {colspan: String(columns.length), className: 'missing'}, ['no rows'])]));
    }
  }

  function summary() {
    var docs = DATA.documents || [];
    var ind = DATA.indicators || {};
    var regions = {}, years = {};
    docs.forEach(function (d) { if (d.region_name) { regions[d.region_name] = 1; } if (d.report_year != null) { years[d.report_year] = 1; } });
    var q = (DATA.quality || {}).quarantine_counts || [];
    var cards = [
      ['文件 documents', docs.length],
      ['地区 regions', Object.keys(regions).length],
      ['年份 years', Object.keys(years).sort().join(', ') || '-'],
      ['指标值 indicator values', (ind.rows || []).length],
      ['隔离 quarantined', q.reduce(function (s, x) { return s + x.n; }, 0)]
    ];
    var box = $('summary');
    cards.forEach(function (c) { box.appendChild(el('div', {className: 'card'}, [el('b', {}, [String(c[1])]), c[0]])); });
  }

  /* Indicators: rows region × year, one column per indicator, each value opening its sentence. */
  function indicators() {
    var ind = DATA.indicators || {};
    var table = $('indicator-table');
    if (!ind.available) { missing(table.parentNode, 'region_year_indicators'); $('area-select').disabled = true; return; }
    var rows = ind.rows || [];
    var codes = {}, areas = {};
    rows.forEach(function (r) {
      codes[r.indicator] = codes[r.indicator] || {code: r.indicator, name: r.indicator_name || r.indicator, area: r.area || '', unit: r.unit};
      if (r.area) { areas[r.area] = 1; }
    });
    var byKey = {}, keys = [];
    rows.forEach(function (r) {
      var k = (r.region_code || r.region_name || '') + '|' + r.report_year;
      if (!byKey[k]) { byKey[k] = {region: regionLabel(r), region_code: r.region_code, year: r.report_year, values: {}}; keys.push(k); }
      byKey[k].values[r.indicator] = r;
    });
    var select = $('area-select');
    select.appendChild(el('option', {value: ''}, ['全部 all']));
    Object.keys(areas).sort().forEach(function (a) { select.appendChild(el('option', {value: a}, [a])); });
    var detail = $('indicator-detail');

    function showDetail(r) {
      detail.hidden = false;
      detail.textContent = '';
      detail.appendChild(el('div', {}, [el('b', {}, [regionLabel(r) + ' ' + yearLabel(r.report_year) + ' · ' + (r.indicator_name || r.indicator) + ': ' + fmtValue(r)])]));
      var s = r.sentence || '';
      var p = el('p', {className: 'sentence'});
      var at = r.raw_text ? s.indexOf(r.raw_text) : -1;
      if (at >= 0) {
        p.appendChild(document.createTextNode(s.slice(0, at)));
        p.appendChild(el('mark', {}, [r.raw_text]));
        p.appendChild(document.createTextNode(s.slice(at + r.raw_text.length)));
      } else {
        p.appendChild(document.createTextNode(s || '(sentence not in this warehouse) ' + (r.raw_text || '')));
      }
      detail.appendChild(p);
      var meta = [];
      if (r.title) { meta.push('文件: ' + r.title); }
      if (r.previous_value != null) { meta.push('previous year: ' + fmt(r.previous_value) + (r.change_pct != null ? ' (' + (r.change_pct > 0 ? '+' : '') + fmt(r.change_pct) + '%)' : '')); }
      if (r.n_values > 1) { meta.push(r.n_values + ' values reported, chosen: ' + (r.choice || '')); }
      if (r.flags && r.flags.length) { meta.push('flags: ' + r.flags.join(', ')); }
      meta.push('doc_id ' + r.doc_id + ', char ' + r.char_start);
      detail.appendChild(el('p', {className: 'hint'}, [meta.join(' · ')]));
    }

    function draw() {
      var area = select.value;
      var cols = [
        {key: 'region', label: '地区 region'},
        {key: 'year', label: '年份 year', num: true, plain: true}
      ];
      Object.keys(codes).map(function (c) { return codes[c]; })
        .filter(function (c) { return !area || c.area === area; })
        .sort(function (a, b) { return (a.area + a.code).localeCompare(b.area + b.code); })
        .forEach(function (c) {
          cols.push({
            key: c.code, label: c.name, title: c.code + (c.unit ? ' (' + c.unit + ')' : ''), num: true,
            sortValue: function (row) { var v = row.values[c.code]; return v ? v.value : null; },
            render: function (row) {
              var r = row.values[c.code];
              if (!r) { return el('td'); }
              var flagged = r.flags && r.flags.length;
              return el('td', {className: 'val' + (flagged ? ' flagged' : ''), title: r.sentence || r.raw_text || '',
                onclick: function () { showDetail(r); }}, [fmtValue(r)]);
            }
          });
        });
      dataTable(table, cols, keys.map(function (k) { return byKey[k]; }));
    }
    select.addEventListener('change', draw);
    draw();
  }

  /* One indicator: x = regions, one bar series per year. */
  function indicatorChart() {
    var ind = DATA.indicators || {};
    var box = $('chart-indicator');
    var select = $('indicator-select');
    var rows = ind.rows || [];
    if (!ind.available || !rows.length) { box.className = ''; missing(box, 'region_year_indicators'); select.disabled = true; return; }
    var counts = {};
    rows.forEach(function (r) { counts[r.indicator] = counts[r.indicator] || {n: 0, name: r.indicator_name || r.indicator, unit: r.unit}; counts[r.indicator].n++; });
    Object.keys(counts).sort(function (a, b) { return counts[b].n - counts[a].n || a.localeCompare(b); }).forEach(function (c) {
      select.appendChild(el('option', {value: c}, [counts[c].name + ' (' + c + ', ' + counts[c].n + ')']));
    });
    var c = chart(box);
    function draw() {
      var code = select.value;
      var sel = rows.filter(function (r) { return r.indicator === code; });
      var regions = [], years = [];
      sel.forEach(function (r) {
        if (regions.indexOf(regionLabel(r)) < 0) { regions.push(regionLabel(r)); }
        if (years.indexOf(yearLabel(r.report_year)) < 0) { years.push(yearLabel(r.report_year)); }
      });
      years.sort();
      var opt = baseOption();
      opt.xAxis = {type: 'category', data: regions, axisLabel: {rotate: 30, fontFamily: FONT}};
      opt.yAxis = {type: 'value', name: counts[code].unit || '', nameTextStyle: {fontFamily: FONT}};
      opt.series = years.map(function (y) {
        return {
          type: 'bar', name: y,
          data: regions.map(function (g) {
            var r = sel.filter(function (x) { return regionLabel(x) === g && yearLabel(x.report_year) === y; })[0];
            return r ? r.value : null;
          })
        };
      });
      c.setOption(opt, true);
    }
    select.addEventListener('change', draw);
    draw();
  }

  function topicLabel(words, t) {
    var w = words.filter(function (x) { return x.topic === t; }).slice(0, 3).map(function (x) { return x.term; });
    return 'T' + t + (w.length ? ' ' + w.join('·') : '');
  }

  function topics() {
    var tp = DATA.topics || {};
    var box = $('chart-topics');
    if (!tp.available || !(tp.shares || []).length) {
      box.className = '';
      missing(box, 'topic_shares');
      if (!tp.topics_available) { missing($('topic-units'), 'topics'); }
    }
    var words = tp.words || [];
    var shares = tp.shares || [];
    if (shares.length) {
      var cats = [], topicsSeen = [];
      shares.forEach(function (s) {
        var k = regionLabel(s) + ' ' + yearLabel(s.report_year);
        if (cats.indexOf(k) < 0) { cats.push(k); }
        if (topicsSeen.indexOf(s.topic) < 0) { topicsSeen.push(s.topic); }
      });
      topicsSeen.sort(function (a, b) { return a - b; });
      var opt = baseOption();
      opt.xAxis = {type: 'category', data: cats, axisLabel: {rotate: 30, fontFamily: FONT}};
      opt.yAxis = {type: 'value', max: 1, name: 'share'};
      opt.grid.top = 70;
      opt.series = topicsSeen.map(function (t) {
        return {
          type: 'bar', stack: 'share', name: topicLabel(words, t),
          data: cats.map(function (k) {
            var s = shares.filter(function (x) { return x.topic === t && regionLabel(x) + ' ' + yearLabel(x.report_year) === k; })[0];
            return s ? Math.round(s.share * 1000) / 1000 : 0;
          })
        };
      });
      chart(box).setOption(opt);
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
    var units = $('topic-units');
    (tp.units || []).forEach(function (u) {
      units.appendChild(el('div', {className: 'unit'}, [
        el('div', {className: 'meta'}, [topicLabel(words, u.topic) + ' · weight ' + fmt(u.weight) + ' · ' +
          regionLabel(u) + ' ' + yearLabel(u.report_year) + ' · ' + (u.title || u.doc_id) + (u.heading ? ' · ' + u.heading : '')]),
        el('div', {}, [u.snippet ? u.snippet + '…' : '(unit ' + (u.unit_id || '') + ')'])
      ]));
    });
    if (tp.topics_available && !(tp.units || []).length) { missing(units, 'doc_topics'); }
  }

  function keywords() {
    var kw = DATA.keywords || {};
    var box = $('keyword-lists');
    var select = $('keyword-select');
    if (!kw.available) { missing(box, 'keywords'); select.disabled = true; return; }
    var lists = kw.lists || [];
    var kinds = [];
    lists.forEach(function (l) { var k = l.scope + ' · ' + l.method; if (kinds.indexOf(k) < 0) { kinds.push(k); } });
    kinds.sort(function (a, b) { return (b.indexOf('region_year') === 0) - (a.indexOf('region_year') === 0) || a.localeCompare(b); });
    kinds.forEach(function (k) { select.appendChild(el('option', {value: k}, [k])); });
    function draw() {
      box.textContent = '';
      lists.filter(function (l) { return l.scope + ' · ' + l.method === select.value; }).forEach(function (l) {
        var head = l.scope === 'doc' ? (l.title || l.doc_id) + ' (' + regionLabel(l) + ' ' + yearLabel(l.report_year) + ')'
          : regionLabel(l) + ' ' + yearLabel(l.report_year);
        box.appendChild(el('div', {className: 'kw'}, [
          el('h4', {}, [head]),
          el('ol', {}, l.terms.map(function (t) { return el('li', {title: 'score ' + fmt(t.score) + ', count ' + fmt(t.count)}, [t.term]); }))
        ]));
      });
      if (!box.children.length) { box.appendChild(el('p', {className: 'missing'}, ['no keyword lists'])); }
    }
    select.addEventListener('change', draw);
    draw();
  }

  function quality() {
    var q = DATA.quality || {};
    var counts = [{key: 'value', label: 'value'}, {key: 'n', label: 'count', num: true}];
    var qc = q.quarantine_counts || [];
    if (!q.quarantine_available) { missing($('quarantine-counts').parentNode, 'quarantine'); }
    dataTable($('quarantine-counts'), counts, qc);
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
    dataTable($('docflag-counts'), counts, q.doc_flag_counts || []);
    var ind = DATA.indicators || {};
    if (!(DATA.tables || []).some(function (t) { return t === 'indicators'; })) { missing($('indflag-counts').parentNode, 'indicators'); }
    dataTable($('indflag-counts'), counts, ind.flag_counts || []);
    dataTable($('flagged-figures'), [
      {key: 'region_name', label: 'region'}, {key: 'report_year', label: 'year', num: true, plain: true},
      {key: 'indicator_name', label: 'indicator'}, {key: 'value', label: 'value', num: true}, {key: 'unit', label: 'unit'},
      {key: 'flags', label: 'flags'}, {key: 'sentence', label: 'sentence', long: true}
    ], ind.flagged || []);
    dataTable($('quarantine-files'), [
      {key: 'reason', label: 'reason'}, {key: 'source_path', label: 'file', long: true},
      {key: 'length', label: 'bytes', num: true}, {key: 'detail', label: 'detail', long: true}
    ], q.quarantine || []);
    dataTable($('documents-table'), [
      {key: 'title', label: 'title', long: true}, {key: 'region_name', label: 'region'},
      {key: 'report_year', label: 'year', num: true, plain: true}, {key: 'char_count', label: 'chars', num: true},
      {key: 'quality_flags', label: 'quality flags', long: true}, {key: 'source_path', label: 'file', long: true}
    ], DATA.documents || []);
  }

  [summary, indicators, indicatorChart, topics, keywords, quality].forEach(function (f) {
    try { f(); } catch (e) {
      // One broken section must not blank the page; the message names it for the bug report.
      document.querySelector('main').appendChild(el('p', {className: 'missing'}, ['dashboard error in ' + f.name + ': ' + e]));
    }
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.documentElement.setAttribute('data-ready', 'true');
}());
