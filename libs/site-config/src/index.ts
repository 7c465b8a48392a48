export * from './schema';
export * from './references';
export * from './load-site-config';
export * from './secrets';
export * from './development-secrets';
