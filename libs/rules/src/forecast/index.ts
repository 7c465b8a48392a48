export * from './stefan';
export * from './air-projection';
export * from './ice-forecast';
export * from './reefer-forecast';
export * from './battery-forecast';
export * from './early-warnings';
export * from './synthetic-season';
