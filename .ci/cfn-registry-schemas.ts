/**
 * Writes CloudFormation registry schemas (the JSON that `cfn-lint --registry-schemas DIR` loads) for the
 * resource types of the synthesized templates that the installed cfn-lint does not know, generated from
 * the CDK team's resource database (`@aws-cdk/aws-service-spec`, db.json.gz). The image's cfn-lint cannot
 * be upgraded (no PyPI here), and an ignore of E3006 would hide a misspelt type too: this gives cfn-lint
 * the real schema of just the missing types, so their properties are still checked.
 *
 *   npx tsx .ci/cfn-registry-schemas.ts --known KNOWN.json --out DIR TEMPLATE.json…
 *
 * KNOWN.json: the JSON list of resource types cfn-lint already has (.ci/cfn-lint.sh asks cfn-lint).
 * Prints one line per schema written, and checks the templates' resources of those types against the
 * schemas (cfn-lint 1.51 only uses a registry schema to know the type exists); exits 1 when a missing
 * type is not in the database either or a resource breaks its schema.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

type SpecType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'tag' | 'null' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };
interface SpecProperty {
  type: SpecType;
  required?: boolean;
  causesReplacement?: string;
  documentation?: string;
}
interface SpecResource {
  $id: string;
  cloudFormationType: string;
  documentation?: string;
  primaryIdentifier?: string[];
  properties: Record<string, SpecProperty>;
  attributes: Record<string, SpecProperty>;
}
interface SpecTypeDefinition {
  $id: string;
  name: string;
  properties: Record<string, SpecProperty>;
}

type JsonSchema = Record<string, unknown>;

export function readSpecDatabase(file = require.resolve('@aws-cdk/aws-service-spec/db.json.gz')): {
  resources: Map<string, SpecResource>;
  types: Map<string, SpecTypeDefinition>;
} {
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as {
    schema: { resource: { entities: SpecResource[] }; typeDefinition: { entities: SpecTypeDefinition[] } };
  };
  return {
    resources: new Map(db.schema.resource.entities.map((r) => [r.cloudFormationType, r])),
    types: new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t])),
  };
}

/** The registry schema of one resource type: properties and attributes, required, create-only and read-only lists. */
export function registrySchema(resource: SpecResource, types: ReadonlyMap<string, SpecTypeDefinition>): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();
  const nameOf = (id: string): string => {
    const known = names.get(id);
    if (known) return known;
    const def = types.get(id);
    if (!def) throw new Error(`${resource.cloudFormationType}: type definition ${id} is not in the database`);
    let name = def.name;
    for (let i = 2; [...names.values()].includes(name); i++) name = `${def.name}${i}`;
    names.set(id, name);
    definitions[name] = {}; // reserve before recursing: definitions may refer to themselves
    definitions[name] = objectSchema(def.properties);
    return name;
  };
  const typeSchema = (t: SpecType): JsonSchema => {
    switch (t.type) {
      case 'string':
        return t.allowedValues ? { type: 'string', enum: t.allowedValues } : { type: 'string' };
      case 'date-time':
        return { type: 'string' };
      case 'number':
      case 'integer':
      case 'boolean':
        return { type: t.type };
      case 'json':
        return { type: ['object', 'string'] };
      case 'null':
        return { type: 'null' };
      case 'tag':
        definitions.Tag ??= {
          type: 'object',
          properties: { Key: { type: 'string' }, Value: { type: 'string' } },
          required: ['Key', 'Value'],
          additionalProperties: false,
        };
        return { $ref: '#/definitions/Tag' };
      case 'ref':
        return { $ref: `#/definitions/${nameOf(t.reference.$ref)}` };
      case 'array':
        return { type: 'array', items: typeSchema(t.element) };
      case 'map':
        return { type: 'object', patternProperties: { '.*': typeSchema(t.element) } };
      case 'union':
        return { anyOf: t.types.map(typeSchema) };
    }
  };
  const objectSchema = (properties: Record<string, SpecProperty>): JsonSchema => {
    const required = Object.entries(properties)
      .filter(([, p]) => p.required)
      .map(([k]) => k);
    return {
      type: 'object',
      properties: Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, typeSchema(p.type)])),
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    };
  };
  const top = objectSchema({ ...resource.properties, ...resource.attributes });
  const required = Object.entries(resource.properties)
    .filter(([, p]) => p.required)
    .map(([k]) => k);
  const pointer = (k: string) => `/properties/${k}`;
  return {
    typeName: resource.cloudFormationType,
    description: resource.documentation ?? resource.cloudFormationType,
    additionalProperties: false,
    properties: top.properties,
    definitions,
    ...(required.length > 0 ? { required } : {}),
    readOnlyProperties: Object.keys(resource.attributes).map(pointer),
    createOnlyProperties: Object.entries(resource.properties)
      .filter(([, p]) => p.causesReplacement === 'yes')
      .map(([k]) => pointer(k)),
    primaryIdentifier: (resource.primaryIdentifier ?? []).map(pointer),
  };
}

