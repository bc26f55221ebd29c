/** Digits said as words, in the languages bankbot speaks. */
const DIGITS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  cero: '0',
  uno: '1',
  dos: '2',
  tres: '3',
  cuatro: '4',
  cinco: '5',
  seis: '6',
  siete: '7',
  ocho: '8',
  nueve: '9',
};

/** Words that may surround a code without changing it: "my PIN is 2468", "el código es 135790". */
const FILLER = new Set(
  "my the pin code voice one-time it it's is that's mi el la es código codigo clave".split(' '),
);

/** Shortest and longest code accepted: a 4-digit PIN to an 8-digit one-time code. */
export const CODE_LENGTH = { min: 4, max: 8 } as const;

/**
 * The PIN or one-time code in an answer: digits and digit words ("2 4 6 8", "two four six eight"),
 * optionally after "my PIN is". Anything else in the answer means it is not a code. Never log it.
 *
 * @example
 * codeFrom('my pin is two four 6 8'); // '2468'
 * codeFrom("what's my balance");     // undefined
 */
export function codeFrom(text: string): string | undefined {
  let code = '';
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)) {
    if (word === '') continue;
    if (/^\d+$/.test(word)) code += word;
    else if (DIGITS[word] !== undefined) code += DIGITS[word];
    else if (!FILLER.has(word)) return undefined;
  }
  return code.length >= CODE_LENGTH.min && code.length <= CODE_LENGTH.max ? code : undefined;
}
