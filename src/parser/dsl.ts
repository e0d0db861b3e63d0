/**
 * The `.weft` language: a chevrotain lexer and grammar (a pure CstParser with
 * error recovery, so one run reports every syntax error it can), and a visitor
 * that turns the concrete syntax tree into the surface tree (surface.ts).
 * docs/spec-language.md gives the grammar in EBNF.
 */
import {
  createToken,
  CstParser,
  Lexer,
  type CstElement,
  type CstNode,
  type IToken,
  type TokenType,
} from "chevrotain";
import { DiagnosticError, error, type Diagnostic, type SourceSpan } from "../core/diagnostics.js";
import { DEFAULT_LIMITS, overLimit, type Limits } from "../spec/limits.js";
import type {
  SArg,
  SBlock,
  SBlockParam,
  SCall,
  SExpr,
  SModel,
  SName,
  SSpec,
  SStatement,
  STrain,
  SType,
} from "./surface.js";
import {
  ERROR_MESSAGES,
  lexDiagnostic,
  parseDiagnostic,
  tokenSpan,
} from "../core/syntax-errors.js";
import {
  Colon,
  Comma,
  Equals,
  Identifier,
  keyword,
  LBracket,
  LCurly,
  LParen,
  PUNCTUATION,
  RBracket,
  RCurly,
  RParen,
  Star,
  StringLit,
  WhiteSpace,
} from "../core/tokens.js";

const Model = keyword("model");
const Block = keyword("block");
const Train = keyword("train");
const Input = keyword("input");
const Output = keyword("output");
const Return = keyword("return");
const Repeat = keyword("repeat");
const True = keyword("true");
const False = keyword("false");
const NumberLit = createToken({
  name: "NumberLit",
  pattern: /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  label: "a number",
});
const Comment = createToken({ name: "Comment", pattern: /(?:\/\/|#)[^\n]*/, group: "comments" });

const TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  ...[Model, Block, Train, Input, Output, Return, Repeat, True, False],
  Identifier,
  NumberLit,
  StringLit,
  ...PUNCTUATION,
];
const lexer = new Lexer(TOKENS, { positionTracking: "full", ensureOptimizations: false });

class WeftGrammar extends CstParser {
  constructor() {
    super(TOKENS, {
      recoveryEnabled: true,
      errorMessageProvider: ERROR_MESSAGES,
      nodeLocationTracking: "full",
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  spec = this.RULE("spec", () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.modelDef) },
        { ALT: () => this.SUBRULE(this.blockDef) },
        { ALT: () => this.SUBRULE(this.trainDef) },
      ]),
    );
  });

  private modelDef = this.RULE("modelDef", () => {
    this.CONSUME(Model);
    this.CONSUME(Identifier, { LABEL: "name" });
    this.SUBRULE(this.body);
  });

  private blockDef = this.RULE("blockDef", () => {
    this.CONSUME(Block);
    this.CONSUME(Identifier, { LABEL: "name" });
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.blockParam) });
    this.CONSUME(RParen);
    this.SUBRULE(this.body);
  });

  private blockParam = this.RULE("blockParam", () => {
    this.CONSUME(Identifier, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(Colon);
      this.SUBRULE(this.expr);
    });
  });

  private body = this.RULE("body", () => {
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(RCurly);
  });

  private statement = this.RULE("statement", () =>
    this.OR([
      { ALT: () => this.SUBRULE(this.inputStmt) },
      { ALT: () => this.SUBRULE(this.outputStmt) },
      { ALT: () => this.SUBRULE(this.returnStmt) },
      { ALT: () => this.SUBRULE(this.assignStmt) },
    ]),
  );

  private inputStmt = this.RULE("inputStmt", () => {
    this.CONSUME(Input);
    this.CONSUME(Identifier, { LABEL: "name" });
    this.CONSUME(Colon);
    this.SUBRULE(this.tensorType);
  });

  private outputStmt = this.RULE("outputStmt", () => {
    this.CONSUME(Output);
    this.CONSUME(Identifier, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(Equals);
      this.OR([
        {
          GATE: () => this.LA(2).tokenType !== LParen && this.LA(1).tokenType !== Repeat,
          ALT: () => this.CONSUME1(Identifier, { LABEL: "value" }),
        },
        { ALT: () => this.SUBRULE(this.layerCall) },
      ]);
    });
  });

  private returnStmt = this.RULE("returnStmt", () => {
    this.CONSUME(Return);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME(Identifier, { LABEL: "values" }) });
  });

  private assignStmt = this.RULE("assignStmt", () => {
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => this.CONSUME(Identifier, { LABEL: "targets" }),
    });
    this.CONSUME(Equals);
    this.SUBRULE(this.layerCall);
  });

  private layerCall = this.RULE("layerCall", () => {
    this.OPTION(() => {
      this.CONSUME(Repeat);
      this.CONSUME(NumberLit, { LABEL: "count" });
    });
    this.SUBRULE(this.call);
  });

  private call = this.RULE("call", () => {
    this.CONSUME(Identifier, { LABEL: "callee" });
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.arg) });
    this.CONSUME(RParen);
  });

  private arg = this.RULE("arg", () => {
    this.OPTION(() => {
      this.CONSUME(Identifier, { LABEL: "name" });
      this.CONSUME(Colon);
    });
    this.SUBRULE(this.expr);
  });

  private expr = this.RULE("expr", () =>
    this.OR([
      { ALT: () => this.CONSUME(NumberLit) },
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.SUBRULE(this.list) },
      { GATE: () => this.LA(2).tokenType === LParen, ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.CONSUME(Identifier) },
    ]),
  );

  private list = this.RULE("list", () => {
    this.CONSUME(LBracket);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expr) });
    this.CONSUME(RBracket);
  });

  private trainDef = this.RULE("trainDef", () => {
    this.CONSUME(Train);
    this.CONSUME(Identifier, { LABEL: "name" });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.trainEntry));
    this.CONSUME(RCurly);
  });

  private trainEntry = this.RULE("trainEntry", () => {
    this.CONSUME(Identifier, { LABEL: "key" });
    this.CONSUME(Colon);
    this.OR([
      { GATE: () => this.LA(2).tokenType === LBracket, ALT: () => this.SUBRULE(this.tensorType) },
      { ALT: () => this.SUBRULE(this.expr) },
    ]);
  });

  private tensorType = this.RULE("tensorType", () => {
    this.CONSUME(Identifier, { LABEL: "dtype" });
    this.CONSUME(LBracket);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.dim) });
    this.CONSUME(RBracket);
  });

  private dim = this.RULE("dim", () => {
    this.AT_LEAST_ONE_SEP({
      SEP: Star,
      DEF: () =>
        this.OR([{ ALT: () => this.CONSUME(NumberLit) }, { ALT: () => this.CONSUME(Identifier) }]),
    });
  });
}

