import { findScenario } from '../../devices-sim/src/commands/options';
import { writeScenarioSite } from '../../devices-sim/src/scenario/load-scenario';
import { startService, type ServiceProcess } from '../harness/service-process';
import { waitFor } from '../harness/wait';
import { withKey } from '../support/api-keys';
import { checkScenario, expectScenarioPassed } from '../support/scenario-check';

type CrossingView = {
  status: string;
  maxGrossTonnes: number;
  reasons: { code: string; text: string }[];
};
type HistoryPoint = { ts: string; status: string; maxGrossTonnes: number };
const CROSSING = 'jalinda-mohe-ice';

// End to end (MQTT in through the simulator; HTTP out): the thickness-spike scenario's station reads
// 60 cm and then jumps to 120 cm. The crossing must never post more than it allowed before the
// spike until an operator's manual measurement, entered through the API, confirms the rise.
describe('a thickness spike held until an operator confirms it', () => {
  let service: ServiceProcess;
  const scenario = findScenario('thickness-spike');

  const crossing = async (): Promise<CrossingView> =>
    (
      await fetch(
        `${service.httpUrl}/api/crossings/${CROSSING}`,
        withKey('operator', { headers: { 'accept-language': 'en' } }),
      )
    ).json() as Promise<CrossingView>;
  const history = async (): Promise<HistoryPoint[]> =>
    (
      (await (
        await fetch(
          `${service.httpUrl}/api/crossings/${CROSSING}/history?from=${Date.now() - 86_400_000}`,
          withKey('operator'),
        )
      ).json()) as { points: HistoryPoint[] }
    ).points;
  const measure = (who: 'operator' | 'engineer', body: unknown) =>
    fetch(
      `${service.httpUrl}/api/crossings/${CROSSING}/stations/ICE-1/measurements`,
      withKey(who, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  beforeAll(async () => {
    service = await startService({ SITE_CONFIG: writeScenarioSite(scenario), ALERT_TICK_SECONDS: '1' });
  }, 40_000);
  afterAll(async () => {
    await service?.destroy();
  }, 30_000);

  it('60 → 120 cm in an hour: the engineers are told, and the posted mass stays at the ~14.4 t of 60 cm', async () => {
    const summary = await checkScenario(scenario, service.mqttUrl, service.httpUrl);
    expectScenarioPassed(summary);

    const held = await crossing();
    expect(held).toMatchObject({ status: 'restricted', maxGrossTonnes: 14.4 });
    expect(held.reasons.find((r) => r.code === 'unconfirmed_thickness')?.text).toMatch(
      /^station ICE-1 reported 120 cm at .*, more than ice can grow .*; (59|60)(\.\d)? cm is used until the rise is confirmed$/,
    );
    // Every change of the posted mass is in the history. The gauge reads 60 cm ± its noise (under
    // 1 cm) before the spike, 14.4 ± 0.4 t; 15 t would need 61.3 cm, and 120 cm would post 57.6 t.
    const points = await history();
    expect(points.map((p) => p.status)).toContain('restricted');
    expect(Math.max(...points.map((p) => p.maxGrossTonnes))).toBeLessThan(15);
  }, 90_000);

  it('an engineer may not enter a measurement; a bad one is refused with its reason and changes nothing', async () => {
    expect((await measure('engineer', { thicknessCm: 120 })).status).toBe(403);
    const bad = await measure('operator', { thicknessCm: -3, measuredAt: '2026-01-20T03:00:00' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual([
      'thicknessCm: a number of centimetres, more than 0 and at most 1000',
      'measuredAt: no time zone; add Z or an offset such as +09:00, or give epoch milliseconds',
    ]);
    expect(await crossing()).toMatchObject({ status: 'restricted', maxGrossTonnes: 14.4 });
  });

  it("the operator's manual measurement of 120 cm confirms the rise: open at 57.6 t, and the reason names who", async () => {
    const response = await measure('operator', { thicknessCm: 120 });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      stationId: 'ICE-1',
      thicknessCm: 120,
      by: 'Ирина Соколова',
    });

    const confirmed = await waitFor('the crossing open', async () => {
      const view = await crossing();
      return view.status === 'open' ? view : undefined;
    });
    expect(confirmed.maxGrossTonnes).toBe(57.6);
    expect(confirmed.reasons.map((r) => r.code)).not.toContain('unconfirmed_thickness');
    expect(confirmed.reasons.find((r) => r.code === 'manual_thickness')?.text).toMatch(
      /^station ICE-1: 120 cm confirmed by a manual measurement by Ирина Соколова at /,
    );
  });

  it('the measurement survives a crash: restarted on the same data, the crossing is still open on it', async () => {
    const dataDir = service.dataDir;
    await service.kill('SIGKILL');
    service = await startService(
      { SITE_CONFIG: writeScenarioSite(scenario), ALERT_TICK_SECONDS: '1' },
      { dataDir },
    );
    const view = await waitFor('the crossing open after the restart', async () => {
      const now = await crossing();
      return now.status === 'open' ? now : undefined;
    });
    expect(view.maxGrossTonnes).toBe(57.6);
    expect(view.reasons.find((r) => r.code === 'manual_thickness')?.text).toContain('Ирина Соколова');
  }, 60_000);
});
