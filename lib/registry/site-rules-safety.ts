/**
 * How a site rule's regular expression is kept from hanging a marketplace page (ReDoS). JavaScript's
 * engine backtracks, so a pattern such as `(a+)+$` takes exponential time on a crafted input. A rule
 * is data from the registry and runs in the content script, so its patterns are checked before any
 * set is accepted (the background's zod schema calls `patternProblem`), and the content script
 * compiles them in a try/catch and feeds them at most 300 characters (`RULE_INPUT_CAP` in
 * lib/marketplaces/rules.ts):
 * - no nested quantifiers and no quantified alternation (`(a+)+`, `(a|aa)*`, `(?:x*y)+`): the
 *   shapes that backtrack exponentially;
 * - no backreferences (matching with them is NP-hard);
 * - at most `MAX_UNBOUNDED` unbounded quantifiers (`*`, `+`, `{n,}`, `{n,m}` with m > 16), so the
 *   worst case stays a polynomial of degree 3 over at most 300 characters (≈ 2.7·10⁷ steps);
 * - at most `MAX_PATTERN_LENGTH` characters, valid under the `u` flag (stricter syntax).
 */

export const MAX_PATTERN_LENGTH = 200;
export const MAX_UNBOUNDED = 3;
/** A counted repetition above this is treated as unbounded. */
const BOUNDED_MAX = 16;

interface Frame {
  quantified: boolean;
  alternation: boolean;
}

/** The length of the quantifier at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, with a lazy `?`), or 0. */
function quantifierAt(src: string, i: number): { length: number; unbounded: boolean } | null {
  const c = src[i];
  let length = 0;
  let unbounded = false;
  if (c === '*' || c === '+') {
    length = 1;
    unbounded = true;
  } else if (c === '?') length = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return null;
    length = m[0].length;
    unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > BOUNDED_MAX);
  } else return null;
  if (src[i + length] === '?') length += 1;
  return { length, unbounded };
}

/** Why `source` may not be used as a rule pattern, or null when it may. */
export function patternProblem(source: string, allowedGroups: readonly string[]): string | null {
  if (source.length === 0) return 'empty pattern';
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, 'u');
  } catch {
    return 'not a valid regular expression';
  }
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed';
  const names = [...source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1] ?? '');
  const unknown = names.filter((n) => !allowedGroups.includes(n));
  if (unknown.length > 0)
    return `unknown named group ${unknown.join(', ')} (allowed: ${allowedGroups.join(', ')})`;
  if (names.length === 0) return `no named group (one of ${allowedGroups.join(', ')})`;

  const stack: Frame[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const top = stack[stack.length - 1] as Frame;
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      // A character class is one atom: skip to its closing bracket.
      i += 1;
      if (source[i] === '^') i += 1;
      if (source[i] === ']') i += 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i += 1;
    } else if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      i += 1;
      if (source[i] === '?') {
        i += 1;
        if (source.startsWith('<=', i) || source.startsWith('<!', i)) i += 2;
        else if (source[i] === '<') i = source.indexOf('>', i) + 1;
        else i += 1; // ':', '=', '!'
      }
      continue;
    } else if (c === ')') {
      const frame = stack.pop();
      const parent = stack[stack.length - 1];
      if (!frame || !parent) return 'unbalanced parentheses';
      i += 1;
      const q = quantifierAt(source, i);
      if (q) {
        if (frame.quantified || frame.alternation) {
          return 'nested quantifiers or a quantified alternation (catastrophic backtracking)';
        }
        if (q.unbounded) unbounded += 1;
        parent.quantified = true;
        i += q.length;
      } else {
        parent.quantified ||= frame.quantified;
        parent.alternation ||= frame.alternation;
      }
      continue;
    } else if (c === '|') {
      top.alternation = true;
      i += 1;
      continue;
    } else {
      i += 1;
    }
    // A quantifier after an atom (an escape, a class or a plain character).
    const q = quantifierAt(source, i);
    if (q) {
      top.quantified = true;
      if (q.unbounded) unbounded += 1;
      i += q.length;
    }
  }
  if (unbounded > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded quantifiers`;
  return null;
}
