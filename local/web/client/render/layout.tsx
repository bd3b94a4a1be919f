import React from 'react';
import {
  Box,
  Inline,
  Stack,
  type BoxProps,
  type InlineProps,
  type StackProps,
} from '@atlaskit/primitives/compiled';
import type { ForgeNode } from './node';
import { pick, xcssStyle } from './props';
import { renderChildren, type NodeRenderer } from './render';

const STACK = ['space', 'alignBlock', 'alignInline', 'spread', 'grow'] as const;
const INLINE = [...STACK, 'rowSpace', 'shouldWrap'] as const;
const BOX = ['padding', 'paddingBlock', 'paddingInline', 'backgroundColor', 'as', 'role'] as const;

function LayoutStack({ node }: { node: ForgeNode }) {
  return <Stack {...pick<StackProps>(node, STACK)}>{renderChildren(node)}</Stack>;
}

function LayoutInline({ node }: { node: ForgeNode }) {
  return <Inline {...pick<InlineProps>(node, INLINE)}>{renderChildren(node)}</Inline>;
}

function LayoutBox({ node }: { node: ForgeNode }) {
  const props = pick<BoxProps<'div'>>(node, BOX);
  return (
    <Box {...props} style={xcssStyle(node.props.xcss)}>
      {renderChildren(node)}
    </Box>
  );
}

export const layoutRenderers: Record<string, NodeRenderer> = {
  // The root has no look of its own.
  Root: (node) => <>{renderChildren(node)}</>,
  Stack: (node) => <LayoutStack node={node} />,
  Inline: (node) => <LayoutInline node={node} />,
  Box: (node) => <LayoutBox node={node} />,
};
