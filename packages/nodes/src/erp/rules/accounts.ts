/**
 * The default chart of accounts of a Shopify + PayTrace merchant, by role. Documents post to
 * roles (`accounts-receivable`, `sales`), so the same flow posts correctly to the built-in ledger
 * and, through an account map, to any other ERP. Journal lines may name an account by role or by
 * code.
 *
 * @module
 */

/** The five account types of double-entry bookkeeping. */
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

/** Account roles the ERP nodes post to. */
export const ACCOUNT_ROLES = [
  'cash',
  'card-clearing',
  'accounts-receivable',
  'dispute-receivable',
  'sales-tax-payable',
  'owner-equity',
  'sales',
  'shipping-income',
  'discounts',
  'refunds',
  'merchant-fees',
  'chargeback-losses',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** One account of the default chart. */
export interface DefaultAccount {
  readonly code: string;
  readonly role: AccountRole;
  readonly name: string;
  readonly type: AccountType;
}

/** The chart the built-in ledger starts with. Codes follow the usual 1xxx-6xxx grouping. */
export const DEFAULT_CHART: readonly DefaultAccount[] = Object.freeze([
  { code: '1000', role: 'cash', name: 'Cash and bank', type: 'asset' },
  {
    code: '1050',
    role: 'card-clearing',
    name: 'Card clearing (undeposited funds)',
    type: 'asset',
  },
  { code: '1100', role: 'accounts-receivable', name: 'Accounts receivable', type: 'asset' },
  {
    code: '1150',
    role: 'dispute-receivable',
    name: 'Chargeback reserve (disputes receivable)',
    type: 'asset',
  },
  { code: '2100', role: 'sales-tax-payable', name: 'Sales tax payable', type: 'liability' },
  { code: '3000', role: 'owner-equity', name: "Owner's equity", type: 'equity' },
  { code: '4000', role: 'sales', name: 'Sales revenue', type: 'income' },
  { code: '4100', role: 'shipping-income', name: 'Shipping income', type: 'income' },
  { code: '4200', role: 'discounts', name: 'Discounts given', type: 'income' },
  { code: '4300', role: 'refunds', name: 'Refunds and returns', type: 'income' },
  { code: '6000', role: 'merchant-fees', name: 'Merchant fees', type: 'expense' },
  { code: '6100', role: 'chargeback-losses', name: 'Chargeback losses', type: 'expense' },
]);

/** Whether debits increase the balance of accounts of this type (assets and expenses). */
export function isDebitNormal(type: AccountType): boolean {
  return type === 'asset' || type === 'expense';
}
