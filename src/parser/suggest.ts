/** "Did you mean" suggestions for misspelt names. */
import { distance } from "fastest-levenshtein";

/** The closest candidate within a few edits of `word` (about one per three letters), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
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
