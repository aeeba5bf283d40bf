/**
 * SDL of customers and the shop.
 * @module
 */
export const customersSdl = /* GraphQL */ `
  enum CustomerState {
    DECLINED
    DISABLED
    ENABLED
    INVITED
  }

  enum CustomerSortKeys {
    CREATED_AT
    ID
    UPDATED_AT
  }

  type Customer implements Node & HasMetafields & LegacyInteroperability {
    addresses(first: Int): [MailingAddress!]!
    amountSpent: MoneyV2!
    createdAt: DateTime!
    defaultAddress: MailingAddress
    displayName: String!
    email: String
    firstName: String
    id: ID!
    lastName: String
    legacyResourceId: UnsignedInt64!
    metafield(key: String!, namespace: String): Metafield
    metafields(
      after: String
      before: String
      first: Int
      keys: [String!]
      last: Int
      namespace: String
      reverse: Boolean = false
    ): MetafieldConnection!
    note: String
    numberOfOrders: UnsignedInt64!
    orders(
      after: String
      before: String
      first: Int
      last: Int
      query: String
      reverse: Boolean = false
      sortKey: OrderSortKeys
    ): OrderConnection!
    phone: String
    state: CustomerState!
    tags: [String!]!
    taxExempt: Boolean!
    updatedAt: DateTime
    verifiedEmail: Boolean!
  }

  type CustomerEdge {
    cursor: String!
    node: Customer!
  }

  type CustomerConnection {
    edges: [CustomerEdge!]!
    nodes: [Customer!]!
    pageInfo: PageInfo!
  }

  type ShopPlan {
    displayName: String!
    partnerDevelopment: Boolean!
    publicDisplayName: String!
    shopifyPlus: Boolean!
  }

  type Shop implements Node {
    currencyCode: CurrencyCode!
    email: String!
    ianaTimezone: String!
    id: ID!
    myshopifyDomain: String!
    name: String!
    plan: ShopPlan!
  }
`;
