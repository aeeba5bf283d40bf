/**
 * Which QuickBooks account a ledger role (or an account named in a journal line) posts to: the
 * connection's account map first, then QuickBooks' usual default names; found by Id or exact
 * Name through the query language and remembered for the adapter's lifetime.
 *
 * @module
 */
import type { AccountRole } from '../rules/accounts';
import { ErpError } from '../errors';
import type { QuickbooksClient } from './client';
import { quote } from './references';

/** The account names of a default US QuickBooks Online company for each role. */
export const DEFAULT_QBO_ACCOUNT_NAMES: Readonly<Record<AccountRole, string>> = {
  cash: 'Checking',
  'card-clearing': 'Undeposited Funds',
  'accounts-receivable': 'Accounts Receivable (A/R)',
  'dispute-receivable': 'Chargeback Reserve',
  'sales-tax-payable': 'Sales Tax Payable',
  'owner-equity': 'Opening Balance Equity',
  sales: 'Sales of Product Income',
  'shipping-income': 'Shipping Income',
  discounts: 'Discounts given',
  refunds: 'Refunds and Returns',
  'merchant-fees': 'Bank Charges',
  'chargeback-losses': 'Chargeback Losses',
};

/** A resolved QuickBooks account. */
export interface QboAccount {
  id: string;
  name: string;
  type: string;
}

/** Resolves account names (roles, Ids or Names) to QuickBooks accounts. */
export class AccountResolver {
  private readonly cache = new Map<string, Promise<QboAccount | null>>();

  constructor(
    private readonly client: QuickbooksClient,
    private readonly map: Readonly<Partial<Record<string, string>>>,
  ) {}

  private lookup(name: string): Promise<QboAccount | null> {
    const target = this.map[name] ?? DEFAULT_QBO_ACCOUNT_NAMES[name as AccountRole] ?? name;
    let found = this.cache.get(target);
    if (!found) {
      const where = /^\d+$/.test(target) ? `Id = ${quote(target)}` : `Name = ${quote(target)}`;
      found = this.client.query('Account', `select * from Account where ${where}`).then((rows) => {
        const row = rows[0];
        return row
          ? { id: String(row.Id), name: String(row.Name), type: String(row.AccountType) }
          : null;
      });
      found.catch(() => this.cache.delete(target));
      this.cache.set(target, found);
    }
    return found;
  }

  /** The account for `name`, or a validation error naming it. */
  async resolve(name: string): Promise<QboAccount> {
    const account = await this.lookup(name);
    if (!account) {
      throw new ErpError(
        'validation',
        'UNKNOWN_ACCOUNT',
        `unknown account "${name}" in QuickBooks Online; map it in the connection's account map`,
      );
    }
    return account;
  }

  /** Resolves every line's account, naming the first unknown line. */
  async resolveLines(names: readonly string[]): Promise<QboAccount[]> {
    const out: QboAccount[] = [];
    for (const [index, name] of names.entries()) {
      const account = await this.lookup(name);
      if (!account) {
        throw new ErpError(
          'validation',
          'UNKNOWN_ACCOUNT',
          `line ${index + 1}: unknown account "${name}" in QuickBooks Online`,
          { line: index },
        );
      }
      out.push(account);
    }
    return out;
  }
}
