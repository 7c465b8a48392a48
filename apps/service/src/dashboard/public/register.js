import { api, apiKey, chrome, el, language, liveStream } from './common.js';

// A cargo owner's page to register, edit and close their shipments. Its words are here, in the
// three languages of the dashboard, so the shared dictionary stays as it is.
const WORDS = {
  en: {
    heading: 'Register a shipment',
    edit: 'Edit shipment',
    mine: 'My registered shipments',
    none: 'No registered shipments yet.',
    container: 'Container (ISO 6346)',
    profile: 'Cargo profile',
    limits: 'Profile limits',
    overrides: 'Narrower limits (optional)',
    trackers: 'Trackers (ids, comma-separated)',
    description: 'Description',
    legs: 'Planned legs',
    from: 'From',
    to: 'To',
    departs: 'Departs',
    arrives: 'Arrives',
    save: 'Save',
    start: 'Start',
    deliver: 'Delivered',
    cancel: 'Cancel shipment',
    editButton: 'Edit',
    saved: 'Saved',
    states: { planned: 'planned', in_transit: 'in transit', delivered: 'delivered', cancelled: 'cancelled' },
    modes: { rail: 'Rail', truck: 'Truck', crossing: 'Crossing', onward: 'Onward' },
  },
  ru: {
    heading: 'Зарегистрировать груз',
    edit: 'Изменить груз',
    mine: 'Мои зарегистрированные грузы',
    none: 'Зарегистрированных грузов пока нет.',
    container: 'Контейнер (ISO 6346)',
    profile: 'Профиль груза',
    limits: 'Пределы профиля',
    overrides: 'Более узкие пределы (необязательно)',
    trackers: 'Трекеры (через запятую)',
    description: 'Описание',
    legs: 'Плановые участки',
    from: 'Откуда',
    to: 'Куда',
    departs: 'Отправление',
    arrives: 'Прибытие',
    save: 'Сохранить',
    start: 'В путь',
    deliver: 'Доставлен',
    cancel: 'Отменить груз',
    editButton: 'Изменить',
    saved: 'Сохранено',
    states: { planned: 'запланирован', in_transit: 'в пути', delivered: 'доставлен', cancelled: 'отменён' },
    modes: { rail: 'Ж/д', truck: 'Автомобиль', crossing: 'Переправа', onward: 'Далее' },
  },
  zh: {
    heading: '登记货物',
    edit: '修改货物',
    mine: '我登记的货物',
    none: '尚无登记的货物。',
    container: '集装箱（ISO 6346）',
    profile: '货物类型',
    limits: '类型限值',
    overrides: '更严的限值（可选）',
    trackers: '追踪器（逗号分隔）',
    description: '说明',
    legs: '计划路段',
    from: '起点',
    to: '终点',
    departs: '出发',
    arrives: '到达',
    save: '保存',
    start: '出发',
    deliver: '已送达',
    cancel: '取消货物',
    editButton: '修改',
    saved: '已保存',
    states: { planned: '计划中', in_transit: '运输中', delivered: '已送达', cancelled: '已取消' },
    modes: { rail: '铁路', truck: '公路', crossing: '过江', onward: '后续' },
  },
};
const words = WORDS[language()] ?? WORDS.en;
const MODES = ['rail', 'truck', 'crossing', 'onward'];
const OVERRIDES = [
  ['tempC', 'min', '°C min'],
  ['tempC', 'max', '°C max'],
  ['humidityPct', 'min', '% RH min'],
  ['humidityPct', 'max', '% RH max'],
  ['shockMaxG', undefined, 'g max'],
  ['excursionMinutes', undefined, 'min before an excursion counts'],
];

const main = document.querySelector('main');
let profiles = [];
let editing;

chrome('shipments', start);

async function start() {
  profiles = await api('/api/cargo-profiles');
  liveStream({});
  await render();
}

async function render() {
  const shipments = (await api('/api/shipments')).filter((s) => s.origin === 'api');
  main.replaceChildren(form(), list(shipments));
}

const range = (r, unit) => (r ? `${r.min ?? '−∞'} … ${r.max ?? '+∞'} ${unit}` : '—');
const limitsOf = (p) =>
  [
    `${range(p.tempC, '°C')}`,
    `${range(p.humidityPct, '% RH')}`,
    p.shockMaxG !== undefined ? `≤ ${p.shockMaxG} g` : '',
    `${p.excursionMinutes} min`,
  ]
    .filter(Boolean)
    .join(' · ');
