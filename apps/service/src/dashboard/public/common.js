import { LANGUAGES, MESSAGES } from './i18n.js';

const KEY = 'jct-api-key';
const LANG = 'jct-lang';

export function language() {
  const stored = localStorage.getItem(LANG);
  if (stored && MESSAGES[stored]) return stored;
  const browser = (navigator.language || 'en').slice(0, 2);
  return MESSAGES[browser] ? browser : 'en';
}

export function t(name, ...args) {
  const message = MESSAGES[language()][name] ?? MESSAGES.en[name] ?? name;
  return typeof message === 'function' ? message(...args) : message;
}

/** Rule names in every language, from the service's rule catalogue (GET /dashboard/rules.json). */
let ruleNames = {};

async function loadRuleNames() {
  const response = await fetch('/dashboard/rules.json');
  if (response.ok) ruleNames = await response.json();
}

/** A rule's name in the reader's language; its id when the catalogue does not know it. */
export function ruleName(ruleId) {
  return ruleNames[ruleId]?.[language()] ?? ruleId;
}

/** The key lives in sessionStorage: gone when the tab closes, never in a URL the user can share. */
export const apiKey = () => sessionStorage.getItem(KEY);

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { ...(init.headers || {}), authorization: `Bearer ${apiKey()}` },
  });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    showLogin(t('badKey'));
    throw new HttpError(401, 'unauthorised');
  }
  if (!response.ok) throw new HttpError(response.status, `${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * The live stream. EventSource cannot send headers, so the key goes in the query string of this
 * one request (the service accepts it only on /api/stream and never logs it).
 */
export function liveStream(handlers) {
  const source = new EventSource(`/api/stream?key=${encodeURIComponent(apiKey())}`);
  const status = document.getElementById('live');
  source.onopen = () => {
    status.textContent = `● ${t('live')}`;
    status.className = 'live on';
    handlers.open?.();
  };
  source.onerror = () => {
    status.textContent = `○ ${t('offline')}`;
    status.className = 'live off';
  };
  for (const [type, handler] of Object.entries(handlers)) {
    if (type !== 'open') source.addEventListener(type, (event) => handler(JSON.parse(event.data)));
  }
  return source;
}

/** Header with navigation, language switch and sign-out; the login form when there is no key. */
export function chrome(page, start) {
  document.documentElement.lang = language();
  document.title = `${t(page)} · ${t('title')}`;
  const header = el('header', {}, [
    el('h1', {}, [t('title')]),
    el('nav', {}, [
      el('a', { href: '/dashboard/', class: page === 'crossing' ? 'current' : '' }, [t('crossing')]),
      el('a', { href: '/dashboard/shipments.html', class: page === 'shipments' ? 'current' : '' }, [
        t('shipments'),
      ]),
      el('a', { href: '/dashboard/silences.html', class: page === 'silences' ? 'current' : '' }, [
        { en: 'Silences', ru: 'Заглушения', zh: '静默' }[language()],
      ]),
    ]),
    el('span', { id: 'live', class: 'live off' }, ['']),
    el('span', { id: 'who', class: 'who' }, ['']),
    languageSwitch(),
    apiKey()
      ? el(
          'button',
          {
            id: 'logout',
            type: 'button',
            onclick: () => (sessionStorage.removeItem(KEY), location.reload()),
          },
          [t('logout')],
        )
      : '',
  ]);
  document.body.prepend(header);
  if (!apiKey()) return showLogin();
  api('/api/me')
    .then((who) => {
      me = who;
      const preferred = who.person?.language;
      if (!localStorage.getItem(LANG) && preferred && preferred !== language()) {
        localStorage.setItem(LANG, preferred);
        return location.reload();
      }
      document.getElementById('who').textContent = who.person?.name ?? who.keyId;
      return loadRuleNames().then(start);
    })
    .catch(showError);
}

function languageSwitch() {
  const select = el(
    'select',
    {
      id: 'language',
      'aria-label': 'language',
      onchange: (e) => (localStorage.setItem(LANG, e.target.value), location.reload()),
    },
    Object.entries(LANGUAGES).map(([code, name]) =>
      el('option', { value: code, ...(code === language() ? { selected: '' } : {}) }, [name]),
    ),
  );
  return select;
}

function showLogin(message) {
  const main = document.querySelector('main');
  main.replaceChildren(
    el('form', { id: 'login', class: 'card' }, [
      el('h2', {}, [t('login')]),
      el('p', {}, [t('loginHint')]),
      message ? el('p', { class: 'error' }, [message]) : '',
      el('input', {
        id: 'key',
        type: 'password',
        autocomplete: 'off',
        placeholder: t('apiKey'),
        'aria-label': t('apiKey'),
      }),
      el('button', { type: 'submit' }, [t('login')]),
    ]),
  );
  main.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, main.querySelector('#key').value.trim());
    location.reload();
  });
}

function showError(error) {
  if (error instanceof HttpError && error.status === 401) return;
  const text =
    error instanceof HttpError && error.status === 403 ? t('notAllowed') : String(error.message || error);
  document.querySelector('main').prepend(el('p', { class: 'error' }, [text]));
}

/** Builds an element; text children are text nodes (never HTML), so data cannot inject markup. */
export function el(tag, attributes = {}, children = []) {
  const svg = ['svg', 'line', 'polyline', 'circle', 'text', 'path', 'rect', 'g', 'polygon', 'title'].includes(
    tag,
  );
  const node = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children)
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

/** BCP 47 locale of the chosen language (24-hour clock for English too, as at the checkpoints). */
const locale = () => ({ en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' })[language()];

/**
 * The signed-in person (GET /api/me): their language unless one was chosen here, and their time
 * zone for every time shown (docs/domain.md §0: each reader in their language and local time).
 */
let me;
const timeZone = () => me?.person?.timezone ?? me?.siteTimezone;

/** A chart starts at its first point (at most `earliest` back), so a short history is not a sliver. */
export function since(series, earliest) {
  const first = Math.min(...series.flatMap((s) => s.points.map((p) => p.ts)));
  return Number.isFinite(first) ? Math.max(earliest, first - 10 * 60_000) : earliest;
}

export function formatTime(iso) {
  return new Date(iso).toLocaleString(locale(), {
    timeZone: timeZone(),
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}

export const ageOf = (iso) =>
  iso ? t('ago', Math.max(0, (Date.now() - Date.parse(iso)) / 1000)) : t('noData');

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];

/**
 * A line chart in hand-written SVG (no chart library to ship): series of {ts, value}, optional
 * horizontal limit lines. Time runs left to right over [from, to].
 */
export function lineChart(series, { from, to, limits = [], height = 180, width = 560 }) {
  const pad = { left: 40, right: 10, top: 10, bottom: 22 };
  const values = series.flatMap((s) => s.points.map((p) => p.value)).concat(limits.map((l) => l.value));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' });
  if (values.length === 0) {
    svg.append(
      el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'muted' }, [t('noData')]),
    );
    return svg;
  }
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < 1) {
    min -= 1;
    max += 1;
  }
  const span = max - min;
  min -= span * 0.1;
  max += span * 0.1;
  const x = (ts) => pad.left + ((ts - from) / (to - from)) * (width - pad.left - pad.right);
  const y = (v) => height - pad.bottom - ((v - min) / (max - min)) * (height - pad.top - pad.bottom);
  for (let i = 0; i <= 4; i++) {
    const v = min + ((max - min) * i) / 4;
    svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(
      el('text', { x: pad.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, [
        v.toFixed(span < 5 ? 1 : 0),
      ]),
    );
  }
  for (let i = 0; i <= 4; i++) {
    const ts = from + ((to - from) * i) / 4;
    const label = new Date(ts).toLocaleTimeString(locale(), {
      timeZone: timeZone(),
      hour: '2-digit',
      minute: '2-digit',
    });
    svg.append(el('text', { x: x(ts), y: height - 6, 'text-anchor': 'middle', class: 'axis' }, [label]));
  }
  for (const limit of limits) {
    svg.append(
      el('line', {
        x1: pad.left,
        x2: width - pad.right,
        y1: y(limit.value),
        y2: y(limit.value),
        class: 'limit',
      }),
    );
    svg.append(
      el(
        'text',
        { x: width - pad.right, y: y(limit.value) - 3, 'text-anchor': 'end', class: 'limit-label' },
        [limit.label],
      ),
    );
  }
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.map((p) => `${x(p.ts).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    svg.append(el('polyline', { points, fill: 'none', stroke: colour, 'stroke-width': 2 }));
    if (s.points.length === 1)
      svg.append(el('circle', { cx: x(s.points[0].ts), cy: y(s.points[0].value), r: 3, fill: colour }));
    svg.append(
      el('text', { x: pad.left + 6 + i * 70, y: pad.top + 10, fill: colour, class: 'legend' }, [s.name]),
    );
  });
  return svg;
}
