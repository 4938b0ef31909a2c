export * from './report-status';
export * from './responsibility';
