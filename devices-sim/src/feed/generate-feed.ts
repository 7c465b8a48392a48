import type { SiteConfig } from '@jct/site-config';
import { Weather } from '../physics/weather';
import type { Scenario } from '../scenario/schema';
import { containerMessages } from './containers';
import type { FeedContext } from './context';
import { ferryMessages } from './ferries';
import type { FeedMessage } from './feed-message';
import { iceStationMessages } from './ice-stations';
import { misbehaviourMessages } from './misbehaviour';
import { truckMessages } from './trucks';

export interface FeedOptions {
  /** Epoch ms of simulated time 0. */
  startMs: number;
  seed: number;
  /** Simulated time to stop at (default the scenario's duration). */
  untilMs?: number;
}

/**
 * Every message of a scenario, in the order they are published (simulated time, then a fixed
 * device order). Pure: the same scenario, site, seed and start give the same messages, byte for
 * byte — every random number comes from the seed, every timestamp from the start.
 */
export function generateFeed(scenario: Scenario, site: SiteConfig, options: FeedOptions): FeedMessage[] {
  const durationMs = Math.min(scenario.duration, options.untilMs ?? scenario.duration);
  const weather = new Weather(scenario.weather, options.startMs, scenario.duration, options.seed);
  const context: FeedContext = { site, weather, startMs: options.startMs, durationMs, seed: options.seed };
  const groups = [
    scenario.ice ? iceStationMessages(scenario.ice, context) : [],
    truckMessages(scenario.trucks, context),
    ferryMessages(scenario.ferries, context),
    containerMessages(scenario.containers, context),
    misbehaviourMessages(
      scenario.misbehave.filter((m) => m.at < durationMs),
      context,
    ),
  ];
  const ordered = groups.flatMap((messages, group) =>
    messages.map((message, index) => ({ message, group, index })),
  );
  ordered.sort((a, b) => a.message.atMs - b.message.atMs || a.group - b.group || a.index - b.index);
  return ordered.map(({ message }) => message);
}
