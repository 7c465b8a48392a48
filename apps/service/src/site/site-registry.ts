import type { DeviceTags } from '@jct/contract';
import type { DeviceConfig, MqttClientConfig, SiteConfig } from '@jct/site-config';

/** Looks up devices and MQTT clients of the site configuration loaded at boot. */
export class SiteRegistry {
  private readonly devices: Map<string, DeviceConfig>;
  private readonly tags = new Map<string, DeviceTags>();
  private readonly mqttClients: Map<string, MqttClientConfig>;

  constructor(readonly config: SiteConfig) {
    this.devices = new Map(config.devices.map((device) => [device.id, device]));
    this.mqttClients = new Map(config.mqttClients.map((client) => [client.id, client]));
    for (const device of config.devices) {
      this.tags.set(device.id, {
        deviceId: device.id,
        kind: device.kind,
        assetId: device.asset,
        siteId: config.site.id,
      });
    }
  }

  get siteId(): string {
    return this.config.site.id;
  }

  device(id: string): DeviceConfig | undefined {
    return this.devices.get(id);
  }

  deviceTags(id: string): DeviceTags | undefined {
    return this.tags.get(id);
  }

  allDevices(): DeviceConfig[] {
    return this.config.devices;
  }

  mqttClient(id: string): MqttClientConfig | undefined {
    return this.mqttClients.get(id);
  }
}
