// An evaluator: participation, deviations, rewards, dead letters, and its trust over time — the trajectory the API
// downsamples to at most `points` steps (one index seek each), drawn as one polyline whatever the history's size.
import { apiPath, getJson } from '../api.js';
import { lineChart } from '../charts.js';
import { el, exact, grid, keyValues, num, numCell, section, stamp, when } from '../dom.js';
import { href, link } from '../routes.js';

const Points = 200;

function trajectory(points) {
  const chart = lineChart('trajectory', `trust after each verdict, ${points.length} points sampled evenly over time`,
    points.map(p => ({ x: Date.parse(p.closed_at), y: p.after })),
    (ms) => stamp(new Date(ms).toISOString()));
  const rows = points.map(p => el('tr', { 'data-task': p.task_id },
    el('td', {}, when(p.closed_at)), el('td', {}, link('task', p.task_id)), numCell(p.epoch, 'epoch'), numCell(p.before, 'before'), numCell(p.after, 'after')));
  return [chart, el('details', {}, el('summary', {}, `the ${points.length} points as a table`),
    grid([['closed at (log time)'], ['task'], ['epoch', 1], ['trust before', 1], ['trust after', 1]], rows, { id: 'trajectory-points' }))];
}

function deadLetters(e) {
  const reasons = Object.entries(e.dead_letters_by_reason);
  if (reasons.length === 0) return [el('p', { class: 'muted' }, 'no dead letter names this evaluator')];
  return [
    grid([['reason'], ['count', 1]], reasons.map(([reason, count]) => el('tr', {}, el('td', {}, reason), numCell(count, 'dead_letters'))), { id: 'dead-letter-reasons' }),
    el('h3', {}, 'Most recent'),
    grid([['recorded at'], ['reason'], ['task'], ['error']], e.recent_dead_letters.map(d => el('tr', {},
      el('td', {}, when(d.recorded_at)), el('td', {}, d.reason), el('td', {}, d.task_id ? link('task', d.task_id) : '–'), el('td', {}, d.error)))),
  ];
}

// The latest recorded detection run's flags naming this evaluator (`poq audit detect`), each with its evidence: a cartel's
// pairs (close agreements away from the consensus, bound ties) or a copier's copies of the node's previous consensus.
// p-values span many decades: shown as 1.00e-9, the exact value in data-value as elsewhere.
const pCell = (value, field) => el('td', { class: 'num', 'data-field': field, 'data-value': exact(value) }, value.toExponential(2));

function flags(e) {
  if (!e.detection_run) return [el('p', { class: 'muted' }, 'detection never ran on this store (poq audit detect)')];
  if (e.flags.length === 0) return [el('p', { class: 'muted', 'data-field': 'detection_run', 'data-value': e.detection_run }, `not flagged by detection run ${e.detection_run}`)];
  const evidence = (f) => f.evidence
    ? `equals the node's previous consensus on ${f.evidence.copies} of ${f.evidence.tasks} tasks (baseline ${num(f.evidence.baseline)}), median latency ${num(f.evidence.median_latency_ms)} ms`
    : f.pairs.map(p => `${p.evaluator_a}–${p.evaluator_b}: ${p.close_agreements}/${p.tasks} close agreements (baseline ${num(p.baseline)}), bound ties ${p.bound_ties}/${p.bound_trials}`).join('; ');
  const rows = e.flags.map(f => el('tr', { 'data-kind': f.kind },
    el('td', {}, f.kind), el('td', {}, f.evaluators.flatMap((id, i) => (i ? [', ', link('evaluator', id)] : [link('evaluator', id)]))),
    pCell(f.statistic, 'statistic'), pCell(f.threshold, 'threshold'), el('td', {}, evidence(f))));
  return [el('p', { class: 'muted' }, `detection run ${e.detection_run}`),
    grid([['kind'], ['evaluators'], ['p-value', 1], ['threshold', 1], ['evidence']], rows, { id: 'detection-flags' })];
}

// Its signing keys as the registry recorded them (issue 10): a score counts only if one in force at its log time signed it.
function keys(e) {
  if (e.keys.length === 0) return [el('p', { class: 'muted' }, 'never registered: no signing key recorded')];
  const rows = e.keys.map(k => el('tr', { 'data-action': k.action },
    el('td', {}, k.action), el('td', { 'data-field': 'fingerprint' }, k.fingerprint), el('td', {}, when(k.effective_at)), el('td', {}, k.source)));
  return [grid([['action'], ['key'], ['from (log time)'], ['record']], rows, { id: 'registry-keys' })];
}

export async function render(id) {
  const e = await getJson(apiPath(`evaluators/${encodeURIComponent(id)}`, { points: Points }));
  const d = e.deviation;
  const out = [
    el('h1', {}, 'evaluator ', el('span', { 'data-field': 'evaluator_id' }, e.evaluator_id)),
    el('p', {}, el('a', { href: href('node', e.evaluator_id), 'data-kind': 'node', 'data-id': e.evaluator_id }, `payout history of ${e.evaluator_id}`)),
    keyValues([
      ['tasks sampled', e.tasks_sampled, 'tasks_sampled', true], ['tasks scored', e.tasks_scored, 'tasks_scored', true],
      ['tasks settled', e.tasks_settled, 'tasks_settled', true], ['current trust', e.current_trust, 'current_trust', true],
      ['rewards total', e.reward_total, 'reward_total', true],
      ['deviation mean', d.mean, 'deviation_mean', true], ['deviation variance', d.variance, 'deviation_variance', true],
      ['deviation min … max', `${num(d.min)} … ${num(d.max)}`, 'deviation_range'], ['times excluded', d.excluded, 'excluded', true],
    ]),
    section('trust-trajectory', 'Trust over time', ...(e.trajectory.length ? trajectory(e.trajectory) : [el('p', { class: 'muted' }, 'no settled task yet')])),
    section('dead-letters', 'Dead letters', ...deadLetters(e)),
    section('flags', 'Detection flags', ...flags(e)),
    section('keys', 'Registry keys', ...keys(e)),
  ];
  return { title: `evaluator ${e.evaluator_id}`, view: el('div', { id: 'evaluator-view' }, out) };
}
