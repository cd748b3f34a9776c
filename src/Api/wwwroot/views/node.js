// A node: its ledger per role (count, total, mean, variance) and its payout history, newest first, a page at a time
// through the API's keyset cursor. The cursor is part of the URL (#/nodes/ID?cursor=…), so "older" is a plain link:
// back returns to the newer page, and a page can be reloaded or shared.
import { apiPath, getJson } from '../api.js';
import { lineChart } from '../charts.js';
import { el, grid, keyValues, numCell, section, stamp, when } from '../dom.js';
import { href, link } from '../routes.js';

const Roles = ['inference', 'evaluator'];

function ledger(r) {
  return [el('h3', {}, `as ${r.role}`), keyValues([
    ['rewards (count)', r.count, 'count', true], ['total', r.total, 'total', true], ['mean', r.mean, 'mean', true],
    ['variance', r.variance, 'variance', true], ['last paid (log time)', when(r.last_paid_at), 'last_paid_at'],
  ], { 'data-role': r.role })];
}

function roleFilter(id, roles, role) {
  if (roles.length < 2) return null;
  const choice = (value, text) => el('a', { href: href('node', id, { role: value }), 'aria-current': (role ?? null) === value ? 'page' : null }, text);
  return el('nav', { class: 'roles', 'aria-label': 'roles' }, 'show: ', choice(null, 'all roles'), ' · ', choice('inference', 'inference'), ' · ', choice('evaluator', 'evaluator'));
}

// Trust columns only when the page holds evaluator payouts (an inference node has no trust).
function historyTable(page, cursor) {
  const trust = page.items.some(p => p.role === 'evaluator');
  const rows = page.items.map(p => el('tr', { 'data-task': p.task_id, 'data-role': p.role, 'data-closed-at': p.closed_at },
    el('td', {}, when(p.closed_at)), el('td', {}, link('task', p.task_id)), el('td', {}, p.role), numCell(p.epoch, 'epoch'), numCell(p.partition, 'partition'),
    numCell(p.reward, 'reward'), trust ? [numCell(p.trust_before, 'trust_before'), numCell(p.trust_after, 'trust_after')] : null));
  const headers = [['closed at (log time)'], ['task'], ['role'], ['epoch', 1], ['partition', 1], ['reward', 1], ...(trust ? [['trust before', 1], ['trust after', 1]] : [])];
  return grid(headers, rows, { id: 'history', 'data-cursor': cursor ?? '' });
}

// Shown above and below the table; only the top one carries ids (ids are unique).
function pager(id, role, cursor, next, where) {
  const ids = where === 'top';
  return el('nav', { class: 'pager', 'aria-label': `history pages (${where})` },
    cursor ? el('a', { id: ids ? 'newest' : null, href: href('node', id, { role }) }, '« newest') : null,
    next ? el('a', { id: ids ? 'older' : null, href: href('node', id, { role, cursor: next }), rel: 'next' }, 'older »')
      : el('span', { class: 'muted', id: ids ? 'oldest' : null }, 'oldest payout reached'));
}

export async function render(id, query) {
  const role = Roles.includes(query.get('role')) ? query.get('role') : null;
  const cursor = query.get('cursor') || null;
  const [n, page] = await Promise.all([
    getJson(apiPath(`nodes/${encodeURIComponent(id)}`, { history: 1 })),
    getJson(apiPath(`nodes/${encodeURIComponent(id)}/history`, { role, cursor, limit: query.get('limit') })),
  ]);
  const roles = Roles.filter(r => n[r]);
  const chronological = [...page.items].reverse();
  const out = [
    el('h1', {}, 'node ', el('span', { 'data-field': 'node_id' }, n.node_id)),
    n.evaluator ? el('p', {}, 'as an evaluator: ', link('evaluator', n.node_id, null, `trust and deviations of ${n.node_id}`)) : null,
    section('ledgers', 'Ledger', ...roles.flatMap(r => ledger(n[r]))),
    section('payouts', cursor ? 'Payouts, older page' : 'Payouts, newest first',
      roleFilter(n.node_id, roles, role),
      lineChart('history-chart', `rewards on this page (${page.items.length}), in time order`, chronological.map(p => ({ x: Date.parse(p.closed_at), y: p.reward })),
        (ms) => stamp(new Date(ms).toISOString())),
      pager(n.node_id, role, cursor, page.next_cursor, 'top'),
      historyTable(page, cursor),
      pager(n.node_id, role, cursor, page.next_cursor, 'bottom')),
  ];
  return { title: `node ${n.node_id}`, view: el('div', { id: 'node-view' }, out) };
}
