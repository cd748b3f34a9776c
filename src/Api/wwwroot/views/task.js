// A task: how it was settled — the recorded mechanism, the consensus, every evaluator's score, weight, deviation, trust
// and reward, the inference node's reward with its formula — and, on request, its re-derivation (verification).
import { apiPath, getJson } from '../api.js';
import { el, grid, keyValues, numCell, when } from '../dom.js';
import { link } from '../routes.js';

function ids(kind, list) {
  return list.length ? list.flatMap((id, i) => (i ? [', ', link(kind, id)] : [link(kind, id)])) : 'none';
}

function verifyButton(taskId) {
  const result = el('div', { id: 'task-verification', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', id: 'verify-task' }, 'Re-derive this task');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const r = await getJson(apiPath(`tasks/${encodeURIComponent(taskId)}/verification`));
      result.replaceChildren(r.mismatches.length === 0
        ? el('p', { class: 'ok', 'data-state': 'clean' }, 'clean: every recorded value re-derived exactly')
        : el('div', { 'data-state': 'mismatches' }, el('p', { class: 'error' }, `${r.mismatches.length} mismatches`),
          grid([['field'], ['recorded'], ['recomputed']], r.mismatches.map(m => el('tr', {}, el('td', {}, m.field), el('td', {}, m.recorded), el('td', {}, m.recomputed))))));
    } catch (error) {
      result.replaceChildren(el('p', { class: 'error' }, error.message));
    } finally {
      button.disabled = false;
    }
  });
  return el('div', {}, button, result);
}

export async function render(id) {
  const t = await getJson(apiPath(`tasks/${encodeURIComponent(id)}`));
  const out = [el('h1', {}, 'task ', el('span', { 'data-field': 'task_id' }, t.task_id))];
  out.push(keyValues([
    ['trust epoch', t.epoch, 'epoch', true],
    ['partition', t.partition, 'partition', true],
    ['type', t.task_type, 'task_type'],
    ['inference node', link('node', t.inference.node_id), 'inference_node'],
    ['status', t.status, 'status'],
    ['close reason', t.close_reason, 'close_reason'],
    ['closed at (log time) by', [when(t.closed_at), ` by ${t.closed_by}`], 'closed_by'],
    ['rule', `${t.rule} (${t.params_hash}) ${Object.entries(t.rule_parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`, 'rule'],
    ['reward parameters', `${t.reward_params_hash} ${Object.entries(t.reward_parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`, 'reward_parameters'],
    ['consensus c', t.consensus, 'consensus', true],
    ['trimmed', ids('evaluator', t.trimmed), 'trimmed'],
    ['missing scores', ids('evaluator', t.missing_evaluators), 'missing'],
    ['inference latency (ms)', t.inference.latency_ms, 'inference_latency_ms', true],
    ['inference ĉ_F', t.inference.normalized_cost, 'inference_normalized_cost', true],
    ['inference reward R_F', t.inference.reward, 'inference_reward', true],
    ['total paid', t.total_paid, 'total_paid', true],
  ]));
  if (t.escalation) {
    // The payout was held: the first scores disagreed, so the next evaluators of the task's draw were asked too.
    const x = t.escalation;
    out.push(el('h2', {}, 'Escalation'), keyValues([
      ['dispersion (MAD) > threshold', `${x.dispersion} > ${x.threshold} over the first ${x.scores_at_request} scores`, 'escalation_dispersion'],
      ['asked too', ids('evaluator', x.evaluators), 'escalation_evaluators'],
      ['requested at (log time)', when(x.requested_at), 'escalation_requested_at'],
      ['waited until (log time)', when(x.deadline), 'escalation_deadline'],
    ]));
  }
  if (t.inference.formula) out.push(el('p', { class: 'formula' }, t.inference.formula));
  out.push(el('h2', {}, 'Evaluators'));
  const rows = t.evaluators.map(e => el('tr', { 'data-evaluator': e.evaluator_id },
    el('td', {}, link('evaluator', e.evaluator_id)), numCell(e.score, 'score'), numCell(e.latency_ms, 'latency_ms'), numCell(e.normalized_cost, 'normalized_cost'),
    numCell(e.weight, 'weight'), el('td', { 'data-field': 'excluded' }, e.excluded ? 'yes' : ''), numCell(e.deviation, 'deviation'),
    numCell(e.trust_before, 'trust_before'), numCell(e.trust_after, 'trust_after'), numCell(e.reward, 'reward')));
  out.push(grid([['evaluator'], ['score', 1], ['latency ms', 1], ['ĉ_M', 1], ['weight', 1], ['excluded'], ['d', 1], ['trust before', 1], ['trust after', 1], ['reward R_M', 1]], rows));
  for (const e of t.evaluators.filter(e => e.formula)) out.push(el('div', { class: 'formula' }, `${e.evaluator_id}: ${e.formula}`));
  if (t.mechanism_note) out.push(el('p', { class: 'error' }, t.mechanism_note));
  out.push(el('h2', {}, 'Verification'), verifyButton(t.task_id));
  return { title: `task ${t.task_id}`, view: el('div', { id: 'task-view' }, out) };
}
