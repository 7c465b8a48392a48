// The one builder of the service's environment for tests and benchmarks: private loopback ports,
// its own DATA_DIR, a site configuration. The in-process test app (loadAppConfig) and the built
// service as a child process both start from it.
import { freePorts } from './ports';
import { SHIPPED_SITE_CONFIG } from './paths';

export interface ServicePorts {
  http: number;
  mqtt: number;
  /** MQTT over WebSocket. */
  ws: number;
}

/** Free ports for the service; `keep` reuses some (a restart keeps its address for reconnecting clients). */
export async function servicePorts(keep: Partial<ServicePorts> = {}): Promise<ServicePorts> {
  const kept = Object.values(keep);
  const [http, mqtt, ws] = (await freePorts(3 + kept.length)).filter((port) => !kept.includes(port));
  return { http: keep.http ?? http, mqtt: keep.mqtt ?? mqtt, ws: keep.ws ?? ws };
}

export interface ServiceEnvOptions {
  ports: ServicePorts;
  dataDir: string;
  siteConfig?: string;
  logLevel?: string;
}

/** The variables apps/service/src/config/app-config.ts reads, for a service on 127.0.0.1 only. */
export function serviceEnv(options: ServiceEnvOptions): Record<string, string> {
  return {
    HTTP_PORT: String(options.ports.http),
    HTTP_HOST: '127.0.0.1',
    MQTT_PORT: String(options.ports.mqtt),
    MQTT_WS_PORT: String(options.ports.ws),
    MQTT_HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    SITE_CONFIG: options.siteConfig ?? SHIPPED_SITE_CONFIG,
    LOG_LEVEL: options.logLevel ?? 'info',
  };
}
