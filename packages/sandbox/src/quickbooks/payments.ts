/**
 * Payment: money from a customer applied to invoices through `Line[].LinkedTxn`; credit memos
 * linked in the same payment add their credit (a zero-amount payment applies a credit memo to
 * an invoice). Amounts applied beyond an invoice's or credit memo's balance are refused; what is
 * not applied stays as UnappliedAmt.
 * @module
 */
import { amountJson, parseAmount } from './amounts.js';
import type { QboContext } from './context.js';
import { business, invalidReference, required } from './fault.js';
import { insert, refValue, touch } from './entity-store.js';
import { customerOf } from './sales-documents.js';
import { table, type QboEntity } from './state.js';

interface Application {
  target: QboEntity;
  type: 'Invoice' | 'CreditMemo';
  amount: bigint;
}

/** Creates a payment and applies it. */
export function createPayment(sim: QboContext, body: Record<string, unknown>): QboEntity {
  const customer = customerOf(sim, body);
  if (body.TotalAmt === undefined) throw required('TotalAmt');
  const total = parseAmount(body.TotalAmt, 'TotalAmt');
  if (total < 0n) throw business('TotalAmt cannot be negative');
  const depositTo = refValue(body.DepositToAccountRef) ?? '4';
  if (!table(sim.state, 'Account').has(depositTo)) throw invalidReference('Account', depositTo);
  const applications: Application[] = [];
  const lines = Array.isArray(body.Line) ? (body.Line as Record<string, unknown>[]) : [];
  lines.forEach((line, index) => {
    const amount = parseAmount(line.Amount, `Line[${index}].Amount`);
    const linked = Array.isArray(line.LinkedTxn)
      ? (line.LinkedTxn as Record<string, unknown>[])
      : [];
    if (linked.length !== 1) throw business(`Line ${index + 1} must link exactly one transaction`);
    const type = linked[0]!.TxnType;
    if (type !== 'Invoice' && type !== 'CreditMemo') {
      throw business(
        `Line ${index + 1}: a payment links Invoice or CreditMemo, not ${String(type)}`,
      );
    }
    const target = table(sim.state, type).get(String(linked[0]!.TxnId));
    if (!target) throw invalidReference(type, linked[0]!.TxnId);
    if (refValue(target.CustomerRef) !== customer.Id) {
      throw business(`${type} ${target.Id} belongs to another customer`);
    }
    const balance = parseAmount(target.Balance, 'Balance');
    if (amount > balance) {
      throw business(
        `the amount applied to ${type} ${target.Id} (${amountJson(amount)}) exceeds its balance (${amountJson(balance)})`,
      );
    }
    applications.push({ target, type, amount });
  });
  const applied = applications.reduce(
    (s, a) => (a.type === 'Invoice' ? s + a.amount : s - a.amount),
    0n,
  );
  if (applied > total) {
    throw business(
      `the amounts applied (${amountJson(applied)}) exceed the payment total (${amountJson(total)})`,
    );
  }
  const payment = insert(sim, 'Payment', {
    ...body,
    CustomerRef: { value: customer.Id, name: customer.DisplayName },
    DepositToAccountRef: { value: depositTo },
    TotalAmt: amountJson(total),
    UnappliedAmt: amountJson(total - applied),
    TxnDate: body.TxnDate ?? new Date(sim.now()).toISOString().slice(0, 10),
    CurrencyRef: body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' },
  });
  for (const a of applications) {
    const balance = parseAmount(a.target.Balance, 'Balance') - a.amount;
    a.target.Balance = amountJson(balance);
    if (a.type === 'CreditMemo') a.target.RemainingCredit = amountJson(balance);
    const links = Array.isArray(a.target.LinkedTxn) ? (a.target.LinkedTxn as unknown[]) : [];
    a.target.LinkedTxn = [...links, { TxnId: payment.Id, TxnType: 'Payment' }];
    touch(sim, a.target);
  }
  return payment;
}
