import { api, chrome, el, formatTime, lineChart, liveStream, ruleName, since, t } from './common.js';

const main = document.querySelector('main');
const DAY = 86_400_000;

chrome('shipments', start);

async function start() {
  const shipments = await api('/api/shipments');
  if (shipments.length === 0) return main.replaceChildren(el('p', { class: 'muted' }, [t('noShipments')]));
  main.replaceChildren(
    ...shipments.map((s) => el('section', { class: 'card shipment', id: `shipment-${s.id}` })),
  );
  const byDevice = new Map(shipments.flatMap((s) => s.devices.map((d) => [d, s.id])));
  await Promise.all(shipments.map((s) => render(s.id)));
  const timers = {};
  const refresh = (id) => {
    clearTimeout(timers[id]);
    timers[id] = setTimeout(() => void render(id), 500);
  };
  liveStream({
    reading: (r) => byDevice.has(r.deviceId) && refresh(byDevice.get(r.deviceId)),
    alert: (e) => byDevice.has(e.alert.subjectId) && refresh(byDevice.get(e.alert.subjectId)),
  });
}

/** One container: its profile's limits, temperature and humidity against them, MKT, excursions. */
async function render(id) {
  const to = Date.now();
  const earliest = to - DAY;
  const [shipment, conditions] = await Promise.all([
    api(`/api/shipments/${encodeURIComponent(id)}`),
    api(`/api/shipments/${encodeURIComponent(id)}/conditions?from=${earliest}&to=${to}`),
  ]);
  const limits = conditions.limits;
  const series = (metric) => {
    const s = conditions.series[metric];
    return s
      ? [{ name: metric, points: s.points.map((p) => ({ ts: Date.parse(p.ts), value: p.value })) }]
      : [];
  };
  const limitLines = (range, unit) =>
    [
      range?.min !== undefined && { value: range.min, label: `min ${range.min} ${unit}` },
      range?.max !== undefined && { value: range.max, label: `max ${range.max} ${unit}` },
    ].filter(Boolean);
  const describe = (range, unit) => (range ? `${range.min ?? '−∞'} … ${range.max ?? '+∞'} ${unit}` : '—');
  const from = since([...series('tempC'), ...series('humidityPct')], earliest);
  const chart = (title, data, lines) =>
    data.length === 0
      ? []
      : [
          el('figure', {}, [
            el('figcaption', {}, [title]),
            lineChart(data, { from, to, limits: lines, width: 320, height: 200 }),
          ]),
        ];
  const mkt = conditions.meanKineticTemperatureC;
  const excursions = conditions.excursions;
  document.getElementById(`shipment-${id}`).replaceChildren(
    el('h2', {}, [
      `${t('container')} ${shipment.isoNumber}`,
      el('span', { class: 'muted' }, [` · ${shipment.devices.join(', ')}`]),
    ]),
    el('dl', {}, [
      el('dt', {}, [t('profile')]),
      el('dd', {}, [`${shipment.profile.name} (${shipment.cargoProfile})`]),
      el('dt', {}, [t('limits')]),
      el('dd', {}, [`${describe(limits.tempC, '°C')}; ${describe(limits.humidityPct, '%')}`]),
      el('dt', {}, [t('mkt')]),
      el(
        'dd',
        {
          class:
            mkt !== undefined && conditions.mktLimitC !== undefined && mkt > conditions.mktLimitC
              ? 'bad'
              : '',
        },
        [
          mkt === undefined
            ? t('noData')
            : `${mkt} °C${conditions.mktLimitC !== undefined ? ` (≤ ${conditions.mktLimitC} °C)` : ''}`,
        ],
      ),
    ]),
    el('div', { class: 'charts' }, [
      ...chart(t('temperature'), series('tempC'), limitLines(limits.tempC, '°C')),
      ...chart(t('humidity'), series('humidityPct'), limitLines(limits.humidityPct, '%')),
    ]),
    el('h3', {}, [t('excursions')]),
    excursions.length === 0
      ? el('p', { class: 'muted' }, [t('noExcursions')])
      : el('table', { class: 'excursions' }, [
          el(
            'tr',
            {},
            [t('rule'), t('severity'), t('since'), t('until'), t('reason')].map((h) => el('th', {}, [h])),
          ),
          ...excursions.map((x) =>
            el('tr', { class: `severity-${x.severity}` }, [
              el('td', { 'data-rule': x.ruleId }, [ruleName(x.ruleId)]),
              el('td', {}, [x.severity]),
              el('td', {}, [formatTime(x.since)]),
              el('td', {}, [x.until ? formatTime(x.until) : t('ongoing')]),
              el('td', {}, [x.reason]),
            ]),
          ),
        ]),
  );
}
