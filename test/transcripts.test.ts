import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { harnesses } from './support/drivers/index.js';
import { loadTranscript, playConversation, playsOn } from './support/transcript.js';

const DIR = 'test/transcripts';

for (const harness of harnesses) {
  for (const name of readdirSync(DIR)
    .filter((f) => f.endsWith('.transcript.yml'))
    .sort()) {
    const transcript = loadTranscript(join(DIR, name));
    describe(`${harness.channel}: ${name}`, () => {
      for (const conversation of transcript.conversations.filter((c) => playsOn(c, harness.channel))) {
        it(conversation.name, () => playConversation(conversation, harness));
      }
    });
  }
}
