/// <reference lib="dom" />
import React, { useRef, type KeyboardEvent } from 'react';
import { DatePicker, TimePicker } from '@atlaskit/datetime-picker';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useEchoedValue } from './echo';
import { bool, fire, str, type ForgeNode } from './node';
import { type NodeRenderer } from './render';

interface Option {
  label: string;
  value: unknown;
}

/** Menus go to <body> so a modal's scrolling body does not clip them (none on a server). */
const MENU_ON_TOP = { menuPortal: (base: object) => ({ ...base, zIndex: 9999 }) };
const menuPortal = () => (typeof document === 'undefined' ? undefined : document.body);

/**
 * Escape in an open menu closes the menu only: Atlaskit's modal hears Escape on the window, so
 * it must not travel further. With the menu closed, Escape closes the dialog as usual.
 */
function useMenuEscape() {
  const open = useRef(false);
  return {
    onMenuOpen: () => {
      open.current = true;
    },
    onMenuClose: () => {
      open.current = false;
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Escape' && open.current) event.stopPropagation();
    },
  };
}

/** onChange gets the chosen option (an array of them when multi) or null, as UI Kit's does. */
function ForgeSelect({ node }: { node: ForgeNode }) {
  const multi = bool(node, 'isMulti');
  const options = (node.props.options ?? []) as Option[];
  const menuEscape = useMenuEscape();
  return (
    <Select<Option, boolean>
      inputId={str(node, 'inputId')}
      name={str(node, 'name')}
      aria-label={str(node, 'label')}
      options={options}
      value={node.props.value as Option | Option[] | null | undefined}
      defaultValue={node.props.defaultValue as Option | Option[] | undefined}
      placeholder={str(node, 'placeholder')}
      isMulti={multi}
      isClearable={bool(node, 'isClearable')}
      isDisabled={bool(node, 'isDisabled')}
      isInvalid={bool(node, 'isInvalid')}
      isSearchable={node.props.isSearchable !== false}
      menuPortalTarget={menuPortal()}
      styles={MENU_ON_TOP}
      {...menuEscape}
      onChange={(picked) =>
        fire(node, 'onChange', multi ? [...((picked ?? []) as Option[])] : picked)
      }
    />
  );
}

/** onChange gets the day as YYYY-MM-DD ('' when cleared), as UI Kit's does. */
function ForgeDatePicker({ node }: { node: ForgeNode }) {
  const [value, setValue] = useEchoedValue(str(node, 'value') ?? str(node, 'defaultValue') ?? '');
  return (
    <DatePicker
      id={str(node, 'id')}
      name={str(node, 'name')}
      label={str(node, 'label')}
      value={value}
      minDate={str(node, 'minDate')}
      maxDate={str(node, 'maxDate')}
      placeholder={str(node, 'placeholder') ?? 'YYYY-MM-DD'}
      dateFormat={str(node, 'dateFormat') ?? 'YYYY-MM-DD'}
      isDisabled={bool(node, 'isDisabled')}
      isInvalid={bool(node, 'isInvalid')}
      selectProps={{ menuPortalTarget: menuPortal(), styles: MENU_ON_TOP }}
      onChange={(day) => {
        setValue(day);
        fire(node, 'onChange', day);
      }}
    />
  );
}

/** onChange gets the time as HH:mm ('' when cleared), as UI Kit's does; typed times are kept. */
function ForgeTimePicker({ node }: { node: ForgeNode }) {
  const [value, setValue] = useEchoedValue(str(node, 'value') ?? str(node, 'defaultValue') ?? '');
  return (
    <TimePicker
      id={str(node, 'id')}
      name={str(node, 'name')}
      label={str(node, 'label')}
      value={value}
      placeholder={str(node, 'placeholder') ?? 'HH:MM'}
      timeFormat={str(node, 'timeFormat') ?? 'HH:mm'}
      timeIsEditable={bool(node, 'timeIsEditable')}
      isDisabled={bool(node, 'isDisabled')}
      isInvalid={bool(node, 'isInvalid')}
      selectProps={{ menuPortalTarget: menuPortal(), styles: MENU_ON_TOP }}
      onChange={(time) => {
        setValue(time);
        fire(node, 'onChange', time);
      }}
    />
  );
}

function initialAccount(node: ForgeNode): string {
  const given = node.props.defaultValue ?? node.props.value;
  return typeof given === 'string' ? given : '';
}

/**
 * No user search runs locally: the picker takes an account id, and onChange gets a user like
 * the real picker's ({ id, type, name }) or null when emptied.
 */
function UserPicker({ node }: { node: ForgeNode }) {
  const [value, setValue] = useEchoedValue(initialAccount(node));
  const id = `forge-local-user-${str(node, 'name') ?? 'picker'}`;
  const description = str(node, 'description');
  return (
    <div className="forge-local-userpicker">
      {str(node, 'label') && <label htmlFor={id}>{str(node, 'label')}</label>}
      <Textfield
        id={id}
        name={str(node, 'name')}
        placeholder={str(node, 'placeholder') ?? 'Account id'}
        isDisabled={bool(node, 'isDisabled')}
        value={value}
        onChange={(event) => {
          const accountId = event.currentTarget.value;
          setValue(accountId);
          const user = accountId.trim()
            ? { id: accountId.trim(), type: 'user', name: accountId.trim() }
            : null;
          fire(node, 'onChange', user);
        }}
      />
      {description && <small>{description}</small>}
    </div>
  );
}

export const pickerRenderers: Record<string, NodeRenderer> = {
  Select: (node) => <ForgeSelect node={node} />,
  DatePicker: (node) => <ForgeDatePicker node={node} />,
  TimePicker: (node) => <ForgeTimePicker node={node} />,
  UserPicker: (node) => <UserPicker node={node} />,
};
