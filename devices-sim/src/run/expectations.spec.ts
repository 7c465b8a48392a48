import type { AlertEvent } from './alert-listener';
import {
  activeFromEvents,
  alreadyActive,
  checkRun,
  formatAlreadyActive,
  type CheckInput,
} from './expectations';

const START = Date.parse('2026-01-20T00:00:00Z');
const MIN = 60_000;
const event = (
  transition: AlertEvent['transition'],
  ruleId: string,
  subjectId: string,
  atMin: number,
  severity = 'major',
): AlertEvent => ({
  transition,
  alert: {
    id: `${ruleId}-${subjectId}`,
    ruleId,
    subjectId,
    severity,
    state: transition === 'resolved' ? 'resolved' : 'firing',
    reason: 'why',
    trigger: { ts: new Date(START + atMin * MIN).toISOString() },
  },
});
const input = (
  over: Omit<Partial<CheckInput>, 'scenario'> & { scenario?: Partial<CheckInput['scenario']> },
): CheckInput => ({
  startMs: START,
  events: [],
  rejections: { messages: 0, byCode: {} },
  failedPublishes: 0,
  ...over,
  scenario: { expect: [], forbid: [], rejections: undefined, ...over.scenario },
});

describe('checkRun', () => {
  const thin = { alert: 'ice.thickness-below-required', subject: 'ICE-3', within: 30 * MIN };

  it('an expected alert fired within its simulated time passes', () => {
    const result = checkRun(
      input({ scenario: { expect: [thin] }, events: [event('firing', thin.alert, 'ICE-3', 12)] }),
    );
    expect(result.passed).toBe(true);
    expect(result.lines[0]).toMatch(/^ok .*fired at 00:12:00/);
  });

  it('an expected alert fired after its simulated time fails, and says so', () => {
    const result = checkRun(
      input({ scenario: { expect: [thin] }, events: [event('firing', thin.alert, 'ICE-3', 31)] }),
    );
    expect(result.passed).toBe(false);
    expect(result.lines[0]).toMatch(/^FAILED .*fired outside its window, at 00:31:00/);
  });

  it('an expected alert must fire after `after`: an earlier firing does not count, a later one does', () => {
    const late = { ...thin, after: 20 * MIN };
    expect(
      checkRun(input({ scenario: { expect: [late] }, events: [event('firing', thin.alert, 'ICE-3', 12)] }))
        .passed,
    ).toBe(false);
    const both = [event('firing', thin.alert, 'ICE-3', 12), event('firing', thin.alert, 'ICE-3', 25)];
    const result = checkRun(input({ scenario: { expect: [late] }, events: both }));
    expect(result.passed).toBe(true);
    expect(result.lines[0]).toMatch(/after 00:20:00 within 00:30:00: fired at 00:25:00/);
  });

  it('an expected alert on another subject, or of another severity, does not count', () => {
    expect(
      checkRun(input({ scenario: { expect: [thin] }, events: [event('firing', thin.alert, 'ICE-2', 1)] }))
        .passed,
    ).toBe(false);
    const critical = { ...thin, severity: 'critical' as const };
    expect(
      checkRun(input({ scenario: { expect: [critical] }, events: [event('firing', thin.alert, 'ICE-3', 1)] }))
        .passed,
    ).toBe(false);
    expect(
      checkRun(
        input({
          scenario: { expect: [critical] },
          events: [event('escalated', thin.alert, 'ICE-3', 1, 'critical')],
        }),
      ).passed,
    ).toBe(true);
  });

  it('a forbidden alert that fires fails; a resolved transition alone does not', () => {
    const forbid = [{ alertFamily: 'cargo' as const }];
    expect(
      checkRun(input({ scenario: { forbid }, events: [event('firing', 'cargo.temp-low', 'CONT-02', 5)] }))
        .passed,
    ).toBe(false);
    expect(
      checkRun(input({ scenario: { forbid }, events: [event('resolved', 'cargo.temp-low', 'CONT-02', 5)] }))
        .passed,
    ).toBe(true);
    expect(
      checkRun(input({ scenario: { forbid }, events: [event('firing', 'ice.thaw', 'x', 5)] })).passed,
    ).toBe(true);
  });

  it('rules on the service clock are judged on the alerts active at the end, not on what fired while catching up', () => {
    const events = [
      event('firing', 'device.silent', 'CONT-01', 0),
      event('resolved', 'device.silent', 'CONT-01', 240),
    ];
    const forbid = [{ alertFamily: 'device' as const }];
    expect(checkRun(input({ scenario: { forbid }, events })).passed).toBe(true);
    expect(checkRun(input({ scenario: { forbid }, events, activeAtEnd: [] })).passed).toBe(true);
    const stillSilent = [event('firing', 'device.silent', 'CONT-01', 0).alert];
    expect(checkRun(input({ scenario: { forbid }, events, activeAtEnd: stillSilent })).passed).toBe(false);

    const expectSilent = [{ alert: 'station.silent', subject: 'ICE-4' }];
    const silent = event('firing', 'station.silent', 'ICE-4', 0).alert;
    expect(checkRun(input({ scenario: { expect: expectSilent }, activeAtEnd: [silent] })).passed).toBe(true);
    expect(checkRun(input({ scenario: { expect: expectSilent }, activeAtEnd: [] })).passed).toBe(false);
  });

  it('no rejections declared: any rejection fails; declared: each code must appear', () => {
    const rejected = { messages: 2, byCode: { not_json: 1, out_of_range: 1 } };
    expect(checkRun(input({ rejections: rejected })).passed).toBe(false);
    expect(
      checkRun(input({ rejections: rejected, scenario: { rejections: { min: 2, codes: ['not_json'] } } }))
        .passed,
    ).toBe(true);
    expect(
      checkRun(input({ rejections: rejected, scenario: { rejections: { min: 3, codes: [] } } })).passed,
    ).toBe(false);
    expect(
      checkRun(input({ rejections: rejected, scenario: { rejections: { min: 1, codes: ['wrong_type'] } } }))
        .passed,
    ).toBe(false);
  });

  it('a publish the service did not acknowledge fails the run', () => {
    expect(checkRun(input({ failedPublishes: 1 })).passed).toBe(false);
  });
});

