import type { Random } from './random.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const WORD = /\p{L}{4,}/gu;

/** One edit of `word` at a random place: a letter deleted, inserted or replaced, or two swapped. */
function edit(word: string, random: Random): string {
  const at = Math.floor(random() * word.length);
  const letter = LETTERS[Math.floor(random() * LETTERS.length)]!;
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      // A replacement by the same letter would be no typo.
      return (
        word.slice(0, at) +
        (letter === word[at] ? LETTERS[(LETTERS.indexOf(letter) + 1) % 26] : letter) +
        word.slice(at + 1)
      );
    default: {
      const i = Math.min(at, word.length - 2);
      // Swapping two equal letters ("ee") would be no typo: delete one instead.
      if (word[i] === word[i + 1]) return word.slice(0, i) + word.slice(i + 1);
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    }
  }
}

/**
 * Gives every word of four letters or more one random typo (the robustness check of
 * test/nlu/typo-robustness.test.ts). The same `random` sequence gives the same typos.
 */
export function addTypos(text: string, random: Random): string {
  return text.replace(WORD, (word) => edit(word, random));
}
