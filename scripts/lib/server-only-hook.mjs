// Node resolve hook for operator scripts: `server-only` guards server modules against
// client bundles, but a script is server code by definition, so it resolves to nothing.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
