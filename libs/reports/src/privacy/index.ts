export * from './retention-clock';
export * from './contact-privacy.repository';
export * from './report-retention.service';
export * from './contact-self-service.service';
