export * from './ice-capacity';
export * from './season';
export * from './crossing-status';
export * from './traffic';
export * from './format';
export * from './ice-conditions';
export * from './thickness-trust';
export * from './station-readings';
