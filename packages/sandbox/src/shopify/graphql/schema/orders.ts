/**
 * SDL of orders and what hangs off them: line items, shipping lines, tax lines, transactions,
 * refunds and dispute summaries, with their connections and enums. Field names and nullability
 * follow the Admin API; only fields the simulator can fill are present.
 * @module
 */
export const ordersSdl = /* GraphQL */ `
  enum OrderDisplayFinancialStatus {
    AUTHORIZED
    EXPIRED
    PAID
    PARTIALLY_PAID
    PARTIALLY_REFUNDED
    PENDING
    REFUNDED
    VOIDED
  }

  enum OrderDisplayFulfillmentStatus {
    FULFILLED
    IN_PROGRESS
    ON_HOLD
    OPEN
    PARTIALLY_FULFILLED
    PENDING_FULFILLMENT
    RESTOCKED
    SCHEDULED
    UNFULFILLED
  }

  enum OrderCancelReason {
    CUSTOMER
    DECLINED
    FRAUD
    INVENTORY
    OTHER
    STAFF
  }

  enum OrderSortKeys {
    CREATED_AT
    ID
    ORDER_NUMBER
    PROCESSED_AT
    UPDATED_AT
  }

  type TaxLine {
    channelLiable: Boolean
    priceSet: MoneyBag!
    rate: Float
    ratePercentage: Float
    title: String!
  }

  type Order implements Node & HasMetafields & LegacyInteroperability {
    billingAddress: MailingAddress
    canMarkAsPaid: Boolean!
    cancelReason: OrderCancelReason
    cancelledAt: DateTime
    capturable: Boolean!
    clientIp: String
    closed: Boolean!
    closedAt: DateTime
    confirmationNumber: String
    createdAt: DateTime!
    currencyCode: CurrencyCode!
    currentSubtotalPriceSet: MoneyBag!
    currentTotalPriceSet: MoneyBag!
    currentTotalTaxSet: MoneyBag!
    customAttributes: [Attribute!]!
    customer: Customer
    discountCodes: [String!]!
    displayFinancialStatus: OrderDisplayFinancialStatus
    displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    disputes: [OrderDisputeSummary!]!
    email: String
    fulfillments(first: Int): [Fulfillment!]!
    fullyPaid: Boolean!
    id: ID!
    legacyResourceId: UnsignedInt64!
    lineItems(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): LineItemConnection!
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
    name: String!
    netPaymentSet: MoneyBag!
    note: String
    number: Int!
    paymentGatewayNames: [String!]!
    phone: String
    poNumber: String
    presentmentCurrencyCode: CurrencyCode!
    processedAt: DateTime!
    refundable: Boolean!
    refunds(first: Int): [Refund!]!
    shippingAddress: MailingAddress
    shippingLines(
      after: String
      before: String
      first: Int
      includeRemovals: Boolean = false
      last: Int
      reverse: Boolean = false
    ): ShippingLineConnection!
    sourceName: String
    subtotalPriceSet: MoneyBag
    tags: [String!]!
    taxLines: [TaxLine!]!
    taxesIncluded: Boolean!
    test: Boolean!
    totalCapturableSet: MoneyBag!
    totalDiscountsSet: MoneyBag
    totalOutstandingSet: MoneyBag!
    totalPriceSet: MoneyBag!
    totalReceivedSet: MoneyBag!
    totalRefundedSet: MoneyBag!
    totalShippingPriceSet: MoneyBag!
    totalTaxSet: MoneyBag
    transactions(capturable: Boolean, first: Int, manuallyResolvable: Boolean): [OrderTransaction!]!
    unpaid: Boolean!
    updatedAt: DateTime!
  }

  type OrderEdge {
    cursor: String!
    node: Order!
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  type LineItem implements Node {
    currentQuantity: Int!
    customAttributes: [Attribute!]!
    discountedTotalSet: MoneyBag!
    discountedUnitPriceSet: MoneyBag!
    id: ID!
    name: String!
    originalTotalSet: MoneyBag!
    originalUnitPriceSet: MoneyBag!
    quantity: Int!
    refundableQuantity: Int!
    requiresShipping: Boolean!
    sku: String
    taxLines(first: Int): [TaxLine!]!
    taxable: Boolean!
    title: String!
    totalDiscountSet: MoneyBag!
    unfulfilledQuantity: Int!
    variantTitle: String
    vendor: String
  }

  type LineItemEdge {
    cursor: String!
    node: LineItem!
  }

  type LineItemConnection {
    edges: [LineItemEdge!]!
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }

  type ShippingLine {
    code: String
    currentDiscountedPriceSet: MoneyBag!
    discountedPriceSet: MoneyBag!
    id: ID
    isRemoved: Boolean!
    originalPriceSet: MoneyBag!
    source: String
    taxLines: [TaxLine!]!
    title: String!
  }

  type ShippingLineEdge {
    cursor: String!
    node: ShippingLine!
  }

  type ShippingLineConnection {
    edges: [ShippingLineEdge!]!
    nodes: [ShippingLine!]!
    pageInfo: PageInfo!
  }

  enum DisputeStatus {
    ACCEPTED
    CHARGE_REFUNDED
    LOST
    NEEDS_RESPONSE
    UNDER_REVIEW
    WON
  }

  enum DisputeType {
    CHARGEBACK
    INQUIRY
  }

  enum FulfillmentStatus {
    CANCELLED
    ERROR
    FAILURE
    OPEN
    PENDING
    SUCCESS
  }

  type FulfillmentTrackingInfo {
    company: String
    number: String
    url: URL
  }

  type Fulfillment implements Node {
    createdAt: DateTime!
    id: ID!
    status: FulfillmentStatus!
    trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  }

  type OrderDisputeSummary implements Node {
    id: ID!
    initiatedAs: DisputeType!
    status: DisputeStatus!
  }
`;
