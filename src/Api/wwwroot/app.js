// The auditor page: reads the read-only API, renders breakdowns and draws charts as inline SVG. No dependencies.
'use strict';

const $ = (id) => document.getElementById(id);

// Numbers are shown with 6 decimals; the exact API value rides along in data-value for anyone (and the page test)
// who wants to compare to the last digit.
function num(value) {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(6);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function numCell(value, field) {
  return el('td', { class: 'num', 'data-field': field, 'data-value': value === null || value === undefined ? '' : String(value) }, num(value));
}

function keyValues(rows) {
  const table = el('table', {});
  for (const [label, value, field, isNumber] of rows) {
    const cell = isNumber ? numCell(value, field) : el('td', { 'data-field': field }, value ?? '–');
    table.append(el('tr', {}, el('th', {}, label), cell));
  }
  return table;
}

function grid(headers, rows) {
  const table = el('table', {});
  table.append(el('tr', {}, ...headers.map(([h, isNumber]) => el('th', isNumber ? { class: 'num' } : {}, h))));
  for (const row of rows) table.append(row);
  return table;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && (body.detail || body.title) ? (body.detail || body.title) : `HTTP ${response.status}`;
    throw new Error(detail);
  }
  return body;
}

function showError(target, error) {
  target.replaceChildren(el('p', { class: 'error', id: 'error' }, error.message));
}

// Line chart of (x, y) points, e.g. a node's reward history or an evaluator's trust trajectory.
function lineChart(points, label) {
  const width = 640, height = 180, pad = 30;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', width); svg.setAttribute('height', height); svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', label);
  if (points.length === 0) return svg;
  const ys = points.map(p => p[1]);
  const minY = Math.min(0, ...ys), maxY = Math.max(...ys, minY + 1e-9);
  const x = (i) => pad + (points.length === 1 ? 0 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v) => height - pad - ((v - minY) * (height - 2 * pad)) / (maxY - minY);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
  svg.innerHTML = `<line x1="${pad}" y1="${y(0)}" x2="${width - pad}" y2="${y(0)}" stroke="#bbb"/>` +
    `<path d="${path}" fill="none" stroke="#2c6bd6" stroke-width="1.5"/>` +
    `<text x="4" y="${pad - 10}" font-size="11">${maxY.toFixed(3)}</text><text x="4" y="${height - 8}" font-size="11">${minY.toFixed(3)}</text>`;
  return svg;
}

function renderTask(t) {
  const out = [el('h3', {}, `task ${t.task_id}`)];
  out.push(keyValues([
    ['trust epoch', t.epoch, 'epoch', true],
    ['partition', t.partition, 'partition', true],
    ['type', t.task_type, 'task_type'],
    ['inference node', t.inference.node_id, 'inference_node'],
    ['status', t.status, 'status'],
    ['close reason', t.close_reason, 'close_reason'],
    ['closed at (log time) by', `${t.closed_at} by ${t.closed_by}`, 'closed_by'],
    ['rule', `${t.rule} (${t.params_hash}) ${Object.entries(t.rule_parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`, 'rule'],
    ['reward parameters', `${t.reward_params_hash} ${Object.entries(t.reward_parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`, 'reward_parameters'],
    ['consensus c', t.consensus, 'consensus', true],
    ['trimmed', t.trimmed.length ? t.trimmed.join(', ') : 'none', 'trimmed'],
    ['missing scores', t.missing_evaluators.length ? t.missing_evaluators.join(', ') : 'none', 'missing'],
    ['inference latency (ms)', t.inference.latency_ms, 'inference_latency_ms', true],
    ['inference ĉ_F', t.inference.normalized_cost, 'inference_normalized_cost', true],
    ['inference reward R_F', t.inference.reward, 'inference_reward', true],
    ['total paid', t.total_paid, 'total_paid', true],
  ]));
  if (t.inference.formula) out.push(el('p', { class: 'formula' }, t.inference.formula));
  const rows = t.evaluators.map(e => el('tr', { 'data-evaluator': e.evaluator_id },
    el('td', {}, e.evaluator_id), numCell(e.score, 'score'), numCell(e.latency_ms, 'latency_ms'), numCell(e.normalized_cost, 'normalized_cost'),
    numCell(e.weight, 'weight'), el('td', { 'data-field': 'excluded' }, e.excluded ? 'yes' : ''), numCell(e.deviation, 'deviation'),
    numCell(e.trust_before, 'trust_before'), numCell(e.trust_after, 'trust_after'), numCell(e.reward, 'reward')));
  out.push(grid([['evaluator'], ['score', 1], ['latency ms', 1], ['ĉ_M', 1], ['weight', 1], ['excluded'], ['d', 1], ['trust before', 1], ['trust after', 1], ['reward R_M', 1]], rows));
  for (const e of t.evaluators.filter(e => e.formula)) out.push(el('div', { class: 'formula' }, `${e.evaluator_id}: ${e.formula}`));
  if (t.mechanism_note) out.push(el('p', { class: 'error' }, t.mechanism_note));
  return out;
}

function renderRole(r) {
  const out = [el('h3', {}, `as ${r.role}`)];
  const table = keyValues([
    ['rewards (count)', r.count, 'count', true], ['total', r.total, 'total', true], ['mean', r.mean, 'mean', true],
    ['variance', r.variance, 'variance', true], ['last paid (log time)', r.last_paid_at, 'last_paid_at'],
  ]);
  table.setAttribute('data-role', r.role);
  out.push(table);
  out.push(lineChart(r.history.map((h, i) => [i, h.amount]), `${r.role} rewards in task order`));
  const rows = r.history.slice(-20).reverse().map(h => el('tr', {}, numCell(h.epoch, 'epoch'), el('td', {}, h.task_id), numCell(h.amount, 'amount')));
  out.push(grid([['epoch', 1], ['task'], ['amount', 1]], rows));
  return out;
}

