export * from './ferry-status';
export * from './ferry-conditions';
