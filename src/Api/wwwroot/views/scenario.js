// A replay scenario next to the recorded history: per node and role, recorded vs scenario reward totals, a page of
// nodes at a time (the cursor is in the URL, like the node history).
import { apiPath, getJson } from '../api.js';
import { el, grid, num, numCell, section, svg } from '../dom.js';
import { href, link } from '../routes.js';

// Grouped horizontal bars per node: recorded (grey) over scenario (blue).
function comparisonChart(nodes) {
  const barHeight = 9, rowHeight = 26, left = 170, width = 760, labels = 230;
  const height = 20 + nodes.length * rowHeight;
  const max = Math.max(1e-9, ...nodes.flatMap(n => [Math.abs(n.recorded), Math.abs(n.scenario)]));
  const scale = (v) => (Math.abs(v) * (width - left - labels)) / max;
  const chart = svg('svg', { id: 'comparison-chart', class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'recorded vs scenario reward totals per node' });
  nodes.forEach((n, i) => {
    const y = 10 + i * rowHeight;
    chart.append(svg('a', { href: href('node', n.node_id) }, svg('text', { x: 4, y: y + 12 }, `${n.role}:${n.node_id}`)));
    chart.append(svg('rect', { 'data-node': n.node_id, 'data-role': n.role, 'data-series': 'recorded', 'data-value': String(n.recorded), x: left, y, width: scale(n.recorded), height: barHeight, class: 'bar-recorded' }));
    chart.append(svg('rect', { 'data-node': n.node_id, 'data-role': n.role, 'data-series': 'scenario', 'data-value': String(n.scenario), x: left, y: y + barHeight + 1, width: scale(n.scenario), height: barHeight, class: 'bar-scenario' }));
    chart.append(svg('text', { x: left + Math.max(scale(n.recorded), scale(n.scenario)) + 4, y: y + 12 }, `${num(n.recorded)} → ${num(n.scenario)}`));
  });
  return chart;
}

export async function render(name, query) {
  const cursor = query.get('cursor') || null;
  const c = await getJson(apiPath(`scenarios/${encodeURIComponent(name)}/comparison`, { cursor, limit: query.get('limit') }));
  const legend = el('p', { class: 'legend' }, el('span', { style: 'background:#9aa3b2' }), 'recorded', el('span', { style: 'background:#2c6bd6' }), 'scenario');
  const rows = c.nodes.map(n => el('tr', { 'data-node': n.node_id, 'data-role': n.role },
    el('td', {}, link('node', n.node_id)), el('td', {}, n.role), numCell(n.recorded, 'recorded'), numCell(n.scenario, 'scenario'), numCell(n.scenario - n.recorded, 'change')));
  const pager = el('nav', { class: 'pager', 'aria-label': 'node pages' },
    cursor ? el('a', { id: 'first-nodes', href: href('scenario', c.scenario.name) }, '« first nodes') : null,
    c.next_cursor ? el('a', { id: 'next-nodes', href: href('scenario', c.scenario.name, { cursor: c.next_cursor }), rel: 'next' }, 'next nodes »') : null);
  const out = [
    el('h1', {}, 'scenario ', el('span', { 'data-field': 'scenario' }, c.scenario.name)),
    el('p', {}, `rule ${c.scenario.rule} (${c.scenario.params_hash}) over ${c.scenario.tasks} tasks, against the recorded rule ${c.recorded_rule}`),
    section('comparison', 'Reward totals per node', legend, comparisonChart(c.nodes), pager,
      grid([['node'], ['role'], ['recorded', 1], ['scenario', 1], ['change', 1]], rows, { id: 'comparison-table' })),
  ];
  return { title: `scenario ${c.scenario.name}`, view: el('div', { id: 'scenario-view' }, out) };
}
