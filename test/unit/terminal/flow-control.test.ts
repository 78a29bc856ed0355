import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FlowGate, ReplayBuffer, splitChunks, FLOW } from '../../../shared/terminal/flow-control';

describe('flow control', () => {
  it('pauses at the high-water mark and resumes at the low-water mark', () => {
    const gate = new FlowGate(100, 20);
    expect(gate.sent(60)).toBe(false);
    expect(gate.sent(50)).toBe(true);
    expect(gate.paused).toBe(true);
    expect(gate.sent(10)).toBe(false);
    expect(gate.acked(50)).toBe(false);
    expect(gate.acked(50)).toBe(true);
    expect(gate.unacked).toBe(20);
    expect(gate.acked(1000)).toBe(false);
    expect(gate.unacked).toBe(0);
    gate.sent(200);
    expect(gate.reset()).toBe(true);
    expect(gate.unacked).toBe(0);
  });

  it('splits output into bounded chunks without breaking surrogate pairs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 2, max: 17 }), (text, max) => {
        const parts = splitChunks(text, max);
        expect(parts.join('')).toBe(text);
        for (const p of parts) {
          expect(p.length).toBeLessThanOrEqual(max);
          expect(p.length).toBeGreaterThan(0);
          expect(/^[\uDC00-\uDFFF]/.test(p)).toBe(false);
        }
      }),
    );
    expect(splitChunks('x'.repeat(FLOW.maxChunk * 2 + 1))).toHaveLength(3);
  });

  it('replays the recent tail only', () => {
    const r = new ReplayBuffer(10);
    for (const s of ['abc', 'defg', 'hijkl', 'mn😀']) r.push(s);
    expect(r.text()).toBe('ghijklmn😀');
    const big = new ReplayBuffer(4);
    big.push('0123456789');
    expect(big.text()).toBe('6789');
  });
});
