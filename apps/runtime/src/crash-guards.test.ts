import { describe, expect, it } from 'vitest';
import { isDroppedSocketWrite } from './crash-guards';

describe('crash guards', () => {
  it("counts postgres.js's write on a closed connection as a lost connection", () => {
    // The error as postgres.js throws it: a write scheduled before its socket closed.
    const nextWrite = () => (null as unknown as { write(): void }).write();
    let thrown: unknown;
    try {
      nextWrite();
    } catch (err) {
      thrown = err;
    }
    expect(isDroppedSocketWrite(thrown)).toBe(true);
  });

  it('leaves any other uncaught error fatal', () => {
    const other = () => (null as unknown as { read(): void }).read();
    let thrown: unknown;
    try {
      other();
    } catch (err) {
      thrown = err;
    }
    expect(isDroppedSocketWrite(thrown)).toBe(false);
    expect(
      isDroppedSocketWrite(new Error("Cannot read properties of null (reading 'write')")),
    ).toBe(false);
  });
});
