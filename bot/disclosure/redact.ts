import type { Part, Phrase, Reply, Sensitivity } from '../reply.js';
import { withFields } from '../objects.js';

/**
 * Applies `change` to every phrase of a reply: text, speech and list items. When `change` returns
 * every phrase as it was given, the reply itself comes back (nothing to copy or render again).
 */
export function mapPhrases(value: Reply, change: (phrase: Phrase) => Phrase): Reply {
  const text = change(value.text);
  const speech = value.speech ? change(value.speech) : undefined;
  let same = text === value.text && speech === value.speech;
  const items = value.items?.map((item) => {
    const title = change(item.title);
    const subtitle = item.subtitle ? change(item.subtitle) : undefined;
    if (title !== item.title || subtitle !== item.subtitle) same = false;
    return { title, ...(subtitle ? { subtitle } : {}) };
  });
  if (same) return value;
  return withFields(value, { text }, speech ? { speech } : {}, items ? { items } : {});
}

/** "••6789": the last `digits` digits of a number, whatever the bank sent. */
export function maskNumber(value: string, digits: number): string {
  const all = value.replace(/\D/g, '');
  if (all.length === 0) return value;
  return `••${digits > 0 ? all.slice(-digits) : ''}`;
}

/** The phrase with its account and card numbers masked; the phrase itself when none changes. */
function maskPhrase(phrase: Phrase, digits: number): Phrase {
  let masked: Part[] | undefined;
  for (let index = 0; index < phrase.length; index++) {
    const part = phrase[index] as Part;
    if (typeof part === 'string' || part.kind !== 'text' || part.sensitivity !== 'accountNumber') continue;
    const value = maskNumber(part.value, digits);
    if (value === part.value) continue;
    masked ??= phrase.slice();
    masked[index] = withFields(part, { value });
  }
  return masked ?? phrase;
}

/** Every account and card number in the reply cut to its last `digits` digits. */
export function maskNumbers(value: Reply, digits: number): Reply {
  return mapPhrases(value, (phrase) => maskPhrase(phrase, digits));
}

/** Whether any part of the phrase belongs to one of the classes. */
export function discloses(phrase: Phrase | undefined, classes: ReadonlySet<Sensitivity>): boolean {
  return (phrase ?? []).some(
    (part) => typeof part !== 'string' && 'sensitivity' in part && classes.has(part.sensitivity),
  );
}

const BOUNDARY = /(?<=[.?!:])\s+/;

/** The phrase's sentences: a boundary is . ? ! or : followed by a space, inside the plain text. */
export function sentencesOf(phrase: Phrase): Part[][] {
  // Neighbouring strings first become one, so "…frozen." + " Say …" is seen as two sentences.
  const merged = phrase.reduce<Part[]>((parts, part) => {
    const last = parts.at(-1);
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else parts.push(part);
    return parts;
  }, []);
  const sentences: Part[][] = [[]];
  for (const part of merged) {
    const pieces = typeof part === 'string' ? part.split(BOUNDARY) : [part];
    pieces.forEach((piece, index) => {
      if (index > 0) sentences.push([]);
      if (piece !== '') sentences.at(-1)?.push(piece);
    });
  }
  return sentences.filter((sentence) => sentence.length > 0);
}

/** "Here are your balances:" introduced what is no longer there: it ends with a full stop. */
function closeIntro(sentences: Part[][]): void {
  const before = sentences.at(-1);
  const last = before?.at(-1);
  if (before && typeof last === 'string' && last.trimEnd().endsWith(':'))
    before[before.length - 1] = `${last.trimEnd().slice(0, -1)}.`;
}

function joinSentences(sentences: readonly Part[][]): Phrase {
  return sentences.flatMap((sentence, index) => (index === 0 ? sentence : [' ', ...sentence]));
}

/**
 * The phrase without its sentences that disclose one of the classes; `note` stands where the first
 * of them was ("I've put the details on a card in your Alexa app."). Unchanged if none does.
 */
export function withholdSentences(phrase: Phrase, classes: ReadonlySet<Sensitivity>, note: string): Phrase {
  const kept: Part[][] = [];
  let noted = false;
  for (const sentence of sentencesOf(phrase)) {
    if (!discloses(sentence, classes)) kept.push(sentence);
    else if (!noted) {
      closeIntro(kept);
      kept.push([note]);
      noted = true;
    }
  }
  return noted ? joinSentences(kept) : phrase;
}

/** The phrase followed by `note`, unless it already says it. */
function withNote(phrase: Phrase, note: string): Phrase {
  if (phrase.includes(note)) return phrase;
  const sentences = sentencesOf(phrase);
  closeIntro(sentences);
  return joinSentences([...sentences, [note]]);
}

/** What a voice channel reads aloud keeps off the classes; the text (the card or screen) keeps them. */
export function keepOffSpeech(value: Reply, classes: ReadonlySet<Sensitivity>, note: string): Reply {
  const readItems =
    !value.speech &&
    (value.items ?? []).some((item) => discloses(item.title, classes) || discloses(item.subtitle, classes));
  const spoken = value.speech ?? value.text;
  if (!readItems && !discloses(spoken, classes)) return value;
  const speech = withholdSentences(spoken, classes, note);
  return withFields(value, { speech: readItems ? withNote(speech, note) : speech });
}

/** Neither said nor shown on the channel: the sentences and list items go, the note says where they went. */
export function keepOffChannel(value: Reply, classes: ReadonlySet<Sensitivity>, note: string): Reply {
  const items = (value.items ?? []).filter(
    (item) => !discloses(item.title, classes) && !discloses(item.subtitle, classes),
  );
  const dropped = items.length < (value.items ?? []).length;
  const text = withholdSentences(value.text, classes, note);
  const { items: _items, speech: _speech, ...rest } = value;
  return withFields(
    rest,
    { text: dropped ? withNote(text, note) : text },
    value.speech ? { speech: withNote(withholdSentences(value.speech, classes, note), note) } : {},
    items.length > 0 ? { items } : {},
  );
}
