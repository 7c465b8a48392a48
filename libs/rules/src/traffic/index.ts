export * from './traffic-conditions';
