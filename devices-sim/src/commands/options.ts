import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '../scenario/duration';
import { loadScenario, SCENARIO_DIR } from '../scenario/load-scenario';
import type { Scenario } from '../scenario/schema';

/** A scenario by path, or by name among the shipped ones (devices-sim/scenarios/<name>.yaml). */
export function findScenario(nameOrPath: string): Scenario {
  if (existsSync(nameOrPath)) return loadScenario(nameOrPath);
  const shipped = join(SCENARIO_DIR, `${nameOrPath.replace(/\.ya?ml$/, '')}.yaml`);
  if (existsSync(shipped)) return loadScenario(shipped);
  throw new Error(`no scenario "${nameOrPath}" (a file, or one of: ${shippedScenarioNames().join(', ')})`);
}

export function shippedScenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join(SCENARIO_DIR, file));
}

export function shippedScenarioNames(): string[] {
  return shippedScenarioFiles().map((file) => file.replace(/^.*\//, '').replace(/\.yaml$/, ''));
}

export function positive(flag: string, text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${flag}: "${text}" is not a positive number`);
  return value;
}

export function whole(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag}: "${text}" is not a whole number`);
  return Number(text);
}

export function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`${flag}: "${text}" is not a duration (e.g. 90s, 10m, 2h)`);
  return ms;
}

/** `now` or an ISO 8601 time with a zone → epoch ms. */
export function instant(flag: string, text: string): number {
  if (text === 'now') return Date.now();
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new Error(
      `${flag}: "${text}" is not "now" or an ISO 8601 time with a zone (e.g. 2026-01-20T03:00:00Z)`,
    );
  }
  return Date.parse(text);
}

/** The service's HTTP API next to its broker: http://<broker host>:3000, unless told. */
export function apiUrlOf(flag: string | undefined, mqttUrl: string): string | undefined {
  if (flag === 'none') return undefined;
  if (flag !== undefined) return flag;
  return `http://${new URL(mqttUrl).hostname}:3000`;
}
