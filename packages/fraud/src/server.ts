/**
 * Server-only entry point: what needs Node (files on disk). The browser-safe parts are in `.`.
 *
 * @module
 */
export { ipCountry } from './ip-country';
