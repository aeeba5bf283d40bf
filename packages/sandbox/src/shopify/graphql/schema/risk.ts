/**
 * SDL of order risk (`orderRiskAssessmentCreate`, `Order.risk`) and of `orderCancel` with its
 * `Job`, as extensions of the types defined elsewhere. Names, nullability and enum values follow
 * the Admin API reference (2024-04 … 2026-10); `Order.cancellation` is UNCONFIRMED in shape.
 * @module
 */
export const riskSdl = /* GraphQL */ `
  enum RiskAssessmentResult {
    HIGH
    LOW
    MEDIUM
    NONE
    PENDING
  }

  enum RiskFactSentiment {
    NEGATIVE
    NEUTRAL
    POSITIVE
  }

  enum OrderRiskRecommendationResult {
    ACCEPT
    CANCEL
    INVESTIGATE
    NONE
  }

  type App implements Node {
    id: ID!
    title: String!
  }

  type RiskFact {
    description: String!
    sentiment: RiskFactSentiment!
  }

  type OrderRiskAssessment {
    facts: [RiskFact!]!
    provider: App
    riskLevel: RiskAssessmentResult!
  }

  type OrderRiskSummary {
    assessments: [OrderRiskAssessment!]!
    recommendation: OrderRiskRecommendationResult!
  }

  input OrderRiskAssessmentFactInput {
    description: String!
    sentiment: RiskFactSentiment!
  }

  input OrderRiskAssessmentCreateInput {
    facts: [OrderRiskAssessmentFactInput!]!
    orderId: ID!
    riskLevel: RiskAssessmentResult!
  }

  enum OrderRiskAssessmentCreateUserErrorCode {
    INVALID
    NOT_FOUND
    ORDER_ALREADY_FULFILLED
    TOO_MANY_FACTS
  }

  type OrderRiskAssessmentCreateUserError {
    code: OrderRiskAssessmentCreateUserErrorCode
    field: [String!]
    message: String!
  }

  type OrderRiskAssessmentCreatePayload {
    orderRiskAssessment: OrderRiskAssessment
    userErrors: [OrderRiskAssessmentCreateUserError!]!
  }

  type OrderCancellation {
    staffNote: String
  }

  extend type Order {
    cancellation: OrderCancellation
    risk: OrderRiskSummary!
  }

  type Job {
    done: Boolean!
    id: ID!
    query: QueryRoot
  }

  input OrderCancelStoreCreditRefundInput {
    expiresAt: DateTime
  }

  input OrderCancelRefundMethodInput {
    originalPaymentMethodsRefund: Boolean
    storeCreditRefund: OrderCancelStoreCreditRefundInput
  }

  enum OrderCancelUserErrorCode {
    INTERNAL_ERROR
    INVALID
    NOT_FOUND
    NO_REFUND_PERMISSION
    NO_REFUND_TO_STORE_CREDIT_PERMISSION
    STORE_CREDIT_REFUND_B2B_NOT_SUPPORTED
    STORE_CREDIT_REFUND_EXPIRATION_IN_PAST
    STORE_CREDIT_REFUND_MISSING_CUSTOMER
  }

  type OrderCancelUserError {
    code: OrderCancelUserErrorCode
    field: [String!]
    message: String!
  }

  type OrderCancelPayload {
    job: Job
    orderCancelUserErrors: [OrderCancelUserError!]!
    userErrors: [UserError!]!
  }

  extend type QueryRoot {
    job(id: ID!): Job
  }

  extend type Mutation {
    orderCancel(
      notifyCustomer: Boolean = false
      orderId: ID!
      reason: OrderCancelReason!
      refund: Boolean
      refundMethod: OrderCancelRefundMethodInput
      restock: Boolean!
      staffNote: String
    ): OrderCancelPayload
    orderRiskAssessmentCreate(
      orderRiskAssessmentInput: OrderRiskAssessmentCreateInput!
    ): OrderRiskAssessmentCreatePayload
  }
`;