function renderNode(n) {
  const out = [el('h3', {}, `node ${n.node_id}`)];
  for (const role of [n.inference, n.evaluator]) if (role) out.push(...renderRole(role));
  return out;
}

function renderEvaluator(e) {
  const d = e.deviation;
  const out = [el('h3', {}, `evaluator ${e.evaluator_id}`), keyValues([
    ['tasks sampled', e.tasks_sampled, 'tasks_sampled', true], ['tasks settled', e.tasks_settled, 'tasks_settled', true],
    ['current trust', e.current_trust, 'current_trust', true], ['rewards total', e.reward_total, 'reward_total', true],
    ['deviation mean', d.mean, 'deviation_mean', true], ['deviation variance', d.variance, 'deviation_variance', true],
    ['deviation max', d.max, 'deviation_max', true], ['times excluded', d.excluded, 'excluded', true],
  ])];
  out.push(lineChart(e.trajectory.map((p, i) => [i, p.before]), 'trust in force for each task'));
  const reasons = Object.entries(e.dead_letters_by_reason).map(([reason, count]) => el('tr', {}, el('td', {}, reason), numCell(count, 'dead_letters')));
  out.push(grid([['dead letter reason'], ['count', 1]], reasons));
  return out;
}

async function lookUp(kind, id) {
  const target = $('result');
  target.replaceChildren(el('p', { class: 'muted' }, 'loading…'));
  try {
    const path = { task: 'tasks', node: 'nodes', evaluator: 'evaluators' }[kind];
    const body = await getJson(`api/${path}/${encodeURIComponent(id)}`);
    const render = { task: renderTask, node: renderNode, evaluator: renderEvaluator }[kind];
    target.replaceChildren(el('div', { id: `${kind}-view` }, ...render(body)));
    history.replaceState(null, '', `#${kind}/${encodeURIComponent(id)}`);
  } catch (error) {
    showError(target, error);
  }
}

// Grouped horizontal bars per node: recorded (grey) vs scenario (blue).
function comparisonChart(c) {
  const nodes = c.nodes, barH = 9, rowH = 26, left = 140, width = 640;
  const height = 20 + nodes.length * rowH;
  const max = Math.max(1e-9, ...nodes.flatMap(n => [Math.abs(n.recorded), Math.abs(n.scenario)]));
  const scale = (v) => (Math.abs(v) * (width - left - 80)) / max;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', width); svg.setAttribute('height', height); svg.setAttribute('id', 'comparison-chart');
  svg.innerHTML = nodes.map((n, i) => {
    const y = 10 + i * rowH;
    return `<text x="4" y="${y + 12}" font-size="11">${n.role}:${n.node_id}</text>` +
      `<rect data-node="${n.node_id}" data-series="recorded" data-value="${n.recorded}" x="${left}" y="${y}" width="${scale(n.recorded)}" height="${barH}" fill="#9aa3b2"/>` +
      `<rect data-node="${n.node_id}" data-series="scenario" data-value="${n.scenario}" x="${left}" y="${y + barH + 1}" width="${scale(n.scenario)}" height="${barH}" fill="#2c6bd6"/>` +
      `<text x="${left + Math.max(scale(n.recorded), scale(n.scenario)) + 4}" y="${y + 12}" font-size="11">${num(n.recorded)} → ${num(n.scenario)}</text>`;
  }).join('');
  return svg;
}

async function loadScenarios() {
  const select = $('scenario');
  try {
    const scenarios = await getJson('api/scenarios');
    select.replaceChildren(...scenarios.map(s => el('option', { value: s.name }, `${s.name} (${s.rule}, ${s.tasks} tasks)`)));
    if (scenarios.length === 0) $('comparison').replaceChildren(el('p', { class: 'muted', id: 'no-scenarios' }, 'no scenarios recorded yet (poq replay writes them)'));
  } catch (error) {
    showError($('comparison'), error);
  }
}

async function compare(name) {
  const target = $('comparison');
  try {
    const c = await getJson(`api/scenarios/${encodeURIComponent(name)}/comparison`);
    const legend = el('div', { class: 'legend' }, `${c.scenario.name}: ${c.scenario.rule} (${c.scenario.params_hash}) vs recorded ${c.recorded_rule}`);
    legend.innerHTML += '<span style="background:#9aa3b2"></span>recorded<span style="background:#2c6bd6"></span>scenario';
    target.replaceChildren(legend, comparisonChart(c));
  } catch (error) {
    showError(target, error);
  }
}

async function loadStatus() {
  try {
    const s = await getJson('api/status');
    $('status').textContent = s.tasks_finalized + s.tasks_insufficient === 0
      ? 'the event store holds no recorded task yet'
      : `${s.tasks_finalized} tasks finalized, ${s.tasks_insufficient} insufficient · rule ${s.rule} (${s.params_hash}) · ` +
        `${s.inference_nodes} inference nodes, ${s.evaluators} evaluators · paid ${num(s.inference_total + s.evaluator_total)}`;
  } catch (error) {
    $('status').textContent = `status unavailable: ${error.message}`;
  }
}

$('lookup').addEventListener('submit', (event) => { event.preventDefault(); lookUp($('kind').value, $('query').value.trim()); });
$('compare').addEventListener('submit', (event) => { event.preventDefault(); if ($('scenario').value) compare($('scenario').value); });
loadStatus();
loadScenarios();
const [hashKind, hashId] = location.hash.slice(1).split('/');
if (hashKind && hashId) { $('kind').value = hashKind; $('query').value = decodeURIComponent(hashId); lookUp(hashKind, decodeURIComponent(hashId)); }
