/**
 * Journal entries and chargeback cases in QuickBooks. QuickBooks has no dispute object, so a
 * case is its closest equivalent: the journal entry that moves the withdrawn money to a dispute
 * receivable, whose PrivateNote carries the case (status, reason, deadline), and a closing
 * journal entry when it is won or lost. Status changes are sparse updates under the SyncToken.
 *
 * @module
 */
import { canMoveDispute, disputePosting, type RoleLine } from '../rules/posting-rules';
import {
  type DisputeInput as DisputeIn,
  type DisputeStatus,
  type DisputeUpdateInput as DisputeUpdateIn,
  type JournalInput,
} from '../documents';
import { ErpError } from '../errors';
import type { DisputeRecord, JournalRecord, Posted } from '../records';
import { balancedJournal } from '../rules/totals';
import { currencyOf, fromQbo, toQbo } from './amounts';
import { customerRef, requireCustomer, type QboDocs } from './context';
import { createOrFind } from './invoices';
import { findByDocNumber, findByNote } from './lookup';
import { docNumberFor, noteFor, parseNote } from './references';

type Json = Record<string, unknown>;

function journalRecord(entity: Json): JournalRecord {
  const currency = currencyOf(entity);
  const lines = ((entity.Line as Json[] | undefined) ?? []).map((l) => {
    const detail = (l.JournalEntryLineDetail ?? {}) as Json;
    const amount = fromQbo(l.Amount, currency);
    const debit = detail.PostingType === 'Debit';
    return {
      account: String((detail.AccountRef as Json | undefined)?.value ?? ''),
      debit: debit ? amount : 0,
      credit: debit ? 0 : amount,
      description: typeof l.Description === 'string' ? l.Description : null,
    };
  });
  return {
    type: 'journal',
    id: String(entity.Id),
    externalRef: parseNote(entity.PrivateNote)?.ref ?? String(entity.DocNumber),
    currency,
    date: String(entity.TxnDate),
    memo: parseNote(entity.PrivateNote)?.fields.memo ?? null,
    lines,
    total: fromQbo(entity.TotalAmt, currency),
  };
}

async function journalLines(
  docs: QboDocs,
  lines: readonly {
    account: string;
    debit: number;
    credit: number;
    description?: string | null | undefined;
    customerRef?: string | undefined;
  }[],
  currency: string,
): Promise<Json[]> {
  const accounts = await docs.accounts.resolveLines(lines.map((l) => l.account));
  const out: Json[] = [];
  for (const [i, l] of lines.entries()) {
    const entity = l.customerRef
      ? {
          Entity: {
            Type: 'Customer',
            EntityRef: customerRef(await requireCustomer(docs, l.customerRef)),
          },
        }
      : {};
    out.push({
      DetailType: 'JournalEntryLineDetail',
      ...(l.description ? { Description: l.description } : {}),
      Amount: toQbo(l.debit || l.credit, currency),
      JournalEntryLineDetail: {
        PostingType: l.debit > 0 ? 'Debit' : 'Credit',
        AccountRef: { value: accounts[i]!.id },
        ...entity,
      },
    });
  }
  return out;
}

/** Finds a manual journal (a JournalEntry, or a Deposit for a settlement) by reference. */
export async function findJournal(docs: QboDocs, ref: string): Promise<JournalRecord | null> {
  const found = await findByDocNumber(docs.client, 'JournalEntry', 'journal', ref);
  if (found) return journalRecord(found);
  const deposit = await findByNote(docs.client, 'Deposit', 'journal', ref);
  return deposit ? depositRecord(deposit) : null;
}

/**
 * A Deposit as a journal: the bank account is debited with the total; positive lines credit
 * the account they came from (card clearing), negative lines debit theirs (fees).
 */
