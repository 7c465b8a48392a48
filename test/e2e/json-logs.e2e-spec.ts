import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDevice, reading } from '../support/devices';
import { startService } from '../harness/service-process';
import { waitFor } from '../harness/wait';

// LOG_FORMAT=json: every line the built service writes, from start to shutdown, is one JSON
// object; neither format writes terminal colours into a pipe.
jest.setTimeout(60_000);

const ESCAPE = '\u001b[';

type LogLine = { level: string; message: string; context?: string; timestamp: number };

describe('log format', () => {
  // The service's stdout and stderr, kept in a file of the test's so it outlives the process.
  let logDir: string;
  beforeEach(() => (logDir = mkdtempSync(join(tmpdir(), 'jct-log-'))));
  afterEach(() => rmSync(logDir, { recursive: true, force: true }));
  const logFile = () => join(logDir, 'service.log');
  const output = () => readFileSync(logFile(), 'utf8');

  it('LOG_FORMAT=json → every line from start to shutdown parses as JSON, start and shutdown included, no colours', async () => {
    const service = await startService({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }, { logFile: logFile() });
    const device = await connectDevice(service.mqttUrl, 'ICE-1');
    await device.publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 80 }), { qos: 1 });
    // A rejected message, so a warning is among the lines.
    await device.publishAsync('devices/ICE-1/telemetry', '{"not":"a reading"', { qos: 1 });
    await device.endAsync();
    await service.kill('SIGTERM');

    const lines = output()
      .split('\n')
      .filter((line: string) => line !== '');
    const parsed = lines.map((line: string) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not JSON: ${line}`);
      }
    });
    expect(parsed.length).toBeGreaterThan(10);
    expect(output()).not.toContain(ESCAPE);
    const messages = parsed.map((line) => line.message);
    expect(messages.some((m) => m.startsWith('Jalinda Crossing Telemetry up'))).toBe(true);
    expect(messages).toContain('shutting down on SIGTERM');
    expect(messages.at(-1)).toBe('stopped: broker, stores and files closed');
    for (const line of parsed)
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['level', 'message', 'timestamp']));
  });

  it('LOG_FORMAT=json with a bad variable → the configuration error is one JSON line too', () => {
    const result = spawnSync(
      process.execPath,
      [join(__dirname, '..', '..', 'dist', 'apps', 'service', 'src', 'main.js')],
      {
        env: { PATH: process.env.PATH, LOG_FORMAT: 'json', HTTP_PORT: 'eighty' },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(78);
    const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'error',
      context: 'Config',
      message: expect.stringContaining('HTTP_PORT'),
    });
  });

  it('text format with stdout not a terminal → no colour escapes, start and shutdown logged', async () => {
    const service = await startService({}, { logFile: logFile() });
    await waitFor('the start line', () => output().includes('Jalinda Crossing Telemetry up'));
    await service.kill('SIGTERM');
    expect(output()).not.toContain(ESCAPE);
    expect(output()).toMatch(/shutting down on SIGTERM[\s\S]*stopped: broker, stores and files closed/);
  });
});
