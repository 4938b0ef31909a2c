export interface MapSettings {
  tileUrl: string | null;
  attribution: string | null;
  maxZoom: number;
}

export interface TenantSettings {
  anonymousAllowed: boolean;
  confirmationRequired: boolean;
  /** Reports per e-mail address per day. */
  reportsPerEmailPerDay: number;
  /** Reports per IP address per hour. */
  reportsPerIpPerHour: number;
  /** Closed reports stay on the public map this many days. */
  closedVisibleDays: number;
}

export interface RetentionSettings {
  contactRetentionDaysAfterClose: number;
  unconfirmedExpiryHours: number;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  kind: 'municipality' | 'union';
  locale: 'de' | 'en';
  timeZone: string;
  map: MapSettings;
  settings: TenantSettings;
  retention: RetentionSettings;
}

export const DEFAULT_SETTINGS: TenantSettings = {
  anonymousAllowed: true,
  confirmationRequired: false,
  reportsPerEmailPerDay: 5,
  reportsPerIpPerHour: 30,
  closedVisibleDays: 90,
};
