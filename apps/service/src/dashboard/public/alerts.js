import { api, el, formatTime, localName, mayOpenCrossings, nameOf, ruleName, t } from './common.js';

/**
 * The open alerts in a table (severity, rule, subject, reason, since, state) with an acknowledge
 * button; `show(alert)` picks which (a ferry page shows the ferry's). Reasons are the API's text,
 * worded in the page's language.
 */
export async function renderAlerts(box, show = () => true) {
  const alerts = (await api('/api/alerts?state=active')).filter(show);
  const names = await crossingNames();
  if (alerts.length === 0) return box.replaceChildren(el('p', { class: 'muted' }, [t('noAlerts')]));
  box.replaceChildren(
    el('table', {}, [
      el(
        'tr',
        {},
        [t('severity'), t('rule'), t('subject'), t('reason'), t('since'), t('state'), ''].map((h) =>
          el('th', {}, [h]),
        ),
      ),
      ...alerts.map((a) =>
        el('tr', { 'data-alert': a.id, class: `severity-${a.severity}` }, [
          el('td', { 'data-severity': a.severity }, [
            nameOf('severities', a.severity, `severity.${a.severity}`),
          ]),
          el('td', { 'data-rule': a.ruleId }, [ruleName(a.ruleId)]),
          el('td', { 'data-subject': a.subjectId }, [names.get(a.subjectId) ?? a.subjectId]),
          el('td', { class: 'reason' }, [a.text ?? a.reason]),
          // The reading's time; the tooltip says when the service received it (late batches).
          el('td', { title: a.firedRecordedAt && `${t('recorded')} ${formatTime(a.firedRecordedAt)}` }, [
            formatTime(a.firedAt),
          ]),
          el('td', { class: 'state', 'data-state': a.state }, [nameOf('alertStates', a.state, a.state)]),
          el('td', {}, [
            a.state === 'firing'
              ? el('button', { type: 'button', class: 'ack', onclick: () => acknowledge(box, show, a.id) }, [
                  t('ack'),
                ])
              : `${a.acknowledgedBy ?? ''}`,
          ]),
        ]),
      ),
    ]),
  );
  highlightLinkedAlert();
}

/** A crossing is named in the reader's language where it is an alert's subject; devices by their id. */
let names;
async function crossingNames() {
  if (!names)
    names = mayOpenCrossings()
      ? new Map((await api('/api/crossings')).map((c) => [c.id, localName(c.name)]))
      : new Map();
  return names;
}

/** A link from an alert e-mail (#alert-<id>) points at its row. */
function highlightLinkedAlert() {
  if (!location.hash.startsWith('#alert-')) return;
  const id = decodeURIComponent(location.hash.slice('#alert-'.length));
  const row = [...document.querySelectorAll('tr[data-alert]')].find((r) => r.dataset.alert === id);
  if (!row) return;
  row.classList.add('linked');
  row.scrollIntoView({ block: 'center' });
}

async function acknowledge(box, show, id) {
  await api(`/api/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST' });
  await renderAlerts(box, show);
}
