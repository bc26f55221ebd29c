import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI, OpenAPIV3 } from 'openapi-types';

/** The nearest `shared/specs` above `from`: beside the repository, or beside a worktree's parent. */
function findSpecs(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'specs');
    if (existsSync(candidate) || dirname(dir) === dir) return candidate;
  }
}

/** The standards bodies' own files, read in place: `../shared/specs` beside the repository. */
export const SPECS_DIR = findSpecs(fileURLToPath(new URL('../../../', import.meta.url)));

export const SPEC_FILES = {
  'ob-3.1': join(SPECS_DIR, 'uk-openbanking', 'account-info-openapi.v3.1.11.json'),
  'ob-4.0': join(SPECS_DIR, 'uk-openbanking', 'account-info-openapi.v4.0.json'),
  stripe: join(SPECS_DIR, 'stripe', 'spec3.2023-08-16.yaml'),
} as const;

export type SpecName = keyof typeof SPEC_FILES;

export interface SpecOperation {
  readonly method: string;
  /** The path as the specification writes it, e.g. '/accounts/{AccountId}/balances'. */
  readonly template: string;
  readonly parameters: readonly OpenAPIV3.ParameterObject[];
  readonly requestBody?: OpenAPIV3.RequestBodyObject;
  readonly responses: Readonly<Record<string, OpenAPIV3.ResponseObject>>;
  readonly security: readonly OpenAPIV3.SecurityRequirementObject[];
}

/** One OpenAPI 3.0 document, indexed by operation, with its `$ref`s to parameters and responses resolved. */
export interface OpenApiSpec {
  readonly name: SpecName;
  readonly title: string;
  readonly version: string;
  /** The path of `servers[0]`, which every operation path sits under ('' for Stripe). */
  readonly basePath: string;
  readonly document: OpenAPIV3.Document;
  /** The operation serving a request path (base path included) and its path parameters. */
  find(
    method: string,
    path: string,
  ): { operation: SpecOperation; params: Record<string, string> } | undefined;
  /** The component schemas `node` reaches through `$ref`s, for a validator's `components`. */
  schemasFor(node: unknown): Record<string, OpenAPIV3.SchemaObject>;
}

const loaded = new Map<SpecName, Promise<OpenApiSpec>>();

function isV3(document: OpenAPI.Document): document is OpenAPIV3.Document {
  return 'openapi' in document && typeof document.openapi === 'string' && document.openapi.startsWith('3.0');
}

const isRef = (value: object): value is OpenAPIV3.ReferenceObject => '$ref' in value;

/** Follows a local `$ref` ('#/components/<kind>/<name>') into `table` until it reaches an object. */
function resolve<T extends object>(
  value: T | OpenAPIV3.ReferenceObject,
  table: Record<string, T | OpenAPIV3.ReferenceObject> | undefined,
): T {
  for (let depth = 0; depth < 10; depth++) {
    if (!isRef(value)) return value;
    const target = table?.[value.$ref.split('/').pop() ?? ''];
    if (target === undefined) throw new Error(`spec: unresolved ${value.$ref}`);
    value = target;
  }
  throw new Error('spec: $ref chain too deep');
}

/** Loads (once per process) and checks a specification with swagger-parser, then indexes it. */
export function loadSpec(name: SpecName): Promise<OpenApiSpec> {
  let spec = loaded.get(name);
  if (!spec) {
    spec = build(name);
    loaded.set(name, spec);
  }
  return spec;
}

async function build(name: SpecName): Promise<OpenApiSpec> {
  await SwaggerParser.validate(SPEC_FILES[name]);
  const document = await SwaggerParser.parse(SPEC_FILES[name]);
  if (!isV3(document)) throw new Error(`spec: ${name} is not OpenAPI 3.0`);
  const components = document.components ?? {};
  const basePath = new URL(document.servers?.[0]?.url ?? '/', 'http://host').pathname.replace(/\/$/, '');
  const operations: { operation: SpecOperation; pattern: RegExp; names: string[] }[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    if (!item) continue;
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        resolve(p, components.parameters),
      );
      const responses: Record<string, OpenAPIV3.ResponseObject> = {};
      for (const [code, response] of Object.entries(op.responses)) {
        responses[code] = resolve(response, components.responses);
      }
      operations.push({
        pattern: new RegExp(`^${basePath}${source}$`),
        names,
        operation: {
          method,
          template,
          parameters,
          ...(op.requestBody ? { requestBody: resolve(op.requestBody, components.requestBodies) } : {}),
          responses,
          security: op.security ?? document.security ?? [],
        },
      });
    }
  }
  // Literal paths win over templated ones ('/accounts/x' before '/accounts/{AccountId}').
  operations.sort((a, b) => a.names.length - b.names.length);

  return {
    name,
    title: document.info.title,
    version: document.info.version,
    basePath,
    document,
    find(method, path) {
      for (const { operation, pattern, names } of operations) {
        if (operation.method !== method.toLowerCase()) continue;
        const match = pattern.exec(path);
        if (!match) continue;
        const params: Record<string, string> = {};
        names.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1] ?? '')));
        return { operation, params };
      }
      return undefined;
    },
    schemasFor(node) {
      const schemas: Record<string, OpenAPIV3.SchemaObject> = {};
      const visit = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        if ('$ref' in value && typeof value.$ref === 'string') {
          const key = value.$ref.replace('#/components/schemas/', '');
          const target = components.schemas?.[key];
          if (target && !(key in schemas)) {
            schemas[key] = resolve(target, components.schemas);
            visit(target);
          }
        }
        for (const child of Object.values(value)) visit(child);
      };
      visit(node);
      return schemas;
    },
  };
}
