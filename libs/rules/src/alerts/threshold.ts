/**
 * A threshold with separate trigger and clear levels (hysteresis, as Kapacitor's critReset): a
 * firing condition clears only past the clear level, so a value hovering at the limit does not
 * flap.
 */
export interface Threshold {
  direction: 'above' | 'below';
  trigger: number;
  /** Defaults to the trigger level (no hysteresis). */
  clear?: number;
  /**
   * The trigger level itself breaches, as the source words it ("−5 °C or warmer", "or more");
   * docs/domain.md lists each boundary's inclusiveness. Default: strictly past it.
   */
  inclusive?: boolean;
}

/**
 * Whether `value` breaches the threshold, given whether the condition is firing now. A value
 * exactly at a level (an inclusive trigger aside) neither triggers nor clears: it must go past the trigger level to fire and
 * past the clear level to resolve.
 */
export function thresholdBreached(value: number, threshold: Threshold, firing: boolean): boolean {
  if (!firing) {
    const { trigger, inclusive } = threshold;
    if (inclusive) return threshold.direction === 'above' ? value >= trigger : value <= trigger;
    return threshold.direction === 'above' ? value > trigger : value < trigger;
  }
  const clear = threshold.clear ?? threshold.trigger;
  return threshold.direction === 'above' ? value >= clear : value <= clear;
}
