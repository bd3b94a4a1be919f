import React from 'react';
import Popup, { type PopupProps } from '@atlaskit/popup';
import { bool, fire, str, type ForgeNode } from './node';
import { renderNode, type NodeRenderer } from './render';

type Placement = PopupProps['placement'];

/** UI Kit sends the popup's content and its trigger as ContentWrapper children with these names. */
function part(node: ForgeNode, name: 'content' | 'trigger'): ForgeNode[] {
  return (
    node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name)?.children ?? []
  );
}

/** Atlaskit's popup, as Jira draws UI Kit's: the trigger in place, the content in an overlay. */
function ForgePopup({ node }: { node: ForgeNode }) {
  return (
    <Popup
      isOpen={bool(node, 'isOpen')}
      placement={str(node, 'placement') as Placement}
      onClose={() => fire(node, 'onClose')}
      content={() => <>{part(node, 'content').map(renderNode)}</>}
      trigger={(triggerProps) => (
        <span {...triggerProps}>{part(node, 'trigger').map(renderNode)}</span>
      )}
    />
  );
}

export const popupRenderers: Record<string, NodeRenderer> = {
  Popup: (node) => <ForgePopup node={node} />,
};
