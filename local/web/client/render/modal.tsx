import React from 'react';
import ModalDialog, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { fire, str, type ForgeNode } from './node';
import { renderChildren, type NodeRenderer } from './render';

type Width = React.ComponentProps<typeof ModalDialog>['width'];
type TitleAppearance = React.ComponentProps<typeof ModalTitle>['appearance'];

/** Escape, the blanket and any close button all reach the app's onClose, with no argument. */
function Modal({ node }: { node: ForgeNode }) {
  return (
    <ModalDialog
      width={str(node, 'width') as Width}
      height={str(node, 'height')}
      label={str(node, 'label')}
      shouldScrollInViewport={node.props.shouldScrollInViewport === true}
      onClose={() => fire(node, 'onClose')}
    >
      {renderChildren(node)}
    </ModalDialog>
  );
}

export const modalRenderers: Record<string, NodeRenderer> = {
  ModalTransition: (node) => <ModalTransition>{renderChildren(node)}</ModalTransition>,
  Modal: (node) => <Modal node={node} />,
  ModalHeader: (node) => <ModalHeader>{renderChildren(node)}</ModalHeader>,
  ModalTitle: (node) => (
    <ModalTitle appearance={str(node, 'appearance') as TitleAppearance}>
      {renderChildren(node)}
    </ModalTitle>
  ),
  ModalBody: (node) => <ModalBody>{renderChildren(node)}</ModalBody>,
  ModalFooter: (node) => <ModalFooter>{renderChildren(node)}</ModalFooter>,
};
