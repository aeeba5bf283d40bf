export * from './flow-graph';
export * from './errors';
export * from './node-spec';
export * from './run-types';
