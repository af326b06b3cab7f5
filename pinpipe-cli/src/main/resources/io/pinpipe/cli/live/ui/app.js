// The live page: polls GET /ui/api/pipeline every 2 s and redraws. Plain DOM, no library; every value is set
// with textContent, never as HTML. With API keys on, the key the user types is kept in this tab's session storage
// and sent as the x-api-key header, never in the URL.
'use strict';

const API = '/ui/api/pipeline';
const EVERY_MS = 2000;
const KEY = 'pinpipe.api.key';
let refreshes = 0;

const number = value => value === null || value === undefined ? '-' : Number(value).toLocaleString('en');
const time = iso => iso ? new Date(iso).toLocaleTimeString() : '-';
const bytes = count => count < 1024 ? count + ' B' : count < 1048576 ? (count / 1024).toFixed(1) + ' KiB'
    : (count / 1048576).toFixed(1) + ' MiB';

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child));
  return node;
}

function stage(title, big, lines, down) {
  return element('div', {class: 'stage' + (down ? ' down' : '')}, element('h3', {}, title),
      element('div', {class: 'big'}, big), ...lines.map(line => element('div', {class: 'muted'}, line)));
}

function flow(id, stages) {
  const box = document.getElementById(id);
  box.replaceChildren();
  stages.forEach((part, index) => {
    if (index > 0) {
      box.append(element('div', {class: 'arrow'}, '\u2192'));
    }
    box.append(part);
  });
}

function sum(items, field) {
  return items.reduce((total, item) => total + (item[field] || 0), 0);
}

function drawFlows(p) {
  const batch = p.topics.filter(t => t.kind === 'batch');
  const streaming = p.topics.filter(t => t.kind === 'streaming');
  const lakeFiles = batch.map(t => t.lake).filter(Boolean);
  const newest = lakeFiles.map(l => l.newest_file).filter(Boolean).sort().pop();
  const sinkDown = p.sink.state !== 'RUNNING';
  flow('batch-flow', [
    stage('gateway (REST Proxy)', number(p.gateway.acknowledged) + ' acknowledged',
        [p.gateway.acknowledged_per_second.toFixed(1) + ' records/s']),
    stage('batch topics', number(sum(batch, 'in_kafka')) + ' in Kafka',
        batch.map(t => t.table + ': ' + number(t.in_kafka))),
    stage('lake sink ' + p.sink.name, p.sink.state, ['lag ' + number(p.sink.lag)], sinkDown),
    stage('lake', lakeFiles.length ? number(sum(lakeFiles, 'records')) + ' records' : 'not listed',
        [number(sum(lakeFiles, 'files')) + ' files, ' + bytes(sum(lakeFiles, 'bytes')),
          'newest file ' + time(newest)]),
    stage('batch tables', p.batch_tables.length ? '' : 'no run yet',
        p.batch_tables.map(t => t.name + ': ' + number(t.rows) + ' rows (v' + t.version + ', '
            + time(t.last_commit) + ')')),
  ]);
  flow('stream-flow', [
    stage('streams API', number(p.gateway.streams_acknowledged) + ' acknowledged',
        [p.gateway.streams_per_second.toFixed(1) + ' records/s']),
    stage('streaming topics', number(sum(streaming, 'in_kafka')) + ' in Kafka',
        streaming.map(t => t.table + ': ' + number(t.in_kafka))),
    stage('stream job', p.stream.last_batch === null ? 'never ran' : 'batch ' + p.stream.last_batch,
        ['committed ' + time(p.stream.last_batch_at), 'lag ' + number(p.stream.lag)]),
    stage('stream tables', p.stream_tables.length ? '' : 'none yet',
        p.stream_tables.map(t => t.name + ': ' + number(t.rows) + ' rows (v' + t.version + ')')),
  ]);
}

function drawBooks(p) {
  const body = document.querySelector('#books tbody');
  body.replaceChildren(...p.reconciliation.map(line => element('tr', {
    class: line.balanced ? 'ok' : 'bad', 'data-path': line.path, 'data-table': line.table,
    'data-in-kafka': line.in_kafka, 'data-landed': line.landed === null ? '' : line.landed,
  }, element('td', {}, line.path), element('td', {class: 'text'}, line.table), element('td', {}, number(line.in_kafka)),
      element('td', {}, number(line.landed)), element('td', {}, number(line.rows)),
      element('td', {class: 'mark'}, line.balanced ? '\u2713' : '\u2717'))));
  document.getElementById('problems').replaceChildren(...p.problems.map(text => element('li', {class: 'bad'}, text)));
}

