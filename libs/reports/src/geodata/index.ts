export * from './ogc-datetime';
export * from './geodata.schemas';
export * from './report-features';
export * from './report-geodata.service';
