import { erpContract } from '../contract/erp-contract';
import { docNumberFor, parseNote } from './references';
import { simulatedQuickbooks } from './test/simulator-harness';

const qbo = simulatedQuickbooks();
const ENTITY = { invoice: 'Invoice', payment: 'Payment', journal: 'JournalEntry' } as const;

erpContract('QuickBooks Online (simulator)', {
  adapter: async () => qbo.adapter(),
  countPosted: async (kind, ref) =>
    qbo.sim.handle
      .entities(ENTITY[kind])
      .filter((e) =>
        kind === 'payment'
          ? parseNote(e.PrivateNote)?.ref === ref
          : e.DocNumber === docNumberFor(ref),
      ).length +
    // Settlements (money into the bank) are posted as Deposits.
    (kind === 'journal'
      ? qbo.sim.handle.entities('Deposit').filter((e) => parseNote(e.PrivateNote)?.ref === ref)
          .length
      : 0),
});
