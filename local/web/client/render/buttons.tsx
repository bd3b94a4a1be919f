import React from 'react';
import Button from '@atlaskit/button/new';
import ButtonGroup from '@atlaskit/button/button-group';
import { bool, fire, str, type ForgeNode } from './node';
import { renderChildren, type NodeRenderer } from './render';

type ButtonProps = React.ComponentProps<typeof Button>;

/**
 * Button and LoadingButton alike: the click handler gets no argument, as in the UI tests; a
 * submit button also submits its form natively, which reaches the Form's onSubmit.
 */
function ForgeButton({ node }: { node: ForgeNode }) {
  const type = str(node, 'type') === 'submit' ? 'submit' : 'button';
  return (
    <Button
      id={str(node, 'id')}
      type={type}
      appearance={str(node, 'appearance') as ButtonProps['appearance']}
      spacing={str(node, 'spacing') as ButtonProps['spacing']}
      isDisabled={bool(node, 'isDisabled')}
      isLoading={bool(node, 'isLoading')}
      isSelected={bool(node, 'isSelected')}
      shouldFitContainer={bool(node, 'shouldFitContainer')}
      onClick={() => fire(node, 'onClick')}
    >
      {renderChildren(node)}
    </Button>
  );
}

export const buttonRenderers: Record<string, NodeRenderer> = {
  Button: (node) => <ForgeButton node={node} />,
  LoadingButton: (node) => <ForgeButton node={node} />,
  ButtonGroup: (node) => (
    <ButtonGroup label={str(node, 'label')}>{renderChildren(node)}</ButtonGroup>
  ),
};
