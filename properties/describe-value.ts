/**
 * A canonical text for any value structured clone can carry. It runs in pool workers (the `describeValue`
 * task) and in the parent, so a property can check that a worker received exactly what the parent sent, not
 * only that the value survives a round trip. Everything clone keeps shows in the text: -0, NaN, lone
 * surrogates, holes, key and entry order, invalid dates, the kind of typed array, boxed primitives.
 * Not a typed array's byteOffset or buffer: Node's serializer does not keep them (see the known-deviation
 * property in pool.prop.ts).
 * No imports: workers load this module.
 */

const TAG = (value: object): string => Object.prototype.toString.call(value).slice(8, -1);

export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      // JSON.stringify writes a lone surrogate as \udXXX, so it stays visible.
      return JSON.stringify(value);
    case 'symbol':
    case 'function':
      return `<${typeof value}>`;
  }
  if (value === null) return 'null';
  return describeObject(value as object);
}

function describeObject(value: object): string {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) parts.push(i in value ? describeValue(value[i]) : '<hole>');
    return `[${parts.join(', ')}]`;
  }
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (value instanceof Map) {
    return `Map{${[...value].map(([k, v]) => `${describeValue(k)} => ${describeValue(v)}`).join(', ')}}`;
  }
  if (value instanceof Set) return `Set{${[...value].map(describeValue).join(', ')}}`;
  if (value instanceof RegExp) return `RegExp(${String(value)})`;
  if (ArrayBuffer.isView(value)) {
    // Not the byteOffset: Node's IPC hands a typed array over as a view into the message's buffer.
    return `${TAG(value)}[${Array.from(value as unknown as ArrayLike<number | bigint>, describeValue).join(', ')}]`;
  }
  if (value instanceof ArrayBuffer) return `ArrayBuffer[${new Uint8Array(value).join(', ')}]`;
  const tag = TAG(value);
  if (tag === 'Number' || tag === 'String' || tag === 'Boolean' || tag === 'BigInt') {
    return `${tag}(${describeValue((value as { valueOf(): unknown }).valueOf())})`;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  const kind = proto === null ? 'null-prototype ' : proto === Object.prototype ? '' : `${tag} `;
  const entries = Object.keys(value).map(
    (key) => `${JSON.stringify(key)}: ${describeValue((value as Record<string, unknown>)[key])}`,
  );
  return `${kind}{${entries.join(', ')}}`;
}
