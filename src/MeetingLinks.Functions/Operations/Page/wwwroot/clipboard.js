// Copying text: the Clipboard API where the page may use it, the old selection command otherwise.

import { el } from './dom.js';

// True when the text is on the clipboard.
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied: try the old way.
    }
  }
  const active = document.activeElement;
  const area = el('textarea', { className: 'offscreen', attrs: { readonly: '', 'aria-hidden': 'true' } });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  if (active instanceof HTMLElement) active.focus();
  return copied;
}
