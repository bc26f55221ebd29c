import RequestValidatorModule from 'openapi-request-validator';
import ResponseValidatorModule from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';
import type { OpenApiSpec, SpecOperation } from './openapi-spec.js';

// CommonJS modules with `exports.default = class`: ESM receives the whole `module.exports`.
const OpenAPIRequestValidator = RequestValidatorModule.default;
const OpenAPIResponseValidator = ResponseValidatorModule.default;
type OpenAPIRequestValidator = InstanceType<typeof OpenAPIRequestValidator>;
type OpenAPIResponseValidator = InstanceType<typeof OpenAPIResponseValidator>;

/** A request as the server received it: query and form bodies already parsed. */
export interface SpecRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface SpecResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent ('' for none). */
  readonly text: string;
}

/** RFC 3339 as JSON Schema means it: the zone is required (ajv-formats 2.1 lets a missing one pass). */
const formats = {
  'date-time': (value: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
    !Number.isNaN(Date.parse(value)),
  date: (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
  uri: (value: string) => URL.canParse(value),
};

function securityProblems(spec: OpenApiSpec, op: SpecOperation, headers: SpecRequest['headers']): string[] {
  if (op.security.length === 0) return [];
  const schemes = spec.document.components?.securitySchemes ?? {};
  const authorization = headers.authorization ?? '';
  const satisfied = (name: string): boolean => {
    const scheme = schemes[name];
    if (!scheme || '$ref' in scheme) return false;
    if (scheme.type === 'apiKey')
      return scheme.in !== 'header' || headers[scheme.name.toLowerCase()] !== undefined;
    if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
      return /^Basic \S+$/.test(authorization);
    return /^Bearer \S+$/.test(authorization); // oauth2, openIdConnect, http bearer
  };
  const ok = op.security.some((requirement) => Object.keys(requirement).every(satisfied));
  return ok ? [] : ['request: security requirement not met (Authorization)'];
}

const compiled = new WeakMap<
  OpenApiSpec,
  { requests: Map<SpecOperation, OpenAPIRequestValidator>; responses: Map<string, OpenAPIResponseValidator> }
>();

const mediaType = (value: string) => value.toLowerCase().replace(/\s+/g, '');

/**
 * Checks exchanges against one OpenAPI document and counts them: every request (path, method,
 * parameters and their formats, headers, body, security) and every response (declared status,
 * media type, body schema, required headers). Violations are kept as readable lines.
 */
export class SpecValidator {
  exchanges = 0;
  readonly violations: string[] = [];
  private readonly requestValidators: Map<SpecOperation, OpenAPIRequestValidator>;
  private readonly responseValidators: Map<string, OpenAPIResponseValidator>;

  constructor(
    readonly spec: OpenApiSpec,
    /** Query parameters the server's own paging links add (ASPSP-defined, outside the standard). */
    private readonly linkParameters: readonly string[] = [],
  ) {
    // Compiling Stripe's schemas takes seconds: compiled validators are shared by every server of a spec.
    const shared = compiled.get(spec) ?? { requests: new Map(), responses: new Map() };
    compiled.set(spec, shared);
    this.requestValidators = shared.requests;
    this.responseValidators = shared.responses;
  }

  /** "spec violations: N over M exchanges". */
  summary(): string {
    return `spec violations: ${this.violations.length} over ${this.exchanges} exchanges`;
  }

  /** The operation a request is for and what is wrong with the request. */
  checkRequest(request: SpecRequest): { operation?: SpecOperation; problems: string[] } {
    const found = this.spec.find(request.method, request.path);
    if (!found) return { problems: [`request: no ${request.method} ${request.path} in the specification`] };
    const { operation, params } = found;
    let validator = this.requestValidators.get(operation);
    if (!validator) {
      validator = new OpenAPIRequestValidator({
        parameters: [...operation.parameters],
        ...(operation.requestBody ? { requestBody: operation.requestBody } : {}),
        additionalQueryProperties: false,
        customFormats: formats,
        ajvOptions: { coerceTypes: true },
      });
      this.requestValidators.set(operation, validator);
    }
    const query = { ...request.query };
    for (const name of this.linkParameters) delete query[name];
    const result: unknown = validator.validateRequest({
      headers: { ...request.headers },
      query,
      params,
      body: request.body,
    });
    const problems = describe('request', result);
    return { operation, problems: [...problems, ...securityProblems(this.spec, operation, request.headers)] };
  }

  checkResponse(operation: SpecOperation, response: SpecResponse): string[] {
    const { status } = response;
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => c in operation.responses);
    const declared = code === undefined ? undefined : operation.responses[code];
    if (code === undefined || !declared) return [`response: status ${status} not declared`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(declared.headers ?? {})) {
      if ('$ref' in header) continue;
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`response: missing required header ${name}`);
      } else if (header.schema && !('$ref' in header.schema) && header.schema.type === 'integer') {
        if (!/^\d+$/.test(value)) problems.push(`response: header ${name} is not an integer`);
      }
    }
    const types = Object.keys(declared.content ?? {});
    if (types.length === 0) {
      if (response.text !== '') problems.push(`response: ${status} declares no body but one was sent`);
      return problems;
    }
    const sent = mediaType(response.headers['content-type'] ?? '');
    const type = types.find((t) => mediaType(t) === sent);
    if (type === undefined) return [...problems, `response: content type ${sent || 'none'} not declared`];
    const schema = declared.content?.[type]?.schema;
    if (!schema) return problems;
    const validator = this.responseValidator(code, schema);
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [...problems, 'response: body is not JSON'];
    }
    return [...problems, ...describe('response', validator.validateResponse(code, body))];
  }

  /**
   * Compiles, ahead of time, the validators of every JSON response the given operations declare
   * (Stripe's take seconds each, too long to happen inside a conversation's bank timeout).
   */
  prepare(templates: readonly string[]): void {
    for (const method of ['get', 'post']) {
      for (const template of templates) {
        const found = this.spec.find(method, `${this.spec.basePath}${template.replace(/\{[^}]+\}/g, 'x')}`);
        if (!found || found.operation.template !== template) continue;
        for (const [code, response] of Object.entries(found.operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (type.includes('json') && !type.includes('jose') && media.schema)
              this.responseValidator(code, media.schema);
          }
        }
      }
    }
  }

  private responseValidator(
    code: string,
    schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject,
  ): OpenAPIResponseValidator {
    const key = `${code} ${JSON.stringify(schema)}`;
    let validator = this.responseValidators.get(key);
    if (!validator) {
      const wrapped: OpenAPIV3.SchemaObject = { allOf: [schema] };
      validator = new OpenAPIResponseValidator({
        responses: { [code]: { schema: wrapped } },
        components: { schemas: this.spec.schemasFor(schema) },
        customFormats: formats,
      });
      this.responseValidators.set(key, validator);
    }
    return validator;
  }

  /** Counts one exchange and keeps its problems, labelled. */
  record(label: string, problems: readonly string[]): void {
    this.exchanges++;
    this.violations.push(...problems.map((problem) => `${label}: ${problem}`));
  }
}

/** The validators' error lists as lines: "request query.limit must be integer". */
function describe(side: string, result: unknown): string[] {
  if (typeof result !== 'object' || result === null || !('errors' in result)) return [];
  const { errors } = result;
  if (!Array.isArray(errors)) return [];
  return errors.map((error: unknown) => {
    const fields = typeof error === 'object' && error !== null ? error : {};
    const part = (name: string) => {
      const value: unknown = Reflect.get(fields, name);
      return typeof value === 'string' ? value : '';
    };
    return `${side}: ${[part('location'), part('path')].filter(Boolean).join('.')} ${part('message')}`.trim();
  });
}
