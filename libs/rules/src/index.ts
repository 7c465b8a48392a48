export * from './alerts/severity';
export * from './alerts/threshold';
export * from './alerts/condition-state';
export * from './ice';
export * from './cargo';
export * from './ferry';
export * from './catalogue';
