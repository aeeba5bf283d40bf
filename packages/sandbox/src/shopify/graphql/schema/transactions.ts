/**
 * SDL of order transactions and refunds.
 * @module
 */
export const transactionsSdl = /* GraphQL */ `
  enum OrderTransactionKind {
    AUTHORIZATION
    CAPTURE
    CHANGE
    EMV_AUTHORIZATION
    REFUND
    SALE
    SUGGESTED_REFUND
    VOID
  }

  enum OrderTransactionStatus {
    AWAITING_RESPONSE
    ERROR
    FAILURE
    PENDING
    SUCCESS
    UNKNOWN
  }

  enum OrderTransactionErrorCode {
    CALL_ISSUER
    CARD_DECLINED
    EXPIRED_CARD
    GENERIC_ERROR
    INCORRECT_CVC
    INCORRECT_NUMBER
    INVALID_NUMBER
    PROCESSING_ERROR
  }

  type OrderTransaction implements Node {
    amountSet: MoneyBag!
    authorizationCode: String
    createdAt: DateTime!
    errorCode: OrderTransactionErrorCode
    formattedGateway: String
    gateway: String
    id: ID!
    kind: OrderTransactionKind!
    manualPaymentGateway: Boolean!
    manuallyCapturable: Boolean!
    order: Order
    parentTransaction: OrderTransaction
    paymentId: String
    processedAt: DateTime
    receiptJson: JSON
    status: OrderTransactionStatus!
    test: Boolean!
  }

  type OrderTransactionEdge {
    cursor: String!
    node: OrderTransaction!
  }

  type OrderTransactionConnection {
    edges: [OrderTransactionEdge!]!
    nodes: [OrderTransaction!]!
    pageInfo: PageInfo!
  }

  enum RefundLineItemRestockType {
    CANCEL
    LEGACY_RESTOCK
    NO_RESTOCK
    RETURN
  }

  type RefundLineItem {
    id: ID
    lineItem: LineItem!
    priceSet: MoneyBag!
    quantity: Int!
    restockType: RefundLineItemRestockType!
    restocked: Boolean!
    subtotalSet: MoneyBag!
    totalTaxSet: MoneyBag!
  }

  type RefundLineItemEdge {
    cursor: String!
    node: RefundLineItem!
  }

  type RefundLineItemConnection {
    edges: [RefundLineItemEdge!]!
    nodes: [RefundLineItem!]!
    pageInfo: PageInfo!
  }

  type RefundShippingLine implements Node {
    id: ID!
    shippingLine: ShippingLine!
    subtotalAmountSet: MoneyBag!
    taxAmountSet: MoneyBag!
  }

  type RefundShippingLineEdge {
    cursor: String!
    node: RefundShippingLine!
  }

  type RefundShippingLineConnection {
    edges: [RefundShippingLineEdge!]!
    nodes: [RefundShippingLine!]!
    pageInfo: PageInfo!
  }

  enum OrderAdjustmentDiscrepancyReason {
    CUSTOMER
    DAMAGE
    FULL_RETURN_BALANCING_ADJUSTMENT
    PENDING_REFUND_DISCREPANCY
    REFUND_DISCREPANCY
    RESTOCK
  }

  type OrderAdjustment implements Node {
    amountSet: MoneyBag!
    id: ID!
    reason: OrderAdjustmentDiscrepancyReason
    taxAmountSet: MoneyBag!
  }

  type OrderAdjustmentEdge {
    cursor: String!
    node: OrderAdjustment!
  }

  type OrderAdjustmentConnection {
    edges: [OrderAdjustmentEdge!]!
    nodes: [OrderAdjustment!]!
    pageInfo: PageInfo!
  }

  type Refund implements Node & LegacyInteroperability {
    createdAt: DateTime
    id: ID!
    legacyResourceId: UnsignedInt64!
    note: String
    order: Order!
    refundLineItems(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): RefundLineItemConnection!
    orderAdjustments(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): OrderAdjustmentConnection!
    refundShippingLines(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): RefundShippingLineConnection!
    totalRefundedSet: MoneyBag!
    transactions(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): OrderTransactionConnection!
    updatedAt: DateTime!
  }
`;
