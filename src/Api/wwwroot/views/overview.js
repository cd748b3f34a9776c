// The landing view: store status, the last full verification, payouts by node, the evaluators' trust distribution and
// what the latest replay scenario changed most. One API call (/api/overview) plus the scenario list.
import { getJson } from '../api.js';
import { barChart, histogram } from '../charts.js';
import { el, grid, keyValues, num, numCell, section, when } from '../dom.js';
import { href, link } from '../routes.js';

const ChartedPerRole = 40;
const TrustBins = 10;

function status(s) {
  if (s.tasks_finalized + s.tasks_insufficient === 0) {
    return section('status', 'Store', el('p', { class: 'muted' }, 'the event store holds no recorded task yet'));
  }
  return section('status', 'Store', keyValues([
    ['tasks finalized', s.tasks_finalized, 'tasks_finalized', true],
    ['tasks insufficient (below quorum)', s.tasks_insufficient, 'tasks_insufficient', true],
    ['scores accepted', s.scores_accepted, 'scores_accepted', true],
    ['dead letters', s.dead_letters, 'dead_letters', true],
    ['rule', `${s.rule} (${s.params_hash})`, 'rule'],
    ['inference nodes paid', s.inference_nodes, 'inference_nodes', true],
    ['evaluators paid', s.evaluators, 'evaluators', true],
    ['paid to inference nodes', s.inference_total, 'inference_total', true],
    ['paid to evaluators', s.evaluator_total, 'evaluator_total', true],
  ]));
}

function verification(v) {
  if (!v) {
    return section('verification', 'Last verification',
      el('p', { 'data-field': 'verification', 'data-state': 'never' }, 'never verified: run ', el('code', {}, 'poq audit verify --all'), '.'));
  }
  const attrs = { 'data-field': 'verification', 'data-state': v.clean ? 'clean' : 'mismatches', 'data-tasks-checked': v.tasks_checked, 'data-mismatches': v.mismatches };
  const summary = v.clean
    ? el('p', attrs, el('span', { class: 'ok' }, 'clean'), ` — ${v.tasks_checked} tasks re-derived exactly, verified `, when(v.verified_at))
    : el('p', attrs, el('span', { class: 'error' }, `${v.mismatches} mismatches`), ` in ${v.tasks_checked} tasks checked, verified `, when(v.verified_at));
  const out = [summary];
  if (!v.clean && v.first_mismatches.length) {
    out.push(grid([['task'], ['field'], ['recorded'], ['recomputed']], v.first_mismatches.map(m => el('tr', {},
      el('td', {}, m.task_id ? link('task', m.task_id) : 'store-wide'), el('td', {}, m.field), el('td', {}, m.recorded), el('td', {}, m.recomputed))),
    { id: 'mismatches' }));
    if (v.mismatches > v.first_mismatches.length) out.push(el('p', { class: 'muted' }, `first ${v.first_mismatches.length} shown`));
  }
  return section('verification', 'Last verification', ...out);
}

function payouts(nodes) {
  const out = [];
  for (const role of ['inference', 'evaluator']) {
    const lines = nodes.filter(n => n.role === role).sort((a, b) => b.total - a.total);
    if (lines.length === 0) continue;
    const charted = lines.slice(0, ChartedPerRole);
    const caption = `Σ rewards paid per ${role === 'inference' ? 'inference node' : 'evaluator'}` +
      (lines.length > charted.length ? ` (the ${charted.length} highest of ${lines.length}; all in the table)` : '');
    out.push(el('h3', {}, role === 'inference' ? 'Inference nodes' : 'Evaluators'));
    out.push(barChart(`payouts-${role}`, caption, charted.map(n => ({
      label: n.node_id, href: href('node', n.node_id),
      value: n.total, className: `bar-${role}`, data: { 'data-node': n.node_id, 'data-role': role },
    }))));
  }
  const rows = nodes.map(n => el('tr', { 'data-node': n.node_id, 'data-role': n.role },
    el('td', {}, link('node', n.node_id)), el('td', {}, n.role), numCell(n.count, 'count'), numCell(n.total, 'total'), numCell(n.mean, 'mean')));
  out.push(el('details', {}, el('summary', {}, `all ${nodes.length} node ledgers as a table`),
    grid([['node'], ['role'], ['rewards', 1], ['total', 1], ['mean', 1]], rows, { id: 'node-ledgers' })));
  return section('payouts', 'Payouts by node', ...(nodes.length ? out : [el('p', { class: 'muted' }, 'no node has been paid yet')]));
}

