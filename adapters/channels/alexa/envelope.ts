import { z } from 'zod';
import { withFields } from '../../../bot/objects.js';

const id = z.string().min(1).max(512);

const resolution = z.object({
  authority: z.string().optional(),
  status: z.object({ code: z.string() }),
  values: z.array(z.object({ value: z.object({ name: z.string(), id: z.string().optional() }) })).optional(),
});

const slot = z.object({
  name: z.string().optional(),
  value: z.string().max(1000).optional(),
  resolutions: z.object({ resolutionsPerAuthority: z.array(resolution) }).optional(),
});

const intent = z.object({
  name: z.string().min(1).max(200),
  confirmationStatus: z.string().optional(),
  slots: z.record(z.string(), slot).optional(),
});

const application = z.object({ applicationId: id });
const user = z.object({ userId: id, accessToken: z.string().min(1).max(4096).optional() });

/**
 * The parts of an Alexa request envelope bankbot reads (other fields are dropped). `session` is
 * absent for out-of-session requests; ids come from `context.System` first.
 */
export const alexaEnvelope = z.object({
  version: z.string(),
  session: z
    .object({
      new: z.boolean().optional(),
      sessionId: id,
      application: application.optional(),
      user: user.optional(),
    })
    .optional(),
  context: z
    .object({
      System: z.object({ application: application.optional(), user: user.optional() }).optional(),
    })
    .optional(),
  request: z.object({
    type: z.string().min(1).max(200),
    requestId: id,
    timestamp: z.string().max(64),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/)
      .optional(),
    intent: intent.optional(),
    reason: z.string().optional(),
  }),
});

export type AlexaEnvelope = z.infer<typeof alexaEnvelope>;
export type AlexaIntent = z.infer<typeof intent>;
export type AlexaSlot = z.infer<typeof slot>;

export function applicationIdOf(envelope: AlexaEnvelope): string | undefined {
  return envelope.context?.System?.application?.applicationId ?? envelope.session?.application?.applicationId;
}

/** The Alexa user id and, once the account is linked, the access token our OAuth server issued. */
export function userOf(envelope: AlexaEnvelope): { userId?: string; accessToken?: string } {
  const fromContext = envelope.context?.System?.user;
  const fromSession = envelope.session?.user;
  const userId = fromContext?.userId ?? fromSession?.userId;
  const accessToken = fromContext?.accessToken ?? fromSession?.accessToken;
  return withFields(userId ? { userId } : {}, accessToken ? { accessToken } : {});
}