describe('activeFromEvents', () => {
  it('the last transition of each (rule, subject) decides', () => {
    const active = activeFromEvents([
      event('firing', 'a', 'x', 0),
      event('resolved', 'a', 'x', 1),
      event('firing', 'b', 'x', 2),
      event('firing', 'a', 'y', 3),
    ]);
    expect(active.map((a) => `${a.ruleId}|${a.subjectId}`).sort()).toEqual(['a|y', 'b|x']);
  });
});

describe('alreadyActive: alerts a check would misjudge, active before the run starts', () => {
  const active = (ruleId: string, subjectId: string) => event('firing', ruleId, subjectId, 0).alert;
  const thinSpot = {
    expect: [{ alert: 'ice.thickness-below-required', subject: 'ICE-3' }],
    forbid: [{ alert: 'ice.thickness-below-required', subject: 'ICE-1' }, { alertFamily: 'cargo' as const }],
  };

  it.each([
    ['the expected alert, left by an earlier run → refused', 'ice.thickness-below-required', 'ICE-3', true],
    ['a forbidden alert still firing → refused', 'ice.thickness-below-required', 'ICE-1', true],
    ['a forbidden family → refused', 'cargo.temp-high', 'CONT-02', true],
    ['an alert the scenario does not judge → fine', 'ferry.off-corridor', 'FERRY-1', false],
    ['a service-clock rule (judged on the end state) → fine', 'station.silent', 'ICE-3', false],
  ])('%s', (_case, ruleId, subjectId, refused) => {
    expect(alreadyActive(thinSpot, [active(ruleId, subjectId)])).toHaveLength(refused ? 1 : 0);
  });

  it('the refusal names each alert, why it matters, and how to fix it', () => {
    const text = formatAlreadyActive('thin-spot', 'http://127.0.0.1:3000', [
      active('ice.thickness-below-required', 'ICE-3'),
    ]);
    expect(text).toContain('refusing to check thin-spot: 1 alert(s) it judges are already active');
    expect(text).toContain('  ice.thickness-below-required on ICE-3 (firing)');
    expect(text).toContain('DATA_DIR=$(mktemp -d)');
  });
});
