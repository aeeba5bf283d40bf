/**
 * Simulator settings. Everything the PayTrace facts mark UNCONFIRMED is a setting here, with the
 * doc's most likely value as default, so connector tests can prove they cope with either answer.
 * @module
 */

/** Mutable simulator settings; change them through the handle or `PATCH /__admin/settings`. */
export interface PaytraceSimulatorSettings {
  /** HTTP status of a decline (102) and of an auto-void (103). UNCONFIRMED; doc leans to 200. */
  declineStatus: number;
  /** HTTP status of `response_code` 1 errors. UNCONFIRMED; doc leans to 400. */
  errorStatus: number;
  /** HTTP status of `invalid_token` answers. UNCONFIRMED; doc leans to 401. */
  invalidTokenStatus: number;
  /** HTTP status of `invalid_grant` answers (OBSERVED 400). */
  invalidGrantStatus: number;
  /** Token lifetime in seconds (7200 in every source). */
  tokenLifetimeSeconds: number;
  /**
   * Duplicate-transaction window in minutes (account setting, 0–999; 0 = off). Same card, same
   * amount, same invoice id, approved only. The error it answers is UNCONFIRMED (simulator code 502).
   */
  duplicateWindowMinutes: number;
  /** Account AVS auto-void rule: ZIP 99999 turns an approval into 103. */
  avsAutoVoid: boolean;
  /** Account CSC auto-void rule: CSC 000 turns an approval into 103. */
  cscAutoVoid: boolean;
  /** `response_code` of `POST /v1/transactions/settle`. UNCONFIRMED; 1 by default. */
  settleResponseCode: number;
  /** What export records show in `settled` while unsettled. UNCONFIRMED; `""` by default. */
  unsettledValue: '' | null;
  /**
   * The account's required-field switches (Security Settings). Missing fields are validation
   * errors; their codes are UNCONFIRMED (simulator codes 506–509). Invoice id applies to every
   * charge; billing address, ZIP and CSC to keyed and Protect.js charges.
   */
  requiredFields: ('invoice_id' | 'billing_address' | 'billing_zip' | 'csc')[];
  /** Daily batch close time `HH:MM` in UTC, or `null` for settlement only through `settle`. */
  batchCloseTime: string | null;
  /**
   * Where chargeback notifications are POSTed (`null`: none are sent) and the Standard Webhooks
   * secret (`whsec_` + base64) they are signed with. UNCONFIRMED: PayTrace documents no chargeback
   * API or notification at all (paytrace-api.md section 7); merchants hear of chargebacks from the
   * processor and the web portal's report. The notification is the simulator's own choice, named
   * by {@link PaytraceSimulatorSettings.chargebackNotificationShape}.
   */
  chargebackNotificationUrl: string | null;
  chargebackNotificationSecret: string | null;
  /**
   * The shape sent, UNCONFIRMED: a Standard Webhooks envelope `{ type: "chargeback.created" |
   * "chargeback.updated", timestamp, data: { case_number, case_type, status, transaction_id,
   * invoice_id, amount, currency, reason_code, reason_description, card_last4, received_date,
   * reply_by_date } }`.
   */
  chargebackNotificationShape: 'unconfirmed-standard-webhooks-v1';
  /**
   * What the processor keeps of each settled sale, per card brand (basis points + fixed cents),
   * deducted from the batch's deposit. UNCONFIRMED: real PayTrace merchants are priced by their
   * acquirer (flat, interchange-plus or tiered) and may be debited fees monthly instead of daily;
   * the simulator models a flat per-brand rate taken daily, and no fee on refunds.
   */
  feeSchedule: SimFeeSchedule;
  /**
   * Days between a batch's close (its business date) and the bank deposit of its net. UNCONFIRMED:
   * typically 1–2 business days; the simulator counts calendar days and ignores bank holidays.
   */
  depositDelayDays: number;
}

/** One brand's processor rate: basis points (290 = 2.90 %) plus fixed cents per sale. */
export interface SimFeeRate {
  percentBp: number;
  fixedMinor: number;
}

/** The processor's fee schedule (the simulator's own type; same JSON shape as Paybridge's). */
export interface SimFeeSchedule {
  currency: string;
  default: SimFeeRate;
  /** Keys: `visa`, `mastercard`, `amex`, `discover` (lower case). */
  brands: Record<string, SimFeeRate>;
}

/** Defaults taken from the PayTrace fact sheet's most likely answers. */
export function defaultSettings(): PaytraceSimulatorSettings {
  return {
    declineStatus: 200,
    errorStatus: 400,
    invalidTokenStatus: 401,
    invalidGrantStatus: 400,
    tokenLifetimeSeconds: 7200,
    duplicateWindowMinutes: 0,
    avsAutoVoid: true,
    cscAutoVoid: true,
    settleResponseCode: 1,
    unsettledValue: '',
    requiredFields: [],
    batchCloseTime: null,
    chargebackNotificationUrl: null,
    chargebackNotificationSecret: null,
    chargebackNotificationShape: 'unconfirmed-standard-webhooks-v1',
    feeSchedule: {
      currency: 'USD',
      default: { percentBp: 290, fixedMinor: 30 },
      brands: {
        amex: { percentBp: 350, fixedMinor: 15 },
        discover: { percentBp: 275, fixedMinor: 30 },
      },
    },
    depositDelayDays: 1,
  };
}
