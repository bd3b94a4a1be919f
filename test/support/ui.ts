/**
 * The admin page under test: rendered by the real @forge/react reconciler, with a stand-in for
 * the product host on the other side of the bridge (FORGE-PLATFORM.md §6). `reconcile` hands
 * over each ForgeDoc, `invoke` goes to a route — usually the app's real resolver handler on the
 * local Forge runtime, as the product host would send it.
 *
 * Import this module before anything that loads @forge/react or @forge/bridge: the bridge reads
 * its global once, when it loads.
 */
import { act, createElement, Fragment, useState, type ReactElement, type ReactNode } from 'react';
import { APP_DIR, appHandlers } from './app';
import { LocalForge, type ProductDouble } from '../../local/forge-runtime';

/** One node of the tree the reconciler sends: `String` nodes carry text in props.text. */
export interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
  key: string;
}

export interface InvokeRecord {
  functionKey: string;
  payload: unknown;
  answer: unknown;
}

type Route = (functionKey: string, payload: unknown) => Promise<unknown>;

const NO_ROUTE: Route = () => Promise.reject(new Error('no invoke route: call routeTo() first'));

const host = {
  root: null as ForgeNode | null,
  /** Every ForgeDoc sent, serialised at the moment it was sent (the root is mutated in place). */
  docs: [] as string[],
  invocations: [] as InvokeRecord[],
  pending: new Set<Promise<unknown>>(),
  route: NO_ROUTE,
  /** Flags the app asked Jira to show (showFlag), in order. */
  flags: [] as { title?: string; description?: string; type?: string }[],
};

/** Cycle-safe: props may hold React elements, whose dev-build owner links back into the tree. */
function serialise(doc: ForgeNode): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(doc, (key, value: unknown) => {
    if (key === '_owner' || key === '_store') return undefined;
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  });
}

function invoke({ functionKey, payload }: { functionKey: string; payload: unknown }) {
  const call = host.route(functionKey, payload).then((answer) => {
    host.invocations.push({ functionKey, payload, answer });
    return answer;
  });
  host.pending.add(call);
  const forget = () => host.pending.delete(call);
  call.then(forget, forget);
  return call;
}

/** The account Jira's double says is an admin; the page's context names it too. */
export const ADMIN = 'admin-1';

const CONTEXT: Record<string, unknown> = {
  accountId: ADMIN,
  cloudId: 'local-cloud',
  extension: { type: 'jira:adminPage' },
  environmentType: 'DEVELOPMENT',
  localId: 'local-token-health-admin',
  locale: 'en-US',
  moduleKey: 'token-health-admin',
  siteUrl: 'https://local.atlassian.net',
  timezone: 'UTC',
};

/** The user's time zone the context gives the page; undefined: the context names none. */
export function setTimezone(timezone: string | undefined): void {
  CONTEXT.timezone = timezone;
}

/** A page subscription as @forge/bridge's realtime.subscribe/subscribeGlobal asks the host. */
export interface RealtimeCall {
  channelName: string;
  onEvent: (payload: string, error?: Error) => unknown;
  isGlobal?: boolean;
}

/** The host's realtime: none unless a test sets `subscribe` (the page then only polls). */
export const realtimeHost: { subscribe?: (call: RealtimeCall) => Promise<unknown> } = {};

async function callBridge(cmd: string, data?: unknown): Promise<unknown> {
  switch (cmd) {
    case 'reconcile': {
      const { forgeDoc } = data as { forgeDoc: ForgeNode };
      host.root = forgeDoc;
      host.docs.push(serialise(forgeDoc));
      return undefined;
    }
    case 'invoke':
      return invoke(data as { functionKey: string; payload: unknown });
    case 'getContext':
      return CONTEXT;
    case 'on':
      return { unsubscribe: () => undefined };
    case 'showFlag':
      host.flags.push(data as (typeof host.flags)[number]);
      return undefined;
    case 'subscribeRealtimeChannel':
      return realtimeHost.subscribe?.(data as RealtimeCall);
    default:
      return undefined;
  }
}

// @forge/bridge reads globalThis.__bridge, the reconciler self.__bridge: both must be the stub.
Object.assign(globalThis, {
  self: globalThis,
  __bridge: { callBridge },
  IS_REACT_ACT_ENVIRONMENT: true,
});

// ---------------------------------------------------------------------------------------------
// Routing invoke()

