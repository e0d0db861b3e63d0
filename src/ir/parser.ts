/**
 * The IR's text form, parsed (printer.ts prints it; the two round-trip).
 *
 * Two stages: a chevrotain grammar turns text into a small syntax tree with
 * spans, reporting every syntax error it can recover from; then the tree is
 * built into a Module. Values may be used before the line that defines them,
 * so that the verifier, not the parser, reports a dominance error; names that
 * are never defined, unknown ops, bad attributes and the like are reported
 * here, all of them, with their line and column.
 */
import { createToken, EmbeddedActionsParser, Lexer, type IToken, type TokenType } from "chevrotain";
import { AttrError, completeAttrs, type Attrs } from "./attributes.js";
import { Graph, IRError, lookupOp, Module, type Value } from "./graph.js";
import { isDType, makeDim, type Dim, type TensorType } from "../core/types.js";
import { DiagnosticError, error, type Diagnostic } from "../core/diagnostics.js";
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

// ---------------------------------------------------------------------------
// Tokens

const ModuleKw = keyword("module");
const ParamKw = keyword("param");
const StateKw = keyword("state");
const GraphKw = keyword("graph");
const InputKw = keyword("input");
const OutputKw = keyword("output");
const UpdateKw = keyword("update");
const YieldKw = keyword("yield");
const TrueKw = keyword("true");
const FalseKw = keyword("false");
const AtName = createToken({ name: "AtName", pattern: /@[\w.]+/, label: "an @name" });
const PercentName = createToken({ name: "PercentName", pattern: /%[\w.]+/, label: "a %value" });
const NumberLit = createToken({
  name: "NumberLit",
  pattern: /-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|inf(?!\w)|nan(?!\w))/,
  label: "a number",
});
const Comment = createToken({ name: "Comment", pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });

const TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  ...[ModuleKw, ParamKw, StateKw, GraphKw, InputKw, OutputKw, UpdateKw, YieldKw, TrueKw, FalseKw],
  NumberLit,
  Identifier,
  AtName,
  PercentName,
  StringLit,
  ...PUNCTUATION,
];
const lexer = new Lexer(TOKENS, { positionTracking: "full", ensureOptimizations: false });

// ---------------------------------------------------------------------------
// Syntax tree

interface DimSyntax {
  readonly factors: IToken[];
}
interface TypeSyntax {
  readonly dtype: IToken;
  readonly dims: DimSyntax[];
}
type AttrSyntax =
  | { kind: "string"; token: IToken }
  | { kind: "bool"; token: IToken }
  | { kind: "dim"; dim: DimSyntax }
  | { kind: "list"; token: IToken; items: AttrSyntax[] };
interface AttrEntrySyntax {
  readonly name: IToken;
  readonly value: AttrSyntax;
}
interface TypedNameSyntax {
  readonly name: IToken;
  readonly type: TypeSyntax;
}
interface RegionSyntax {
  readonly name: IToken;
  readonly args: TypedNameSyntax[];
  readonly body: StatementSyntax[];
}
type StatementSyntax =
  | { kind: "input"; value: TypedNameSyntax }
  | { kind: "output"; name: IToken; ref: IToken }
  | { kind: "update"; param: IToken; ref: IToken }
  | { kind: "yield"; token: IToken; refs: IToken[] }
  | {
      kind: "op";
      results: TypedNameSyntax[];
      op: IToken;
      operands: IToken[];
      attrs: AttrEntrySyntax[];
      regions: RegionSyntax[];
    };
interface ParamSyntax {
  readonly name: IToken;
  readonly type: TypeSyntax;
  readonly init: IToken;
  readonly attrs: AttrEntrySyntax[];
  readonly trainable: boolean;
}
interface GraphSyntax {
  readonly name: IToken;
  readonly body: StatementSyntax[];
}
interface ModuleSyntax {
  readonly name?: IToken;
  readonly params: ParamSyntax[];
  readonly graphs: GraphSyntax[];
}

