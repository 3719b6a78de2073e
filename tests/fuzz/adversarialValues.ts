import fc from 'fast-check';

/** Values an attacker or a buggy client might send where the API expects something specific. */
export function adversarialValue(): fc.Arbitrary<unknown> {
  const nasty = fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -0,
    '',
    'x'.repeat(100_000),
    '\u0000',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; DROP TABLE supporters; --",
    null,
    undefined,
    true,
    [],
    {},
    ['s000001', 's000002'],
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
  );
  const deep = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', maxDepth: 8 }, nasty, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 12 }), tie('node'), { maxKeys: 4 })),
  })).node;
  return fc.oneof(nasty, fc.anything({ withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false, maxDepth: 4 }), deep);
}

/** An input object for a request: sometimes the right keys with wrong values, sometimes anything at all. */
export function adversarialInput(keys: readonly string[]): fc.Arbitrary<unknown> {
  const wrongValues = fc.record(Object.fromEntries(keys.map((key) => [key, adversarialValue()])), { requiredKeys: [] });
  return fc.oneof(adversarialValue(), wrongValues);
}