const grammar = new WeftGrammar();

// ---------------------------------------------------------------------------
// From the concrete syntax tree to the surface tree

type Children = Record<string, CstElement[] | undefined>;

function isToken(e: CstElement): e is IToken {
  return "image" in e;
}

class SurfaceBuilder {
  constructor(private readonly file: string) {}

  private span(node: CstNode | IToken): SourceSpan {
    if (isToken(node)) return tokenSpan(this.file, node);
    const loc = node.location!;
    return {
      file: this.file,
      line: loc.startLine!,
      col: loc.startColumn!,
      endLine: loc.endLine,
      endCol: loc.endColumn,
    };
  }

  private name(token: IToken): SName {
    return { text: token.image, span: this.span(token) };
  }

  private tokens(c: Children, key: string): IToken[] {
    return (c[key] ?? []) as IToken[];
  }

  private nodes(c: Children, key: string): CstNode[] {
    return (c[key] ?? []) as CstNode[];
  }

  spec(node: CstNode, comments: IToken[]): SSpec {
    const c = node.children;
    return {
      comments: comments.map((t) => ({
        text: t.image.replace(/^(\/\/|#) ?/, "").trimEnd(),
        span: this.span(t),
      })),
      models: this.nodes(c, "modelDef").map((n) => this.model(n)),
      blocks: this.nodes(c, "blockDef").map((n) => this.block(n)),
      trains: this.nodes(c, "trainDef").map((n) => this.train(n)),
    };
  }

  private model(node: CstNode): SModel {
    const c = node.children;
    return {
      name: this.name(this.tokens(c, "name")[0]),
      body: this.body(this.nodes(c, "body")[0]),
      span: this.span(node),
    };
  }

  private block(node: CstNode): SBlock {
    const c = node.children;
    const inputs: SName[] = [];
    const params: SBlockParam[] = [];
    for (const p of this.nodes(c, "blockParam")) {
      const name = this.name(this.tokens(p.children, "name")[0]);
      const [value] = this.nodes(p.children, "expr");
      if (!value) {
        inputs.push(name);
        continue;
      }
      const expr = this.expr(value);
      const typeWord =
        expr.kind === "name" && ["int", "float", "bool", "string"].includes(expr.name);
      params.push({
        name,
        ...(typeWord
          ? { type: { text: (expr as { name: string }).name, span: expr.span } }
          : { default: expr }),
        span: this.span(p),
      });
    }
    return {
      name: this.name(this.tokens(c, "name")[0]),
      inputs,
      params,
      body: this.body(this.nodes(c, "body")[0]),
      span: this.span(node),
    };
  }

  private body(node: CstNode | undefined): SStatement[] {
    if (!node) return [];
    return this.nodes(node.children, "statement").map((s) => {
      const [inner] = Object.values(s.children).flat() as CstNode[];
      return this.statement(inner);
    });
  }

  private statement(node: CstNode): SStatement {
    const c = node.children;
    const span = this.span(node);
    switch (node.name) {
      case "inputStmt":
        return {
          kind: "input",
          name: this.name(this.tokens(c, "name")[0]),
          type: this.type(this.nodes(c, "tensorType")[0]),
          span,
        };
      case "outputStmt": {
        const name = this.name(this.tokens(c, "name")[0]);
        const [call] = this.nodes(c, "layerCall");
        if (call) return this.layer(call, [name], span, name);
        const [value] = this.tokens(c, "value");
        return { kind: "output", name, value: value && this.name(value), span };
      }
      case "returnStmt":
        return { kind: "return", values: this.tokens(c, "values").map((t) => this.name(t)), span };
      default:
        return this.layer(
          this.nodes(c, "layerCall")[0],
          this.tokens(c, "targets").map((t) => this.name(t)),
          span,
        );
    }
  }

  private layer(node: CstNode, targets: SName[], span: SourceSpan, output?: SName): SStatement {
    const c = node.children;
    const [count] = this.tokens(c, "count");
    const call = this.call(this.nodes(c, "call")[0]);
    // `name: "h1"` names the layer; it is not an argument of the layer kind.
    const nameArg = call.args.find(
      (a) => a.name?.text === "name" && (a.value.kind === "string" || a.value.kind === "name"),
    );
    const name = nameArg && {
      text:
        nameArg.value.kind === "string"
          ? nameArg.value.value
          : (nameArg.value as { name: string }).name,
      span: nameArg.value.span,
    };
    return {
      kind: "layer",
      targets,
      call: nameArg ? { ...call, args: call.args.filter((a) => a !== nameArg) } : call,
      ...(name ? { name } : {}),
      repeat: count && { value: Number(count.image), span: this.span(count) },
      yaml: false,
      output,
      span,
    };
  }

  private call(node: CstNode): SCall {
    const c = node.children;
    const args: SArg[] = this.nodes(c, "arg").map((a) => {
      const [name] = this.tokens(a.children, "name");
      return {
        name: name && this.name(name),
        value: this.expr(this.nodes(a.children, "expr")[0]),
        span: this.span(a),
      };
    });
    return { callee: this.name(this.tokens(c, "callee")[0]), args, span: this.span(node) };
  }

  private expr(node: CstNode): SExpr {
    const [e] = Object.values(node.children).flat();
    const span = this.span(e as CstNode | IToken);
    if (isToken(e)) {
      switch (e.tokenType) {
        case NumberLit:
          return { kind: "number", value: Number(e.image), integer: /^-?\d+$/.test(e.image), span };
        case StringLit:
          return { kind: "string", value: JSON.parse(e.image) as string, span };
        case True:
        case False:
          return { kind: "bool", value: e.tokenType === True, span };
        default:
          return { kind: "name", name: e.image, span };
      }
    }
    if (e.name === "call") return { kind: "call", call: this.call(e), span };
    return { kind: "list", items: this.nodes(e.children, "expr").map((x) => this.expr(x)), span };
  }

  private train(node: CstNode): STrain {
    const c = node.children;
    const targets: STrain["targets"][number][] = [];
    const settings: STrain["settings"][number][] = [];
    for (const entry of this.nodes(c, "trainEntry")) {
      const key = this.name(this.tokens(entry.children, "key")[0]);
      const [type] = this.nodes(entry.children, "tensorType");
      if (type) targets.push({ name: key, type: this.type(type), span: this.span(entry) });
      else
        settings.push({
          key,
          value: this.expr(this.nodes(entry.children, "expr")[0]),
          span: this.span(entry),
        });
    }
    return {
      model: this.name(this.tokens(c, "name")[0]),
      targets,
      settings,
      span: this.span(node),
    };
  }

  private type(node: CstNode): SType {
    const c = node.children;
    const dims = this.nodes(c, "dim").map((d) =>
      (Object.values(d.children).flat() as IToken[])
        .filter((t) => t.tokenType !== Star)
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((t) => (t.tokenType === NumberLit ? Number(t.image) : t.image)),
    );
    return { dtype: this.name(this.tokens(c, "dtype")[0]), dims, span: this.span(node) };
  }
}

/** Parses `.weft` text into the surface tree; throws a DiagnosticError with every syntax error. */
export function parseWeftSurface(
  text: string,
  file: string,
  limits: Limits = DEFAULT_LIMITS,
): SSpec {
  const lexed = lexer.tokenize(text);
  // The grammar recurses into brackets: nesting past the limit is an error before it runs.
  let depth = 0;
  for (const token of lexed.tokens) {
    const t = token.tokenType;
    if (t === LParen || t === LBracket || t === LCurly) depth++;
    else if (t === RParen || t === RBracket || t === RCurly) depth--;
    if (depth > limits.nesting)
      throw new DiagnosticError([
        error("syntax", `brackets nested ${depth} deep, past ${overLimit("nesting", limits)}`, {
          file,
          line: token.startLine ?? 1,
          col: token.startColumn ?? 1,
        }),
      ]);
  }
  grammar.input = lexed.tokens;
  const cst = grammar.spec();
  const diagnostics: Diagnostic[] = [
    ...lexed.errors.map((e) => lexDiagnostic(file, e)),
    ...grammar.errors.map((e) => parseDiagnostic(file, e, lexed.tokens.at(-1))),
  ];
  if (diagnostics.length) throw new DiagnosticError(diagnostics);
  return new SurfaceBuilder(file).spec(cst, lexed.groups.comments ?? []);
}
