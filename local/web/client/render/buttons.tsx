import React from 'react';
import Button from '@atlaskit/button/new';
import SpacelessButton from '@atlaskit/button/button';
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
  if (str(node, 'spacing') === 'none') return <NoSpacingButton node={node} type={type} />;
  return (
    <Button
      id={str(node, 'id')}
      type={type}
      appearance={str(node, 'appearance') as ButtonProps['appearance']}
      spacing={str(node, 'spacing') as ButtonProps['spacing']}
      isDisabled={bool(node, 'isDisabled')}
      isLoading={bool(node, 'isLoading')}
      isSelected={bool(node, 'isSelected')}
      autoFocus={bool(node, 'autoFocus')}
      shouldFitContainer={bool(node, 'shouldFitContainer')}
      onClick={() => fire(node, 'onClick')}
    >
      {renderChildren(node)}
    </Button>
  );
}

/** UI Kit's `spacing="none"`: Atlaskit's new button has no such spacing, its older one does. */
function NoSpacingButton({ node, type }: { node: ForgeNode; type: 'submit' | 'button' }) {
  return (
    <SpacelessButton
      id={str(node, 'id')}
      type={type}
      spacing="none"
      appearance={
        str(node, 'appearance') as React.ComponentProps<typeof SpacelessButton>['appearance']
      }
      isDisabled={bool(node, 'isDisabled')}
      isSelected={bool(node, 'isSelected')}
      autoFocus={bool(node, 'autoFocus')}
      onClick={() => fire(node, 'onClick')}
    >
      {renderChildren(node)}
    </SpacelessButton>
  );
}

export const buttonRenderers: Record<string, NodeRenderer> = {
  Button: (node) => <ForgeButton node={node} />,
  LoadingButton: (node) => <ForgeButton node={node} />,
  ButtonGroup: (node) => (
    <ButtonGroup label={str(node, 'label')}>{renderChildren(node)}</ButtonGroup>
  ),
};
