export * from './levels';
export * from './financing';
export * from './offer';
export * from './metier';
export * from './insertion';
export * from './review';
export * from './geo';
