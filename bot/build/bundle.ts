/**
 * Bundles the compiled server (dist/, from tsc) into one file per entry in dist/bundle/, which
 * `npm run serve` runs: a process then reads a few files instead of resolving, reading, lexing and
 * linking some two thousand modules, which was most of its cold start.
 *
 * Split (`splitting`): code only a dynamic import reaches, such as the Messenger channel with
 * botbuilder-adapter-facebook, botkit and botbuilder-dialogs' prompts (7.8 MB of what was one
 * 18.3 MB file), goes to chunks of its own that a process without that channel never reads or
 * compiles. With bot/dialog-classes.ts and the binary model file, the bench child's cold start went
 * from 1,328-1,478 ms to 838-1,075 ms (six alternated starts each, of the old build the five after
 * its first, 3,398 ms with files not yet cached; 2026-11-22). Shared code is in `chunk-<hash>.js`
 * files beside the entries. The cost: the turn's code sits in shared chunks, and
 * main-thread CPU per turn at a paced 1,000 turns/s was higher than an unsplit build's in eight of
 * twelve alternated rounds (medians 350 against 330 µs, 442 against 347 µs), while the full bench
 * showed no loss (docs/benchmarks.md, sixth pass); unsplit, cold start reached 1,518 ms.
 *
 * Entries, named flat so the paths they compute from `import.meta.url` still resolve:
 * - main.js: `bot/main.ts`, the server (its cluster workers run the same file);
 * - member-worker.js: the NLU training worker, which bot/nlu/task-pool.ts starts beside its own file;
 * - bankbot.child.js: the bench's full-stack server, so `npm run bench` measures what `serve` runs.
 * The playground's static files are copied beside them (bot/playground/static-assets.ts).
 *
 * Run by `npm run build`; `node --import tsx bot/build/bundle.ts`.
 */
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle';

// Chunk names carry a hash of their content: without this, every build would leave the last
// build's chunks beside the new ones, for whoever copies the folder.
rmSync(OUT, { recursive: true, force: true });

await build({
  entryPoints: ['dist/bot/main.js', 'dist/bot/nlu/member-worker.js', 'dist/bench/http/bankbot.child.js'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: OUT,
  entryNames: '[name]',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS packages call require() for node's own modules; an ES module has none.
  banner: {
    js: "import { createRequire as bankbotRequire } from 'node:module'; const require = bankbotRequire(import.meta.url);",
  },
});
cpSync('bot/playground/static', `${OUT}/static`, { recursive: true });