function depositRecord(entity: Json): JournalRecord {
  const currency = currencyOf(entity);
  const bank = (entity.DepositToAccountRef as Json | undefined)?.value;
  const lines = [
    {
      account: String(bank),
      debit: fromQbo(entity.TotalAmt, currency),
      credit: 0,
      description: 'Deposit',
    },
    ...((entity.Line as Json[] | undefined) ?? []).map((l) => {
      const amount = fromQbo(l.Amount, currency);
      const detail = (l.DepositLineDetail ?? {}) as Json;
      return {
        account: String((detail.AccountRef as Json | undefined)?.value ?? ''),
        debit: amount < 0 ? -amount : 0,
        credit: amount > 0 ? amount : 0,
        description: typeof l.Description === 'string' ? l.Description : null,
      };
    }),
  ];
  return {
    type: 'journal',
    id: String(entity.Id),
    externalRef: parseNote(entity.PrivateNote)?.ref ?? String(entity.Id),
    currency,
    date: String(entity.TxnDate),
    memo: parseNote(entity.PrivateNote)?.fields.memo ?? null,
    lines,
    total: lines.reduce((sum, l) => sum + l.debit, 0),
  };
}

/** Posts a balanced journal entry unless one exists for its reference. */
export async function postJournal(
  docs: QboDocs,
  input: JournalInput,
): Promise<Posted<JournalRecord>> {
  const doc = balancedJournal(input);
  const find = () => findByDocNumber(docs.client, 'JournalEntry', 'journal', doc.externalRef);
  const existing = await findJournal(docs, doc.externalRef);
  if (existing) {
    if (existing.total !== doc.total) {
      throw new ErpError(
        'conflict',
        'REFERENCE_REUSED',
        `journal ${doc.externalRef} was already posted with different content`,
      );
    }
    return { document: existing, created: false };
  }
  const note = noteFor('journal', doc.externalRef, doc.memo ? { memo: doc.memo } : {});
  const accounts = await docs.accounts.resolveLines(doc.lines.map((l) => l.account));
  const bankDebits = doc.lines.filter((l, i) => l.debit > 0 && accounts[i]!.type === 'Bank');
  const bankCredits = doc.lines.filter((l, i) => l.credit > 0 && accounts[i]!.type === 'Bank');
  if (bankDebits.length === 1 && bankCredits.length === 0) {
    // Money into one bank account (a settlement): QuickBooks' own shape for it is a Deposit.
    const bankIndex = doc.lines.indexOf(bankDebits[0]!);
    const deposit = await docs.client.create('Deposit', {
      DepositToAccountRef: { value: accounts[bankIndex]!.id },
      TxnDate: doc.date,
      CurrencyRef: { value: doc.currency },
      PrivateNote: note,
      Line: doc.lines.flatMap((l, i) =>
        i === bankIndex
          ? []
          : [
              {
                DetailType: 'DepositLineDetail',
                ...(l.description ? { Description: l.description } : {}),
                Amount: toQbo(l.credit > 0 ? l.credit : -l.debit, doc.currency),
                DepositLineDetail: { AccountRef: { value: accounts[i]!.id } },
              },
            ],
      ),
    });
    return { document: depositRecord(deposit), created: true };
  }
  const made = await createOrFind(
    docs,
    'JournalEntry',
    {
      DocNumber: docNumberFor(doc.externalRef),
      PrivateNote: note,
      TxnDate: doc.date,
      CurrencyRef: { value: doc.currency },
      Line: await journalLines(docs, doc.lines, doc.currency),
    },
    find,
  );
  return { document: journalRecord(made.entity), created: made.created };
}

const fromRoles = (lines: RoleLine[]) =>
  lines.map((l) => ({
    account: l.role,
    debit: l.debit,
    credit: l.credit,
    description: l.description,
  }));

const CLOSE_SUFFIX = { won: '-W', lost: '-L' } as const;

async function disputeParts(docs: QboDocs, ref: string) {
  const open = await findByDocNumber(docs.client, 'JournalEntry', 'dispute', ref);
  if (!open) return null;
  const won = await findByDocNumber(docs.client, 'JournalEntry', 'dispute-won', ref, '-W');
  const lost = won
    ? null
    : await findByDocNumber(docs.client, 'JournalEntry', 'dispute-lost', ref, '-L');
  return { open, closed: won ? ('won' as const) : lost ? ('lost' as const) : null };
}

