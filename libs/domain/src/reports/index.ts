export * from './report-status';
export * from './responsibility';
export * from './category-attributes';
export * from './working-hours';
