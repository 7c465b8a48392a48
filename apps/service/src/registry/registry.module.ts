import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';
import { DeviceRegistry } from './device-registry.service';
import { RegistryDevicesController } from './registry.controller';

/** Devices provisioned at run time, merged with the site configuration, and the audit log. */
@Module({
  imports: [StorageModule],
  providers: [AuditLog, DeviceRegistry],
  controllers: [RegistryDevicesController, AuditController],
  exports: [DeviceRegistry, AuditLog],
})
export class RegistryModule {}
