// Building the page's elements. Every value reaches the page as text (textContent, text nodes,
// attribute values), never as HTML, so a customer name like <img src=x onerror=...> stays text.

export const byId = (id) => document.getElementById(id);

export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    if (props.className) node.className = props.className;
    if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
    for (const [name, value] of Object.entries(props.attrs || {})) node.setAttribute(name, String(value));
  }
  // append() turns strings into text nodes, never markup.
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

// The same for the pictures the page draws (charts.js): SVG elements with attributes and text, never markup.
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export const show = (node, visible) => { node.hidden = !visible; };
export const textOf = (value, fallback = '—') => (value === null || value === undefined || value === '' ? fallback : String(value));
export const listOf = (value) => (Array.isArray(value) ? value : []);
