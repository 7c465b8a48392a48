import type { DeviceTags } from '@jct/contract';
import type { DeviceConfig, MqttClientConfig, SiteConfig } from '@jct/site-config';

/**
 * Looks up devices and MQTT clients: those of the site configuration loaded at boot, and those
 * provisioned at run time (the registry puts them here from the state store). A record declared in
 * the site configuration is never replaced by a run-time one: the registry refuses such an id.
 */
export class SiteRegistry {
  private readonly devices: Map<string, DeviceConfig>;
  private readonly runtimeDevices = new Map<string, DeviceConfig>();
  private readonly mqttClients: Map<string, MqttClientConfig>;

  constructor(readonly config: SiteConfig) {
    this.devices = new Map(config.devices.map((device) => [device.id, device]));
    this.mqttClients = new Map(config.mqttClients.map((client) => [client.id, client]));
  }

  get siteId(): string {
    return this.config.site.id;
  }

  device(id: string): DeviceConfig | undefined {
    return this.devices.get(id) ?? this.runtimeDevices.get(id);
  }

  /** True when the site configuration declares this device (it is read-only through the API). */
  declaredInSiteConfig(id: string): boolean {
    return this.devices.has(id) || this.mqttClients.has(id);
  }

  deviceTags(id: string): DeviceTags | undefined {
    const device = this.device(id);
    if (!device) return undefined;
    return { deviceId: device.id, kind: device.kind, assetId: device.asset, siteId: this.siteId };
  }

  allDevices(): DeviceConfig[] {
    return [...this.config.devices, ...this.runtimeDevices.values()];
  }

  mqttClient(id: string): MqttClientConfig | undefined {
    return this.mqttClients.get(id);
  }

  /** A provisioned device became active (or got a new secret). */
  putRuntimeDevice(device: DeviceConfig): void {
    if (this.devices.has(device.id))
      throw new Error(`device ${device.id} is declared in the site configuration`);
    this.runtimeDevices.set(device.id, device);
  }

  /** A provisioned device was revoked: it is no device of the site any more. */
  removeRuntimeDevice(id: string): void {
    this.runtimeDevices.delete(id);
  }
}
