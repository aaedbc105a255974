import { describe, expect, it } from 'vitest';
import { StationError, toErrorShape } from '../../../electron/common/errors';

describe('StationError', () => {
  it('keeps code, message and details on the wire shape', () => {
    const e = new StationError('CARD_REMOVED', 'The card was removed.', { reader: 'R1' });
    expect(toErrorShape(e)).toEqual({ code: 'CARD_REMOVED', message: 'The card was removed.', details: { reader: 'R1' } });
  });
  it('hides internals of unknown errors', () => {
    const shape = toErrorShape(new Error('secret stack detail'));
    expect(shape.code).toBe('INTERNAL');
    expect(shape.message).not.toContain('secret');
  });
});
