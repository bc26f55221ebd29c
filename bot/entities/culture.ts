/** The languages whose words bankbot knows (synonym tables, recogniser workarounds). */
export type Language = 'en' | 'es';

/** A recognizers-text culture and the bankbot language it stands for. */
export interface EntityCulture {
  /** Culture code for @microsoft/recognizers-text ('en-us', 'en-gb', 'es-es'). */
  readonly code: string;
  readonly language: Language;
}

/**
 * Maps a BCP 47 locale to a recogniser culture. en-US reads "3/11" as March 11th; every other
 * English locale gets the day-first culture ('en-gb' resolves to the recogniser's 'en-*');
 * every Spanish locale gets 'es-es', the only Spanish culture the recogniser has. Unknown
 * languages fall back to en-US rather than failing the turn.
 */
export function entityCulture(locale: string): EntityCulture {
  const [language = '', region = ''] = locale.toLowerCase().split(/[-_]/);
  if (language === 'es') return { code: 'es-es', language: 'es' };
  if (language === 'en' && region !== '' && region !== 'us') return { code: 'en-gb', language: 'en' };
  return { code: 'en-us', language: 'en' };
}
