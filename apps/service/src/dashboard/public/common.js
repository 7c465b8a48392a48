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

/**
 * Names the service keeps by id in every language (GET /dashboard/i18n.json: severities, alert
 * states, cargo profiles, metrics); where it does not answer, the pages' own words (i18n.js).
 */
let serviceWords = {};

async function loadRuleNames() {
  const [rules, words] = await Promise.all([fetch('/dashboard/rules.json'), fetch('/dashboard/i18n.json')]);
  if (rules.ok) ruleNames = await rules.json();
  if (words.ok) serviceWords = await words.json();
}

/** The name of `id` among the service's `kind` (e.g. 'profiles') in the reader's language, else `t(key)`. */
export function nameOf(kind, id, key) {
  return serviceWords[kind]?.[id]?.[language()] ?? t(key);
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
    // The API words reasons in the page's language (the key's person's otherwise).
    headers: { ...(init.headers || {}), authorization: `Bearer ${apiKey()}`, 'accept-language': language() },
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
    el('nav', { id: 'nav' }),
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
      // Every time on the pages is in this zone, so it is named once in the header too.
      document.getElementById('who').textContent = `${who.person?.name ?? who.keyId} · ${timeZoneLabel()}`;
      document.getElementById('nav').replaceChildren(...navigation(page, who.role));
      return loadRuleNames().then(start);
    })
    .catch(showError);
}

/**
 * The pages a role may open: crossings for operators and engineers, shipments for operators and
 * cargo owners (the API's roles), so an owner is never sent to a page that refuses them.
 */
const PAGES = [
  { page: 'crossings', href: '/dashboard/', roles: ['operator', 'engineer', 'admin'] },
  { page: 'shipments', href: '/dashboard/shipments.html', roles: ['operator', 'cargo-owner'] },
  { page: 'register', href: '/dashboard/register.html', roles: ['operator', 'cargo-owner', 'admin'] },
  { page: 'devices', href: '/dashboard/devices.html', roles: ['engineer', 'admin'] },
  {
    page: 'silences',
    href: '/dashboard/silences.html',
    roles: ['operator', 'engineer', 'admin', 'cargo-owner'],
  },
];

function navigation(current, role) {
  return PAGES.filter((p) => p.roles.includes(role)).map((p) =>
    el('a', { href: p.href, class: p.page === current ? 'current' : '' }, [t(p.page)]),
  );
}

/** Whether the signed-in role may open the crossings pages. */
export const mayOpenCrossings = () => PAGES[0].roles.includes(me?.role);

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
export const locale = () => ({ en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' })[language()];

/**
 * The signed-in person (GET /api/me): their language unless one was chosen here, and their time
 * zone for every time shown (docs/domain.md §0: each reader in their language and local time).
 */
let me;
export const timeZone = () => me?.person?.timezone ?? me?.siteTimezone;

/** The reader's zone as shown beside every time: "Asia/Yakutsk, GMT+9" in the page's locale. */
export function timeZoneLabel() {
  const zone = timeZone() ?? 'UTC';
  const offset = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${zone}, ${offset}`;
}

/** A number in the reader's locale, with at most `digits` decimals. */
export const formatNumber = (value, digits = 1) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);

/** A crossing's or a place's name in the reader's language (the site gives en, ru and zh). */
export const localName = (name) => (typeof name === 'string' ? name : (name?.[language()] ?? name?.en ?? ''));

export function formatTime(iso) {
  return new Date(iso).toLocaleString(locale(), {
    timeZone: timeZone(),
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}

/** Keeps every "… ago" on the page (elements with data-ts) current, once a second. */
export function keepAgesFresh() {
  setInterval(() => {
    for (const cell of document.querySelectorAll('[data-ts]'))
      cell.textContent = ageOf(cell.dataset.ts || undefined);
  }, 1000);
}

/** How long ago, in the reader's language with its plurals (Intl.RelativeTimeFormat). */
export function ageOf(iso) {
  if (!iso) return t('noData');
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  const [value, unit] =
    s < 90
      ? [s, 'second']
      : s < 5400
        ? [s / 60, 'minute']
        : s < 172_800
          ? [s / 3600, 'hour']
          : [s / 86_400, 'day'];
  return new Intl.RelativeTimeFormat(locale(), { numeric: 'always' }).format(-Math.round(value), unit);
}
