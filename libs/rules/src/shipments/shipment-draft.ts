import type { CargoProfile } from '../cargo/cargo-profiles';
import { limitOverrideProblems, type FieldProblem } from './limit-overrides';
import { LEG_MODES, type ShipmentDraft } from './shipment';

export interface DraftContext {
  profiles: Readonly<Record<string, CargoProfile>>;
  /** Whether a device id names a container tracker of this site. */
  isTracker: (deviceId: string) => boolean;
}

/**
 * Every problem of a draft, each naming its field: the cargo profile exists, overrides only
 * narrow it, trackers are known container trackers named once, and the legs follow the route's
 * order with times that never go back (each leg departs no earlier than the one before arrived).
 */
export function shipmentDraftProblems(draft: ShipmentDraft, context: DraftContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const profile = context.profiles[draft.cargoProfile];
  if (!profile) {
    problems.push({
      field: 'cargoProfile',
      message: `unknown cargo profile "${draft.cargoProfile}"; one of ${Object.keys(context.profiles).join(', ')}`,
    });
  } else {
    problems.push(...limitOverrideProblems(profile, draft.overrides));
  }
  const seen = new Set<string>();
  draft.trackers.forEach((tracker, i) => {
    if (seen.has(tracker)) problems.push({ field: `trackers[${i}]`, message: `"${tracker}" is named twice` });
    else if (!context.isTracker(tracker))
      problems.push({
        field: `trackers[${i}]`,
        message: `"${tracker}" is not a container tracker of this site`,
      });
    seen.add(tracker);
  });
  draft.legs.forEach((leg, i) => {
    if (leg.arriveAt < leg.departAt) {
      problems.push({ field: `legs[${i}].arriveAt`, message: 'is before the leg departs' });
    }
    const previous = draft.legs[i - 1];
    if (!previous) return;
    if (LEG_MODES.indexOf(leg.mode) < LEG_MODES.indexOf(previous.mode)) {
      problems.push({
        field: `legs[${i}].mode`,
        message: `${leg.mode} cannot follow ${previous.mode}; the route runs ${LEG_MODES.join(' → ')}`,
      });
    }
    if (leg.departAt < previous.arriveAt) {
      problems.push({ field: `legs[${i}].departAt`, message: 'is before the previous leg arrives' });
    }
  });
  return problems;
}
