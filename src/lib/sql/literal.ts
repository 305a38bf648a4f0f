/** SQL literals from untrusted text: the only way values enter our SQL strings. */

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return String(value);
}

/** An instant, epoch µs, as a TIMESTAMP (UTC, no time zone: see schema.ts). */
export function sqlTimestamp(micros: number): string {
  return `make_timestamp(${sqlInt(micros)})`;
}
