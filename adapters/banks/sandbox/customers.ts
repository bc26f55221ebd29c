import { localDay } from './calendar.js';
import type { SandboxCustomerFixture } from './fixture.js';
import { generateCustomer } from './generate.js';
import { alex } from './alex.persona.js';
import { maria } from './maria.persona.js';
import { sam } from './sam.persona.js';

/**
 * The sandbox's demo customers (alex en-US, sam en-GB, maria es-ES) with 90 days of history
 * ending the day before `now`'s day in each customer's time zone. Same seed and day, same data.
 */
export function builtInCustomers(now: Date, seed: number): SandboxCustomerFixture[] {
  return [alex, sam, maria].map((persona) =>
    generateCustomer(persona, localDay(now, persona.profile.timeZone), seed),
  );
}
