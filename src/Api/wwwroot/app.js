// The auditor page: a hash router over the read-only API. Each view module fetches what it shows and returns
// { title, view }; the router puts it in <main> and marks it with data-route once done (what the page tests wait for).
import { el } from './dom.js';
import { href, parse } from './routes.js';
import * as evaluator from './views/evaluator.js';
import * as node from './views/node.js';
import * as overview from './views/overview.js';
import * as scenario from './views/scenario.js';
import * as task from './views/task.js';

const views = { overview, task, node, evaluator, scenario };
const main = document.getElementById('view');
let shown = 0;

async function show(moveFocus) {
  let route = parse(location.hash);
  if (route && route.kind !== 'overview' && !location.hash.startsWith('#/')) {
    history.replaceState(null, '', href(route.kind, route.id)); // an old-style link (#task/ID): rewrite it
    route = parse(location.hash);
  }

  // A slow answer for a view the auditor already left must not replace the one they went to.
  const ticket = ++shown;
  main.removeAttribute('data-route');
  main.setAttribute('aria-busy', 'true');
  let title;
  let content;
  try {
    if (!route) throw new Error(`no view at ${location.hash}`);
    ({ title, view: content } = await views[route.kind].render(route.id, route.query));
  } catch (error) {
    title = 'error';
    content = el('div', { id: 'error-view' }, el('h1', {}, 'Not found'), el('p', { class: 'error', id: 'error' }, error.message), el('p', {}, el('a', { href: '#/' }, 'back to the overview')));
  }
  if (ticket !== shown) return;

  main.replaceChildren(content);
  document.title = `${title} · PoQ auditor`;
  main.setAttribute('data-route', location.hash || '#/');
  main.removeAttribute('aria-busy');
  if (moveFocus) {
    main.focus();
    window.scrollTo(0, 0);
  }
}

document.getElementById('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = document.getElementById('query').value.trim();
  if (!id) return;
  const target = href(document.getElementById('kind').value, id);
  if (location.hash === target) show(true); else location.hash = target;
});
window.addEventListener('hashchange', () => show(true));
show(false);
