import { storeMany, type StoreOutcome, type StoreRequest } from './check-one';
import { STORE_BATCH, STORE_LINGER_MS } from './limits';

interface Waiting {
  request: StoreRequest;
  resolve: (outcome: StoreOutcome) => void;
  reject: (reason: unknown) => void;
}

/**
 * Stores the checks of one consumer in groups: results that finish while others are still on
 * their way wait for them (up to STORE_LINGER_MS, or until a group is full), so they share the
 * batch reads and writes of storeMany and storing costs a fraction of a KVS request per check
 * instead of three. The last result of a consumer is stored at once: nothing else will join it.
 */
export class StoreQueue {
  private readonly waiting: Waiting[] = [];
  private flushing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `othersComing`: whether checks still running or not yet started may join a group. */
  constructor(private readonly othersComing: () => boolean) {}

  store(request: StoreRequest): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.kick();
    });
  }

  /** Looks again whether to store now: call it when a check ends with nothing to store. */
  kick(): void {
    if (this.flushing || this.waiting.length === 0) return;
    if (this.waiting.length >= STORE_BATCH || !this.othersComing()) {
      void this.flush();
    } else {
      this.timer ??= setTimeout(() => void this.flush(), STORE_LINGER_MS);
    }
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = true;
    try {
      while (this.waiting.length > 0) await this.storeGroup(this.waiting.splice(0, STORE_BATCH));
    } finally {
      this.flushing = false;
    }
    this.kick();
  }
  private async storeGroup(group: Waiting[]): Promise<void> {
    try {
      const settled = await storeMany(group.map((w) => w.request));
      group.forEach((w, i) => {
        const outcome = settled[i];
        if (outcome?.status === 'fulfilled') w.resolve(outcome.value);
        else w.reject(outcome?.reason);
      });
    } catch (err) {
      group.forEach((w) => w.reject(err));
    }
  }
}
