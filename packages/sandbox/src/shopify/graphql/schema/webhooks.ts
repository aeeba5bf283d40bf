/**
 * SDL of webhook subscriptions (2025-10 shape: `uri`, with the deprecated `callbackUrl` and
 * `endpoint` kept because the official Node library still reads and writes them).
 * @module
 */
export const webhooksSdl = /* GraphQL */ `
  enum WebhookSubscriptionTopic {
    APP_UNINSTALLED
    CUSTOMERS_CREATE
    CUSTOMERS_UPDATE
    DISPUTES_CREATE
    DISPUTES_UPDATE
    ORDERS_CANCELLED
    ORDERS_CREATE
    ORDERS_PAID
    ORDERS_UPDATED
    REFUNDS_CREATE
  }

  enum WebhookSubscriptionFormat {
    JSON
    XML
  }

  enum WebhookSubscriptionSortKeys {
    CREATED_AT
    ID
  }

  type ApiVersion {
    displayName: String!
    handle: String!
    supported: Boolean!
  }

  type WebhookHttpEndpoint {
    callbackUrl: URL!
  }

  union WebhookSubscriptionEndpoint = WebhookHttpEndpoint

  type WebhookSubscription implements Node & LegacyInteroperability {
    apiVersion: ApiVersion!
    callbackUrl: URL! @deprecated(reason: "Use \`uri\` instead.")
    createdAt: DateTime!
    endpoint: WebhookSubscriptionEndpoint! @deprecated(reason: "Use \`uri\` instead.")
    filter: String
    format: WebhookSubscriptionFormat!
    id: ID!
    includeFields: [String!]!
    legacyResourceId: UnsignedInt64!
    metafieldNamespaces: [String!]!
    topic: WebhookSubscriptionTopic!
    updatedAt: DateTime!
    uri: String!
  }

  type WebhookSubscriptionEdge {
    cursor: String!
    node: WebhookSubscription!
  }

  type WebhookSubscriptionConnection {
    edges: [WebhookSubscriptionEdge!]!
    nodes: [WebhookSubscription!]!
    pageInfo: PageInfo!
  }

  input WebhookSubscriptionInput {
    callbackUrl: URL
    filter: String
    format: WebhookSubscriptionFormat
    includeFields: [String!]
    metafieldNamespaces: [String!]
    uri: String
  }

  type WebhookSubscriptionCreatePayload {
    userErrors: [UserError!]!
    webhookSubscription: WebhookSubscription
  }

  type WebhookSubscriptionDeletePayload {
    deletedWebhookSubscriptionId: ID
    userErrors: [UserError!]!
  }
`;
