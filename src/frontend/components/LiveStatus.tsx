import React, { useEffect, useState } from 'react';
import { Text } from '@forge/react';
import type { LiveStatus as Status } from '../hooks/useLive';

/** Seconds for the first minute, so the line visibly ticks; then minutes. */
export function updatedAgo(updatedAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  if (seconds < 60) return `Updated ${seconds} s ago`;
  return `Updated ${Math.floor(seconds / 60)} min ago`;
}

/**
 * "Updated N s ago" beside the tabs, ticking each second; a failed poll adds one quiet sentence
 * and the data shown stays. Its own state, so a tick re-renders only this line.
 */
export function LiveStatus({ status }: { status: Status }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (status.updatedAt === null) return null;
  const line = updatedAgo(status.updatedAt, Math.max(now, status.updatedAt));
  return (
    <Text size="small">
      {status.failed
        ? `${line}. Checking for changes failed just now; trying again soon.`
        : `${line}.`}
    </Text>
  );
}