/** Jira as the admin guard asks it: ADMINISTER for the listed accounts only. */
export function jiraDouble(admins: string[]): ProductDouble {
  return (req) => {
    if (!req.path.startsWith('/rest/api/3/mypermissions')) {
      return { status: 404, body: { errorMessages: ['not served by this double'] } };
    }
    const havePermission = req.asUser !== null && admins.includes(req.asUser);
    return {
      status: 200,
      body: { permissions: { ADMINISTER: { key: 'ADMINISTER', havePermission } } },
    };
  };
}

/** The app's real handlers on the local runtime, Jira answering that ADMIN is an admin. */
export function startAdminApp(servers: { url: string }[] = []): Promise<LocalForge> {
  return LocalForge.start({
    appDir: APP_DIR,
    loadHandlers: appHandlers(),
    extraEgress: servers.map((s) => s.url),
    product: jiraDouble([ADMIN]),
  });
}

/** invoke() goes to the admin page's resolver function, called as `accountId`. */
export function routeTo(forge: LocalForge, accountId: string | null = ADMIN): void {
  const module = forge.manifest.resolverModules.find((m) => m.moduleType === 'jira:adminPage');
  if (!module) throw new Error('manifest.yml has no jira:adminPage with a resolver');
  host.route = (functionKey, payload) =>
    forge.invokeResolver(module.functionKey, { call: { functionKey, payload } }, { accountId });
}

/** invoke() goes wherever the test says, e.g. a transport that fails. */
export function routeWith(route: Route): void {
  host.route = route;
}

// ---------------------------------------------------------------------------------------------
// Rendering

let show: ((element: ReactNode) => void) | null = null;

function Screen({ initial }: { initial: ReactNode }) {
  const [element, setElement] = useState<ReactNode>(initial);
  show = setElement;
  return createElement(Fragment, null, element);
}

/**
 * Waits until every invoke has answered and React has committed what followed, including
 * invokes started by those commits.
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 100; round++) {
    await act(async () => {
      await Promise.allSettled([...host.pending]);
      await new Promise((resolve) => setImmediate(resolve));
    });
    if (host.pending.size === 0) return;
  }
  throw new Error('the page never stopped calling resolvers');
}

/**
 * Mounts `element` afresh (one reconciler root serves every test). It does not wait for the
 * resolvers: what shows while they answer can be asserted before settle().
 */
export async function render(element: ReactElement): Promise<void> {
  await unmount();
  host.docs = [];
  host.invocations = [];
  if (show) {
    const set = show;
    await act(async () => set(element));
  } else {
    const { default: ForgeReconciler } = await import('@forge/react');
    await act(async () => ForgeReconciler.render(createElement(Screen, { initial: element })));
  }
}

export async function unmount(): Promise<void> {
  const set = show;
  if (set) await act(async () => set(null));
  await settle();
}

/** What the page shows now; a stub like Atlassian's own test bridge sees it. */
export function screen(): ForgeNode {
  if (!host.root) throw new Error('nothing rendered yet');
  return host.root;
}

/** Every ForgeDoc sent since render(), serialised, functions left out. */
export function sentDocs(): readonly string[] {
  return host.docs;
}

/** Every resolver call since render(), with the answer it got. */
/** The titles of the flags shown so far, oldest first. */
export function flagTitles(): string[] {
  return host.flags.map((f) => f.title ?? '');
}

export function invocations(): readonly InvokeRecord[] {
  return host.invocations;
}

// ---------------------------------------------------------------------------------------------
// Queries

export type Predicate = (node: ForgeNode) => boolean;

export function findAll(predicate: Predicate, within: ForgeNode = screen()): ForgeNode[] {
  const found: ForgeNode[] = [];
  const walk = (node: ForgeNode) => {
    if (predicate(node)) found.push(node);
    node.children.forEach(walk);
  };
  walk(within);
  return found;
}

export function query(predicate: Predicate, within?: ForgeNode): ForgeNode | undefined {
  return findAll(predicate, within)[0];
}

/** The first match; failing, the error shows the page as text to say what was there instead. */
export function find(predicate: Predicate, within?: ForgeNode): ForgeNode {
  const node = query(predicate, within);
  if (!node) throw new Error(`not on the page. The page reads:\n${textOf(within ?? screen())}`);
  return node;
}

/** The text a node shows: adjacent text chunks joined, elements apart by a space. */
export function textOf(node: ForgeNode): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  // An icon reads as its label, as assistive tech reads it: it may be all a button says.
  if (node.type === 'Icon') return String(node.props.label ?? '');
  const parts = node.children.map((c) => (c.type === 'String' ? textOf(c) : ` ${textOf(c)} `));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

