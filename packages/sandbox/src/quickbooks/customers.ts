/**
 * Customer: DisplayName is required and unique (Duplicate Name Exists Error, 6240).
 * @module
 */
import type { QboContext } from './context.js';
import { required, validation } from './fault.js';
import { insert } from './entity-store.js';
import { table, type QboEntity } from './state.js';

function nameTaken(sim: QboContext, name: string, except?: string): boolean {
  const wanted = name.trim().toLowerCase();
  for (const c of table(sim.state, 'Customer').values()) {
    if (c.Id !== except && String(c.DisplayName).trim().toLowerCase() === wanted) return true;
  }
  return false;
}

/** Refuses a DisplayName another customer uses. */
export function assertUniqueName(sim: QboContext, name: string, except?: string): void {
  if (nameTaken(sim, name, except)) {
    throw validation(
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists. : Another customer, vendor or employee is already using this name (${name}). Please use a different name.`,
      'DisplayName',
    );
  }
}

/** Creates a customer. */
export function createCustomer(sim: QboContext, body: Record<string, unknown>): QboEntity {
  const parts = [body.GivenName, body.FamilyName].filter((p) => typeof p === 'string' && p !== '');
  const display =
    typeof body.DisplayName === 'string' && body.DisplayName.trim() !== ''
      ? body.DisplayName
      : parts.length > 0
        ? parts.join(' ')
        : typeof body.CompanyName === 'string'
          ? body.CompanyName
          : '';
  if (display === '') throw required('DisplayName');
  if (display.length > 500) {
    throw validation(
      '2050',
      'Invalid String Length',
      'DisplayName is longer than 500 characters',
      'DisplayName',
    );
  }
  assertUniqueName(sim, display);
  return insert(sim, 'Customer', {
    ...body,
    DisplayName: display,
    FullyQualifiedName: display,
    PrintOnCheckName: display,
    Active: true,
    Balance: 0,
    BalanceWithJobs: 0,
    Taxable: false,
    Job: false,
    BillWithParent: false,
    CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  });
}
