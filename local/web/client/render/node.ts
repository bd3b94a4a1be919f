/** One node of the tree @forge/react sends over the bridge (FORGE-PLATFORM.md §6.5). */
export interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
  key?: string;
}

/**
 * The reconciler mutates one root in place and keeps going; rendering a copy taken at
 * `reconcile` time means React never sees a tree half way through an update. Props are copied
 * shallowly: their functions must stay the live handlers.
 */
export function snapshot(node: ForgeNode): ForgeNode {
  return {
    type: node.type,
    key: node.key,
    props: { ...node.props },
    children: node.children.map(snapshot),
  };
}

/** The text a node shows, e.g. a button's accessible name. */
export function textOf(node: ForgeNode): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}

export function str(node: ForgeNode, prop: string): string | undefined {
  const value = node.props[prop];
  return typeof value === 'string' ? value : undefined;
}

export function num(node: ForgeNode, prop: string): number | undefined {
  const value = node.props[prop];
  return typeof value === 'number' ? value : undefined;
}

export function bool(node: ForgeNode, prop: string): boolean {
  return node.props[prop] === true;
}

type Handler = (...args: unknown[]) => unknown;

/**
 * Calls the app's handler for `prop`, if it has one, with the arguments the product host would
 * pass (the same ones test/support/ui.ts uses). A rejected promise is reported, not thrown into
 * React's event system.
 */
export function fire(node: ForgeNode, prop: string, ...args: unknown[]): void {
  const handler = node.props[prop];
  if (typeof handler !== 'function') return;
  try {
    const result = (handler as Handler)(...args);
    if (result instanceof Promise) result.catch(report(node, prop));
  } catch (error) {
    report(node, prop)(error);
  }
}

function report(node: ForgeNode, prop: string) {
  return (error: unknown) => console.error(`${node.type}.${prop} failed`, error);
}
