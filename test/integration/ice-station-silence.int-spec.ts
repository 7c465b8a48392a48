import { TestClock } from '../../apps/service/src/clock/test-clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { writeSiteConfig } from '../support/site-config';
import { withKey } from '../support/api-keys';

/** MM-DD, `days` from today. */
const monthDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(5, 10);

// No station has reported in either service: in season that is a silent station; out of season,
// with the crossing closed by the calendar and the stations off the river, it is nothing.
describe.each([
  ['in season', { opens: '01-01', closes: '12-31' }, true],
  ['out of season', { opens: monthDay(10), closes: monthDay(20) }, false],
])('ice stations that never reported, %s', (_, season, alerts) => {
  let service: TestApp;
  const clock = new TestClock();
  beforeAll(async () => {
    const site = writeSiteConfig((doc) => {
      const ice = doc.crossings.find((crossing) => crossing.id === 'jalinda-mohe-ice')!;
      ice.season = season;
      ice.rules = { ...ice.rules, staleAfterMinutes: 0.05 };
    });
    service = await startTestApp({ SITE_CONFIG: site, ALERT_TICK_SECONDS: '1' }, { clock });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  }, 30_000);

  const silent = async () =>
    (
      (await (await fetch(`${service.httpUrl}/api/alerts?state=active`, withKey('operator'))).json()) as {
        ruleId: string;
      }[]
    ).filter((alert) => alert.ruleId === 'station.silent');

  it(
    alerts ? 'fire station.silent for each station' : 'raise no station.silent alert',
    async () => {
      // Ten ticks, the last well past the 3 s a station may stay silent here.
      await clock.advance(10_000);
      expect(await silent()).toHaveLength(alerts ? 4 : 0);
      const crossing = (await (
        await fetch(`${service.httpUrl}/api/crossings/jalinda-mohe-ice`, withKey('operator'))
      ).json()) as {
        status: string;
      };
      // Either way the crossing is not open: unknown in season, closed out of it.
      expect(crossing.status).toBe(alerts ? 'unknown' : 'closed');
    },
    10_000,
  );
});
