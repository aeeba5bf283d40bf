import { describe, expect, it } from 'vitest';
import { placeNextTo } from './placement';

const box = (x: number, y: number) => ({ x, y, width: 220, height: 80 });

describe('placeNextTo', () => {
  it('puts a new node right of the selected one', () => {
    expect(placeNextTo({ x: 0, y: 0 }, [box(0, 0)], { x: 999, y: 999 })).toEqual({ x: 260, y: 0 });
  });

  it('moves down past nodes already there, so nothing is hidden under the new one', () => {
    const taken = [box(0, 0), box(260, 0), box(270, 110)];
    expect(placeNextTo({ x: 0, y: 0 }, taken, { x: 0, y: 0 })).toEqual({ x: 260, y: 240 });
  });

  it('uses the middle of the view when nothing is selected', () => {
    expect(placeNextTo(null, [box(0, 0)], { x: 500, y: 300 })).toEqual({ x: 500, y: 300 });
  });

  it('puts a sticky note above the selected node, clear of what is there', () => {
    expect(placeNextTo({ x: 0, y: 0 }, [box(0, 0)], { x: 0, y: 0 }, 'note')).toEqual({
      x: 0,
      y: -150,
    });
    expect(placeNextTo({ x: 0, y: 0 }, [box(0, 0), box(0, -120)], { x: 0, y: 0 }, 'note')).toEqual({
      x: 0,
      y: -290,
    });
  });
});
