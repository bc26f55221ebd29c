import { daily, merchant as m, monthly, payments, pin, transfer, weekly, type Persona } from './persona.js';

const CHECKING = 'acc-alex-checking';
const SAVINGS = 'acc-alex-savings';
const CREDIT = 'acc-alex-credit';
const DEBIT_CARD = 'card-alex-debit';
const CREDIT_CARD = 'card-alex-credit';
const WEEKDAYS = [1, 2, 3, 4, 5];
const debitCard = payments(CHECKING, DEBIT_CARD);
const creditCard = payments(CREDIT, CREDIT_CARD);
const checking = payments(CHECKING);

const starbucks = m('Starbucks', 'SBUX 7742 NEW YORK NY', 'coffee');
const wholeFoods = m('Whole Foods Market', 'WHOLEFDS MKT 10254 NEW YORK NY', 'groceries');
const traderJoes = m("Trader Joe's", 'TRADER JOE S #540 NEW YORK NY', 'groceries');
const target = m('Target', 'TARGET T-1263 BROOKLYN NY', 'shopping');
const cvs = m('CVS Pharmacy', 'CVS/PHARMACY #04567 NEW YORK NY', 'health');
const chipotle = m('Chipotle', 'CHIPOTLE 2245 NEW YORK NY', 'restaurants');
const shell = m('Shell', 'SHELL OIL 57444 JERSEY CITY NJ', 'fuel');
const uber = m('Uber', 'UBER *TRIP HELP.UBER.COM', 'transport');
const amazon = m('Amazon', 'AMZN Mktp US*2K4LR81Q3', 'shopping');
const bestBuy = m('Best Buy', 'BEST BUY 0452 NEW YORK NY', 'electronics');
const netflix = m('Netflix', 'NETFLIX.COM LOS GATOS CA', 'subscriptions');
const spotify = m('Spotify', 'SPOTIFY USA 877-778-1161', 'subscriptions');
const prime = m('Amazon Prime', 'AMZN PRIME*RT4QW12A3', 'subscriptions');
const payroll = m('Acme Corp payroll', 'ACME CORP DIR DEP PAYROLL', 'income');
const rent = m('Parkview Property Mgmt', 'PARKVIEW PROPERTY MGMT RENT', 'rent');
const conEd = m('Con Edison', 'CON ED OF NY INTELL CK', 'utilities');
const verizon = m('Verizon Wireless', 'VERIZON WIRELESS PAYMENTS', 'utilities');
const toSavings = m('Transfer to High-Yield Savings', 'ONLINE TRANSFER TO SAV ••4321', 'transfer');
const fromChecking = m('Transfer from Everyday Checking', 'ONLINE TRANSFER FROM CHK ••6789', 'transfer');
const cardPayment = m('Rewards Visa payment', 'PAYMENT TO CRD CARD ••1517', 'transfer');
const paymentThanks = m('Payment, thank you', 'AUTOPAY PAYMENT - THANK YOU', 'transfer');
const interest = m('Interest', 'INTEREST PAYMENT', 'interest');
const joesPizza = m("Joe's Pizza", 'TST* JOES PIZZA BROADWAY NEW YORK NY', 'restaurants');

const sweetgreen = m('Sweetgreen', 'SWEETGREEN NOHO NEW YORK NY', 'restaurants');
/**
 * Alex, New York: salaried, pays rent from checking, groceries on the debit card, most other
 * things on the Rewards Visa. Pinned: a pending lunch yesterday, the $42.10 charge three days ago that the demo asks about,
 * and a second $42.10 (fuel) five weeks back for the "which one?" demo.
 */
export const alex: Persona = {
  profile: { id: 'alex', firstName: 'Alex', locale: 'en-US', timeZone: 'America/New_York' },
  stepUp: { pin: '2468' },
  accounts: [
    {
      id: CHECKING,
      kind: 'checking',
      name: 'Everyday Checking',
      number: '441709386789',
      currency: 'USD',
      cushionMinor: 85_000,
    },
    {
      id: SAVINGS,
      kind: 'savings',
      name: 'High-Yield Savings',
      number: '441755514321',
      currency: 'USD',
      cushionMinor: 1_240_000,
    },
    {
      id: CREDIT,
      kind: 'credit',
      name: 'Rewards Visa',
      number: '414709881517',
      currency: 'USD',
      creditLimitMinor: 800_000,
      cushionMinor: 31_000,
    },
  ],
  cards: [
    { id: DEBIT_CARD, accountId: CHECKING, name: 'Visa debit', number: '4000056655665556' },
    { id: CREDIT_CARD, accountId: CREDIT, name: 'Rewards Visa', number: '4242424242424242' },
  ],
  patterns: [
    debitCard(starbucks, [-765, -395], weekly(WEEKDAYS, 0.7), [7, 10]),
    debitCard(wholeFoods, [-16_800, -4_500], weekly([0], 0.9), [10, 19]),
    debitCard(traderJoes, [-7_800, -2_200], weekly([3], 0.6), [17, 21]),
    debitCard(target, [-12_500, -1_800], daily(0.06), [11, 20]),
    debitCard(cvs, [-4_299, -699], daily(0.08), [9, 21]),
    creditCard(chipotle, [-1_595, -1_125], weekly(WEEKDAYS, 0.25), [12, 14]),
    creditCard(shell, [-6_400, -3_200], daily(0.07), [8, 20]),
    creditCard(uber, [-3_800, -1_100], daily(0.15), [18, 23]),
    creditCard(amazon, [-8_999, -1_299], daily(0.12), [9, 23]),
    creditCard(bestBuy, [-89_999, -4_999], daily(0.015), [11, 20]),
    creditCard(netflix, -1_549, monthly(8), [3, 5]),
    creditCard(spotify, -1_199, monthly(14), [3, 5]),
    creditCard(prime, -1_499, monthly(21), [3, 5]),
    checking(payroll, 318_450, monthly(15, 31), [6, 7]),
    checking(rent, -245_000, monthly(1), [8, 9]),
    checking(conEd, [-14_200, -6_800], monthly(12), [6, 8]),
    checking(verizon, -8_500, monthly(19), [6, 8]),
    transfer(CHECKING, SAVINGS, [toSavings, fromChecking], -50_000, monthly(16), [9, 10]),
    transfer(CHECKING, CREDIT, [cardPayment, paymentThanks], [-95_000, -60_000], monthly(25), [6, 7]),
    payments(SAVINGS)(interest, [3_800, 4_400], monthly(31), [2, 3]),
  ],
  pinned: [
    pin(1, '12:48', CHECKING, DEBIT_CARD, sweetgreen, -1_485),
    pin(3, '13:42', CHECKING, DEBIT_CARD, joesPizza, -4_210),
    pin(38, '17:05', CREDIT, CREDIT_CARD, shell, -4_210),
  ],
};
