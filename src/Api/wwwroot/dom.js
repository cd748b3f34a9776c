// Building blocks of every view: elements (never innerHTML with data, so ids and error texts cannot inject markup),
// numbers and the key/value and grid tables.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

// Numbers are shown with 6 decimals; the exact API value rides along in data-value for anyone (and the page tests)
// who wants to compare to the last digit.
export function num(value) {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(6);
}

export function exact(value) {
  return value === null || value === undefined ? '' : String(value);
}

export function numCell(value, field) {
  return el('td', { class: 'num', 'data-field': field, 'data-value': exact(value) }, num(value));
}

// Rows: [label, value, field, isNumber]; a value may be a node (a link, a list of links).
export function keyValues(rows, attrs) {
  const table = el('table', attrs || {});
  const body = el('tbody', {});
  for (const [label, value, field, isNumber] of rows) {
    const cell = isNumber ? numCell(value, field) : el('td', { 'data-field': field }, value ?? '–');
    body.append(el('tr', {}, el('th', { scope: 'row' }, label), cell));
  }
  table.append(body);
  return table;
}

// Headers: [label, isNumber]; rows: <tr> elements.
export function grid(headers, rows, attrs) {
  return el('table', attrs || {},
    el('thead', {}, el('tr', {}, headers.map(([h, isNumber]) => el('th', { scope: 'col', class: isNumber ? 'num' : null }, h)))),
    el('tbody', {}, rows));
}

export function section(id, title, ...children) {
  return el('section', { id, 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), ...children);
}

// Log times in UTC to the millisecond: tasks close a few ms apart, so seconds alone would not order them.
export function stamp(iso) {
  return iso.replace('T', ' ').replace(/(\.\d{1,3})\d*/, '$1').replace(/(\+00:00|Z)$/, ' UTC');
}

export function when(iso) {
  return iso ? el('time', { datetime: iso }, stamp(iso)) : '–';
}
