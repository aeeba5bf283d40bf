/**
 * SDL of the roots: `QueryRoot` and `Mutation` (Shopify's type names), with the queries and
 * mutations a payment connector needs, and the mutation payloads not defined elsewhere.
 * @module
 */
export const rootsSdl = /* GraphQL */ `
  type QueryRoot {
    customer(id: ID!): Customer
    customers(
      after: String
      before: String
      first: Int
      last: Int
      query: String
      reverse: Boolean = false
      sortKey: CustomerSortKeys = ID
    ): CustomerConnection!
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
    order(id: ID!): Order
    orders(
      after: String
      before: String
      first: Int
      last: Int
      query: String
      reverse: Boolean = false
      sortKey: OrderSortKeys
    ): OrderConnection!
    refund(id: ID!): Refund
    shop: Shop!
    webhookSubscription(id: ID!): WebhookSubscription
    webhookSubscriptions(
      after: String
      before: String
      callbackUrl: URL
      first: Int
      format: WebhookSubscriptionFormat
      last: Int
      reverse: Boolean = false
      sortKey: WebhookSubscriptionSortKeys = CREATED_AT
      topics: [WebhookSubscriptionTopic!]
      uri: String
    ): WebhookSubscriptionConnection!
  }

  input OrderMarkAsPaidInput {
    id: ID!
  }

  type OrderMarkAsPaidPayload {
    order: Order
    userErrors: [UserError!]!
  }

  enum OrderCreateManualPaymentOrderCreateManualPaymentErrorCode {
    AMOUNT_EXCEEDS_BALANCE
    AMOUNT_NOT_POSITIVE
    CURRENCY_MISMATCH
    GATEWAY_NOT_FOUND
    ORDER_IS_TEMPORARILY_UNAVAILABLE
    ORDER_NOT_FOUND
    PROCESSED_AT_INVALID
  }

  type OrderCreateManualPaymentOrderCreateManualPaymentError {
    code: OrderCreateManualPaymentOrderCreateManualPaymentErrorCode
    field: [String!]
    message: String!
  }

  type OrderCreateManualPaymentPayload {
    order: Order
    userErrors: [OrderCreateManualPaymentOrderCreateManualPaymentError!]!
  }

  input OrderInput {
    customAttributes: [AttributeInput!]
    email: String
    id: ID!
    metafields: [MetafieldInput!]
    note: String
    poNumber: String
    shippingAddress: MailingAddressInput
    tags: [String!]
  }

  type OrderUpdatePayload {
    order: Order
    userErrors: [UserError!]!
  }

  type TagsAddPayload {
    node: Node
    userErrors: [UserError!]!
  }

  type TagsRemovePayload {
    node: Node
    userErrors: [UserError!]!
  }

  type Mutation {
    metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload
    orderCreateManualPayment(
      amount: MoneyInput
      id: ID!
      paymentMethodName: String
      processedAt: DateTime
    ): OrderCreateManualPaymentPayload
    orderMarkAsPaid(input: OrderMarkAsPaidInput!): OrderMarkAsPaidPayload
    orderUpdate(input: OrderInput!): OrderUpdatePayload
    tagsAdd(id: ID!, tags: [String!]!): TagsAddPayload
    tagsRemove(id: ID!, tags: [String!]!): TagsRemovePayload
    webhookSubscriptionCreate(
      topic: WebhookSubscriptionTopic!
      webhookSubscription: WebhookSubscriptionInput!
    ): WebhookSubscriptionCreatePayload
    webhookSubscriptionDelete(id: ID!): WebhookSubscriptionDeletePayload
  }

  schema {
    query: QueryRoot
    mutation: Mutation
  }
`;