// ---------------------------------------------------------------------------
// Grammar

class IRGrammar extends EmbeddedActionsParser {
  constructor() {
    super(TOKENS, { recoveryEnabled: true, errorMessageProvider: ERROR_MESSAGES });
    this.performSelfAnalysis();
  }

  private dim = this.RULE("dim", (): DimSyntax => {
    const factors: IToken[] = [];
    const factor = () =>
      this.OR([{ ALT: () => this.CONSUME(NumberLit) }, { ALT: () => this.CONSUME(Identifier) }]);
    factors.push(factor());
    this.MANY(() => {
      this.CONSUME(Star);
      factors.push(
        this.OR1([
          { ALT: () => this.CONSUME1(NumberLit) },
          { ALT: () => this.CONSUME1(Identifier) },
        ]),
      );
    });
    return { factors };
  });

  private tensorType = this.RULE("tensorType", (): TypeSyntax => {
    const dtype = this.CONSUME(Identifier);
    const dims: DimSyntax[] = [];
    this.CONSUME(LBracket);
    this.MANY_SEP({ SEP: Comma, DEF: () => dims.push(this.SUBRULE(this.dim)) });
    this.CONSUME(RBracket);
    return { dtype, dims };
  });

  private typedName = this.RULE("typedName", (): TypedNameSyntax => {
    const name = this.CONSUME(PercentName);
    this.CONSUME(Colon);
    return { name, type: this.SUBRULE(this.tensorType) };
  });

  private valueRef = this.RULE("valueRef", (): IToken =>
    this.OR([{ ALT: () => this.CONSUME(PercentName) }, { ALT: () => this.CONSUME(AtName) }]),
  );

  private attrValue: (idx?: number) => AttrSyntax = this.RULE("attrValue", (): AttrSyntax =>
    this.OR([
      { ALT: () => ({ kind: "string" as const, token: this.CONSUME(StringLit) }) },
      { ALT: () => ({ kind: "bool" as const, token: this.CONSUME(TrueKw) }) },
      { ALT: () => ({ kind: "bool" as const, token: this.CONSUME(FalseKw) }) },
      { ALT: () => ({ kind: "dim" as const, dim: this.SUBRULE(this.dim) }) },
      {
        ALT: () => {
          const token = this.CONSUME(LBracket);
          const items: AttrSyntax[] = [];
          this.MANY_SEP({ SEP: Comma, DEF: () => items.push(this.SUBRULE(this.attrValue)) });
          this.CONSUME(RBracket);
          return { kind: "list" as const, token, items };
        },
      },
    ]),
  );

  private attrEntries = this.RULE("attrEntries", (): AttrEntrySyntax[] => {
    const entries: AttrEntrySyntax[] = [];
    this.MANY_SEP({
      SEP: Comma,
      DEF: () => {
        const name = this.CONSUME(Identifier);
        this.CONSUME(Colon);
        entries.push({ name, value: this.SUBRULE(this.attrValue) });
      },
    });
    return entries;
  });

