/**
 * `MailingAddress` from a stored (REST-named) address.
 * @module
 */
import { gid } from '../../core/ids.js';
import { fullName } from '../../store/addresses.js';
import type { SimAddress } from '../../store/records.js';
import type { TypeResolvers } from './shared.js';

const COUNTRY_CODES = new Set(
  'AR AT AU BE BR CA CH CN DE DK ES FI FR GB HK IE IN IT JP KR MX NL NO NZ PL PT SE SG US'.split(
    ' ',
  ),
);

/** Resolvers of `MailingAddress`. */
export const addressResolvers: TypeResolvers<SimAddress> = {
  id: (a) => gid('MailingAddress', a.id),
  firstName: (a) => a.first_name,
  lastName: (a) => a.last_name,
  name: (a) => fullName(a.first_name, a.last_name),
  provinceCode: (a) => a.province_code,
  countryCodeV2: (a) =>
    a.country_code && COUNTRY_CODES.has(a.country_code.toUpperCase())
      ? a.country_code.toUpperCase()
      : null,
  latitude: () => null,
  longitude: () => null,
};
