import type { DialogModule } from '../bot/dialog-module.js';
import { balance } from './balance.dialog.js';
import { cardStatus } from './card-status.dialog.js';
import { consent } from './consent.dialog.js';
import { forgetMe } from './forget-me.dialog.js';
import { goodbye } from './goodbye.dialog.js';
import { greeting } from './greeting.dialog.js';
import { handoff } from './handoff.dialog.js';
import { help } from './help.dialog.js';
import { myData } from './my-data.dialog.js';
import { outOfScope } from './out-of-scope.dialog.js';
import { spending } from './spending.dialog.js';
import { transactions } from './transactions.dialog.js';
import { verifyCharge } from './verify-charge.dialog.js';

/** Every dialog the bot runs, one line each. Order does not matter; intents must not overlap. */
export const dialogs: readonly DialogModule[] = [
  greeting,
  help,
  goodbye,
  balance,
  transactions,
  spending,
  verifyCharge,
  cardStatus,
  consent,
  myData,
  forgetMe,
  handoff,
  outOfScope,
];
