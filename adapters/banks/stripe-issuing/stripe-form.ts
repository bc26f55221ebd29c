/** A value Stripe's form encoding can carry: strings, numbers and nested objects (`a[b][c]=v`). */
export type FormValue = string | number | { readonly [key: string]: FormValue | undefined };

/**
 * `application/x-www-form-urlencoded` as the Stripe API reads it, nested keys in brackets.
 *
 * @example
 * toForm({ metadata: { review: 'confirmed' } }); // 'metadata%5Breview%5D=confirmed'
 */
export function toForm(fields: { readonly [key: string]: FormValue | undefined }): string {
  const params = new URLSearchParams();
  const add = (key: string, value: FormValue | undefined): void => {
    if (value === undefined) return;
    if (typeof value === 'object') {
      for (const [inner, child] of Object.entries(value)) add(`${key}[${inner}]`, child);
    } else {
      params.append(key, String(value));
    }
  };
  for (const [key, value] of Object.entries(fields)) add(key, value);
  return params.toString();
}
