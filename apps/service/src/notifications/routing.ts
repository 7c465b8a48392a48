import { ruleEntry, severityRank, type Audience } from '@jct/rules';
import type { Person, SiteConfig } from '@jct/site-config';
import type { Alert } from '../alerts/alert';

/**
 * Who hears of an alert: the audience its rule names in the catalogue — the operators, the
 * people of the container's owner, the engineers — each person above their own severity floor.
 */
export function recipientsFor(alert: Alert, site: SiteConfig, owner?: string): Person[] {
  const audience = ruleEntry(alert.ruleId)?.audience ?? (['operators'] as const);
  const people = audience.flatMap((who) => peopleOf(who, alert, site, owner));
  return people.filter(
    (person) => severityRank(alert.severity) >= severityRank(person.minSeverity ?? 'warning'),
  );
}

/** `shipmentOwner`: the owner of the alert's shipment, when it has one; else the YAML container's. */
function peopleOf(audience: Audience, alert: Alert, site: SiteConfig, shipmentOwner?: string): Person[] {
  switch (audience) {
    case 'operators':
      return site.people.filter((person) => person.role === 'operator');
    case 'engineers':
      return site.people.filter((person) => person.role === 'engineer');
    case 'owner': {
      const device = site.devices.find((d) => d.id === alert.subjectId);
      const asset = site.assets.find((a) => a.id === device?.asset);
      const owner = shipmentOwner ?? (asset?.type === 'container' ? asset.owner : undefined);
      return site.people.filter(
        (person) => person.role === 'cargo-owner' && owner !== undefined && person.owner === owner,
      );
    }
  }
}
