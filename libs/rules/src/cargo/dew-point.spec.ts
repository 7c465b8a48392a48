import { condensationRisk, dewPointC } from './dew-point';

describe('dewPointC (Magnus, 17.62 / 243.12)', () => {
  const cases: { name: string; tempC: number; rhPct: number; dewPointC: number }[] = [
    // γ = 17.62·20/263.12 + ln 0.5 = 1.339313 − 0.693147 = 0.646166; 243.12·γ/(17.62−γ) = 9.2552.
    { name: '20 °C at 50 % → 9.26 °C', tempC: 20, rhPct: 50, dewPointC: 9.2552 },
    // γ = 17.62·(−10)/233.12 + ln 0.8 = −0.755834 − 0.223144 = −0.978978; → −12.7969.
    { name: '−10 °C at 80 % → −12.80 °C', tempC: -10, rhPct: 80, dewPointC: -12.7969 },
    // γ = 17.62·5/248.12 + ln 0.9 = 0.355070 − 0.105361 = 0.249709; → 3.4950.
    { name: '5 °C at 90 % → 3.50 °C', tempC: 5, rhPct: 90, dewPointC: 3.495 },
    { name: 'saturated air: the dew point is the air temperature', tempC: 25, rhPct: 100, dewPointC: 25 },
  ];
  it.each(cases)('$name', ({ tempC, rhPct, dewPointC: expected }) => {
    expect(dewPointC(tempC, rhPct)).toBeCloseTo(expected, 3);
  });

  const invalid: { name: string; tempC: number; rhPct: number }[] = [
    { name: 'RH 0 % (no dew point)', tempC: 20, rhPct: 0 },
    { name: 'RH above 100 %', tempC: 20, rhPct: 100.5 },
    { name: 'a NaN temperature', tempC: Number.NaN, rhPct: 50 },
  ];
  it.each(invalid)('$name → RangeError', ({ tempC, rhPct }) => {
    expect(() => dewPointC(tempC, rhPct)).toThrow(RangeError);
  });
});

describe('condensationRisk (GDV "container rain")', () => {
  const insideDewPoint = dewPointC(20, 50); // 9.26 °C
  const cases: { name: string; insideC: number; rhPct: number; surfaceC: number; risk: boolean }[] = [
    {
      name: 'a −30 °C wall against 20 °C / 50 % air → condensation',
      insideC: 20,
      rhPct: 50,
      surfaceC: -30,
      risk: true,
    },
    {
      name: 'a wall exactly at the dew point → condensation',
      insideC: 20,
      rhPct: 50,
      surfaceC: insideDewPoint,
      risk: true,
    },
    { name: 'a wall 0.1 °C above the dew point → none', insideC: 20, rhPct: 50, surfaceC: 9.36, risk: false },
    { name: 'a wall as warm as the air → none', insideC: 20, rhPct: 50, surfaceC: 20, risk: false },
    { name: 'bone-dry air (0 %) at −50 °C → none', insideC: 20, rhPct: 0, surfaceC: -50, risk: false },
  ];
  it.each(cases)('$name', ({ insideC, rhPct, surfaceC, risk }) => {
    expect(condensationRisk(insideC, rhPct, surfaceC)).toBe(risk);
  });

  it('a NaN surface temperature → RangeError, not a silent "no risk"', () => {
    expect(() => condensationRisk(20, 50, Number.NaN)).toThrow(RangeError);
  });
});
