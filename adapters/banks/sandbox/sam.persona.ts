import { daily, merchant as m, monthly, payments, pin, transfer, weekly, type Persona } from './persona.js';

const CURRENT = 'acc-sam-current';
const SAVINGS = 'acc-sam-savings';
const CREDIT = 'acc-sam-credit';
const DEBIT_CARD = 'card-sam-debit';
const CREDIT_CARD = 'card-sam-credit';
const WEEKDAYS = [1, 2, 3, 4, 5];
const debitCard = payments(CURRENT, DEBIT_CARD);
const creditCard = payments(CREDIT, CREDIT_CARD);
const current = payments(CURRENT);

const pret = m('Pret A Manger', 'PRET A MANGER LONDON', 'coffee');
const costa = m('Costa Coffee', 'COSTA COFFEE 43019 LONDON', 'coffee');
const tfl = m('TfL', 'TFL TRAVEL CH TFL.GOV.UK/CP', 'transport');
const tesco = m('Tesco', 'TESCO STORES 2874 LONDON', 'groceries');
const sainsburys = m("Sainsbury's", 'SAINSBURYS S/MKTS LONDON', 'groceries');
const greggs = m('Greggs', 'GREGGS 1423 LONDON', 'restaurants');
const boots = m('Boots', 'BOOTS 1145 LONDON', 'health');
const deliveroo = m('Deliveroo', 'DELIVEROO.CO.UK LONDON', 'restaurants');
const amazon = m('Amazon UK', 'AMAZON.CO.UK*HT3KX94Q5', 'shopping');
const johnLewis = m('John Lewis', 'JOHN LEWIS 0231 LONDON', 'shopping');
const netflix = m('Netflix', 'NETFLIX.COM AMSTERDAM', 'subscriptions');
const spotify = m('Spotify', 'SPOTIFY P1A2B3C4D5 LONDON', 'subscriptions');
const salary = m('Acme Ltd salary', 'ACME LTD SALARY BGC', 'income');
const rent = m('Rent', 'J HARRIS RENT STO', 'rent');
const councilTax = m('Camden Council Tax', 'LB CAMDEN CTAX DDR', 'utilities');
const octopus = m('Octopus Energy', 'OCTOPUS ENERGY DDR', 'utilities');
const thamesWater = m('Thames Water', 'THAMES WATER DDR', 'utilities');
const toSaver = m('To Easy Access Saver', 'TFR TO SAVER ••7093', 'transfer');
const fromCurrent = m('From Current Account', 'TFR FROM CURRENT ••6819', 'transfer');
const cardPayment = m('Credit card payment', 'PLATINUM CARD PAYMENT ••1187', 'transfer');
const paymentReceived = m('Payment received', 'PAYMENT RECEIVED - THANK YOU', 'transfer');
const interest = m('Interest', 'INTEREST PAID', 'interest');
const coffeeCart = m('The Coffee Cart', 'SUMUP *THE COFFEE CART LONDON', 'coffee');

const itsu = m('itsu', 'ITSU HOLBORN LONDON', 'restaurants');
/** Sam, London: contactless on the debit card for daily things, takeaways and online on the credit card. */
export const sam: Persona = {
  profile: { id: 'sam', firstName: 'Sam', locale: 'en-GB', timeZone: 'Europe/London' },
  stepUp: { pin: '1357' },
  accounts: [
    {
      id: CURRENT,
      kind: 'checking',
      name: 'Current Account',
      number: '31926819',
      currency: 'GBP',
      cushionMinor: 42_000,
    },
    {
      id: SAVINGS,
      kind: 'savings',
      name: 'Easy Access Saver',
      number: '41557093',
      currency: 'GBP',
      cushionMinor: 560_000,
    },
    {
      id: CREDIT,
      kind: 'credit',
      name: 'Platinum Credit Card',
      number: '5412750033441187',
      currency: 'GBP',
      creditLimitMinor: 500_000,
      cushionMinor: 18_000,
    },
  ],
  cards: [
    { id: DEBIT_CARD, accountId: CURRENT, name: 'Visa debit', number: '4000058260000005' },
    { id: CREDIT_CARD, accountId: CREDIT, name: 'Mastercard credit', number: '5555555555554444' },
  ],
  patterns: [
    debitCard(pret, [-895, -345], weekly(WEEKDAYS, 0.5), [8, 13]),
    debitCard(costa, [-485, -295], daily(0.25), [8, 17]),
    debitCard(tfl, [-920, -280], daily(0.7), [6, 8]),
    debitCard(tesco, [-9_500, -2_800], weekly([6], 0.8), [10, 18]),
    debitCard(sainsburys, [-4_200, -1_200], weekly([3], 0.6), [18, 21]),
    debitCard(greggs, [-545, -185], daily(0.1), [8, 15]),
    debitCard(boots, [-2_899, -399], daily(0.07), [9, 19]),
    creditCard(deliveroo, [-3_600, -1_850], weekly([5, 6], 0.35), [19, 22]),
    creditCard(amazon, [-6_499, -799], daily(0.1), [9, 23]),
    creditCard(johnLewis, [-45_000, -4_500], daily(0.012), [10, 19]),
    creditCard(netflix, -1_099, monthly(6), [3, 5]),
    creditCard(spotify, -1_199, monthly(11), [3, 5]),
    current(salary, 312_500, monthly(28), [6, 7]),
    current(rent, -165_000, monthly(1), [7, 8]),
    current(councilTax, -16_800, monthly(3), [6, 7]),
    current(octopus, [-11_500, -8_500], monthly(9), [6, 7]),
    current(thamesWater, -3_650, monthly(17), [6, 7]),
    transfer(CURRENT, SAVINGS, [toSaver, fromCurrent], -40_000, monthly(29), [9, 10]),
    transfer(CURRENT, CREDIT, [cardPayment, paymentReceived], [-60_000, -35_000], monthly(20), [6, 7]),
    payments(SAVINGS)(interest, [1_500, 1_900], monthly(31), [2, 3]),
  ],
  pinned: [
    pin(1, '12:31', CURRENT, DEBIT_CARD, itsu, -845),
    pin(4, '11:20', CURRENT, DEBIT_CARD, coffeeCart, -1_875),
  ],
};
