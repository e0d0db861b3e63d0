/** The graph IR: types, the module/graph/builder API, the op registry, text form, verifier, interpreter. */
export * from "../core/types.js";
export * from "./attributes.js";
export * from "./tensor.js";
export * from "./op-def.js";
export * from "./registry.js";
export * from "./initializers.js";
export * from "./graph.js";
export * from "./printer.js";
export * from "./parser.js";
export * from "./verifier.js";
export * from "./interpreter.js";
