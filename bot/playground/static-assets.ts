import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpResponse, Route } from '../server.js';
import { withFields } from '../objects.js';

const STATIC_DIR = new URL('./static/', import.meta.url);

/** The page loads its own scripts and style and talks to its own API: nothing else, no frames. */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function files(): string[] {
  const dir = fileURLToPath(STATIC_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`playground: ${dir} is missing (the page ships in bot/playground/static/)`);
  }
  if (!names.includes('index.html')) throw new Error(`playground: ${dir}index.html is missing`);
  return names.filter((name) => extname(name) in TYPES);
}

/**
 * GET routes for the page (`/playground`, `/playground/`) and its scripts and style
 * (`/playground/<file>`), read once at startup from bot/playground/static/.
 */
export function staticRoutes(base: string): Route[] {
  return files().flatMap((name): Route[] => {
    const response: HttpResponse = {
      status: 200,
      headers: withFields(PAGE_HEADERS, {
        'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
      }),
      body: readFileSync(new URL(name, STATIC_DIR), 'utf8'),
    };
    const paths = name === 'index.html' ? [base, `${base}/`] : [`${base}/${name}`];
    return paths.map((path) => ({ method: 'GET', path, handler: () => response }));
  });
}
