// The local Forge platform: runs an app's real handlers with the unmodified Forge SDKs.
// Importing this module installs the platform globals (see platform.ts), so import it first.
import './platform';

export { ManualClock, systemClock, type Clock } from './clock';
export { LocalForge, type LocalForgeOptions, type ResolverInvocation } from './local-forge';
export { InvocationTimeoutError, type InvocationRecord } from './invoker';
export type { KvsInspector, QueueInspector } from './inspectors';
export type { KvsFault, RateLimit } from './kvs/faults';
export type { KvsOptions, KvsRequestRecord } from './kvs/service';
export type { DrainOptions, DrainReport } from './queue/drain';
export type { QueueOptions } from './queue/service';
export type { FailedEvent, JobStats, QueuedEvent, RetryContext } from './queue/events';
export type { ProductDouble, ProductRequest, ProductResponse, ProductName } from './product';
export type { AppManifest } from './manifest';
export type { RealtimeEvent, RealtimeListener, RealtimeService } from './realtime';
