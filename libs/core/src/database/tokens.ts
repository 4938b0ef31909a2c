/** Injection tokens for the two pools. */
export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');
export const SYSTEM_DATA_SOURCE = Symbol('SYSTEM_DATA_SOURCE');
