import { renderAlerts } from './alerts.js';
import {
  ageOf,
  api,
  chrome,
  el,
  formatNumber,
  HttpError,
  keepAgesFresh,
  liveStream,
  localName,
  mayOpenCrossings,
  t,
} from './common.js';

const main = document.querySelector('main');

chrome('crossings', start);

/** Every crossing of the site, ice and ferry, from the API: nothing here names one. */
async function start() {
  // A cargo owner's key may not see the crossings: their page is the shipments page.
  if (!mayOpenCrossings()) return location.replace('/dashboard/shipments.html');
  main.replaceChildren(
    el('section', { id: 'crossings', class: 'crossings' }),
    el('section', { class: 'card wide' }, [el('h2', {}, [t('alerts')]), el('div', { id: 'alerts' })]),
  );
  const alerts = document.getElementById('alerts');
  await Promise.all([loadCrossings(), renderAlerts(alerts)]);
  let timer;
  liveStream({
    'crossing-status': () => (clearTimeout(timer), (timer = setTimeout(() => void loadCrossings(), 300))),
    alert: () => void renderAlerts(alerts),
    open: () => void loadCrossings(),
  });
  keepAgesFresh();
}

async function loadCrossings() {
  let crossings;
  try {
    crossings = await api('/api/crossings');
  } catch (error) {
    if (error instanceof HttpError && error.status === 403)
      return location.replace('/dashboard/shipments.html');
    throw error;
  }
  document.getElementById('crossings').replaceChildren(...crossings.map(card));
}

function card(crossing) {
  return el(
    'a',
    {
      class: `crossing-card ${crossing.status}`,
      href: `/dashboard/crossing.html?id=${encodeURIComponent(crossing.id)}`,
      'data-crossing': crossing.id,
      'data-status': crossing.status,
    },
    [
      el('h2', {}, [localName(crossing.name)]),
      el('p', { class: 'mode' }, [t(`mode.${crossing.mode}`)]),
      el('strong', { class: 'status' }, [t(`status.${crossing.status}`)]),
      el('p', { class: 'allowed-mass' }, [
        `${t('allowedMass')}: ${formatNumber(crossing.maxGrossTonnes)} ${t('tonnes')}`,
      ]),
      el(
        'ul',
        { class: 'reasons' },
        (crossing.reasons || []).map((r) => el('li', {}, [r.text])),
      ),
      el('p', { class: 'muted' }, [
        `${t('age')}: `,
        el('span', { 'data-ts': crossing.dataAt ?? '' }, [ageOf(crossing.dataAt)]),
      ]),
    ],
  );
}