function trust(evaluators) {
  const settled = evaluators.filter(e => e.trust !== null && e.trust !== undefined);
  if (settled.length === 0) return section('trust', 'Trust of evaluators', el('p', { class: 'muted' }, 'no evaluator has a settled task yet'));
  const { figure, bins } = histogram('trust-histogram', (b) => b.length === 1
    ? `Evaluators by current trust: all ${settled.length} with a settled task have trust ${num(b[0].from)}`
    : `Evaluators by current trust (${settled.length} with a settled task, ${b.length} equal-width bins)`, settled.map(e => e.trust), TrustBins);
  const binTable = grid([['trust from', 1], ['to', 1], ['evaluators', 1]],
    bins.map(b => el('tr', {}, numCell(b.from, 'from'), numCell(b.to, 'to'), numCell(b.count, 'count'))), { id: 'trust-bins' });
  const byTrust = [...evaluators].sort((a, b) => (a.trust ?? Infinity) - (b.trust ?? Infinity) || a.evaluator_id.localeCompare(b.evaluator_id));
  const list = grid([['evaluator'], ['trust', 1], ['tasks settled', 1]], byTrust.map(e => el('tr', { 'data-evaluator': e.evaluator_id },
    el('td', {}, link('evaluator', e.evaluator_id)), numCell(e.trust, 'trust'), numCell(e.settled, 'settled'))), { id: 'evaluator-trust' });
  return section('trust', 'Trust of evaluators', figure,
    el('div', { class: 'grid2' },
      el('div', {}, el('h3', {}, 'Histogram'), binTable),
      el('div', {}, el('h3', {}, 'Evaluators, lowest trust first'), list)));
}

function latestScenario(scenario, mostChanged) {
  if (!scenario) return section('latest-scenario', 'Latest scenario', el('p', { class: 'muted' }, 'no scenario written yet (poq replay writes them)'));
  const rows = mostChanged.map(n => el('tr', { 'data-node': n.node_id, 'data-role': n.role },
    el('td', {}, link('node', n.node_id)), el('td', {}, n.role), numCell(n.recorded, 'recorded'), numCell(n.scenario, 'scenario'), numCell(n.scenario - n.recorded, 'change')));
  return section('latest-scenario', 'Latest scenario',
    el('p', {}, link('scenario', scenario.name), ` — rule ${scenario.rule} (${scenario.params_hash}) over ${scenario.tasks} tasks; the nodes it changed most:`),
    grid([['node'], ['role'], ['recorded', 1], ['scenario', 1], ['change', 1]], rows, { id: 'most-changed' }));
}

function scenarios(list) {
  if (list.length === 0) return null;
  return section('scenarios', 'All scenarios', el('ul', {}, list.map(s => el('li', {}, link('scenario', s.name), ` — ${s.rule}, ${s.tasks} tasks`))));
}

export async function render() {
  const [o, list] = await Promise.all([getJson('api/overview'), getJson('api/scenarios')]);
  return {
    title: 'overview',
    view: el('div', { id: 'overview' }, el('h1', {}, 'Overview'),
      status(o.status), verification(o.last_verification), payouts(o.nodes), trust(o.evaluators), latestScenario(o.latest_scenario, o.most_changed), scenarios(list)),
  };
}