/** A CloudFormation intrinsic (`Ref`, `Fn::…`): its value is only known at deploy time. */
function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/**
 * Problems of a value against a registry schema (the subset registrySchema writes: type, enum,
 * properties, required, additionalProperties, items, patternProperties, anyOf, $ref). Intrinsics match
 * anything, as cfn-lint treats them.
 */
export function validateAgainst(schema: JsonSchema, value: unknown, at: string, root: JsonSchema = schema): string[] {
  if (isIntrinsic(value)) return [];
  const ref = schema.$ref as string | undefined;
  if (ref) {
    const def = (root.definitions as Record<string, JsonSchema>)[ref.replace('#/definitions/', '')];
    return def ? validateAgainst(def, value, at, root) : [`${at}: unknown ${ref}`];
  }
  if (Array.isArray(schema.anyOf)) {
    const options = (schema.anyOf as JsonSchema[]).map((o) => validateAgainst(o, value, at, root));
    return options.some((o) => o.length === 0) ? [] : [`${at}: matches none of the allowed shapes`];
  }
  const types = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []);
  const actual = Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;
  const typeOk =
    types.length === 0 ||
    types.includes(actual) ||
    (actual === 'integer' && types.includes('number')) ||
    // CloudFormation passes numbers and booleans written as strings through.
    (actual === 'string' && types.some((t) => t === 'integer' || t === 'number' || t === 'boolean'));
  if (!typeOk) return [`${at}: expected ${types.join(' or ')}, found ${actual}`];
  if (Array.isArray(schema.enum) && typeof value === 'string' && !(schema.enum as string[]).includes(value)) {
    return [`${at}: "${value}" is not one of ${(schema.enum as string[]).join(', ')}`];
  }
  const problems: string[] = [];
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((v, i) => {
      problems.push(...validateAgainst(schema.items as JsonSchema, v, `${at}/${i}`, root));
    });
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const k of (schema.required as string[] | undefined) ?? []) {
      if (!(k in obj)) problems.push(`${at}: '${k}' is a required property`);
    }
    const pattern = (schema.patternProperties as Record<string, JsonSchema> | undefined)?.['.*'];
    for (const [k, v] of Object.entries(obj)) {
      const sub = properties[k] ?? pattern;
      if (sub) problems.push(...validateAgainst(sub, v, `${at}/${k}`, root));
      else if (schema.additionalProperties === false) problems.push(`${at}: '${k}' is not a property of this type`);
    }
  }
  return problems;
}

/** Resource types used by the templates (`Custom::*` and third-party registry types excluded). */
export function templateResourceTypes(templates: readonly string[]): string[] {
  const found = new Set<string>();
  for (const file of templates) {
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type?: string }> };
    for (const r of Object.values(template.Resources ?? {})) {
      if (typeof r.Type === 'string' && r.Type.startsWith('AWS::')) found.add(r.Type);
    }
  }
  return [...found].sort();
}

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    const value = i >= 0 ? argv[i + 1] : undefined;
    if (value === undefined) throw new Error(`${name} is required`);
    argv.splice(i, 2);
    return value;
  };
  const known = new Set(JSON.parse(fs.readFileSync(arg('--known'), 'utf8')) as string[]);
  const out = arg('--out');
  const missing = templateResourceTypes(argv).filter((t) => !known.has(t));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  if (missing.length === 0) return 0;
  const { resources, types } = readSpecDatabase();
  let unknown = false;
  const schemas = new Map<string, JsonSchema>();
  for (const type of missing) {
    const resource = resources.get(type);
    if (!resource) {
      console.error(`${type}: neither cfn-lint nor @aws-cdk/aws-service-spec knows this resource type`);
      unknown = true;
      continue;
    }
    const schema = registrySchema(resource, types);
    schemas.set(type, schema);
    const file = path.join(out, `${type.replaceAll('::', '-').toLowerCase()}.json`);
    fs.writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`registry schema for ${type}: ${file}`);
  }
  // cfn-lint 1.51 loads registry schemas for E3006 but validates properties only for types its own
  // region tables list, so the resources of these types are checked here against the same schema.
  let invalid = false;
  for (const file of argv) {
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      Resources?: Record<string, { Type?: string; Properties?: unknown }>;
    };
    for (const [id, r] of Object.entries(template.Resources ?? {})) {
      const schema = r.Type ? schemas.get(r.Type) : undefined;
      if (!schema) continue;
      const { readOnlyProperties, ...writable } = schema;
      const readOnly = new Set((readOnlyProperties as string[]).map((p) => p.replace('/properties/', '')));
      const props = Object.fromEntries(
        Object.entries(writable.properties as Record<string, JsonSchema>).filter(([k]) => !readOnly.has(k)),
      );
      for (const problem of validateAgainst(
        { ...writable, properties: props },
        r.Properties ?? {},
        `Resources/${id}/Properties`,
      )) {
        console.error(`${file}: E3002 ${problem} (${r.Type}, schema from @aws-cdk/aws-service-spec)`);
        invalid = true;
      }
    }
  }
  return unknown || invalid ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
