/**
 * SDL of the shared Admin API building blocks: scalars, `Node` and friends, money (`MoneyV2`,
 * `MoneyBag`, `MoneyInput`), `PageInfo`, `UserError`, attributes and mailing addresses. A faithful
 * subset of Shopify's types (enum values trimmed to what the simulator can produce).
 * @module
 */
export const commonSdl = /* GraphQL */ `
  "An ISO-8601 date and time in UTC, e.g. 2025-01-01T00:00:00Z."
  scalar DateTime
  "A signed decimal number serialized as a string, e.g. \\"29.99\\"."
  scalar Decimal
  "An unsigned 64-bit integer serialized as a string."
  scalar UnsignedInt64
  "An RFC 3986 URL."
  scalar URL
  "A JSON value."
  scalar JSON

  interface Node {
    id: ID!
  }

  interface LegacyInteroperability {
    legacyResourceId: UnsignedInt64!
  }

  enum CurrencyCode {
    AUD
    CAD
    CHF
    DKK
    EUR
    GBP
    INR
    JPY
    KRW
    MXN
    NOK
    NZD
    SEK
    USD
  }

  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }

  type MoneyBag {
    presentmentMoney: MoneyV2!
    shopMoney: MoneyV2!
  }

  input MoneyInput {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type UserError {
    field: [String!]
    message: String!
  }

  type Attribute {
    key: String!
    value: String
  }

  input AttributeInput {
    key: String!
    value: String!
  }

  enum CountryCode {
    AR
    AT
    AU
    BE
    BR
    CA
    CH
    CN
    DE
    DK
    ES
    FI
    FR
    GB
    HK
    IE
    IN
    IT
    JP
    KR
    MX
    NL
    NO
    NZ
    PL
    PT
    SE
    SG
    US
  }

  type MailingAddress implements Node {
    address1: String
    address2: String
    city: String
    company: String
    country: String
    countryCodeV2: CountryCode
    firstName: String
    id: ID!
    lastName: String
    latitude: Float
    longitude: Float
    name: String
    phone: String
    province: String
    provinceCode: String
    zip: String
  }

  input MailingAddressInput {
    address1: String
    address2: String
    city: String
    company: String
    countryCode: CountryCode
    firstName: String
    lastName: String
    phone: String
    provinceCode: String
    zip: String
  }
`;
