import { stepBox, type BoxState, type UnitMode } from './reefer';

const run = (minutes: number, conditions: Parameters<typeof stepBox>[1], start: BoxState) => {
  let box = start;
  const temps: number[] = [];
  const modes = new Set<UnitMode>();
  for (let m = 0; m < minutes; m++) {
    box = stepBox(box, conditions, 1 / 60);
    temps.push(box.tempC);
    modes.add(box.mode);
  }
  return { box, temps, modes };
};

describe('stepBox', () => {
  it('a working reefer at −30 °C outside holds +2 °C within its band, heating in cycles', () => {
    const { temps, modes } = run(
      600,
      { ambientC: -30, setpointC: 2, unitWorks: true, doorOpen: false, defrosting: false },
      { tempC: 2, mode: 'off' },
    );
    expect(Math.min(...temps)).toBeGreaterThan(1.3);
    expect(Math.max(...temps)).toBeLessThan(2.7);
    expect(modes).toEqual(new Set(['heat', 'off']));
  });

  it('a working reefer in a warm place cools in cycles', () => {
    const { modes, box } = run(
      600,
      { ambientC: 25, setpointC: -21, unitWorks: true, doorOpen: false, defrosting: false },
      { tempC: -21, mode: 'off' },
    );
    expect(modes).toEqual(new Set(['cool', 'off']));
    expect(Math.abs(box.tempC + 21)).toBeLessThan(0.7);
  });

  it('a failed unit drifts towards the outside with the insulated time constant (10 h)', () => {
    const { box } = run(
      600,
      { ambientC: -28, setpointC: 2, unitWorks: false, doorOpen: false, defrosting: false },
      { tempC: 2, mode: 'off' },
    );
    // −28 + 30·e^(−1) after one time constant.
    expect(box.tempC).toBeCloseTo(-28 + 30 * Math.exp(-1), 1);
  });

  it('an open door lets the outside in faster', () => {
    const closed = run(
      10,
      { ambientC: -30, setpointC: undefined, unitWorks: false, doorOpen: false, defrosting: false },
      { tempC: 2, mode: 'off' },
    );
    const insulatedClosed = run(
      10,
      { ambientC: -30, setpointC: 2, unitWorks: false, doorOpen: false, defrosting: false },
      { tempC: 2, mode: 'off' },
    );
    const open = run(
      10,
      { ambientC: -30, setpointC: 2, unitWorks: false, doorOpen: true, defrosting: false },
      { tempC: 2, mode: 'off' },
    );
    expect(open.box.tempC).toBeLessThan(insulatedClosed.box.tempC);
    // An unconditioned steel box follows the outside fastest of all.
    expect(closed.box.tempC).toBeLessThan(open.box.tempC);
  });

  it('a defrost warms a frozen box by about 2 °C in 10 minutes', () => {
    const { box } = run(
      10,
      { ambientC: -25, setpointC: -21, unitWorks: true, doorOpen: false, defrosting: true },
      { tempC: -21, mode: 'off' },
    );
    expect(box.tempC).toBeGreaterThan(-19.3);
    expect(box.tempC).toBeLessThan(-18.7);
  });
});
