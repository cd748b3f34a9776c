// Each view has its own URL, a hash route, so reload, back/forward and shared links work without the server knowing
// the views: #/  #/tasks/ID  #/nodes/ID?role=R&cursor=C  #/evaluators/ID  #/scenarios/NAME?cursor=C
import { el } from './dom.js';

const collections = { task: 'tasks', node: 'nodes', evaluator: 'evaluators', scenario: 'scenarios' };
const kinds = Object.fromEntries(Object.entries(collections).map(([k, v]) => [v, k]));

export function href(kind, id, query) {
  const search = new URLSearchParams(Object.entries(query || {}).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const tail = search.toString();
  return `#/${collections[kind]}/${encodeURIComponent(id)}${tail ? `?${tail}` : ''}`;
}

// Every id on the page is one of these.
export function link(kind, id, query, text) {
  return el('a', { href: href(kind, id, query), 'data-kind': kind, 'data-id': id }, text ?? id);
}

// The route a hash names: { kind: 'overview' } or { kind, id, query }; null for a hash that names no view.
export function parse(hash) {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '' || raw === '/') return { kind: 'overview', query: new URLSearchParams() };
  const [path, search] = raw.split('?', 2);
  const parts = path.split('/');
  // Links from the earlier page (#task/ID) still open their view.
  if (parts.length === 2 && collections[parts[0]]) return { kind: parts[0], id: decodeURIComponent(parts[1]), query: new URLSearchParams() };
  if (parts.length === 3 && parts[0] === '' && kinds[parts[1]] && parts[2] !== '') {
    return { kind: kinds[parts[1]], id: decodeURIComponent(parts[2]), query: new URLSearchParams(search || '') };
  }
  return null;
}