function sparkline(title, values) {
  const width = 220;
  const height = 40;
  const peak = Math.max(0, ...values);
  // An idle stage draws a flat line at the bottom, not a scale of its own noise.
  const max = Math.max(1, peak);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, index) => (index * step).toFixed(1) + ',' + (height - value / max * height)
      .toFixed(1)).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  const last = values.length ? values[values.length - 1] : 0;
  return element('div', {class: 'spark'}, element('div', {}, title + ': ' + last.toFixed(1) + '/s'), svg,
      element('div', {class: 'muted'}, 'peak ' + peak.toFixed(1) + '/s'));
}

function rates(history, field) {
  const result = [];
  for (let i = 1; i < history.length; i++) {
    const seconds = Math.max(0.001, (Date.parse(history[i].at) - Date.parse(history[i - 1].at)) / 1000);
    result.push(Math.max(0, (history[i][field] - history[i - 1][field]) / seconds));
  }
  return result;
}

function drawSparks(p) {
  document.getElementById('sparks').replaceChildren(
      sparkline('acknowledged', rates(p.history, 'acknowledged')),
      sparkline('into Kafka (batch)', rates(p.history, 'in_kafka')),
      sparkline('into the lake', rates(p.history, 'in_lake')),
      sparkline('streams API', rates(p.history, 'streams_acknowledged')));
}

function drawPartitions(p) {
  const rows = [];
  p.topics.forEach(topic => topic.partitions.forEach(part => rows.push(element('tr', {},
      element('td', {}, topic.topic), element('td', {}, String(part.partition)), element('td', {}, number(part.end)),
      element('td', {}, number(part.read)), element('td', {}, number(part.lag))))));
  document.querySelector('#partitions tbody').replaceChildren(...rows);
}

function drawRuns(p) {
  const report = document.getElementById('report');
  report.textContent = p.runs.report ? 'latest report.html: ' + p.runs.report + ' (written '
      + new Date(p.runs.report_written).toLocaleString() + ')' : 'no report.html yet: run pinpipe batch';
  document.getElementById('report-link').hidden = !p.runs.report;
  document.querySelector('#runs tbody').replaceChildren(...p.runs.history.map(run => element('tr',
      {class: run.outcome === 'SUCCESS' ? 'ok' : 'bad'}, element('td', {}, run.logical_date),
      element('td', {}, String(run.attempt)), element('td', {}, new Date(run.started).toLocaleString()),
      element('td', {}, (run.duration_ms / 1000).toFixed(1) + ' s'), element('td', {class: 'text'}, run.outcome))));
}

function drawVerdict(p) {
  const verdict = document.getElementById('verdict');
  verdict.className = 'verdict ' + (p.balanced ? 'ok' : 'bad');
  verdict.dataset.balanced = String(p.balanced);
  verdict.textContent = p.balanced ? 'Balanced: acknowledged = in Kafka = landed'
      : 'Not balanced: ' + p.problems.length + ' problem' + (p.problems.length === 1 ? '' : 's');
  document.getElementById('updated').textContent = time(p.at);
  const counter = document.getElementById('refreshes');
  counter.dataset.count = String(++refreshes);
  counter.textContent = String(refreshes);
}

function draw(p) {
  drawVerdict(p);
  if (!p.topics) {
    document.getElementById('problems').replaceChildren(...p.problems.map(t => element('li', {class: 'bad'}, t)));
    return;
  }
  drawFlows(p);
  drawBooks(p);
  drawSparks(p);
  drawPartitions(p);
  drawRuns(p);
}

async function poll() {
  const headers = {accept: 'application/json'};
  const key = sessionStorage.getItem(KEY);
  if (key) {
    headers['x-api-key'] = key;
  }
  try {
    const response = await fetch(API, {headers, cache: 'no-store'});
    if (response.status === 401 || response.status === 403) {
      const form = document.getElementById('key-form');
      form.hidden = false;
      document.getElementById('key-error').textContent = key ? 'that key was refused' : '';
      return;
    }
    draw(await response.json());
  } catch (error) {
    const verdict = document.getElementById('verdict');
    verdict.className = 'verdict bad';
    verdict.textContent = 'the gateway does not answer: ' + error.message;
  } finally {
    setTimeout(poll, EVERY_MS);
  }
}

// With a key, a plain link cannot send it: fetch the report with the header and open what came back.
document.getElementById('report-link').addEventListener('click', async event => {
  const key = sessionStorage.getItem(KEY);
  if (!key) {
    return;
  }
  event.preventDefault();
  const response = await fetch('/ui/api/report', {headers: {'x-api-key': key}, cache: 'no-store'});
  const link = element('a', {href: URL.createObjectURL(await response.blob()), download: 'report.html'});
  link.click();
});

document.getElementById('key-form').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(KEY, document.getElementById('key').value);
  document.getElementById('key').value = '';
  document.getElementById('key-form').hidden = true;
});

poll();
