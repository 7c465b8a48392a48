import { z } from 'zod';
import { parseDuration } from './duration';

/** `10m`, `2h`, `1.5d`, `90s` (or a number of seconds) → milliseconds. */
const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (e.g. 90s, 10m, 2h, 1.5d)` });
    return z.NEVER;
  }
  return ms;
});
const positiveDuration = duration.refine((ms) => ms > 0, 'must be longer than 0');
const latLon = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);
const deviceId = z.string().min(1);

/** Changes to the base site configuration this scenario needs (seasons, rule overrides, devices). */
const site = z.strictObject({
  /** Base site configuration, relative to the working directory; default the shipped one. */
  base: z.string().optional(),
  crossings: z
    .record(
      z.string(),
      z.strictObject({
        season: z.strictObject({ opens: z.string(), closes: z.string() }).optional(),
        rules: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  /** Devices taken out of the configuration (e.g. ice stations recovered before the summer). */
  removeDevices: z.array(deviceId).optional(),
});

const weather = z.strictObject({
  /** Mean air temperature, °C, outside thaw spells. */
  airTempC: z.number().min(-60).max(40).default(-25),
  /** Half the daily swing, °C: coldest before dawn, warmest mid-afternoon (local time). */
  dailyAmplitudeC: z.number().min(0).max(20).default(5),
  /** Standard deviation of the weather's random walk around the cycle, °C. */
  noiseC: z.number().min(0).max(10).default(0.7),
  thaw: z
    .array(z.strictObject({ from: duration, to: duration, airTempC: z.number().min(-30).max(30) }))
    .default([]),
  snowfall: z.array(z.strictObject({ at: duration, cm: z.number().positive().max(100) })).default([]),
});

const stationOverride = z.strictObject({
  thicknessCm: z.number().min(0).max(300).optional(),
  whiteIceCm: z.number().min(0).max(300).optional(),
  /** The station stops reporting at this simulated time (battery, ice damage). */
  silentFrom: duration.optional(),
  /** Water on the ice between these times. */
  overflow: z.strictObject({ from: duration, to: duration }).optional(),
  /** A crack of this width from `at`. */
  crack: z.strictObject({ at: duration, mm: z.number().min(0).max(2000) }).optional(),
  /** A faulty gauge: from `at` it reads this thickness, whatever the ice (docs/domain.md §8). */
  spike: z.strictObject({ at: duration, cm: z.number().min(0).max(500) }).optional(),
  /** A stuck gauge: from this time it repeats its last reading to the digit. */
  stuckFrom: duration.optional(),
  /** At the reading of `at` the gauge first sends this wrong thickness, then the right one for the same time. */
  correction: z.strictObject({ at: duration, wrongCm: z.number().min(0).max(500) }).optional(),
});

const ice = z.strictObject({
  /** Default: every ice station of the site configuration. */
  stations: z.array(deviceId).optional(),
  every: positiveDuration.default(600_000),
  thicknessCm: z.number().min(0).max(300).default(115),
  whiteIceCm: z.number().min(0).max(300).default(8),
  snowDepthCm: z.number().min(0).max(200).default(10),
  /** Stefan's law h = α·√(freezing degree-days), cm and °C·day. */
  stefanCoefficient: z.number().positive().max(4).default(2),
  overrides: z.record(deviceId, stationOverride).default({}),
});

const truck = z.strictObject({
  id: deviceId,
  grossMassKg: z.number().min(0).max(150_000),
  /** When it leaves the checkpoint of its bank. */
  departAt: duration,
  /** south: Jalinda → Mohe; north: Mohe → Jalinda. */
  direction: z.enum(['south', 'north']).default('south'),
  speedKmh: z.number().positive().max(80).default(10),
  every: positiveDuration.default(10_000),
  /** Stops this far along its route (metres from its checkpoint) for this long. */
  stop: z
    .strictObject({
      atM: z.number().min(0),
      forMinutes: z.number().positive(),
      /** GPS scatter while standing, m, with speeds of 0–3 km/h (docs/domain.md §8); default none. */
      gpsJitterM: z.number().min(0).max(100).optional(),
    })
    .optional(),
});

const ferry = z.strictObject({
  id: deviceId,
  firstDepartureAt: duration.default(300_000),
  /** A departure every … (alternating banks). */
  every: positiveDuration.default(2_400_000),
  speedKmh: z.number().positive().max(40).default(8),
  reportEvery: positiveDuration.default(30_000),
  waterLevelCm: z.number().min(-1000).max(3000).default(260),
  /** On crossing number `crossing` (1 = the first) the ferry drifts `byM` metres off the centre line. */
  offCorridor: z
    .strictObject({ crossing: z.number().int().positive(), byM: z.number().positive() })
    .optional(),
});

const place = z.union([z.enum(['jalinda-checkpoint', 'mohe-checkpoint', 'road', 'warehouse']), latLon]);

const container = z.strictObject({
  id: deviceId,
  place: place.default('jalinda-checkpoint'),
  /** The tracker wakes up (the container arrives) at … */
  from: duration.default(0),
  every: positiveDuration.default(60_000),
  /** Temperature around the box, °C; default the outside air (a heated warehouse is +18). */
  ambientC: z.number().min(-60).max(50).optional(),
  /** Default: the middle of the cargo profile's temperature range; none for unconditioned boxes. */
  setpointC: z.number().min(-40).max(40).optional(),
  startTempC: z.number().min(-60).max(60).optional(),
  humidityPct: z.number().min(0).max(100).optional(),
  /** The refrigeration unit stops at `at`. */
  failure: z.strictObject({ at: duration }).optional(),
  doors: z.array(z.strictObject({ at: duration, forMinutes: z.number().positive() })).default([]),
  /** Frozen units defrost their evaporator: +2 °C for 10 minutes every … */
  defrostEvery: positiveDuration.optional(),
  batteryPct: z.number().min(0).max(100).optional(),
});

const misbehaviour = z.strictObject({
  device: deviceId,
  at: duration,
  kind: z.enum([
    'malformed-json',
    'wrong-type',
    'out-of-range',
    'huge-payload',
    'flood',
    'unknown-metric',
    'future-timestamp',
  ]),
  count: z.number().int().positive().max(100_000).default(1),
});

const expectation = z.strictObject({
  alert: z.string().min(1),
  subject: z.string().min(1).optional(),
  severity: z.enum(['warning', 'major', 'critical']).optional(),
  /** Fires by this simulated time (device time of the firing reading − scenario start). */
  within: duration.optional(),
  /** …and not before this simulated time (e.g. only once a thaw has set in). */
  after: duration.optional(),
});

const forbidden = z
  .strictObject({
    alert: z.string().min(1).optional(),
    /** Every rule of a family of the rule catalogue (ice, traffic, ferry, cargo, device). */
    alertFamily: z.enum(['ice', 'traffic', 'ferry', 'cargo', 'device']).optional(),
    subject: z.string().min(1).optional(),
  })
  .refine((f) => (f.alert === undefined) !== (f.alertFamily === undefined), {
    message: 'give exactly one of alert or alertFamily',
  });

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by -'),
  description: z.string().min(1),
  duration: positiveDuration,
  /** Simulated seconds per wall second, unless --speed says otherwise. */
  speed: z.number().positive().default(3600),
  seed: z.number().int().min(0).default(1),
  site: site.default({}),
  weather: weather.default({
    airTempC: -25,
    dailyAmplitudeC: 5,
    noiseC: 0.7,
    thaw: [],
    snowfall: [],
  }),
  ice: ice.optional(),
  trucks: z.array(truck).default([]),
  ferries: z.array(ferry).default([]),
  containers: z.array(container).default([]),
  misbehave: z.array(misbehaviour).default([]),
  expect: z.array(expectation).default([]),
  forbid: z.array(forbidden).default([]),
  /** Rejections the service must send back; none given → the scenario must cause none. */
  rejections: z
    .strictObject({
      min: z.number().int().min(0).default(1),
      codes: z.array(z.string()).default([]),
    })
    .optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type TruckPlan = Scenario['trucks'][number];
export type FerryPlan = Scenario['ferries'][number];
export type ContainerPlan = Scenario['containers'][number];
export type IcePlan = NonNullable<Scenario['ice']>;
export type WeatherPlan = Scenario['weather'];
export type Misbehaviour = Scenario['misbehave'][number];
export type Expectation = Scenario['expect'][number];
export type Forbidden = Scenario['forbid'][number];
