/** Time constant of an insulated reefer box towards the outside temperature, hours [design]. */
const INSULATED_TAU_H = 10;
/** An unconditioned steel box follows the outside within about an hour [design]. */
const DRY_BOX_TAU_H = 1;
/** With the door open the inside air is exchanged quickly [design]. */
const DOOR_OPEN_TAU_H = 2;
/** Refrigeration unit: cools or heats at this rate, °C per hour [design]. */
const UNIT_RATE_C_PER_H = 8;
/** Starts at ±0.5 °C around the setpoint and stops 0.2 °C past it: the compressor cycles [design]. */
const START_BAND_C = 0.5;
const STOP_BAND_C = 0.2;
/** An evaporator defrost warms the box by about 2 °C over its 10 minutes [design]. */
const DEFROST_C_PER_H = 12;

export type UnitMode = 'cool' | 'heat' | 'off';

export interface BoxState {
  tempC: number;
  mode: UnitMode;
}

export interface BoxConditions {
  ambientC: number;
  /** undefined: no refrigeration unit (a dry box). */
  setpointC?: number;
  unitWorks: boolean;
  doorOpen: boolean;
  defrosting: boolean;
}

/**
 * One step of a container's inside temperature: heat exchange with the outside (Newton's law of
 * cooling), and a refrigeration unit that cools or heats towards its setpoint with hysteresis —
 * the compressor cycles. In an Amur winter a reefer mostly *heats*: freezing is the danger
 * (docs/domain.md §5).
 */
export function stepBox(state: BoxState, conditions: BoxConditions, hours: number): BoxState {
  const { ambientC, setpointC, unitWorks, doorOpen, defrosting } = conditions;
  const tau = doorOpen ? DOOR_OPEN_TAU_H : setpointC === undefined ? DRY_BOX_TAU_H : INSULATED_TAU_H;
  let temp = state.tempC + (ambientC - state.tempC) * (1 - Math.exp(-hours / tau));
  let mode: UnitMode = 'off';
  if (setpointC !== undefined && unitWorks) {
    if (defrosting) {
      temp += DEFROST_C_PER_H * hours;
    } else {
      mode = state.mode;
      if (temp > setpointC + START_BAND_C) mode = 'cool';
      else if (temp < setpointC - START_BAND_C) mode = 'heat';
      if (mode === 'cool') {
        temp -= UNIT_RATE_C_PER_H * hours;
        if (temp <= setpointC - STOP_BAND_C) mode = 'off';
      } else if (mode === 'heat') {
        temp += UNIT_RATE_C_PER_H * hours;
        if (temp >= setpointC + STOP_BAND_C) mode = 'off';
      }
    }
  }
  return { tempC: temp, mode };
}