const localInput = (ms) =>
  ms ? new Date(Date.parse(ms) - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';

function form() {
  const s = editing;
  const picker = el(
    'select',
    { id: 'profile', name: 'cargoProfile', onchange: () => showLimits() },
    profiles.map((p) => {
      const option = el('option', { value: p.id }, [`${p.name} (${p.id})`]);
      if (s?.cargoProfile === p.id) option.selected = true;
      return option;
    }),
  );
  const limits = el('p', { id: 'profile-limits', class: 'muted' }, ['']);
  const showLimits = () => {
    const profile = profiles.find((p) => p.id === picker.value);
    limits.textContent = `${words.limits}: ${profile ? limitsOf(profile) : '—'}`;
  };
  const field = (label, input) => el('label', {}, [label, ' ', input]);
  const overrideInputs = OVERRIDES.map(([key, side, unit]) => {
    const current = side ? s?.overrides?.[key]?.[side] : s?.overrides?.[key];
    return field(
      unit,
      el('input', {
        type: 'number',
        step: 'any',
        'data-key': key,
        'data-side': side ?? '',
        value: current ?? '',
      }),
    );
  });
  const legRows = MODES.map((mode) => {
    const leg = s?.legs?.find((l) => l.mode === mode);
    return el('tr', { 'data-mode': mode }, [
      el('th', {}, [words.modes[mode]]),
      el('td', {}, [el('input', { name: 'from', value: leg?.from ?? '' })]),
      el('td', {}, [el('input', { name: 'to', value: leg?.to ?? '' })]),
      el('td', {}, [
        el('input', { type: 'datetime-local', name: 'departAt', value: localInput(leg?.departAt) }),
      ]),
      el('td', {}, [
        el('input', { type: 'datetime-local', name: 'arriveAt', value: localInput(leg?.arriveAt) }),
      ]),
    ]);
  });
  const errors = el('ul', { id: 'errors', class: 'bad' }, []);
  const node = el('form', { id: 'shipment-form', class: 'card' }, [
    el('h2', {}, [s ? `${words.edit} ${s.id}` : words.heading]),
    field(
      words.container,
      el('input', { id: 'container', name: 'containerNumber', value: s?.containerNumber ?? '' }),
    ),
    field(words.profile, picker),
    limits,
    el('fieldset', {}, [el('legend', {}, [words.overrides]), ...overrideInputs]),
    field(
      words.trackers,
      el('input', { id: 'trackers', name: 'trackers', value: s?.trackers.join(', ') ?? '' }),
    ),
    field(
      words.description,
      el('input', { id: 'description', name: 'description', value: s?.description ?? '' }),
    ),
    el('table', { class: 'legs' }, [
      el('caption', {}, [words.legs]),
      el(
        'tr',
        {},
        ['', words.from, words.to, words.departs, words.arrives].map((h) => el('th', {}, [h])),
      ),
      ...legRows,
    ]),
    errors,
    el('button', { type: 'submit', id: 'save' }, [words.save]),
  ]);
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(node, errors);
  });
  showLimits();
  return node;
}

/** The form as the API's body; empty inputs are left out, local times sent in UTC. */
function bodyOf(node) {
  const value = (selector) => node.querySelector(selector).value.trim();
  const overrides = {};
  for (const input of node.querySelectorAll('fieldset input')) {
    if (input.value === '') continue;
    const { key, side } = input.dataset;
    if (side) overrides[key] = { ...overrides[key], [side]: Number(input.value) };
    else overrides[key] = Number(input.value);
  }
  const legs = [...node.querySelectorAll('tr[data-mode]')].flatMap((row) => {
    const get = (name) => row.querySelector(`[name=${name}]`).value.trim();
    if (!get('from') && !get('to') && !get('departAt')) return [];
    const iso = (local) => (local ? new Date(local).toISOString() : local);
    return [
      {
        mode: row.dataset.mode,
        from: get('from'),
        to: get('to'),
        departAt: iso(get('departAt')),
        arriveAt: iso(get('arriveAt')),
      },
    ];
  });
  const body = {
    containerNumber: value('#container'),
    cargoProfile: value('#profile'),
    overrides,
    trackers: value('#trackers')
      ? value('#trackers')
          .split(',')
          .map((t) => t.trim())
      : [],
    legs,
  };
  if (value('#description')) body.description = value('#description');
  if (editing?.state === 'in_transit') {
    // Container, profile and trackers are fixed once the shipment has left.
    delete body.containerNumber;
    delete body.cargoProfile;
    delete body.trackers;
  }
  return body;
}

/** Posts (or patches) the form; the service's problems are listed field by field. */
async function save(node, errors) {
  const response = await fetch(
    editing ? `/api/shipments/${encodeURIComponent(editing.id)}` : '/api/shipments',
    {
      method: editing ? 'PATCH' : 'POST',
      headers: { authorization: `Bearer ${apiKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify(bodyOf(node)),
    },
  );
  const answer = await response.json();
  if (!response.ok) {
    const lines = Array.isArray(answer.message) ? answer.message : [String(answer.message)];
    errors.replaceChildren(...lines.map((line) => el('li', {}, [line])));
    return;
  }
  editing = undefined;
  await render();
}

async function act(id, action) {
  await api(`/api/shipments/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
  await render();
}

function list(shipments) {
  const rows = shipments.map((s) => {
    const active = s.state === 'planned' || s.state === 'in_transit';
    const button = (label, onclick, name) =>
      el('button', { type: 'button', 'data-action': name, onclick }, [label]);
    return el('tr', { id: `row-${s.id}`, 'data-state': s.state }, [
      el('td', {}, [s.id]),
      el('td', {}, [s.containerNumber]),
      el('td', {}, [s.cargoProfile]),
      el('td', {}, [s.trackers.join(', ') || '—']),
      el('td', { class: 'state' }, [words.states[s.state]]),
      el('td', {}, [
        active ? button(words.editButton, () => ((editing = s), void render()), 'edit') : '',
        s.state === 'planned' ? button(words.start, () => void act(s.id, 'start'), 'start') : '',
        s.state === 'in_transit' ? button(words.deliver, () => void act(s.id, 'deliver'), 'deliver') : '',
        active ? button(words.cancel, () => void act(s.id, 'cancel'), 'cancel') : '',
      ]),
    ]);
  });
  return el('section', { class: 'card', id: 'my-shipments' }, [
    el('h2', {}, [words.mine]),
    rows.length === 0 ? el('p', { class: 'muted' }, [words.none]) : el('table', {}, rows),
  ]);
}