  private region = this.RULE("region", (): RegionSyntax => {
    const name = this.CONSUME(Identifier);
    const args: TypedNameSyntax[] = [];
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => args.push(this.SUBRULE(this.typedName)) });
    this.CONSUME(RParen);
    return { name, args, body: this.SUBRULE(this.block) };
  });

  private opStatement = this.RULE("opStatement", (): StatementSyntax => {
    const results = [this.SUBRULE(this.typedName)];
    this.MANY(() => {
      this.CONSUME(Comma);
      results.push(this.SUBRULE1(this.typedName));
    });
    this.CONSUME(Equals);
    const op = this.CONSUME(Identifier);
    const operands: IToken[] = [];
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => operands.push(this.SUBRULE(this.valueRef)) });
    this.CONSUME(RParen);
    let attrs: AttrEntrySyntax[] = [];
    this.OPTION(() => {
      this.CONSUME(LCurly);
      attrs = this.SUBRULE(this.attrEntries);
      this.CONSUME(RCurly);
    });
    const regions: RegionSyntax[] = [];
    this.MANY1(() => regions.push(this.SUBRULE(this.region)));
    return { kind: "op", results, op, operands, attrs, regions };
  });

  private statement = this.RULE("statement", (): StatementSyntax =>
    this.OR([
      {
        ALT: () => {
          this.CONSUME(InputKw);
          return { kind: "input" as const, value: this.SUBRULE(this.typedName) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(OutputKw);
          const name = this.OR1([
            { ALT: () => this.CONSUME(Identifier) },
            { ALT: () => this.CONSUME(StringLit) },
          ]);
          this.CONSUME(Equals);
          return { kind: "output" as const, name, ref: this.SUBRULE(this.valueRef) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(UpdateKw);
          const param = this.CONSUME(AtName);
          this.CONSUME1(Equals);
          return { kind: "update" as const, param, ref: this.SUBRULE1(this.valueRef) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(YieldKw);
          const refs: IToken[] = [];
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => refs.push(this.SUBRULE2(this.valueRef)) });
          return { kind: "yield" as const, token, refs };
        },
      },
      { ALT: () => this.SUBRULE(this.opStatement) },
    ]),
  );

  private block: () => StatementSyntax[] = this.RULE("block", (): StatementSyntax[] => {
    const body: StatementSyntax[] = [];
    this.CONSUME(LCurly);
    this.MANY(() => body.push(this.SUBRULE(this.statement)));
    this.CONSUME(RCurly);
    return body;
  });

  private paramDecl = this.RULE("paramDecl", (): ParamSyntax => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(ParamKw) },
      { ALT: () => this.CONSUME(StateKw) },
    ]);
    const name = this.CONSUME(AtName);
    this.CONSUME(Colon);
    const type = this.SUBRULE(this.tensorType);
    this.CONSUME(Equals);
    const init = this.CONSUME(Identifier);
    this.CONSUME(LParen);
    const attrs = this.SUBRULE(this.attrEntries);
    this.CONSUME(RParen);
    return { name, type, init, attrs, trainable: keyword.tokenType === ParamKw };
  });

  private graphDef = this.RULE("graphDef", (): GraphSyntax => {
    this.CONSUME(GraphKw);
    const name = this.CONSUME(AtName);
    return { name, body: this.SUBRULE(this.block) };
  });

  module = this.RULE("module", (): ModuleSyntax => {
    let name: IToken | undefined;
    const params: ParamSyntax[] = [];
    const graphs: GraphSyntax[] = [];
    this.OPTION(() => {
      this.CONSUME(ModuleKw);
      name = this.CONSUME(AtName);
    });
    this.MANY(() =>
      this.OR([
        { ALT: () => params.push(this.SUBRULE(this.paramDecl)) },
        { ALT: () => graphs.push(this.SUBRULE(this.graphDef)) },
      ]),
    );
    return { name, params, graphs };
  });
}

const grammar = new IRGrammar();

// ---------------------------------------------------------------------------
// From syntax to a Module

/** Parses IR text; throws a DiagnosticError listing every problem found. */
export function parseModule(text: string, file = "<input>"): Module {
  const lexed = lexer.tokenize(text);
  grammar.input = lexed.tokens;
  const syntax = grammar.module();
  const diagnostics = [
    ...lexed.errors.map((e) => lexDiagnostic(file, e)),
    ...grammar.errors.map((e) => parseDiagnostic(file, e, lexed.tokens.at(-1))),
  ];
  if (diagnostics.length) throw new DiagnosticError(diagnostics);
  return new ModuleBuilder(file).build(syntax);
}

const AT = (token: IToken) => token.image.slice(1);

function sortBySpan(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => (d.span ? d.span.line * 1e6 + d.span.col : Infinity);
  return [...diagnostics].sort((a, b) => key(a) - key(b));
}

class ModuleBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** Parameters whose declaration failed: their reads are not reported again. */
  private readonly failedParams = new Set<string>();

  constructor(private readonly file: string) {}

  build(syntax: ModuleSyntax): Module {
    const module = new Module(syntax.name ? AT(syntax.name) : "module");
    for (const p of syntax.params) {
      this.failedParams.add(AT(p.name));
      this.attempt(p.name, () => {
        const type = this.type(p.type);
        const attrs = this.attrs(p.attrs);
        module.declareParam(
          AT(p.name),
          type,
          { kind: p.init.image, attrs },
          this.span(p.name),
          p.trainable,
        );
        this.failedParams.delete(AT(p.name));
      });
    }
    for (const g of syntax.graphs) {
      this.attempt(g.name, () => {
        const graph = module.addGraph(AT(g.name));
        graph.span = this.span(g.name);
        this.body(graph, g.body);
      });
    }
    if (this.diagnostics.length) throw new DiagnosticError(sortBySpan(this.diagnostics));
    return module;
  }

  private span(token: IToken) {
    return tokenSpan(this.file, token);
  }

  /** Runs `fn`, turning an IRError or AttrError into a diagnostic at `token`. */
  private attempt(token: IToken, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof IRError || e instanceof AttrError)) throw e;
      const span = e instanceof IRError && e.span ? e.span : this.span(token);
      this.diagnostics.push(error("ir-invalid", e.message, span));
    }
  }

  private fail(token: IToken, message: string): never {
    throw new IRError(message, this.span(token));
  }

  private type(syntax: TypeSyntax): TensorType {
    const dtype = syntax.dtype.image;
    if (!isDType(dtype)) this.fail(syntax.dtype, `unknown dtype '${dtype}' (expected f32 or i32)`);
    return { dtype, shape: syntax.dims.map((d) => this.dim(d)) };
  }

  private dim(syntax: DimSyntax): Dim {
    const factors = syntax.factors.map((t) => {
      if (t.tokenType !== NumberLit) return t.image;
      const n = Number(t.image);
      if (!Number.isInteger(n) || n < 0)
        this.fail(t, `a dim must be a non-negative integer or a name, found '${t.image}'`);
      return n;
    });
    return makeDim(factors);
  }

  private attrValue(syntax: AttrSyntax): unknown {
    switch (syntax.kind) {
      case "string":
        return JSON.parse(syntax.token.image);
      case "bool":
        return syntax.token.tokenType === TrueKw;
      case "list":
        return syntax.items.map((item) => this.attrValue(item));
      case "dim": {
        const [first] = syntax.dim.factors;
        if (syntax.dim.factors.length > 1) return this.dim(syntax.dim);
        if (first.tokenType === Identifier) return first.image;
        const image = first.image.replace(/^(-?)inf$/, "$1Infinity").replace(/^nan$/, "NaN");
        return Number(image);
      }
    }
  }

  private attrs(entries: AttrEntrySyntax[]): Record<string, unknown> {
    const attrs: Record<string, unknown> = {};
    for (const { name, value } of entries) {
      if (name.image in attrs) this.fail(name, `attribute '${name.image}' is given twice`);
      attrs[name.image] = this.attrValue(value);
    }
    return attrs;
  }

  /**
   * Builds a graph's statements in two passes: first every input and op with
   * its result values, then the operand, output and update references, so
   * that a use may come before its definition.
   */
  private body(graph: Graph, statements: StatementSyntax[]): void {
    const scope = new Map<string, Value>(graph.inputs.map((v) => [v.name, v]));
    // Inputs and results of ops that failed to build: their uses are not reported again.
    const failed = new Set<string>();
    const pending: (() => void)[] = [];
    const resolve = (token: IToken): Value | undefined => {
      let value: Value | undefined;
      this.attempt(token, () => {
        if (token.tokenType === AtName) {
          if (!this.failedParams.has(AT(token))) value = graph.readParam(AT(token));
        } else if (!failed.has(AT(token))) {
          value = scope.get(AT(token)) ?? this.fail(token, `use of undefined value ${token.image}`);
        }
      });
      return value;
    };
    for (const s of statements) {
      const anchor =
        s.kind === "input"
          ? s.value.name
          : s.kind === "op"
            ? s.op
            : s.kind === "yield"
              ? s.token
              : s.ref;
      this.attempt(anchor, () => {
        switch (s.kind) {
          case "input": {
            if (graph.isRegion)
              this.fail(s.value.name, "a region takes its inputs in its header, not as 'input'");
            failed.add(AT(s.value.name));
            this.checkFresh(scope, s.value.name);
            const value = graph.addInput(AT(s.value.name), this.type(s.value.type));
            scope.set(value.name, value);
            failed.delete(value.name);
            return;
          }
          case "op": {
            for (const r of s.results) failed.add(AT(r.name));
            const op = this.op(graph, s, scope);
            for (const r of s.results) failed.delete(AT(r.name));
            return pending.push(() => {
              for (const token of s.operands) {
                const value = resolve(token);
                if (value) op.setOperand(op.operands.length, value);
              }
            });
          }
          case "yield":
            if (!graph.isRegion)
              this.fail(s.token, "'yield' ends a region; a graph ends in 'output' lines");
            return pending.push(() => {
              for (const ref of s.refs) {
                const value = resolve(ref);
                if (value) graph.outputs.push({ value });
              }
            });
          case "output":
            if (graph.isRegion) this.fail(s.name, "a region ends in 'yield', not 'output'");
            return pending.push(() => {
              const value = resolve(s.ref);
              const name =
                s.name.tokenType === StringLit
                  ? (JSON.parse(s.name.image) as string)
                  : s.name.image;
              if (value) graph.outputs.push({ name, value });
            });
          case "update":
            return pending.push(() => {
              const value = resolve(s.ref);
              if (value) graph.updates.push({ param: AT(s.param), value });
            });
        }
      });
    }
    for (const resolveLater of pending) resolveLater();
  }

  private checkFresh(scope: ReadonlyMap<string, Value>, token: IToken): void {
    if (scope.has(AT(token))) this.fail(token, `${token.image} is defined twice`);
  }

  /** Builds an op with its result values and regions; its operands are resolved later. */
  private op(graph: Graph, s: Extract<StatementSyntax, { kind: "op" }>, scope: Map<string, Value>) {
    const span = this.span(s.op);
    const def = lookupOp(s.op.image, span);
    const given = this.attrs(s.attrs);
    let attrs: Attrs;
    try {
      attrs = completeAttrs(def.attrs, given);
    } catch (e) {
      if (!(e instanceof AttrError)) throw e;
      const entry = s.attrs.find((a) => e.message.includes(`'${a.name.image}'`));
      this.fail(entry?.name ?? s.op, `${def.name}: ${e.message}`);
    }
    if (s.regions.length !== def.regions.length) {
      this.fail(
        s.op,
        `${def.name} takes ${def.regions.length} region(s), found ${s.regions.length}`,
      );
    }
    const regions = s.regions.map((r, i) => {
      if (r.name.image !== def.regions[i]) {
        this.fail(
          r.name,
          `expected ${def.name}'s region '${def.regions[i]}', found '${r.name.image}'`,
        );
      }
      const region = new Graph(r.name.image);
      const args = new Map<string, Value>();
      for (const a of r.args) {
        this.checkFresh(args, a.name);
        args.set(AT(a.name), region.addInput(AT(a.name), this.type(a.type)));
      }
      this.body(region, r.body);
      return region;
    });
    for (const r of s.results) this.checkFresh(scope, r.name);
    const results = s.results.map((r) => ({ type: this.type(r.type), name: AT(r.name) }));
    const op = graph.appendOp(def, [], attrs, regions, results, span);
    for (const value of op.results) scope.set(value.name, value);
    return op;
  }
}
