export * from './pabulib.model';
export * from './pabulib-parse.error';
export * from './pabulib.parser';
export * from './pabulib.writer';
export * from './pabulib-election.mapper';
export { splitCsvLine, encodeCsvField } from './csv-field.codec';
