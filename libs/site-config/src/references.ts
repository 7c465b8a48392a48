import { isDeviceKind } from '@jct/contract';
import { CARGO_PROFILES } from '@jct/rules';
import type { SiteConfig } from './schema';

export interface ConfigProblem {
  path: string;
  message: string;
}

/** Checks what a schema cannot: unique ids and that every reference points at something real. */
/**
 * Places where a container tracker may wait between shipments: a container tracker sits on its
 * YAML container, or on one of these until a shipment registered at run time attaches it.
 */
const TRACKER_DEPOTS = new Set<string>(['inspection-zone', 'rail-hub', 'checkpoint']);

export function checkReferences(config: SiteConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const unique = (list: { id: string }[], name: string) => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      if (item.id === '') return; // an entry the schema already reported as malformed
      if (seen.has(item.id))
        problems.push({ path: `${name}[${index}].id`, message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
  };
  unique(config.crossings, 'crossings');
  unique(config.assets, 'assets');
  unique(config.devices, 'devices');
  unique(config.people, 'people');
  unique(config.owners, 'owners');
  unique(config.mqttClients, 'mqttClients');
  unique(config.apiKeys, 'apiKeys');
  const deviceIds = new Set(config.devices.map((device) => device.id));
  config.mqttClients.forEach((client, index) => {
    if (client.id !== '' && deviceIds.has(client.id)) {
      problems.push({ path: `mqttClients[${index}].id`, message: `"${client.id}" is also a device id` });
    }
  });

  const crossings = new Map(config.crossings.map((crossing) => [crossing.id, crossing]));
  const assets = new Map(config.assets.map((asset) => [asset.id, asset]));
  const owners = new Set(config.owners.map((owner) => owner.id));

  config.assets.forEach((asset, index) => {
    if (
      asset.type === 'container' &&
      typeof asset.cargoProfile === 'string' &&
      !(asset.cargoProfile in CARGO_PROFILES)
    ) {
      problems.push({
        path: `assets[${index}].cargoProfile`,
        message: `unknown cargo profile "${asset.cargoProfile}"; one of ${Object.keys(CARGO_PROFILES).join(', ')}`,
      });
    }
    if (asset.type === 'container' && !owners.has(asset.owner)) {
      problems.push({ path: `assets[${index}].owner`, message: `unknown owner "${asset.owner}"` });
    }
    if (asset.type === 'ferry' && crossings.get(asset.crossing)?.mode !== 'ferry') {
      problems.push({
        path: `assets[${index}].crossing`,
        message: `"${asset.crossing}" is not a ferry crossing`,
      });
    }
  });

  config.devices.forEach((device, index) => {
    if (!isDeviceKind(device.kind)) return; // reported by the schema
    const path = `devices[${index}].asset`;
    if (device.kind === 'ice-station') {
      if (crossings.get(device.asset)?.mode !== 'ice') {
        problems.push({
          path,
          message: `an ice station must sit on an ice crossing; "${device.asset}" is not one`,
        });
      }
      return;
    }
    const asset = assets.get(device.asset);
    if (!asset) problems.push({ path, message: `unknown asset "${device.asset}"` });
    else if (device.kind === 'container' && TRACKER_DEPOTS.has(asset.type)) {
      // A container tracker waiting at a place for a run-time shipment to attach it.
    } else if (asset.type !== device.kind) {
      problems.push({
        path,
        message: `a ${device.kind} device must sit on a ${device.kind}; "${device.asset}" is a ${asset.type}`,
      });
    }
  });

  config.people.forEach((person, index) => {
    if (person.role === 'cargo-owner' && !person.owner) {
      problems.push({
        path: `people[${index}].owner`,
        message: 'a cargo owner must name the owner whose cargo they see',
      });
    }
    if (person.owner && !owners.has(person.owner)) {
      problems.push({ path: `people[${index}].owner`, message: `unknown owner "${person.owner}"` });
    }
  });

  // A cargo owner's key is scoped to one owner: without one it would see nothing, or
  // worse, be mistaken for an operator's; any other role with an owner is a typo.
  const people = new Set(config.people.map((person) => person.id));
  config.apiKeys.forEach((key, index) => {
    if (key.role === 'cargo-owner' && !key.owner) {
      problems.push({ path: `apiKeys[${index}].owner`, message: 'a cargo owner key must name its owner' });
    }
    if (key.role !== 'cargo-owner' && key.owner) {
      problems.push({ path: `apiKeys[${index}].owner`, message: `only cargo-owner keys have an owner` });
    }
    if (key.owner && !owners.has(key.owner)) {
      problems.push({ path: `apiKeys[${index}].owner`, message: `unknown owner "${key.owner}"` });
    }
    if (key.person && !people.has(key.person)) {
      problems.push({ path: `apiKeys[${index}].person`, message: `unknown person "${key.person}"` });
    }
  });
  return problems;
}
