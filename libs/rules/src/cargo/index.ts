export * from './mean-kinetic-temperature';
export * from './dew-point';
export * from './cargo-profiles';
export * from './cargo-conditions';
export * from './last-known-state';
