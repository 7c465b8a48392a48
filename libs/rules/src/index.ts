export * from './alerts/severity';
export * from './alerts/threshold';
export * from './alerts/condition-state';
