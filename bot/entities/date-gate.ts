import { tokenize } from './text.js';

/**
 * The date recogniser costs about 1.3 ms even on "what's my balance", and most turns carry no
 * date. It only runs when the text has a digit or one of these words. The lists are
 * deliberately generous (English and Spanish together, prefixes): a needless run costs a
 * millisecond, a missed date costs the customer. Ordinals are in because "on the first" is a
 * date and "wait a second" a duration, not choice 2. test/bot/entities/date-gate.test.ts checks
 * that the recogniser finds no date in text the gate turns away.
 */
const EXACT = new Set(
  [
    'mon tue tues wed weds thu thur thurs fri sat sun',
    'jan feb mar apr may jun jul aug sep sept oct nov dec',
    'eve day days ago tmrw yday yest tonite',
    'first second seconds third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth',
    'lun mie jue vie sab dom ene abr ago set dic',
    'mes meses dia dias ano anos hoy ayer finde segundo segundos',
  ]
    .join(' ')
    .split(' '),
);

const PREFIXES = [
  'monday tuesday wednesday thursday friday saturday sunday',
  'january february march april june july august september october november december',
  'today tonight tomorrow yesterday week fortnight month year quarter weekend',
  'morning afternoon evening night noon midnight hour minute daily annual',
  'christmas xmas easter halloween thanksgiving valentine spring summer autumn fall winter',
  'lunes martes miercoles jueves viernes sabado domingo',
  'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
  'manana anoche anteayer antier semana quincena trimestre navidad nochebuena nochevieja pascua',
  'verano invierno otono primavera noche tarde mediodia medianoche madrugada',
]
  .join(' ')
  .split(' ');

/** False only when the text cannot hold a date the recogniser would find. */
export function mayContainDate(text: string): boolean {
  if (/\p{Nd}/u.test(text)) return true;
  return tokenize(text).some(
    (token) => EXACT.has(token) || PREFIXES.some((prefix) => token.startsWith(prefix)),
  );
}
