/**
 * A small validator for the JSON-schema subset `boards/board.schema.json`
 * uses (type, enum, required, properties, additionalProperties, items,
 * minimum, maximum, minLength, maxLength, $ref to #/definitions). The schema
 * file stays the single description of a board; this reads it rather than
 * restating it.
 */
export interface SchemaError {
  /** Dotted path of the offending field, e.g. `jsvars.atBoot`. */
  field: string;
  message: string;
}

type Schema = { [k: string]: any };

export function validateAgainstSchema(value: unknown, schema: Schema): SchemaError[] {
  const errors: SchemaError[] = [];
  walk(value, schema, schema, '', errors);
  return errors;
}

function walk(value: unknown, node: Schema, root: Schema, field: string, out: SchemaError[]): void {
  if (node.$ref) node = resolveRef(root, node.$ref);
  const where = field || '(root)';
  if (node.enum && !node.enum.includes(value)) {
    out.push({ field: where, message: `must be one of ${node.enum.map((e: unknown) => JSON.stringify(e)).join(', ')} (got ${JSON.stringify(value)})` });
    return;
  }
  if (node.type && !hasType(value, node.type)) {
    out.push({ field: where, message: `must be ${article(node.type)} (got ${describe(value)})` });
    return;
  }
  if (typeof value === 'number') checkNumber(value, node, where, out);
  if (typeof value === 'string') checkString(value, node, where, out);
  if (Array.isArray(value) && node.items) {
    value.forEach((v, i) => walk(v, node.items, root, `${field}[${i}]`, out));
  }
  if (node.type === 'object' && value && typeof value === 'object') checkObject(value as Schema, node, root, field, out);
}

function checkObject(value: Schema, node: Schema, root: Schema, field: string, out: SchemaError[]): void {
  const props: Schema = node.properties || {};
  for (const key of node.required || []) {
    if (!(key in value)) out.push({ field: join(field, key), message: 'is required' });
  }
  for (const key of Object.keys(value)) {
    if (props[key]) walk(value[key], props[key], root, join(field, key), out);
    else if (node.additionalProperties === false) {
      out.push({ field: join(field, key), message: `is not a known field (known: ${Object.keys(props).join(', ')})` });
    }
  }
}

function checkNumber(v: number, node: Schema, where: string, out: SchemaError[]): void {
  if (node.minimum !== undefined && v < node.minimum) out.push({ field: where, message: `must be >= ${node.minimum} (got ${v})` });
  if (node.maximum !== undefined && v > node.maximum) out.push({ field: where, message: `must be <= ${node.maximum} (got ${v})` });
}

function checkString(v: string, node: Schema, where: string, out: SchemaError[]): void {
  if (node.minLength !== undefined && v.length < node.minLength) out.push({ field: where, message: `must have at least ${node.minLength} characters (got ${JSON.stringify(v)})` });
  if (node.maxLength !== undefined && v.length > node.maxLength) out.push({ field: where, message: `must have at most ${node.maxLength} characters (got ${v.length})` });
}

function hasType(v: unknown, type: string): boolean {
  switch (type) {
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    default: return typeof v === type;
  }
}

function resolveRef(root: Schema, ref: string): Schema {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: Schema = root;
  for (const p of parts) node = node[p];
  if (!node) throw new Error(`schema $ref ${ref} does not resolve`);
  return node;
}

const join = (a: string, b: string): string => (a ? `${a}.${b}` : b);
const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
