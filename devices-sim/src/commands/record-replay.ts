import { parseArgs } from 'node:util';
import { recordFeed } from '../record/record';
import { replayFeed } from '../record/replay';
import { DEFAULT_PASSWORD_TEMPLATE } from '../run/run-scenario';
import { instant, positive } from './options';

export const RECORD_USAGE = `usage: npm run sim -- record --out feed.ndjson [options]

  Records what arrives on the topics, with arrival times, until --duration or Ctrl-C.

options:
  --url URL                  broker (default mqtt://127.0.0.1:1883)
  --topic FILTER             repeatable (default devices/#; the shipped site configuration lets
                             sim-recorder subscribe devices/#, alerts/# and crossings/#;
                             replay plays back only devices' telemetry)
  --out PATH                 the feed file (ndjson)
  --duration S               stop after S seconds
  --user ID                  read-only client (default sim-recorder)
  --password TEXT            its password (default dev-secret-<user>)`;

export const REPLAY_USAGE = `usage: npm run sim -- replay <feed.ndjson> [options]

  Plays a recorded (or --dry-run) feed back as its devices, with its timing.

options:
  --url URL                  broker (default mqtt://127.0.0.1:1883)
  --speed X                  10 = ten times faster than recorded (default 1)
  --shift-to now|ISO         move every device timestamp by one delta so the newest is then
  --password-template TEXT   each device's password, {id} replaced (default ${DEFAULT_PASSWORD_TEMPLATE})`;

export async function recordCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      topic: { type: 'string', multiple: true },
      out: { type: 'string' },
      duration: { type: 'string' },
      user: { type: 'string', default: 'sim-recorder' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(RECORD_USAGE);
    return 0;
  }
  if (!values.out) throw new Error(`record needs --out\n\n${RECORD_USAGE}`);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const result = await recordFeed({
      url: values.url,
      user: values.user,
      password: values.password ?? `dev-secret-${values.user}`,
      topics: values.topic ?? ['devices/#'],
      out: values.out,
      durationMs: values.duration === undefined ? undefined : positive('--duration', values.duration) * 1000,
      signal: controller.signal,
      onProgress: (line) => console.log(line),
    });
    console.log(
      `recorded ${result.messages} message(s), ${result.bytes} bytes in ${(result.wallMs / 1000).toFixed(1)} s → ${values.out}`,
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      speed: { type: 'string', default: '1' },
      'shift-to': { type: 'string' },
      'password-template': { type: 'string', default: DEFAULT_PASSWORD_TEMPLATE },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(REPLAY_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new Error(`replay takes one feed file\n\n${REPLAY_USAGE}`);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const result = await replayFeed({
      file: positionals[0],
      url: values.url,
      passwordTemplate: values['password-template'],
      speed: positive('--speed', values.speed),
      shiftToMs: values['shift-to'] === undefined ? undefined : instant('--shift-to', values['shift-to']),
      signal: controller.signal,
      onProgress: (p) =>
        console.log(
          `[${(p.elapsedMs / 1000).toFixed(1).padStart(6)} s] sent ${p.sent}/${p.total} failed ${p.failed} rejected ${p.rejections.messages}`,
        ),
    });
    const codes = Object.entries(result.rejections.byCode)
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ');
    console.log(
      `replayed ${result.sent}/${result.messages}, acked ${result.acked}, failed ${result.failed}; rejected ${result.rejections.messages}${codes ? ` (${codes})` : ''}; ` +
        `timestamps shifted by ${(result.shiftedByMs / 1000).toFixed(0)} s; ${(result.wallMs / 1000).toFixed(1)} s`,
    );
    return result.failed > 0 ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}
