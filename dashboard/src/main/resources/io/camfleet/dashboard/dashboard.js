// Follows /events (one flat JSON object per DailyStats) and draws, per policy, one row of small charts
// as /vocabulary.json (the server's statistics vocabulary: services, measures, charts) describes them;
// follows /status (whether the dashboard reaches Kafka) and shows a banner while it cannot; marks each
// policy's dated stages (/stages.json) on its charts as dashed lines at the midnight each takes over.
(function () {
  'use strict';
  const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#CC79A7'];
  const HEIGHT = 150;
  // from /vocabulary.json: the services' ids, and each chart {kind, title, service, series: [{measure, label}]}
  let services = [];
  let charts = [];
  // from /stages.json: policy -> {colour, stages: [{from, label, at}]}, at in seconds like the x axis
  let marks = new Map();

  const grid = document.getElementById('grid');
  const policies = new Map(); // policy -> {days: {service: Map(dayEnd -> stats)}, charts: [{def, plot, el}]}
  const dirty = new Set();
  let latestDay = '';
  let renderScheduled = false;

  // 12,500 as 12.5k, so the axis stays narrow in a small chart
  function compact(n) {
    const abs = Math.abs(n);
    if (abs >= 1e6) {
      return +(n / 1e6).toFixed(1) + 'M';
    }
    if (abs >= 1e3) {
      return +(n / 1e3).toFixed(1) + 'k';
    }
    return String(+n.toFixed(2));
  }

  function chartWidth() {
    const title = grid.querySelector('.column-title:nth-child(2)');
    return Math.max(200, Math.floor(title.getBoundingClientRect().width));
  }

  // A uPlot plugin: one element per stage in the plot's overlay, a dashed line in the policy's
  // colour at the stage's midnight with the stage's label, shown when the midnight lies after the
  // first day shown closed and before the last one did (as report.html shows it)
  function stageMarkers(policy) {
    const mark = marks.get(policy);
    if (!mark || mark.stages.length === 0) {
      return [];
    }
    let els = [];
    return [{
      hooks: {
        init: u => { // before the first draw
          els = mark.stages.map(stage => {
            const el = document.createElement('div');
            el.className = 'stage';
            el.dataset.stage = stage.label;
            el.dataset.from = stage.from;
            el.title = policy + ': stage ' + stage.label + ' from ' + stage.from;
            el.style.borderLeftColor = mark.colour;
            el.hidden = true;
            const label = document.createElement('span');
            label.textContent = stage.label;
            label.style.color = mark.colour;
            el.appendChild(label);
            u.over.appendChild(el);
            return el;
          });
        },
        draw: u => {
          const xs = u.data[0];
          const width = u.over.clientWidth;
          mark.stages.forEach((stage, i) => {
            const el = els[i];
            el.hidden = !(xs.length > 1 && xs[0] <= stage.at && stage.at < xs[xs.length - 1]);
            if (!el.hidden) {
              const left = u.valToPos(stage.at, 'x');
              el.style.left = left + 'px';
              el.classList.toggle('end', left > width - 70);
            }
          });
        },
      },
    }];
  }

  function rowFor(policy) {
    let row = policies.get(policy);
    if (row) {
      return row;
    }
    row = { days: Object.fromEntries(services.map(id => [id, new Map()])), charts: [] };
    policies.set(policy, row);
    // rows stay in policy-name order, whatever order the statistics arrive in
    const names = [...policies.keys()].sort();
    const next = names[names.indexOf(policy) + 1];
    const before = next ? grid.querySelector('.policy[data-policy="' + CSS.escape(next) + '"]') : null;
    const label = document.createElement('div');
    label.className = 'policy';
    label.dataset.policy = policy;
    label.textContent = policy;
    if (marks.has(policy)) {
      label.style.borderLeftColor = marks.get(policy).colour; // its colour in the report
      label.classList.add('coloured');
    }
    grid.insertBefore(label, before);
    for (const def of charts) {
      const el = document.createElement('div');
      el.className = 'chart';
      el.dataset.policy = policy;
      el.dataset.kind = def.kind;
      el.dataset.points = '0';
      grid.insertBefore(el, before);
      const plot = new uPlot({
        width: chartWidth(),
        height: HEIGHT,
        cursor: { sync: { key: def.kind } },
        legend: { live: false },
        scales: { x: { time: true } },
        axes: [{ size: 30 }, { size: 45, values: (u, ticks) => ticks.map(compact) }],
        series: [{}].concat(def.series.map((line, i) => ({ label: line.label, stroke: COLOURS[i], width: 1.5 }))),
        plugins: stageMarkers(policy),
      }, [[]].concat(def.series.map(() => [])), el);
      row.charts.push({ def, plot, el });
    }
    document.getElementById('policy-count').textContent = String(policies.size);
    showStatus();
    return row;
  }

  function accept(stats) {
    const row = rowFor(stats.policy);
    const days = row.days[stats.service];
    if (!days) {
      return;
    }
    days.set(stats.dayEnd, stats); // a replay after reconnecting replaces, never duplicates
    dirty.add(stats.policy);
    if (stats.day > latestDay) {
      latestDay = stats.day;
    }
    if (!renderScheduled) {
      renderScheduled = true;
      setTimeout(render, 150);
    }
  }

  function render() {
    renderScheduled = false;
    for (const policy of dirty) {
      const row = policies.get(policy);
      for (const chart of row.charts) {
        const days = [...row.days[chart.def.service].values()].sort((a, b) => a.dayEnd - b.dayEnd);
        const data = [days.map(d => d.dayEnd / 1000)];
        for (const { measure } of chart.def.series) {
          data.push(days.map(d => (measure in d ? d[measure] : null)));
        }
        chart.plot.setData(data);
        chart.el.dataset.points = String(days.length);
        chart.el.dataset.lastDay = days.length ? days[days.length - 1].day : '';
        chart.el.dataset.final = String(days.length > 0 && days[days.length - 1].last);
      }
    }
    dirty.clear();
    document.getElementById('latest-day').textContent = latestDay || '-';
  }

  window.addEventListener('resize', () => {
    const width = chartWidth();
    policies.forEach(row => row.charts.forEach(c => c.plot.setSize({ width, height: HEIGHT })));
  });

  // "live" needs both: the page's feed from the dashboard, and the dashboard's connection to Kafka
  const status = document.getElementById('status');
  const banner = document.getElementById('banner');
  let feed = 'connecting';
  let kafka = { state: 'connecting', message: '' };

  function showStatus() {
    const trouble = kafka.state === 'unreachable' || kafka.state === 'stopped';
    if (feed !== 'open') {
      status.textContent = feed;
      status.className = feed === 'connecting' ? '' : 'lost';
    } else if (kafka.state === 'finished') {
      // a finished run's final statistics, served after its broker has gone
      status.textContent = 'finished';
      status.className = 'live';
      status.title = kafka.message;
    } else if (kafka.state === 'connected') {
      status.textContent = 'live';
      status.className = 'live';
    } else if (trouble) {
      status.textContent = kafka.state === 'stopped' ? 'stopped' : 'no connection to Kafka';
      status.className = 'lost';
    } else {
      status.textContent = 'connecting to Kafka';
      status.className = '';
    }
    banner.textContent = trouble ? kafka.message : '';
    banner.hidden = !trouble;
    // while Kafka cannot be reached, the services' statistics are not what the page waits for
    document.getElementById('empty').hidden = policies.size > 0 || trouble;
  }

  // statistics that arrive before the vocabulary wait here; null once it has arrived
  let early = [];
  const events = new EventSource('/events');
  events.onopen = () => { feed = 'open'; showStatus(); };
  events.onerror = () => { feed = 'reconnecting'; showStatus(); };
  events.onmessage = e => {
    const stats = JSON.parse(e.data);
    if (early) {
      early.push(stats);
    } else {
      accept(stats);
    }
  };

  const kafkaStatus = new EventSource('/status');
  kafkaStatus.onmessage = e => { kafka = JSON.parse(e.data); showStatus(); };

  // one column title per chart, its tooltip the definitions of its lines
  function start([vocabulary, stages]) {
    marks = new Map(stages.policies.map(p => [p.policy, p]));
    document.getElementById('stages-note').hidden = !stages.policies.some(p => p.stages.length > 0);
    services = vocabulary.services.map(s => s.id);
    charts = vocabulary.charts;
    grid.style.gridTemplateColumns = '9rem repeat(' + charts.length + ', minmax(0, 1fr))';
    for (const chart of charts) {
      const title = document.createElement('div');
      title.className = 'column-title';
      title.textContent = chart.title;
      title.title = chart.series.map(line => line.label + ': ' + line.definition).join('\n');
      grid.appendChild(title);
    }
    const waiting = early;
    early = null;
    waiting.forEach(accept);
  }

  function json(path) {
    return fetch(path).then(response => {
      if (!response.ok) {
        throw new Error(path + ': HTTP ' + response.status);
      }
      return response.json();
    });
  }

  Promise.all([json('/vocabulary.json'), json('/stages.json')])
    .then(start)
    .catch(error => {
      events.close();
      feed = 'cannot read the vocabulary: ' + error.message;
      showStatus();
    });
})();
