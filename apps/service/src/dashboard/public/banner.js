import { el, formatNumber, t } from './common.js';

/** The banner: the verdict and the allowed gross mass, with every reason behind it. */
export function showStatus(status) {
  const banner = document.getElementById('banner');
  banner.className = `banner ${status.status}`;
  banner.dataset.status = status.status;
  banner.replaceChildren(
    el('strong', { id: 'status' }, [t(`status.${status.status}`)]),
    el('span', { id: 'allowed-mass' }, [
      `${t('allowedMass')}: ${formatNumber(status.maxGrossTonnes)} ${t('tonnes')}`,
    ]),
  );
  document
    .getElementById('reasons')
    .replaceChildren(...(status.reasons || []).map((r) => el('li', {}, [r.text])));
}

/** The two banks, named at the lane's ends (the corridor runs from the Russian to the Chinese bank). */
export function bankLabels(corridor) {
  if (corridor.length < 2) return [];
  return [
    { location: corridor[0], label: t('jalinda'), kind: 'bank' },
    { location: corridor[corridor.length - 1], label: t('mohe'), kind: 'bank' },
  ];
}
