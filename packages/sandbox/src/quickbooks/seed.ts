/**
 * What a new sandbox company holds: a chart of accounts close to Intuit's default US company
 * (Checking, Undeposited Funds, Accounts Receivable (A/R), income and expense accounts) and the
 * Services and shipping items sales lines refer to.
 * @module
 */
import type { QboContext } from './context.js';
import { table, type QboEntity } from './state.js';

const ACCOUNTS: [
  id: string,
  name: string,
  type: string,
  classification: string,
  acctNum?: string,
][] = [
  ['35', 'Checking', 'Bank', 'Asset'],
  ['4', 'Undeposited Funds', 'Other Current Asset', 'Asset'],
  ['84', 'Accounts Receivable (A/R)', 'Accounts Receivable', 'Asset'],
  ['90', 'Chargeback Reserve', 'Other Current Asset', 'Asset'],
  ['89', 'Sales Tax Payable', 'Other Current Liability', 'Liability'],
  ['3', 'Opening Balance Equity', 'Equity', 'Equity'],
  ['79', 'Sales of Product Income', 'Income', 'Revenue'],
  ['83', 'Shipping Income', 'Income', 'Revenue'],
  ['86', 'Discounts given', 'Income', 'Revenue'],
  ['87', 'Refunds and Returns', 'Income', 'Revenue'],
  ['8', 'Bank Charges', 'Expense', 'Expense'],
  ['91', 'Chargeback Losses', 'Expense', 'Expense'],
];

/** Fills the company's starting lists. */
export function seedCompany(sim: QboContext): void {
  const created = new Date(sim.now()).toISOString();
  const meta = { CreateTime: created, LastUpdatedTime: created };
  const accounts = table(sim.state, 'Account');
  for (const [id, name, type, classification] of ACCOUNTS) {
    const account: QboEntity = {
      Id: id,
      SyncToken: '0',
      Name: name,
      FullyQualifiedName: name,
      AccountType: type,
      Classification: classification,
      Active: true,
      CurrentBalance: 0,
      domain: 'QBO',
      sparse: false,
      MetaData: meta,
    };
    accounts.set(id, account);
  }
  const items = table(sim.state, 'Item');
  items.set('1', {
    Id: '1',
    SyncToken: '0',
    Name: 'Services',
    Type: 'Service',
    Active: true,
    IncomeAccountRef: { value: '79', name: 'Sales of Product Income' },
    domain: 'QBO',
    sparse: false,
    MetaData: meta,
  });
  items.set('SHIPPING_ITEM_ID', {
    Id: 'SHIPPING_ITEM_ID',
    SyncToken: '0',
    Name: 'Shipping',
    Type: 'Service',
    Active: true,
    IncomeAccountRef: { value: '83', name: 'Shipping Income' },
    domain: 'QBO',
    sparse: false,
    MetaData: meta,
  });
}
