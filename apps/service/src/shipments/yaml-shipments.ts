import type { Shipment } from '@jct/rules';
import type { SiteConfig } from '@jct/site-config';

/**
 * The containers the site YAML declares, as shipments: one per container asset, id = the asset id,
 * its trackers = the devices on that asset, in transit for as long as the YAML declares it (it owns
 * every reading of its trackers). They are read-only at run time: the YAML is changed and the
 * service restarted, as before run-time shipments existed.
 */
export function yamlShipments(config: SiteConfig): Shipment[] {
  return config.assets.flatMap((asset) =>
    asset.type === 'container'
      ? [
          {
            id: asset.id,
            containerNumber: asset.isoNumber,
            owner: asset.owner,
            cargoProfile: asset.cargoProfile,
            overrides: asset.limits ?? {},
            trackers: config.devices.filter((d) => d.asset === asset.id).map((d) => d.id),
            legs: [],
            ...(asset.description !== undefined ? { description: asset.description } : {}),
            state: 'in_transit' as const,
            origin: 'yaml' as const,
            createdAt: 0,
            startedAt: 0,
          },
        ]
      : [],
  );
}
