/**
 * JournalEntry and Deposit. A journal entry's debits must equal its credits, and a line on
 * Accounts Receivable must name its customer (Entity), as QuickBooks requires. A deposit moves
 * money into a bank account from the accounts its lines name (a negative line is a fee).
 * @module
 */
import { amountJson, parseAmount } from './amounts.js';
import type { QboContext } from './context.js';
import { business, invalidReference, required, validation } from './fault.js';
import { insert, refValue } from './entity-store.js';
import { checkDocNumber } from './sales-documents.js';
import { table, type QboEntity } from './state.js';

function account(sim: QboContext, ref: unknown, element: string): QboEntity {
  const id = refValue(ref);
  if (!id) throw required(element);
  const found = table(sim.state, 'Account').get(id);
  if (!found) throw invalidReference('Account', id);
  return found;
}

/** Creates a balanced journal entry. */
export function createJournalEntry(sim: QboContext, body: Record<string, unknown>): QboEntity {
  if (!Array.isArray(body.Line) || body.Line.length === 0) throw required('Line');
  checkDocNumber(sim, 'JournalEntry', body.DocNumber);
  let debits = 0n;
  let credits = 0n;
  const lines = (body.Line as Record<string, unknown>[]).map((line, index) => {
    const detail = (line.JournalEntryLineDetail ?? {}) as Record<string, unknown>;
    if (line.DetailType !== 'JournalEntryLineDetail') {
      throw validation(
        '2010',
        'Request has invalid or unsupported property',
        `Line[${index}].DetailType must be JournalEntryLineDetail`,
        'DetailType',
      );
    }
    const amount = parseAmount(line.Amount, `Line[${index}].Amount`);
    if (amount < 0n) throw business(`Line ${index + 1}: amounts cannot be negative`);
    const acct = account(
      sim,
      detail.AccountRef,
      `Line[${index}].JournalEntryLineDetail.AccountRef`,
    );
    if (detail.PostingType === 'Debit') debits += amount;
    else if (detail.PostingType === 'Credit') credits += amount;
    else throw required(`Line[${index}].JournalEntryLineDetail.PostingType`);
    if (acct.AccountType === 'Accounts Receivable') {
      const entity = (detail.Entity ?? {}) as Record<string, unknown>;
      const customerId = refValue(entity.EntityRef);
      if (
        entity.Type !== 'Customer' ||
        !customerId ||
        !table(sim.state, 'Customer').has(customerId)
      ) {
        throw business(
          'When you use Accounts Receivable, you must choose a customer in the Name field.',
        );
      }
    }
    return {
      ...line,
      Id: String(index),
      Amount: amountJson(amount),
      JournalEntryLineDetail: { ...detail, AccountRef: { value: acct.Id, name: acct.Name } },
    };
  });
  if (debits !== credits) {
    throw business(
      `Your transaction must balance. Total debits (${amountJson(debits)}) must equal total credits (${amountJson(credits)}).`,
    );
  }
  return insert(sim, 'JournalEntry', {
    ...body,
    Line: lines,
    TotalAmt: amountJson(debits),
    Adjustment: body.Adjustment ?? false,
    TxnDate: body.TxnDate ?? new Date(sim.now()).toISOString().slice(0, 10),
    CurrencyRef: body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' },
  });
}

/** Creates a deposit into a bank account. */
export function createDeposit(sim: QboContext, body: Record<string, unknown>): QboEntity {
  const bank = account(sim, body.DepositToAccountRef, 'DepositToAccountRef');
  if (!Array.isArray(body.Line) || body.Line.length === 0) throw required('Line');
  let total = 0n;
  const lines = (body.Line as Record<string, unknown>[]).map((line, index) => {
    const detail = (line.DepositLineDetail ?? {}) as Record<string, unknown>;
    const from = account(sim, detail.AccountRef, `Line[${index}].DepositLineDetail.AccountRef`);
    const amount = parseAmount(line.Amount, `Line[${index}].Amount`);
    total += amount;
    return {
      ...line,
      Id: String(index + 1),
      LineNum: index + 1,
      Amount: amountJson(amount),
      DetailType: 'DepositLineDetail',
      DepositLineDetail: { ...detail, AccountRef: { value: from.Id, name: from.Name } },
    };
  });
  if (total < 0n) throw business('a deposit total cannot be negative');
  return insert(sim, 'Deposit', {
    ...body,
    DepositToAccountRef: { value: bank.Id, name: bank.Name },
    Line: lines,
    TotalAmt: amountJson(total),
    TxnDate: body.TxnDate ?? new Date(sim.now()).toISOString().slice(0, 10),
    CurrencyRef: body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' },
  });
}
