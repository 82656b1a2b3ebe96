/**
 * Whether what a suite's setup returned can be handed to another process as it is: plain data
 * that structured cloning (v8.serialize) reproduces exactly. A class instance would come back as
 * a plain object without its methods, a function or a connection not at all.
 */
export function unshareableValue(value: unknown): string | undefined {
  const seen = new Set<object>();
  const walk = (v: unknown, at: string): string | undefined => {
    if (v === null || v === undefined) return undefined;
    switch (typeof v) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'bigint':
        return undefined;
      case 'function':
        return `${at} is a function`;
      case 'symbol':
        return `${at} is a symbol`;
    }
    const object = v as object;
    if (seen.has(object)) return undefined;
    seen.add(object);
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer || object instanceof Date || object instanceof RegExp) return undefined;
    if (object instanceof Map) {
      for (const [key, item] of object) {
        const problem = walk(key, `${at} (a Map key)`) ?? walk(item, `${at}.get(${typeof key === 'string' ? JSON.stringify(key) : '...'})`);
        if (problem) return problem;
      }
      return undefined;
    }
    if (object instanceof Set) {
      for (const item of object) {
        const problem = walk(item, `${at} (a Set member)`);
        if (problem) return problem;
      }
      return undefined;
    }
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const problem = walk(object[i], `${at}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(object) as object | null;
    if (proto !== Object.prototype && proto !== null) return `${at} is a ${object.constructor?.name ?? 'class'} instance`;
    for (const key of Object.keys(object)) {
      const problem = walk((object as Record<string, unknown>)[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(value, 'the value setup returned');
}
