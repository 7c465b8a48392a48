export * from './traffic-conditions';
export * from './movement';
