/**
 * Everyday words of banking chat, folded (no accents, no apostrophes), English and Spanish.
 * A merchant is only ever matched on them exactly and as a whole name ("best buy"), never on one
 * of them alone with a typo or as part of a name ("what's the best way" is not Best Buy).
 */
const FUNCTION_WORD_LIST = `
a an the this that these those my mine your our it its me i you we they he she them his her
at in on to from for of by with and or not no yes if so as is are was were be been am do does did
done have has had can could will would should may might must what whats which who whom whose where
when why how there here some any all every each much many more most less other another just only shall
about also than then too very please thanks thank hi hello hey ok okay
el la los las un una unos unas lo mi mis tu tus su sus de del al en a por para con sin y o u no si
que cual quien donde cuando como cuanto cuanta cuantos cuantas es son fue era ser esta estan este
esto ese esa eso aquel me te se le nos les yo ha he han hay muy mas menos todo todos toda todas
hola gracias por favor vale
`;

const BANKING_WORD_LIST = `
balance balances charge charges charged spend spent spending spendings transaction transactions
payment payments pay paid paying purchase purchases purchased buy bought order ordered account
accounts card cards money cash bill bills statement statements transfer transferred deposit
deposits withdrawal withdrawals refund refunds fee fees interest credit debit savings saving
checking current pending dispute disputed fraud fraudulent freeze frozen unfreeze lock block
cancel stop show see tell give list find check get want need know recognise recognize recent
last next past previous today yesterday week weeks month months year years day days time times
total amount dollars dollar pounds pound euros euro cents one two three first second third
best whole big great good new old little free online store stores shop shopping market food
coffee gas fuel groceries grocery restaurant lunch dinner breakfast drinks bar travel flight
hotel taxi ride trip trips subscription membership human agent help mistake wrong right
saldo saldos cargo cargos gasto gastos gaste gastado pago pagos pague compra compras compre
cuenta cuentas tarjeta tarjetas dinero efectivo recibo transferencia movimientos movimiento
ingreso reembolso comision bloquear congelar cancelar ver muestra muestrame dime quiero necesito
ultimo ultima pasado pasada semana mes ano hoy ayer dia total importe euros dolares
`;

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter((word) => word.length > 0));

/** Words that never start or end a merchant mention ("at", "my", "the", "de"). */
export const FUNCTION_WORDS: ReadonlySet<string> = words(FUNCTION_WORD_LIST);

/** Function words plus the vocabulary of banking chat. */
export const COMMON_WORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...words(BANKING_WORD_LIST)]);
