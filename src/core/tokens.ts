/** Tokens shared by the chevrotain grammars of the `.weft` language and the IR text form. */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_]\w*/,
  label: "a name",
});

/** A reserved word; a longer name that starts with it stays a name. */
export function keyword(word: string): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: word,
    longer_alt: Identifier,
    label: `'${word}'`,
  });
}

/** A JSON string literal, so that JSON.parse reads every one the lexer takes. */
export const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/;

export const StringLit = createToken({
  name: "StringLit",
  pattern: STRING,
  label: "a string",
});
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /\s+/, group: Lexer.SKIPPED });

const punct = (name: string, char: string) =>
  createToken({ name, pattern: char, label: `'${char}'` });
export const LCurly = punct("LCurly", "{");
export const RCurly = punct("RCurly", "}");
export const LParen = punct("LParen", "(");
export const RParen = punct("RParen", ")");
export const LBracket = punct("LBracket", "[");
export const RBracket = punct("RBracket", "]");
export const Colon = punct("Colon", ":");
export const Comma = punct("Comma", ",");
export const Equals = punct("Equals", "=");
export const Star = punct("Star", "*");
export const PUNCTUATION = [
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Colon,
  Comma,
  Equals,
  Star,
];
