import React, { useContext, type ReactNode } from 'react';
import { NodeBoundary } from './boundary';
import type { ForgeNode } from './node';

/** A component family's way of drawing one node type. */
export type NodeRenderer = (node: ForgeNode) => ReactNode;

/**
 * How the page finds a node type's renderer. The page provides registry.ts's lookup: the registry
 * imports every family and the families import this file for their children, so this file
 * takes the lookup from the tree instead of importing the registry.
 */
export const Renderers = React.createContext<(type: string) => NodeRenderer | undefined>(
  () => undefined,
);

/** A type this page does not know: its children still show, marked with the type. */
function Unknown({ node }: { node: ForgeNode }) {
  return <div data-forge-type={node.type}>{renderChildren(node)}</div>;
}

function NodeView({ node }: { node: ForgeNode }) {
  const render = useContext(Renderers)(node.type);
  return <>{render ? render(node) : <Unknown node={node} />}</>;
}

export function renderNode(node: ForgeNode, index = 0): ReactNode {
  const key = node.key ?? `${node.type}-${index}`;
  if (node.type === 'String')
    return <React.Fragment key={key}>{String(node.props.text ?? '')}</React.Fragment>;
  return (
    <NodeBoundary key={key} type={node.type} revision={node}>
      <NodeView node={node} />
    </NodeBoundary>
  );
}

export function renderChildren(node: ForgeNode): ReactNode[] {
  return node.children.map(renderNode);
}
