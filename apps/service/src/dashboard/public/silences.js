import { api, chrome, el, formatTime, language, ruleName } from './common.js';

/** This page's own words: the dashboard's shared messages stay as they are. */
const WORDS = {
  en: {
    title: 'Silences',
    create: 'New silence',
    rule: 'Rule',
    subject: 'Subject (device or station)',
    crossing: 'Crossing',
    owner: 'Owner',
    minutes: 'For (minutes)',
    comment: 'Comment',
    save: 'Silence',
    silences: 'Silences',
    silenced: 'Silenced alerts',
    matchers: 'Matches',
    state: 'State',
    ends: 'Ends',
    by: 'By',
    expire: 'Expire',
    none: 'None.',
    states: { pending: 'pending', active: 'active', expired: 'expired' },
  },
  ru: {
    title: 'Заглушения',
    create: 'Новое заглушение',
    rule: 'Правило',
    subject: 'Объект (устройство или станция)',
    crossing: 'Переправа',
    owner: 'Владелец',
    minutes: 'На (минут)',
    comment: 'Комментарий',
    save: 'Заглушить',
    silences: 'Заглушения',
    silenced: 'Заглушённые тревоги',
    matchers: 'Условия',
    state: 'Состояние',
    ends: 'До',
    by: 'Кто',
    expire: 'Снять',
    none: 'Нет.',
    states: { pending: 'ожидает', active: 'действует', expired: 'истекло' },
  },
  zh: {
    title: '静默',
    create: '新建静默',
    rule: '规则',
    subject: '对象（设备或监测站）',
    crossing: '过江通道',
    owner: '货主',
    minutes: '时长（分钟）',
    comment: '备注',
    save: '静默',
    silences: '静默列表',
    silenced: '已静默的警报',
    matchers: '匹配',
    state: '状态',
    ends: '结束',
    by: '创建人',
    expire: '解除',
    none: '无。',
    states: { pending: '待生效', active: '生效中', expired: '已结束' },
  },
};
const w = (name) => WORDS[language()][name];
const MATCHERS = ['ruleId', 'subjectId', 'crossingId', 'owner'];
const LABELS = { ruleId: 'rule', subjectId: 'subject', crossingId: 'crossing', owner: 'owner' };

chrome('silences', start);

function start() {
  document.title = `${w('title')} · ${document.title.split(' · ').pop()}`;
  const main = document.querySelector('main');
  const field = (name, attributes = {}) =>
    el('label', {}, [w(LABELS[name] ?? name), el('input', { name, id: `silence-${name}`, ...attributes })]);
  const form = el('form', { id: 'new-silence', class: 'card' }, [
    el('h2', {}, [w('create')]),
    ...MATCHERS.map((name) => field(name)),
    field('minutes', { type: 'number', min: '1', max: '43200', value: '60', required: '' }),
    field('comment', { required: '', maxlength: '2000' }),
    el('button', { type: 'submit' }, [w('save')]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void create(form);
  });
  main.replaceChildren(
    form,
    el('section', { class: 'card' }, [el('h2', {}, [w('silences')]), el('div', { id: 'silence-list' })]),
    el('section', { class: 'card' }, [el('h2', {}, [w('silenced')]), el('div', { id: 'silenced-alerts' })]),
  );
  void refresh();
  setInterval(() => void refresh(), 5000);
}

async function create(form) {
  const value = (name) => String(form.elements.namedItem(name)?.value ?? '').trim();
  const matchers = Object.fromEntries(
    MATCHERS.map((name) => [name, value(name)]).filter(([, given]) => given),
  );
  const endsAt = new Date(Date.now() + Number(value('minutes')) * 60_000).toISOString();
  try {
    await api('/api/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ matchers, endsAt, comment: value('comment') }),
    });
    form.reset();
  } catch (error) {
    form.append(el('p', { class: 'error' }, [String(error.message || error)]));
  }
  await refresh();
}

async function refresh() {
  const [silences, alerts] = await Promise.all([
    api('/api/silences'),
    api('/api/alerts?state=active', { headers: { 'accept-language': language() } }),
  ]);
  const list = document.getElementById('silence-list');
  const rows = silences
    .slice()
    .reverse()
    .map((silence) =>
      el('tr', { 'data-silence': silence.id, 'data-state': silence.state }, [
        el('td', {}, [describe(silence.matchers)]),
        el('td', {}, [w('states')[silence.state] ?? silence.state]),
        el('td', {}, [formatTime(silence.endsAt)]),
        el('td', {}, [silence.createdBy]),
        el('td', {}, [silence.comment]),
        el('td', {}, [
          silence.state === 'expired'
            ? ''
            : el('button', { type: 'button', class: 'expire', onclick: () => void expire(silence.id) }, [
                w('expire'),
              ]),
        ]),
      ]),
    );
  list.replaceChildren(
    rows.length ? table([w('matchers'), w('state'), w('ends'), w('by'), w('comment'), ''], rows) : w('none'),
  );
  const held = alerts.filter((alert) => alert.silenced);
  document.getElementById('silenced-alerts').replaceChildren(
    held.length
      ? table(
          [w('rule'), w('subject'), ''],
          held.map((alert) =>
            el('tr', { 'data-alert': alert.id, 'data-silenced': 'true' }, [
              el('td', {}, [ruleName(alert.ruleId)]),
              el('td', {}, [alert.subjectId]),
              el('td', {}, [alert.reason]),
            ]),
          ),
        )
      : w('none'),
  );
}

async function expire(id) {
  await api(`/api/silences/${encodeURIComponent(id)}`, { method: 'DELETE' });
  await refresh();
}

function describe(matchers) {
  return MATCHERS.filter((name) => matchers[name])
    .map((name) => `${w(LABELS[name])}: ${name === 'ruleId' ? ruleName(matchers[name]) : matchers[name]}`)
    .join(', ');
}

function table(headings, rows) {
  return el('table', {}, [
    el('thead', {}, [
      el(
        'tr',
        {},
        headings.map((h) => el('th', {}, [h])),
      ),
    ]),
    el('tbody', {}, rows),
  ]);
}
