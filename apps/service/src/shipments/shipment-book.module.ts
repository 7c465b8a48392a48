import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { ShipmentBook } from './shipment-book';
import { ShipmentRepository } from './shipment-repository';

/** Fills the book from the state store at boot, before any reading is judged. */
@Injectable()
class ShipmentBookLoader implements OnModuleInit {
  constructor(
    private readonly book: ShipmentBook,
    private readonly repository: ShipmentRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.book.load(await this.repository.all());
  }
}

/**
 * The shipments every part of the service looks up — the cargo evaluator for each reading, the
 * caller scope, mail routing — and their repository in the state store.
 */
@Global()
@Module({
  imports: [StorageModule],
  providers: [ShipmentBook, ShipmentRepository, ShipmentBookLoader],
  exports: [ShipmentBook, ShipmentRepository],
})
export class ShipmentBookModule {}
