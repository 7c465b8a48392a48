export * from './ferry-status';