export const byType =
  (type: string): Predicate =>
  (n) =>
    n.type === type;

/** A node of `type` whose text contains `text`. */
export const withText =
  (type: string, text: string | RegExp): Predicate =>
  (n) =>
    n.type === type && (typeof text === 'string' ? textOf(n).includes(text) : text.test(textOf(n)));

/** Button or LoadingButton labelled exactly `label`. */
export const button =
  (label: string): Predicate =>
  (n) =>
    (n.type === 'Button' || n.type === 'LoadingButton') && textOf(n) === label;

/** A form control by its `name` prop. */
export const field =
  (name: string): Predicate =>
  (n) =>
    n.props.name === name && n.type !== 'String';

/** The DynamicTable's rows, in the order given to the table. */
export function tableRows(table: ForgeNode): ForgeNode[] {
  return findAll(byType('Row'), table);
}

export function cellTexts(row: ForgeNode): string[] {
  return findAll(byType('Cell'), row).map(textOf);
}

/** The integrations table's row whose name cell starts with `name`. */
export function rowNamed(name: string): ForgeNode {
  const rows = tableRows(find(byType('DynamicTable')));
  const row = rows.find((r) => cellTexts(r)[0]?.startsWith(name));
  if (!row) {
    const names = rows.map((r) => cellTexts(r)[0]).join(' | ');
    throw new Error(`no row for ${name}; rows: ${names}`);
  }
  return row;
}

/** Opens an integration's detail by the name button of its row: answers the dialog. */
export async function openDetail(name: string): Promise<ForgeNode> {
  await press(find(button(name), rowNamed(name)));
  return find(byType('Modal'));
}

// ---------------------------------------------------------------------------------------------
// Acting on the page: calls the handler the reconciler stored, as the product host does.

function handler(node: ForgeNode, prop: string): (...args: unknown[]) => unknown {
  const fn = node.props[prop];
  if (typeof fn !== 'function') throw new Error(`${node.type} has no ${prop} handler`);
  return fn as (...args: unknown[]) => unknown;
}

/** Calls any handler prop inside act, then lets the page settle. */
export async function fire(node: ForgeNode, prop: string, ...args: unknown[]): Promise<void> {
  if (node.props.isDisabled === true) throw new Error(`${node.type} "${textOf(node)}" is disabled`);
  await act(async () => {
    await handler(node, prop)(...args);
  });
  await settle();
}

/** Presses a button. The host's click argument is undocumented; the page's handlers take none. */
export function press(node: ForgeNode): Promise<void> {
  return fire(node, 'onClick');
}

/** Submits a Form, as pressing its submit button does. */
export function submit(form: ForgeNode): Promise<void> {
  return fire(form, 'onSubmit');
}

/** Types into a Textfield: its onChange gets an event like the host's SerialisableEvent. */
export function type(node: ForgeNode, value: string): Promise<void> {
  const inputType = typeof node.props.type === 'string' ? node.props.type : 'text';
  return fire(node, 'onChange', { target: { type: inputType, value } });
}

/** Chooses the option of a Select whose value is `value`; null clears it. */
export function choose(node: ForgeNode, value: string | null): Promise<void> {
  const options = (node.props.options ?? []) as { value: unknown }[];
  const option = value === null ? null : options.find((o) => o.value === value);
  if (option === undefined) throw new Error(`no option "${value}" in ${String(node.props.name)}`);
  return fire(node, 'onChange', option);
}

/** Sets a DatePicker, whose onChange gets the date as YYYY-MM-DD. */
export function pickDate(node: ForgeNode, date: string): Promise<void> {
  return fire(node, 'onChange', date);
}

/** Opens the tab labelled `label`: Tabs' onChange gets the tab's index. */
export function selectTab(label: string): Promise<void> {
  const tabs = find(byType('Tabs'));
  const index = findAll(byType('Tab'), tabs).findIndex((t) => textOf(t) === label);
  if (index < 0) throw new Error(`no tab "${label}"`);
  return fire(tabs, 'onChange', index);
}

/** A table row's "⋯" menu button, named "Actions for <its name>". */
const rowMenu: Predicate = (n) => button(textOf(n))(n) && textOf(n).startsWith('Actions for ');

/** Opens a table row's "⋯" menu and presses its item `label`; `row` finds the row afresh. */
export async function pressRowAction(row: () => ForgeNode, label: string): Promise<void> {
  await press(find(rowMenu, row()));
  await press(find(button(label), row()));
}
