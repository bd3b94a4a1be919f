import React from 'react';
import Avatar from '@atlaskit/avatar';
import Badge from '@atlaskit/badge';
import ShowMoreHorizontalIcon from '@atlaskit/icon/core/show-more-horizontal';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Tooltip from '@atlaskit/tooltip';
import { bool, num, str, type ForgeNode } from './node';
import { renderChildren, type NodeRenderer } from './render';

type BadgeAppearance = React.ComponentProps<typeof Badge>['appearance'];
type LozengeAppearance = React.ComponentProps<typeof Lozenge>['appearance'];
type SectionAppearance = React.ComponentProps<typeof SectionMessage>['appearance'];
type SpinnerSize = React.ComponentProps<typeof Spinner>['size'];

function ForgeSectionMessage({ node }: { node: ForgeNode }) {
  return (
    <SectionMessage
      title={str(node, 'title')}
      appearance={str(node, 'appearance') as SectionAppearance}
    >
      {renderChildren(node)}
    </SectionMessage>
  );
}

/** Atlaskit's empty state is not installed; this keeps its layout: centred header and text. */
function EmptyState({ node }: { node: ForgeNode }) {
  return (
    <div className="forge-local-empty">
      <h2>{str(node, 'header')}</h2>
      {str(node, 'description') && <p>{str(node, 'description')}</p>}
      {renderChildren(node)}
    </div>
  );
}

/** Tooltips show text only: UI Kit sends `content` as a prop, outside the ForgeDoc. */
function ForgeTooltip({ node }: { node: ForgeNode }) {
  const content = str(node, 'content') ?? '';
  return (
    <Tooltip content={content} position="top">
      <span className="forge-local-tooltip-target">{renderChildren(node)}</span>
    </Tooltip>
  );
}

/** No user directory runs locally: the chip names the account by its id. */
function User({ node }: { node: ForgeNode }) {
  const accountId = str(node, 'accountId') ?? 'unknown user';
  return (
    <span className="forge-local-user" title={accountId}>
      <Avatar size="xsmall" name={accountId} />
      {!bool(node, 'hideDisplayName') && <span>{accountId}</span>}
    </span>
  );
}

/** The glyphs the app draws, as Atlaskit draws them; any other is a dot with its label. */
const GLYPHS: Record<string, typeof ShowMoreHorizontalIcon> = {
  more: ShowMoreHorizontalIcon,
};

function Icon({ node }: { node: ForgeNode }) {
  const label = str(node, 'label') ?? str(node, 'glyph') ?? 'icon';
  const Glyph = GLYPHS[str(node, 'glyph') ?? ''];
  if (Glyph) return <Glyph label={label} />;
  return <span role="img" aria-label={label} className="forge-local-icon" />;
}

export const statusRenderers: Record<string, NodeRenderer> = {
  Badge: (node) => (
    <Badge appearance={str(node, 'appearance') as BadgeAppearance} max={num(node, 'max')}>
      {renderChildren(node)}
    </Badge>
  ),
  Lozenge: (node) => (
    <Lozenge
      appearance={str(node, 'appearance') as LozengeAppearance}
      isBold={bool(node, 'isBold')}
      maxWidth={str(node, 'maxWidth') ?? num(node, 'maxWidth')}
    >
      {renderChildren(node)}
    </Lozenge>
  ),
  SectionMessage: (node) => <ForgeSectionMessage node={node} />,
  Spinner: (node) => (
    <Spinner size={(str(node, 'size') ?? 'medium') as SpinnerSize} label={str(node, 'label')} />
  ),
  EmptyState: (node) => <EmptyState node={node} />,
  Tooltip: (node) => <ForgeTooltip node={node} />,
  User: (node) => <User node={node} />,
  Icon: (node) => <Icon node={node} />,
};
