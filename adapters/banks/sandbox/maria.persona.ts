import { daily, merchant as m, monthly, payments, pin, transfer, weekly, type Persona } from './persona.js';

const CORRIENTE = 'acc-maria-corriente';
const AHORRO = 'acc-maria-ahorro';
const TARJETA = 'acc-maria-tarjeta';
const DEBIT_CARD = 'card-maria-debit';
const CREDIT_CARD = 'card-maria-credit';
const WEEKDAYS = [1, 2, 3, 4, 5];
const debitCard = payments(CORRIENTE, DEBIT_CARD);
const creditCard = payments(TARJETA, CREDIT_CARD);
const corriente = payments(CORRIENTE);

const cafeteria = m('La Mallorquina', 'CAFETERIA LA MALLORQUINA MADRID', 'coffee');
const mercadona = m('Mercadona', 'MERCADONA C/ BRAVO MURILLO MADRID', 'groceries');
const carrefour = m('Carrefour Express', 'CARREFOUR EXPRESS MADRID', 'groceries');
const metro = m('Metro de Madrid', 'METRO DE MADRID', 'transport');
const corteIngles = m('El Corte Inglés', 'EL CORTE INGLES CASTELLANA MADRID', 'shopping');
const zara = m('Zara', 'ZARA ES 3521 MADRID', 'shopping');
const renfe = m('Renfe', 'RENFE VIAJEROS MADRID', 'transport');
const glovo = m('Glovo', 'GLOVO*APP BARCELONA', 'restaurants');
const cabify = m('Cabify', 'CABIFY MADRID', 'transport');
const repsol = m('Repsol', 'REPSOL E.S. 3345 MADRID', 'fuel');
const netflix = m('Netflix', 'NETFLIX.COM AMSTERDAM', 'subscriptions');
const spotify = m('Spotify', 'SPOTIFY STOCKHOLM', 'subscriptions');
const nomina = m('Nómina Tecnologías Iberia', 'NOMINA TECNOLOGIAS IBERIA SL', 'income');
const alquiler = m('Alquiler', 'TRANSF. ALQUILER PISO', 'rent');
const iberdrola = m('Iberdrola', 'RECIBO IBERDROLA CLIENTES', 'utilities');
const movistar = m('Movistar', 'RECIBO TELEFONICA DE ESPANA', 'utilities');
const aAhorro = m('Traspaso a Cuenta Ahorro', 'TRASPASO A CTA ••4417', 'transfer');
const deCorriente = m('Traspaso de Cuenta Corriente', 'TRASPASO DE CTA ••1543', 'transfer');
const liquidacion = m('Liquidación tarjeta', 'LIQUIDACION TARJETA ••0051', 'transfer');
const abono = m('Abono liquidación', 'ABONO LIQUIDACION TARJETA', 'transfer');
const intereses = m('Intereses', 'LIQUIDACION INTERESES', 'interest');
const aliexpress = m('AliExpress', 'PAYPAL *ALIEXPRESS LUXEMBOURG', 'shopping');

const panaderia = m('Panadería El Pilar', 'PANADERIA EL PILAR MADRID', 'groceries');
/** María, Madrid: café and Mercadona on the debit card, trips, clothes and deliveries on the credit card. */
export const maria: Persona = {
  profile: { id: 'maria', firstName: 'María', locale: 'es-ES', timeZone: 'Europe/Madrid' },
  stepUp: { otp: 'app' },
  accounts: [
    {
      id: CORRIENTE,
      kind: 'checking',
      name: 'Cuenta Corriente',
      number: 'ES4721003384517409781543',
      currency: 'EUR',
      cushionMinor: 61_000,
    },
    {
      id: AHORRO,
      kind: 'savings',
      name: 'Cuenta Ahorro',
      number: 'ES1821003384597401224417',
      currency: 'EUR',
      cushionMinor: 830_000,
    },
    {
      id: TARJETA,
      kind: 'credit',
      name: 'Tarjeta Oro',
      number: '4716839044190051',
      currency: 'EUR',
      creditLimitMinor: 300_000,
      cushionMinor: 9_000,
    },
  ],
  cards: [
    { id: DEBIT_CARD, accountId: CORRIENTE, name: 'Visa débito', number: '4000007240000007' },
    { id: CREDIT_CARD, accountId: TARJETA, name: 'Mastercard crédito', number: '5105105105105100' },
  ],
  patterns: [
    debitCard(cafeteria, [-420, -150], weekly(WEEKDAYS, 0.55), [8, 11]),
    debitCard(mercadona, [-11_500, -3_200], weekly([6], 0.85), [10, 14]),
    debitCard(mercadona, [-3_500, -900], weekly([3], 0.4), [18, 21]),
    debitCard(carrefour, [-2_400, -450], daily(0.1), [9, 22]),
    debitCard(metro, [-500, -150], daily(0.25), [7, 21]),
    creditCard(corteIngles, [-24_000, -2_500], daily(0.03), [11, 21]),
    creditCard(zara, [-8_995, -1_995], daily(0.04), [11, 21]),
    creditCard(renfe, [-6_890, -1_250], daily(0.05), [9, 20]),
    creditCard(glovo, [-3_200, -1_390], weekly([5, 0], 0.35), [20, 23]),
    creditCard(cabify, [-2_200, -750], daily(0.08), [19, 23]),
    creditCard(repsol, [-6_500, -3_500], daily(0.06), [8, 20]),
    creditCard(netflix, -1_299, monthly(10), [3, 5]),
    creditCard(spotify, -1_099, monthly(14), [3, 5]),
    corriente(nomina, 248_000, monthly(28), [6, 7]),
    corriente(alquiler, -115_000, monthly(1), [8, 9]),
    corriente(iberdrola, [-9_500, -4_500], monthly(7), [6, 7]),
    corriente(movistar, -5_500, monthly(5), [6, 7]),
    transfer(CORRIENTE, AHORRO, [aAhorro, deCorriente], -30_000, monthly(29), [9, 10]),
    transfer(CORRIENTE, TARJETA, [liquidacion, abono], [-55_000, -35_000], monthly(3), [6, 7]),
    payments(AHORRO)(intereses, [300, 450], monthly(31), [2, 3]),
  ],
  pinned: [
    pin(1, '09:40', CORRIENTE, DEBIT_CARD, panaderia, -385),
    pin(3, '22:14', TARJETA, CREDIT_CARD, aliexpress, -3_645),
  ],
};
