import type { KeyboardEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { submitOnEnter } from './ime';

/** A React key event on a text field inside a form, as far as `submitOnEnter` looks. */
function keyDown(init: { key: string; keyCode: number; isComposing: boolean; type?: string }) {
  class FakeInput {
    type = init.type ?? 'text';
  }
  vi.stubGlobal('HTMLInputElement', FakeInput);
  const requestSubmit = vi.fn();
  const preventDefault = vi.fn();
  const event = {
    key: init.key,
    keyCode: init.keyCode,
    nativeEvent: { isComposing: init.isComposing },
    target: new FakeInput(),
    currentTarget: { requestSubmit },
    preventDefault,
  } as unknown as KeyboardEvent<HTMLFormElement>;
  submitOnEnter(event);
  return { requestSubmit, preventDefault };
}

describe('submitOnEnter', () => {
  it('submits on Enter in a text field', () => {
    const { requestSubmit, preventDefault } = keyDown({ key: 'Enter', keyCode: 13, isComposing: false });
    expect(requestSubmit).toHaveBeenCalledOnce();
    expect(preventDefault).toHaveBeenCalledOnce();
  });

  it('does not submit while Hangul is being composed', () => {
    expect(keyDown({ key: 'Enter', keyCode: 229, isComposing: true }).requestSubmit).not.toHaveBeenCalled();
    // WebKit: the committing Enter comes as keyCode 229 without isComposing.
    expect(keyDown({ key: 'Enter', keyCode: 229, isComposing: false }).requestSubmit).not.toHaveBeenCalled();
    expect(keyDown({ key: 'Process', keyCode: 229, isComposing: false }).requestSubmit).not.toHaveBeenCalled();
  });

  it('leaves other keys and other controls alone', () => {
    expect(keyDown({ key: 'a', keyCode: 65, isComposing: false }).preventDefault).not.toHaveBeenCalled();
    expect(keyDown({ key: 'Enter', keyCode: 13, isComposing: false, type: 'checkbox' }).requestSubmit).not.toHaveBeenCalled();
  });
});
