/**
 * Raw text from files, shown: on the page every hidden or steering character
 * is written out as \uXXXX, in the terminal it is gone, whole escape
 * sequences with it; ordinary text (accents, emoji, tabs, line breaks) is
 * left as it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalText, visibleText } from '../../src/lib/visible-text.ts';

// eslint-disable-next-line no-control-regex -- what neither may let through
const STEERING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('visibleText, for the page', () => {
  it.each([
    ['GoLand\u202Eexe.gpj', 'GoLand\\u202Eexe.gpj'],
    ['ann\u001b[2J\u0007', 'ann\\u001B[2J\\u0007'],
    ['a\rb', 'a\\u000Db'],
    ['\u2066x\u2069', '\\u2066x\\u2069'],
    ['nul\u0000', 'nul\\u0000'],
    ['csi\u009b31m', 'csi\\u009B31m'],
  ])('%j is shown as %s', (raw, shown) => {
    expect(visibleText(raw)).toBe(shown);
  });

  it('leaves ordinary text alone: accents, emoji, tabs, line breaks, backslashes', () => {
    for (const s of ['Ünïcødé ✓ 😀', 'two\nlines\tand tab', 'C:\\Users\\ann', '=HYPERLINK("x")']) {
      expect(visibleText(s)).toBe(s);
    }
  });

  it('never lets a steering character through, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !STEERING.test(visibleText(s))));
  });
});

describe('terminalText, for the CLI', () => {
  it.each([
    ['ann\u001b[2J\u0007', 'ann'],
    ['\u001b[31;1mred\u001b[0m', 'red'],
    ['\u001b]0;owned\u0007title', 'title'],
    ['\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['GoLand\u202Eexe.gpj', 'GoLandexe.gpj'],
    ['over\rwrite', 'overwrite'],
    ['csi\u009b31m', 'csi31m'],
  ])('%j prints as %j', (raw, printed) => {
    expect(terminalText(raw)).toBe(printed);
  });

  it('keeps line breaks and tabs, which the report itself uses', () => {
    expect(terminalText('a\tb\nc')).toBe('a\tb\nc');
  });

  it('never lets a steering character through, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !STEERING.test(terminalText(s))));
  });
});
