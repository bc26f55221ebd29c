/**
 * The botbuilder-dialogs classes bankbot's code uses at run time, each from its own module.
 *
 * The package's index also loads its prompts and choice recognisers, which bring a second copy of
 * Microsoft's Recognizers-Text (about 5.7 MB of the 18.3 MB server bundle) that no bankbot turn
 * runs: bankbot asks and recognises with its own slots and entities. With the index gone from the
 * server's start-up files (this, and the split bundle of bot/build/bundle.ts, which moves botkit's
 * use of the index into the Messenger chunk) and the binary model file (bot/nlu/float-codec.ts),
 * the bench child's cold start went from 1,328-1,478 ms to 838-1,075 ms (six alternated starts
 * each, of the old build the five after its first, 3,398 ms with files not yet cached; 2026-11-22).
 *
 * Types still come from 'botbuilder-dialogs' (they cost nothing at run time); values come from
 * here, which ESLint enforces.
 */
export { Dialog } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
