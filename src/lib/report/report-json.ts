/**
 * The report as JSON text in pieces: joined, the very bytes of
 * `JSON.stringify(report, null, 2)` and a newline, without ever one string of
 * it all. V8 refuses a string past about 512 MB, which the report reaches at
 * some 22,000 license items (each item's 168 heatmap cells and its days).
 */
const indented = (value: unknown, pad: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);

/** The pieces of the report's JSON: one per top-level field, and one per element of an array field (the items). */
export function* reportJsonPieces(report: Readonly<Record<string, unknown>>): Generator<string> {
  const fields = Object.entries(report).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [i, [key, value]] of fields.entries()) {
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (const [j, element] of value.entries()) yield `${j === 0 ? '' : ','}\n    ${indented(element, '    ')}`;
      yield '\n  ]';
    } else {
      yield indented(value, '  ');
    }
  }
  yield '\n}\n';
}
