import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_ENTITIES, OUT_OF_SCOPE, type Recognition } from '../../bot/recognition.js';
import { route, type RouteInput } from '../../bot/router.js';

const dialogs = new Map([
  ['balance.check', 'balance'],
  ['charge.verify', 'verify-charge'],
  ['common.help', 'help'],
  [OUT_OF_SCOPE, 'out-of-scope'],
]);

function input(intent: string, score: number, active?: RouteInput['active']): RouteInput {
  const recognition: Recognition = {
    text: 'x',
    locale: 'en-US',
    intent,
    score,
    intents: [{ intent, score }],
    entities: EMPTY_ENTITIES,
  };
  return { recognition, dialogs, switchThreshold: 0.7, ...(active ? { active } : {}) };
}

const waiting = { rootDialogId: 'verify-charge', acceptsAnswer: false };
const answered = { rootDialogId: 'verify-charge', acceptsAnswer: true };

describe('route', () => {
  it('begins the dialog of a recognised intent when nothing is active', () => {
    assert.deepEqual(route(input('balance.check', 0.4)), {
      kind: 'begin',
      dialogId: 'balance',
      replace: false,
    });
  });

  it('continues the active dialog when the turn answers it, even if another intent scores high', () => {
    assert.deepEqual(route(input('balance.check', 0.99, answered)), { kind: 'continue' });
  });

  it('switches context to a confident intent of another dialog, keeping the active one below it', () => {
    assert.deepEqual(route(input('balance.check', 0.9, waiting)), {
      kind: 'begin',
      dialogId: 'balance',
      replace: false,
    });
  });

  it('lets a doubtful intent fall to the active dialog, which re-asks', () => {
    assert.deepEqual(route(input('balance.check', 0.5, waiting)), { kind: 'continue' });
  });

  it('restarts the active dialog when its own intent comes again', () => {
    assert.deepEqual(route(input('charge.verify', 0.95, waiting)), {
      kind: 'begin',
      dialogId: 'verify-charge',
      replace: true,
    });
  });

  it('interrupts with cancel and start over', () => {
    assert.deepEqual(route(input('common.cancel', 0.9, waiting)), { kind: 'interrupt', action: 'cancel' });
    assert.deepEqual(route(input('common.startOver', 0.9)), { kind: 'interrupt', action: 'startOver' });
  });

  it('answers help mid-dialog on top of the active dialog', () => {
    assert.deepEqual(route(input('common.help', 0.9, waiting)), {
      kind: 'begin',
      dialogId: 'help',
      replace: false,
    });
  });

  it('falls back on a stray yes with no dialog to answer', () => {
    assert.deepEqual(route(input('common.confirm', 0.95)), { kind: 'fallback' });
  });

  it('sends off-topic text to the out-of-scope dialog', () => {
    assert.deepEqual(route(input(OUT_OF_SCOPE, 1)), {
      kind: 'begin',
      dialogId: 'out-of-scope',
      replace: false,
    });
  });
});
