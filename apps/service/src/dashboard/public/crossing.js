import { api, chrome, el, localName, mayOpenCrossings, t } from './common.js';
import { showFerryCrossing } from './ferry-crossing.js';
import { showIceCrossing } from './ice-crossing.js';

const main = document.querySelector('main');
const id = new URLSearchParams(location.search).get('id');

chrome('crossing', start);

/** One crossing (crossing.html?id=…, linked from the overview): the ice or the ferry page. */
async function start() {
  if (!mayOpenCrossings()) return location.replace('/dashboard/shipments.html');
  if (!id) return location.replace('/dashboard/');
  const crossing = await api(`/api/crossings/${encodeURIComponent(id)}`);
  document.title = `${localName(crossing.name)} · ${t('title')}`;
  main.replaceChildren(el('h2', { class: 'crossing-name' }, [localName(crossing.name)]));
  return crossing.mode === 'ferry' ? showFerryCrossing(crossing, main) : showIceCrossing(crossing, main);
}
