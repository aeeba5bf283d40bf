import { describe, expect, it } from 'vitest';
import { canCreateDocument, itemDifference } from './item-actions';

describe('unmatched item actions', () => {
  it('offers to create the ERP document only for open items the books lack', () => {
    const open = { status: 'open', documentRef: null } as const;
    expect(canCreateDocument({ ...open, kind: 'not_booked' })).toBe(true);
    expect(canCreateDocument({ ...open, kind: 'refund_without_credit_memo' })).toBe(true);
    expect(canCreateDocument({ ...open, kind: 'duplicate_booking' })).toBe(false);
    expect(canCreateDocument({ ...open, kind: 'deposit_short' })).toBe(false);
    expect(canCreateDocument({ ...open, kind: 'not_booked', status: 'resolved' })).toBe(false);
    expect(canCreateDocument({ ...open, kind: 'not_booked', documentRef: 'paytrace-1' })).toBe(
      false,
    );
  });

  it('gives the difference as actual minus expected, and none when a side is missing', () => {
    expect(itemDifference({ expected: 10_000, actual: 9_950 })).toBe(-50);
    expect(itemDifference({ expected: 10_000, actual: null })).toBeNull();
    expect(itemDifference({ expected: null, actual: 500 })).toBeNull();
  });
});
