/// <reference lib="dom" />
import React, { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DatePicker, TimePicker } from '@atlaskit/datetime-picker';
import Select, { AsyncSelect } from '@atlaskit/select';
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

interface PickerUser {
  label: string;
  value: string;
  email: string;
}

/** The page host's user search (local/web/server.ts): by name or email, or one account by id. */
async function findUsers(params: Record<string, string>): Promise<PickerUser[]> {
  const response = await fetch(`/api/users?${new URLSearchParams(params).toString()}`);
  if (!response.ok) return [];
  const { users } = (await response.json()) as {
    users: { accountId: string; displayName: string; emailAddress: string }[];
  };
  return users.map((u) => ({ label: u.displayName, value: u.accountId, email: u.emailAddress }));
}

/** The account the app gave, named as the directory knows it (by its id when it does not). */
function useInitialUser(accountId: string): [PickerUser | null, (user: PickerUser | null) => void] {
  const [user, setUser] = useState<PickerUser | null>(null);
  useEffect(() => {
    let current = true;
    if (!accountId) setUser(null);
    else
      void findUsers({ accountId }).then((found) => {
        if (current) setUser(found[0] ?? { label: accountId, value: accountId, email: '' });
      });
    return () => {
      current = false;
    };
  }, [accountId]);
  return [user, setUser];
}

/**
 * Searches the site's users as Jira's picker does, and shows the chosen one by name; onChange
 * gets a user like the real picker's ({ id, type, name, email, avatarUrl }) or null when cleared.
 */
function UserPicker({ node }: { node: ForgeNode }) {
  const [user, setUser] = useInitialUser(initialAccount(node));
  const id = `forge-local-user-${str(node, 'name') ?? 'picker'}`;
  const description = str(node, 'description');
  return (
    <div className="forge-local-userpicker">
      {str(node, 'label') && <label htmlFor={id}>{str(node, 'label')}</label>}
      <AsyncSelect<PickerUser, false>
        inputId={id}
        name={str(node, 'name')}
        placeholder={str(node, 'placeholder') ?? 'Search for a user'}
        isDisabled={bool(node, 'isDisabled')}
        isClearable
        defaultOptions
        loadOptions={(query: string) => findUsers({ query })}
        value={user}
        menuPortalTarget={menuPortal()}
        styles={MENU_ON_TOP}
        onChange={(picked) => {
          setUser(picked);
          const value = picked
            ? {
                id: picked.value,
                type: 'user',
                name: picked.label,
                email: picked.email,
                avatarUrl: '',
              }
            : null;
          fire(node, 'onChange', value);
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
