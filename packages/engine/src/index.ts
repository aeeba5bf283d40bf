export * from './flow-graph';
export * from './errors';
export * from './node-spec';
export * from './run-types';
export * from './expressions';
export * from './redact';
export * from './retry-policy';
