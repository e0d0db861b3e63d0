/**
 * The verifier: checks a module after the fact and reports every problem as
 * a diagnostic, so one run shows them all. Every pass runs it after itself in
 * tests. It checks, per graph and recursively per region:
 *   - each op against its declaration (operand count, attributes, regions) and
 *     its shape rule, with the declared result types equal to the rule's;
 *   - SSA: each operand defined in the same graph, before its use (dominance
 *     is program order, as graphs have no branches);
 *   - use lists agree with operands;
 *   - parameter reads and updates match the module's declarations, and
 *     regions are closed (they read no parameters and update none);
 *   - value and output names are unique, and a module graph has outputs.
 */
import { IRError, recheck, type Graph, type Module, type Op, type Value } from "./graph.js";
import { formatType, isSymbolic, typeEquals } from "../core/types.js";
import { error, type Diagnostic } from "../core/diagnostics.js";

export function verifyModule(module: Module): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const p of module.params.values()) {
    if (p.type.shape.some(isSymbolic)) {
      diagnostics.push(
        error(
          "verify-param",
          `parameter @${p.name} has a symbolic shape ${formatType(p.type)}`,
          p.span,
        ),
      );
    }
  }
  for (const graph of module.graphs.values()) diagnostics.push(...verifyGraph(graph));
  return diagnostics;
}

export function verifyGraph(graph: Graph): Diagnostic[] {
  return new GraphVerifier(graph).run();
}

class GraphVerifier {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly defined = new Set<Value>();
  private readonly where: string;

  constructor(private readonly graph: Graph) {
    this.where = graph.isRegion
      ? `${graph.parentOp?.name ?? "region"} ${graph.name}`
      : `@${graph.name}`;
  }

  /** A problem of an op, at the op; one of the whole graph names it, at the graph where it is known. */
  private report(code: string, message: string, op?: Op): void {
    if (op?.span) this.diagnostics.push(error(code, message, op.span));
    else
      this.diagnostics.push(
        error(code, `${this.where}: ${message}`, this.graph.span ?? this.graph.parentOp?.span),
      );
  }

  run(): Diagnostic[] {
    const { graph } = this;
    const names = new Set<string>();
    const define = (v: Value, op?: Op) => {
      if (names.has(v.name)) this.report("verify-name", `%${v.name} is defined twice`, op);
      names.add(v.name);
      this.defined.add(v);
    };
    for (const v of graph.inputs) define(v);
    this.checkParams();
    for (const op of graph.ops) {
      // A region is checked before the op whose shape rule reads its signature.
      for (const region of op.regions) {
        if (region.parentOp !== op)
          this.report("verify-region", `${op.name}'s region is owned by another op`, op);
        this.diagnostics.push(...verifyGraph(region));
      }
      this.checkOperands(op);
      this.checkTypes(op);
      op.results.forEach((r) => define(r, op));
    }
    this.checkOutputs();
    this.checkUseLists();
    return this.diagnostics;
  }

  private checkParams(): void {
    const { graph } = this;
    if (graph.isRegion) {
      for (const name of graph.params.keys()) {
        this.report(
          "verify-region",
          `a region cannot read parameter @${name}; pass it in as an operand`,
          graph.parentOp,
        );
      }
      if (graph.updates.length)
        this.report("verify-region", "a region cannot update parameters", graph.parentOp);
      return;
    }
    for (const [name, value] of graph.params) {
      const decl = graph.module?.params.get(name);
      if (!decl) this.report("verify-param", `reads undeclared parameter @${name}`);
      else if (!typeEquals(decl.type, value.type)) {
        this.report(
          "verify-param",
          `reads @${name} as ${formatType(value.type)} but it is declared ${formatType(decl.type)}`,
        );
      }
      this.defined.add(value);
    }
  }

  private checkOperands(op: Op): void {
    for (const v of op.operands) {
      if (v.graph !== this.graph) {
        this.report(
          "verify-dominance",
          `operand %${v.name} of ${op.name} belongs to another graph`,
          op,
        );
      } else if (!this.defined.has(v)) {
        this.report(
          "verify-dominance",
          `%${v.name} is used by ${op.name} before it is defined`,
          op,
        );
      }
    }
  }

  private checkTypes(op: Op): void {
    try {
      const { types } = recheck(op);
      if (types.length !== op.results.length) {
        this.report(
          "verify-type",
          `${op.name} declares ${op.results.length} result(s) but its shape rule gives ${types.length}`,
          op,
        );
        return;
      }
      types.forEach((t, i) => {
        const r = op.results[i];
        if (!typeEquals(t, r.type)) {
          this.report(
            "verify-type",
            `${op.name}: result %${r.name} is declared ${formatType(r.type)} but its shape rule gives ${formatType(t)}`,
            op,
          );
        }
      });
    } catch (e) {
      if (!(e instanceof IRError)) throw e;
      this.report("verify-type", e.message, op);
    }
  }

  private checkOutputs(): void {
    const { graph } = this;
    if (!graph.isRegion && graph.outputs.length === 0)
      this.report("verify-output", "the graph has no outputs");
    const names = new Set<string>();
    for (const { name, value } of graph.outputs) {
      if (!graph.isRegion && name !== undefined) {
        if (names.has(name)) this.report("verify-output", `output '${name}' is defined twice`);
        names.add(name);
      }
      if (!this.defined.has(value))
        this.report("verify-output", `output %${value.name} is not a value of this graph`);
    }
    const updated = new Set<string>();
    for (const { param, value } of graph.updates) {
      const decl = graph.module?.params.get(param);
      if (!decl) this.report("verify-param", `updates undeclared parameter @${param}`);
      else if (!typeEquals(decl.type, value.type)) {
        this.report(
          "verify-param",
          `updates @${param} (${formatType(decl.type)}) with ${formatType(value.type)}`,
        );
      }
      if (updated.has(param)) this.report("verify-param", `@${param} is updated twice`);
      updated.add(param);
    }
  }

  /** The use lists that passes rely on must match the operands exactly. */
  private checkUseLists(): void {
    const expected = new Map<Value, number>();
    for (const op of this.graph.ops) {
      op.operands.forEach((v, index) => {
        expected.set(v, (expected.get(v) ?? 0) + 1);
        if (!v.uses.some((u) => u.op === op && u.index === index)) {
          this.report(
            "verify-uses",
            `%${v.name}'s use list misses ${op.name} operand ${index}`,
            op,
          );
        }
      });
    }
    for (const v of this.defined) {
      const own = v.uses.filter((u) => u.op.graph === this.graph).length;
      if (own !== (expected.get(v) ?? 0))
        this.report(
          "verify-uses",
          `%${v.name}'s use list has ${own} entries for ${expected.get(v) ?? 0} uses`,
        );
    }
  }
}
