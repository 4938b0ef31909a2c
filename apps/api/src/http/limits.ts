/** Open311 clients send every open request id in one query string (see docs/open311.md). */
export const MAX_HEADER_BYTES = 64 * 1024;
