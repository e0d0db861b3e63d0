/** "Did you mean" suggestions for misspelt names. */
import { distance } from "fastest-levenshtein";

/**
 * The closest candidate within a few edits of `word`, if any: none for words
 * of one or two letters (any other short name is as close), one edit for
 * three letters, else two or one per three letters, so that a swapped pair of
 * letters (relu → rleu, two edits) is still recognised.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  const allowed =
    word.length <= 2 ? 0 : word.length === 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** "; did you mean 'x'?" when a candidate is close, else "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closest(word, candidates);
  return best === undefined ? "" : `; did you mean '${best}'?`;
}
