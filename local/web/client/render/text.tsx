import React from 'react';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import { Text, type TextProps } from '@atlaskit/primitives/compiled';
import { str, textOf, type ForgeNode } from './node';
import { pick } from './props';
import { renderChildren, type NodeRenderer } from './render';

type HeadingSize = React.ComponentProps<typeof Heading>['size'];

function ForgeText({ node }: { node: ForgeNode }) {
  const props = pick<TextProps>(node, ['size', 'weight', 'color', 'align', 'maxLines']);
  return (
    <Text as="p" {...props}>
      {renderChildren(node)}
    </Text>
  );
}

function ForgeHeading({ node }: { node: ForgeNode }) {
  const size = (str(node, 'size') ?? 'medium') as HeadingSize;
  return <Heading size={size}>{renderChildren(node)}</Heading>;
}

function ForgeLink({ node }: { node: ForgeNode }) {
  const newTab = node.props.openNewTab === true;
  return (
    <Link href={str(node, 'href') ?? '#'} target={newTab ? '_blank' : undefined}>
      {renderChildren(node)}
    </Link>
  );
}

function ForgeList({ node }: { node: ForgeNode }) {
  const items = renderChildren(node);
  return str(node, 'type') === 'ordered' ? (
    <ol className="forge-local-list">{items}</ol>
  ) : (
    <ul className="forge-local-list">{items}</ul>
  );
}

/** Atlaskit's code block needs a syntax highlighter this page does without: a styled <pre>. */
function CodeBlock({ node }: { node: ForgeNode }) {
  const wrap = node.props.shouldWrapLongLines === true;
  return (
    <pre className={`forge-local-codeblock${wrap ? ' wrap' : ''}`}>
      <code>{str(node, 'text') ?? textOf(node)}</code>
    </pre>
  );
}

export const textRenderers: Record<string, NodeRenderer> = {
  Text: (node) => <ForgeText node={node} />,
  Strong: (node) => <strong>{renderChildren(node)}</strong>,
  Em: (node) => <em>{renderChildren(node)}</em>,
  Strike: (node) => <s>{renderChildren(node)}</s>,
  Code: (node) => <code className="forge-local-code">{renderChildren(node)}</code>,
  Heading: (node) => <ForgeHeading node={node} />,
  Link: (node) => <ForgeLink node={node} />,
  List: (node) => <ForgeList node={node} />,
  ListItem: (node) => <li>{renderChildren(node)}</li>,
  CodeBlock: (node) => <CodeBlock node={node} />,
};
