import { HttpError, api, apiKey, chrome, el, formatTime, language } from './common.js';

// The devices page (engineers and admins): provision a device and see its secret once, rotate
// and revoke, last seen and battery. Devices of the site configuration are listed read-only.
const MESSAGES = {
  en: {
    provision: 'Provision a device',
    id: 'Device id',
    kind: 'Kind',
    asset: 'Asset',
    create: 'Create',
    secretOnce: 'MQTT password of {id}, shown once: copy it to the device now.',
    source: 'Source',
    status: 'Status',
    lastSeen: 'Last seen',
    battery: 'Battery',
    actions: 'Actions',
    rotate: 'New secret',
    revoke: 'Revoke',
    confirmRevoke: 'Revoke {id}? It is disconnected at once.',
    more: 'More',
    never: 'never',
    'site-config': 'site configuration',
    api: 'provisioned',
  },
  ru: {
    provision: 'Добавить устройство',
    id: 'Идентификатор',
    kind: 'Тип',
    asset: 'Объект',
    create: 'Создать',
    secretOnce: 'Пароль MQTT устройства {id} показан один раз: перенесите его в устройство сейчас.',
    source: 'Источник',
    status: 'Состояние',
    lastSeen: 'Последние данные',
    battery: 'Батарея',
    actions: 'Действия',
    rotate: 'Новый пароль',
    revoke: 'Отозвать',
    confirmRevoke: 'Отозвать {id}? Устройство будет сразу отключено.',
    more: 'Ещё',
    never: 'нет',
    'site-config': 'файл площадки',
    api: 'добавлено',
  },
  zh: {
    provision: '添加设备',
    id: '设备编号',
    kind: '类型',
    asset: '资产',
    create: '创建',
    secretOnce: '{id} 的 MQTT 密码只显示一次：请立即写入设备。',
    source: '来源',
    status: '状态',
    lastSeen: '最后数据',
    battery: '电量',
    actions: '操作',
    rotate: '新密码',
    revoke: '吊销',
    confirmRevoke: '吊销 {id}？设备将立即断开。',
    more: '更多',
    never: '无',
    'site-config': '站点配置',
    api: '已添加',
  },
};
const m = (name, id = '') => (MESSAGES[language()][name] ?? MESSAGES.en[name]).replace('{id}', id);
const KINDS = ['container', 'vehicle', 'ferry', 'ice-station'];
const PAGE = 50;

const main = document.querySelector('main');
let after;

chrome('devices', start);

function start() {
  const rows = el('tbody', { id: 'device-rows' });
  main.replaceChildren(
    el('section', { class: 'card' }, [el('h2', {}, [m('provision')]), provisionForm()]),
    el('section', { class: 'card' }, [
      el('table', { id: 'devices' }, [
        el('thead', {}, [
          el(
            'tr',
            {},
            ['id', 'kind', 'asset', 'source', 'status', 'lastSeen', 'battery', 'actions'].map((h) =>
              el('th', {}, [m(h)]),
            ),
          ),
        ]),
        rows,
      ]),
      el('button', { id: 'more', type: 'button', hidden: '', onclick: () => void loadPage() }, [m('more')]),
    ]),
  );
  after = undefined;
  return loadPage();
}

function provisionForm() {
  const form = el('form', { id: 'provision' }, [
    el('input', { name: 'id', required: '', placeholder: m('id'), 'aria-label': m('id') }),
    el(
      'select',
      { name: 'kind', 'aria-label': m('kind') },
      KINDS.map((kind) => el('option', { value: kind }, [kind])),
    ),
    el('input', { name: 'asset', required: '', placeholder: m('asset'), 'aria-label': m('asset') }),
    el('button', { type: 'submit' }, [m('create')]),
    el('div', { id: 'form-result' }),
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new window.FormData(form));
    await withSecret(body.id, () =>
      send('/api/registry/devices', { method: 'POST', body: JSON.stringify(body) }),
    );
  });
  return form;
}

/** Sends a change; a 400 or 409 is shown with the service's words. */
async function send(path, init) {
  const response = await fetch(path, {
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKey()}`,
    },
  });
  const body = await response.json();
  if (!response.ok) {
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    throw new HttpError(response.status, message);
  }
  return body;
}

/** Runs a change that answers a new secret, shows the secret once, and reloads the list. */
async function withSecret(id, change) {
  const result = document.getElementById('form-result');
  try {
    const { secret } = await change();
    result.replaceChildren(
      el('p', { class: 'secret' }, [m('secretOnce', id)]),
      el('code', { id: 'secret' }, [secret]),
    );
    await start().then(() => document.getElementById('form-result')?.replaceWith(result));
  } catch (error) {
    result.replaceChildren(el('p', { class: 'error' }, [error.message]));
  }
}

async function loadPage() {
  const query = new window.URLSearchParams({ limit: String(PAGE), ...(after ? { after } : {}) });
  const page = await api(`/api/registry/devices?${query}`);
  const details = await Promise.all(
    page.items.map((d) => api(`/api/registry/devices/${encodeURIComponent(d.id)}`)),
  );
  document.getElementById('device-rows').append(...details.map(row));
  after = page.next;
  document.getElementById('more').hidden = !page.next;
}

function row(device) {
  const provisioned = device.source === 'api' && device.status === 'active';
  return el('tr', { id: `device-${device.id}`, 'data-status': device.status }, [
    el('td', {}, [device.id]),
    el('td', {}, [device.kind]),
    el('td', {}, [device.asset]),
    el('td', {}, [m(device.source)]),
    el('td', { class: 'status' }, [device.status]),
    el('td', { class: 'last-seen' }, [device.lastSeen ? formatTime(device.lastSeen) : m('never')]),
    el('td', { class: 'battery' }, [device.batteryPct === undefined ? '—' : `${device.batteryPct} %`]),
    el(
      'td',
      {},
      device.source === 'api'
        ? [
            el(
              'button',
              {
                type: 'button',
                class: 'rotate',
                onclick: () =>
                  void withSecret(device.id, () =>
                    send(`/api/registry/devices/${encodeURIComponent(device.id)}/rotate`, { method: 'POST' }),
                  ),
              },
              [m('rotate')],
            ),
            provisioned
              ? el(
                  'button',
                  {
                    type: 'button',
                    class: 'revoke',
                    onclick: async () => {
                      if (!window.confirm(m('confirmRevoke', device.id))) return;
                      await send(`/api/registry/devices/${encodeURIComponent(device.id)}`, {
                        method: 'DELETE',
                      });
                      await start();
                    },
                  },
                  [m('revoke')],
                )
              : '',
          ]
        : [],
    ),
  ]);
}
