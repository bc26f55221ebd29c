import type { DialogNames } from './dialog-names.js';

/**
 * Sentence templates for a new intent; `{p}` is the dialog's phrase ("loan payoff"). Every
 * sentence names the phrase, so the new intent is told apart by its own words, and the fillers
 * avoid the words other intents live on (balance, spend, charge, card, help, bye, agent).
 */
const TRAINING = [
  '{p}',
  'my {p}',
  'what is my {p}',
  "what's my {p}",
  'tell me my {p}',
  'i want to know about my {p}',
  'i have a question about my {p}',
  'can you sort out my {p}',
  'i need to deal with my {p}',
  'show me my {p}',
  'look up my {p}',
  'give me the details of my {p}',
  'where can i see my {p}',
  'how does {p} work',
  'explain {p} to me',
  'questions about {p}',
  '{p} info',
  '{p} information please',
  "i'd like to ask about {p}",
  'could you look into my {p}',
  'what do i need to know about {p}',
  'get me my {p}',
  '{p} details',
  'something about my {p}',
  'i want to talk about my {p}',
  'what about my {p}',
];

/** Held-out sentences: worded differently from every training template. */
const TESTS = [
  "what's the story with my {p}",
  'can i find out about my {p}',
  'i need my {p}',
  'please show my {p}',
  'info on {p}',
  'what can you tell me about my {p}',
  '{p} question',
  "i'm asking about my {p}",
  'let me see my {p}',
  '{p} please',
];

/** One corpus file, in the format of nlu-models/<language>/*.json. */
export interface CorpusFile {
  readonly name: string;
  readonly locale: string;
  readonly data: readonly { intent: string; utterances: string[]; tests: string[] }[];
}

const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The corpus of a new dialog, leaving out any sentence an existing corpus already has (`taken`
 * holds their sentences, any case or spacing), so the corpora stay valid.
 */
export function dialogCorpus(names: DialogNames, taken: ReadonlySet<string>): CorpusFile {
  const seen = new Set([...taken].map(key));
  const fill = (templates: readonly string[]): string[] =>
    templates
      .map((template) => template.replace('{p}', names.phrase))
      .filter((sentence) => {
        if (seen.has(key(sentence))) return false;
        seen.add(key(sentence));
        return true;
      });
  const utterances = fill(TRAINING);
  const tests = fill(TESTS);
  if (utterances.length < 20 || tests.length < 5) {
    throw new Error(`the corpora already hold most sentences about "${names.phrase}"; pick another id`);
  }
  return { name: names.id, locale: 'en-US', data: [{ intent: names.intent, utterances, tests }] };
}
