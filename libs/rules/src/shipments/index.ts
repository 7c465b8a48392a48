export * from './shipment';
export * from './shipment-state';
export * from './limit-overrides';
export * from './shipment-draft';
