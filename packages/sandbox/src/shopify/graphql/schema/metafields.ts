/**
 * SDL of metafields: `Metafield`, `HasMetafields`, the connection, and `metafieldsSet`'s input,
 * payload and error types with Shopify's `MetafieldsSetUserErrorCode` values.
 * @module
 */
export const metafieldsSdl = /* GraphQL */ `
  interface HasMetafields {
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
  }

  enum MetafieldOwnerType {
    CUSTOMER
    ORDER
  }

  type Metafield implements Node & LegacyInteroperability {
    compareDigest: String!
    createdAt: DateTime!
    id: ID!
    jsonValue: JSON!
    key: String!
    legacyResourceId: UnsignedInt64!
    namespace: String!
    owner: HasMetafields!
    ownerType: MetafieldOwnerType!
    type: String!
    updatedAt: DateTime!
    value: String!
  }

  type MetafieldEdge {
    cursor: String!
    node: Metafield!
  }

  type MetafieldConnection {
    edges: [MetafieldEdge!]!
    nodes: [Metafield!]!
    pageInfo: PageInfo!
  }

  input MetafieldInput {
    compareDigest: String
    id: ID
    key: String
    namespace: String
    type: String
    value: String
  }

  input MetafieldsSetInput {
    compareDigest: String
    key: String!
    namespace: String
    ownerId: ID!
    type: String
    value: String!
  }

  enum MetafieldsSetUserErrorCode {
    APP_NOT_AUTHORIZED
    BLANK
    CAPABILITY_VIOLATION
    INCLUSION
    INTERNAL_ERROR
    INVALID
    INVALID_COMPARE_DIGEST
    INVALID_TYPE
    INVALID_VALUE
    LESS_THAN_OR_EQUAL_TO
    PRESENT
    STALE_OBJECT
    TAKEN
    TOO_LONG
    TOO_SHORT
  }

  type MetafieldsSetUserError {
    code: MetafieldsSetUserErrorCode
    elementIndex: Int
    field: [String!]
    message: String!
  }

  type MetafieldsSetPayload {
    metafields: [Metafield!]
    userErrors: [MetafieldsSetUserError!]!
  }
`;
