import { describe, expect, it } from 'vitest';
import { describeCron } from './describe-cron';

describe('describeCron', () => {
  it('reads five and six field patterns', () => {
    expect(describeCron('0 9 * * 1-5').text).toMatch(/09:00.*Monday through Friday/);
    expect(describeCron('*/30 * * * * *').text).toMatch(/30 seconds/);
  });
  it('explains a broken pattern', () => {
    expect(describeCron('61 * * * *').error).toBeTruthy();
    expect(describeCron('').text).toBeNull();
  });
});
