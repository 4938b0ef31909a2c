/**
 * Database roles. Migrations run as the owner; the app connects as APP_ROLE,
 * which is neither owner nor BYPASSRLS; SYSTEM_ROLE (BYPASSRLS) is used only
 * through the audited asSystem() helper.
 */
export const APP_ROLE = 'mitreden_app';
export const SYSTEM_ROLE = 'mitreden_system';
