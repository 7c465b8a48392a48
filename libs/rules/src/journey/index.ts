export * from './journey-stage';
