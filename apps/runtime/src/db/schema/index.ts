export * from './flows';
export * from './runs';
export * from './ops';
