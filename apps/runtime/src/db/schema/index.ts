export * from './flows';
export * from './runs';
export * from './ops';
export * from './identity';
export * from './connections';
export * from './effects';
export * from './ledger';
export * from './shopify';
