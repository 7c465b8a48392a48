import { severityRank } from '@jct/rules';
import type { Person, SiteConfig } from '@jct/site-config';
import type { Alert } from '../alerts/alert';

/**
 * Who hears of an alert (issue #4): crossing, station, traffic and ferry alerts go to the
 * operators; cargo alerts to the people of the container's owner only — a security event (door
 * opened) to the operators as well; device alerts to the engineers; a silent ice station to both
 * operators and engineers (it turns the crossing unknown). Each person's severity floor applies.
 */
export function recipientsFor(alert: Alert, site: SiteConfig): Person[] {
  const byRole = (role: Person['role']) => site.people.filter((person) => person.role === role);
  let people: Person[];
  if (alert.ruleId === 'station.silent') {
    people = [...byRole('operator'), ...byRole('engineer')];
  } else if (alert.ruleId.startsWith('device.')) {
    people = byRole('engineer');
  } else if (alert.subjectType === 'container') {
    const device = site.devices.find((d) => d.id === alert.subjectId);
    const asset = site.assets.find((a) => a.id === device?.asset);
    const owner = asset?.type === 'container' ? asset.owner : undefined;
    people = site.people.filter(
      (person) => person.role === 'cargo-owner' && owner !== undefined && person.owner === owner,
    );
    if (alert.ruleId === 'cargo.door-open-outside-zone') people = [...people, ...byRole('operator')];
  } else {
    people = byRole('operator');
  }
  return people.filter(
    (person) => severityRank(alert.severity) >= severityRank(person.minSeverity ?? 'warning'),
  );
}
