/**
 * Invoice, CreditMemo and RefundReceipt: lines of items (Qty x UnitPrice = Amount), discount
 * lines, tax from TxnTaxDetail.TotalTax; TotalAmt and Balance computed exactly; DocNumber at most
 * 21 characters and, with the company's duplicate check on, unique per transaction type (6140).
 * @module
 */
import { amountJson, multiply, parseAmount } from './amounts.js';
import type { QboContext } from './context.js';
import { business, invalidReference, required, validation } from './fault.js';
import { insert, refValue } from './entity-store.js';
import { table, type QboEntity } from './state.js';

/** The sales transaction types this module creates. */
export type SalesType = 'Invoice' | 'CreditMemo' | 'RefundReceipt';

/** Checks DocNumber length and uniqueness for one transaction type. */
export function checkDocNumber(sim: QboContext, type: string, docNumber: unknown): void {
  if (docNumber === undefined || docNumber === null || docNumber === '') return;
  const text = String(docNumber);
  if (text.length > 21) {
    throw validation(
      '2050',
      'Invalid String Length',
      `String length is either shorter or longer than supported by specification. Min:0 Max:21 supported. Supplied length:${text.length}`,
      'DocNumber',
    );
  }
  if (!sim.settings.rejectDuplicateDocNumbers) return;
  for (const other of table(sim.state, type).values()) {
    if (other.DocNumber === text) {
      throw validation(
        '6140',
        'Duplicate Document Number Error',
        `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${text} is assigned to TxnType=${type} with TxnId=${other.Id}`,
      );
    }
  }
}

/** The customer a transaction names; 2500 when it does not exist. */
export function customerOf(sim: QboContext, body: Record<string, unknown>): QboEntity {
  const id = refValue(body.CustomerRef);
  if (!id) throw required('CustomerRef');
  const customer = table(sim.state, 'Customer').get(id);
  if (!customer) throw invalidReference('Customer', id);
  return customer;
}

/** Creates a sales document after validating its lines. */
export function createSalesDocument(
  sim: QboContext,
  type: SalesType,
  body: Record<string, unknown>,
): QboEntity {
  const customer = customerOf(sim, body);
  if (!Array.isArray(body.Line) || body.Line.length === 0) throw required('Line');
  if (type === 'RefundReceipt') {
    const account = refValue(body.DepositToAccountRef);
    if (!account) throw required('DepositToAccountRef');
    if (!table(sim.state, 'Account').has(account)) throw invalidReference('Account', account);
  }
  checkDocNumber(sim, type, body.DocNumber);
  let sales = 0n;
  let discount = 0n;
  const lines: Record<string, unknown>[] = [];
  body.Line.forEach((raw: unknown, index: number) => {
    const line = (raw ?? {}) as Record<string, unknown>;
    const element = `Line[${index}].Amount`;
    if (line.DetailType === 'SubTotalLineDetail') return;
    const amount = parseAmount(line.Amount, element);
    if (line.DetailType === 'DiscountLineDetail') {
      discount += amount;
      lines.push({ ...line, Amount: amountJson(amount) });
      return;
    }
    if (line.DetailType !== 'SalesItemLineDetail') {
      throw validation(
        '2010',
        'Request has invalid or unsupported property',
        `Line[${index}].DetailType ${String(line.DetailType)} is not supported`,
        'DetailType',
      );
    }
    const detail = { ...((line.SalesItemLineDetail ?? {}) as Record<string, unknown>) };
    const itemId = refValue(detail.ItemRef) ?? '1';
    const item = table(sim.state, 'Item').get(itemId);
    if (!item) throw invalidReference('Item', itemId);
    detail.ItemRef = { value: item.Id, name: item.Name };
    if (detail.Qty !== undefined && detail.UnitPrice !== undefined) {
      const expected = multiply(
        parseAmount(detail.Qty, 'Qty'),
        parseAmount(detail.UnitPrice, 'UnitPrice'),
      );
      if (expected !== amount) {
        throw validation(
          '6070',
          'Amount is not equal to UnitPrice * Qty',
          `Line ${index + 1}: Amount ${amountJson(amount)} is not equal to UnitPrice * Qty (${amountJson(expected)})`,
        );
      }
    }
    sales += amount;
    lines.push({ ...line, Amount: amountJson(amount), SalesItemLineDetail: detail });
  });
  const tax = parseAmount(
    ((body.TxnTaxDetail ?? {}) as Record<string, unknown>).TotalTax ?? 0,
    'TxnTaxDetail.TotalTax',
  );
  const total = sales - discount + tax;
  if (total < 0n) throw business('the transaction total cannot be negative');
  const numbered: Record<string, unknown>[] = lines.map((l, i) => ({
    ...l,
    Id: String(i + 1),
    LineNum: i + 1,
  }));
  numbered.push({
    Amount: amountJson(sales),
    DetailType: 'SubTotalLineDetail',
    SubTotalLineDetail: {},
  });
  const today = new Date(sim.now()).toISOString().slice(0, 10);
  const doc: Record<string, unknown> = {
    ...body,
    CustomerRef: { value: customer.Id, name: customer.DisplayName },
    Line: numbered,
    TxnDate: body.TxnDate ?? today,
    TxnTaxDetail: { TotalTax: amountJson(tax) },
    CurrencyRef: body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' },
    TotalAmt: amountJson(total),
  };
  if (type === 'Invoice') {
    doc.Balance = amountJson(total);
    doc.LinkedTxn = [];
  } else if (type === 'CreditMemo') {
    doc.Balance = amountJson(total);
    doc.RemainingCredit = amountJson(total);
  } else {
    doc.Balance = 0;
  }
  return insert(sim, type, doc);
}
