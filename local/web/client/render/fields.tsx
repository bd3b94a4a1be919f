import React from 'react';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useEchoedValue } from './echo';
import { bool, fire, num, str, type ForgeNode } from './node';
import { type NodeRenderer } from './render';

/** What the product host passes to a text input's handlers (see `type` in test/support/ui.ts). */
function textEvent(type: string, value: string) {
  return { target: { type, value } };
}

function initialText(node: ForgeNode): string {
  return str(node, 'value') ?? str(node, 'defaultValue') ?? String(node.props.value ?? '');
}

/** The id, name, label and state every input shares; the label names it for assistive tech. */
function common(node: ForgeNode) {
  return {
    id: str(node, 'id'),
    name: str(node, 'name'),
    placeholder: str(node, 'placeholder'),
    isDisabled: bool(node, 'isDisabled'),
    isInvalid: bool(node, 'isInvalid'),
    isRequired: bool(node, 'isRequired'),
    isReadOnly: bool(node, 'isReadOnly'),
    'aria-label': str(node, 'label'),
  };
}

function ForgeTextfield({ node, multiline }: { node: ForgeNode; multiline: boolean }) {
  const [value, setValue] = useEchoedValue(initialText(node));
  const type = multiline ? 'textarea' : (str(node, 'type') ?? 'text');
  const on = (prop: string) => (event: { currentTarget: { value: string } }) => {
    if (prop === 'onChange') setValue(event.currentTarget.value);
    fire(node, prop, textEvent(type, event.currentTarget.value));
  };
  const handlers = { onChange: on('onChange'), onBlur: on('onBlur'), onFocus: on('onFocus') };
  if (multiline) {
    return (
      <TextArea
        {...common(node)}
        value={value}
        minimumRows={num(node, 'minimumRows')}
        {...handlers}
      />
    );
  }
  return <Textfield {...common(node)} type={type} value={value} {...handlers} />;
}

function checkedEvent(checked: boolean) {
  return { target: { type: 'checkbox', checked } };
}

function ForgeToggle({ node }: { node: ForgeNode }) {
  const fromApp = node.props.isChecked ?? node.props.defaultChecked;
  const [checked, setChecked] = useEchoedValue(fromApp === true);
  return (
    <Toggle
      id={str(node, 'id')}
      name={str(node, 'name')}
      label={str(node, 'label')}
      isDisabled={bool(node, 'isDisabled')}
      isChecked={checked}
      onChange={(event) => {
        setChecked(event.target.checked);
        fire(node, 'onChange', checkedEvent(event.target.checked));
      }}
    />
  );
}

/** Atlaskit's checkbox is not installed: a native one, labelled by its `label` prop. */
function Checkbox({ node }: { node: ForgeNode }) {
  const fromApp = node.props.isChecked ?? node.props.defaultChecked;
  const [checked, setChecked] = useEchoedValue(fromApp === true);
  return (
    <label className="forge-local-checkbox">
      <input
        type="checkbox"
        id={str(node, 'id')}
        name={str(node, 'name')}
        value={str(node, 'value')}
        checked={checked}
        disabled={bool(node, 'isDisabled')}
        onChange={(event) => {
          setChecked(event.target.checked);
          fire(node, 'onChange', checkedEvent(event.target.checked));
        }}
      />
      {str(node, 'label')}
    </label>
  );
}

interface GroupOption {
  label: string;
  value: string;
  isDisabled?: boolean;
}

/** The ticked values as one string: an array would be a new value, and a new echo, each render. */
function initialValues(node: ForgeNode): string {
  const given = node.props.value ?? node.props.defaultValue;
  return JSON.stringify(Array.isArray(given) ? given.map(String) : []);
}

/**
 * UI Kit's CheckboxGroup: a checkbox per option, one under the other as Atlaskit stacks them;
 * onChange gets every ticked value, in the options' order.
 */
function CheckboxGroup({ node }: { node: ForgeNode }) {
  const options = (node.props.options ?? []) as GroupOption[];
  const [ticked, setTicked] = useEchoedValue(initialValues(node));
  const values = JSON.parse(ticked) as string[];
  const name = str(node, 'name');
  const toggle = (value: string, on: boolean) => {
    const next = options.map((o) => o.value).filter((v) => (v === value ? on : values.includes(v)));
    setTicked(JSON.stringify(next));
    fire(node, 'onChange', next);
  };
  return (
    <div role="group" className="forge-local-checkbox-group">
      {options.map((option) => (
        <label key={option.value} className="forge-local-checkbox">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            checked={values.includes(option.value)}
            disabled={bool(node, 'isDisabled') || option.isDisabled === true}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}

export const fieldRenderers: Record<string, NodeRenderer> = {
  Textfield: (node) => <ForgeTextfield node={node} multiline={false} />,
  TextArea: (node) => <ForgeTextfield node={node} multiline />,
  Toggle: (node) => <ForgeToggle node={node} />,
  Checkbox: (node) => <Checkbox node={node} />,
  CheckboxGroup: (node) => <CheckboxGroup node={node} />,
};