function disputeRecord(open: Json, closed: 'won' | 'lost' | null): DisputeRecord {
  const note = parseNote(open.PrivateNote)!;
  const currency = currencyOf(open);
  return {
    type: 'dispute',
    id: String(open.Id),
    externalRef: note.ref,
    currency,
    amount: fromQbo(open.TotalAmt, currency),
    reason: note.fields.reason ?? '',
    status: closed ?? (note.fields.status as DisputeStatus | undefined) ?? 'open',
    openedOn: note.fields.opened ?? String(open.TxnDate),
    evidenceDueBy: note.fields.due || null,
  };
}

/** Finds a dispute by reference. */
export async function findDispute(docs: QboDocs, ref: string): Promise<DisputeRecord | null> {
  const parts = await disputeParts(docs, ref);
  return parts ? disputeRecord(parts.open, parts.closed) : null;
}

function disputeNote(d: {
  ref: string;
  status: string;
  reason: string;
  opened: string;
  due?: string | undefined;
}) {
  return noteFor('dispute', d.ref, {
    status: d.status,
    reason: d.reason,
    opened: d.opened,
    ...(d.due ? { due: d.due } : {}),
  });
}

/** Opens a chargeback case: its journal entry, unless it exists. */
export async function openDispute(docs: QboDocs, input: DisputeIn): Promise<Posted<DisputeRecord>> {
  const doc = input;
  const find = () => findByDocNumber(docs.client, 'JournalEntry', 'dispute', doc.externalRef);
  const existing = await find();
  if (existing) {
    if (fromQbo(existing.TotalAmt, doc.currency) !== doc.amount) {
      throw new ErpError(
        'conflict',
        'REFERENCE_REUSED',
        `dispute ${doc.externalRef} was already posted with different content`,
      );
    }
    return { document: (await findDispute(docs, doc.externalRef))!, created: false };
  }
  const made = await createOrFind(
    docs,
    'JournalEntry',
    {
      DocNumber: docNumberFor(doc.externalRef),
      PrivateNote: disputeNote({
        ref: doc.externalRef,
        status: 'open',
        reason: doc.reason,
        opened: doc.date,
        due: doc.evidenceDueBy,
      }),
      TxnDate: doc.date,
      CurrencyRef: { value: doc.currency },
      Line: await journalLines(docs, fromRoles(disputePosting('open', doc.amount)), doc.currency),
    },
    find,
  );
  return { document: disputeRecord(made.entity, null), created: made.created };
}

/** Moves a case on: posts the closing entry for won or lost, then records the status. */
export async function updateDispute(
  docs: QboDocs,
  input: DisputeUpdateIn,
): Promise<Posted<DisputeRecord>> {
  const doc = input;
  const parts = await disputeParts(docs, doc.externalRef);
  if (!parts) throw new ErpError('not-found', 'DISPUTE_NOT_FOUND', `no dispute ${doc.externalRef}`);
  const current = disputeRecord(parts.open, parts.closed);
  if (current.status === doc.status) return { document: current, created: false };
  if (!canMoveDispute(current.status, doc.status)) {
    throw new ErpError(
      'conflict',
      'DISPUTE_CLOSED',
      `dispute ${doc.externalRef} is ${current.status}; it cannot become ${doc.status}`,
    );
  }
  if (doc.status === 'won' || doc.status === 'lost') {
    const suffix = CLOSE_SUFFIX[doc.status];
    const kind = `dispute-${doc.status}`;
    await createOrFind(
      docs,
      'JournalEntry',
      {
        DocNumber: docNumberFor(`${doc.externalRef}${suffix}`),
        PrivateNote: noteFor(kind, doc.externalRef),
        TxnDate: doc.date,
        CurrencyRef: { value: current.currency },
        Line: await journalLines(
          docs,
          fromRoles(disputePosting(doc.status, current.amount)),
          current.currency,
        ),
      },
      () => findByDocNumber(docs.client, 'JournalEntry', kind, doc.externalRef, suffix),
    );
  }
  const updated = await docs.client.sparseUpdate('JournalEntry', String(parts.open.Id), {
    PrivateNote: disputeNote({
      ref: doc.externalRef,
      status: doc.status,
      reason: current.reason,
      opened: current.openedOn,
      due: current.evidenceDueBy ?? undefined,
    }),
  });
  const closed = doc.status === 'won' || doc.status === 'lost' ? doc.status : null;
  return { document: disputeRecord(updated, closed), created: true };
}
