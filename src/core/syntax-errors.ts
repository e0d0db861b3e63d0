/**
 * Shared by the chevrotain grammars (the .weft DSL and the IR text form):
 * parse errors worded for people ("expected ':' but found 'x'") and turned
 * into diagnostics with spans.
 */
import type {
  IParserErrorMessageProvider,
  IRecognitionException,
  IToken,
  TokenType,
  ILexingError,
} from "chevrotain";
import { error, type Diagnostic, type SourceSpan } from "./diagnostics.js";

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

function found(token: IToken): string {
  return token.tokenType.name === "EOF" ? "the end of the file" : `'${token.image}'`;
}

function alternatives(paths: TokenType[][]): string {
  const firsts = [...new Set(paths.map((p) => (p[0] ? label(p[0]) : "nothing")))];
  return firsts.length === 1 ? firsts[0] : `one of ${firsts.join(", ")}`;
}

export const ERROR_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `expected ${label(expected)} but found ${found(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${found(firstRedundant)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, customUserDescription }) =>
    `expected ${customUserDescription ?? alternatives(expectedPathsPerAlt.flat())} but found ${found(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, customUserDescription }) =>
    `expected ${customUserDescription ?? alternatives(expectedIterationPaths)} but found ${found(actual[0])}`,
};

export function tokenSpan(file: string, token: IToken): SourceSpan {
  return {
    file,
    line: token.startLine ?? 1,
    col: token.startColumn ?? 1,
    endLine: token.endLine,
    endCol: token.endColumn,
  };
}

export function lexDiagnostic(file: string, e: ILexingError): Diagnostic {
  return error(
    "syntax",
    e.message.replace(
      /^unexpected character: ->(.)<- at offset: \d+,.*$/,
      "unexpected character '$1'",
    ),
    {
      file,
      line: e.line ?? 1,
      col: e.column ?? 1,
    },
  );
}

export function parseDiagnostic(
  file: string,
  e: IRecognitionException,
  lastToken?: IToken,
): Diagnostic {
  // At the end of input chevrotain's EOF token has no position: point just past the last token.
  const at =
    Number.isNaN(e.token.startOffset) && lastToken
      ? { ...lastToken, startColumn: (lastToken.endColumn ?? 0) + 1 }
      : e.token;
  return error("syntax", e.message, tokenSpan(file, at));
}
