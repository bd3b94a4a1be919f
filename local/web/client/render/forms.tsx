import React from 'react';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk, ValidMessage } from '@atlaskit/form';
import { fire, str, type ForgeNode } from './node';
import { renderChildren, type NodeRenderer } from './render';

/**
 * A native form, so Enter and submit buttons submit it; the app's onSubmit gets no argument,
 * as in the UI tests (the app keeps its fields in its own state). `display: contents` keeps a
 * form inside a modal from breaking the modal's header/body/footer layout.
 */
function Form({ node }: { node: ForgeNode }) {
  return (
    <form
      className="forge-local-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        fire(node, 'onSubmit');
      }}
    >
      {renderChildren(node)}
    </form>
  );
}

function ForgeLabel({ node }: { node: ForgeNode }) {
  return (
    <Label htmlFor={str(node, 'labelFor') ?? ''} id={str(node, 'id')}>
      {renderChildren(node)}
    </Label>
  );
}

export const formRenderers: Record<string, NodeRenderer> = {
  Form: (node) => <Form node={node} />,
  FormHeader: (node) => (
    <header className="forge-local-form-header">
      {str(node, 'title') && <h2>{str(node, 'title')}</h2>}
      {renderChildren(node)}
    </header>
  ),
  FormSection: (node) => <section>{renderChildren(node)}</section>,
  FormFooter: (node) => <footer className="forge-local-form-footer">{renderChildren(node)}</footer>,
  Label: (node) => <ForgeLabel node={node} />,
  RequiredAsterisk: () => <RequiredAsterisk />,
  HelperMessage: (node) => <HelperMessage>{renderChildren(node)}</HelperMessage>,
  ErrorMessage: (node) => <ErrorMessage>{renderChildren(node)}</ErrorMessage>,
  ValidMessage: (node) => <ValidMessage>{renderChildren(node)}</ValidMessage>,
};
