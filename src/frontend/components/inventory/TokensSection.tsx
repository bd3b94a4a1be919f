import React, { useState } from 'react';
import { Button, EmptyState, Inline, Stack, Text } from '@forge/react';
import type { TokenFlag } from '../../../domain/inventory';
import type { InventorySyncView, OrgTokenFilter, OrgTokenPage } from '../../../resolvers/contract';
import { api } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { CsvDialog } from './CsvDialog';
import { FlagCounts } from './FlagCounts';
import { TokenFilters } from './TokenFilters';
import { TokensTable } from './TokensTable';

/** The inventory's tokens: counts, filters, one page of the table, and the CSV export. */
export function TokensSection({ sync }: { sync: InventorySyncView }) {
  const [filter, setFilter] = useState<OrgTokenFilter>({});
  const [offset, setOffset] = useState(0);
  const [exporting, setExporting] = useState(false);
  // A finished sync changes these, so the table follows it without a reload of the tab.
  const key = JSON.stringify([filter, offset, sync.lastSyncAt, sync.tokens]);
  const page = useLoad(() => api.listOrgTokens(filter, offset), key);
  const change = (next: OrgTokenFilter) => {
    setFilter(next);
    setOffset(0);
  };
  const pick = (flag: TokenFlag | 'all') =>
    change({ ...filter, flags: flag === 'all' ? [] : [flag] });

  if (page.result.state === 'failed') {
    const { error } = page.result;
    // The filters stay, so a refused one (an owner too long) can be fixed where it was typed.
    return (
      <Stack space="space.200">
        <TokenFilters filter={filter} onChange={change} />
        <ErrorNotice
          error={error}
          extra={Object.values(error.fields ?? {})}
          onRetry={() => void page.reload()}
        />
      </Stack>
    );
  }
  return (
    <Stack space="space.200">
      {page.result.state === 'ready' && (
        <FlagCounts counts={page.result.data.counts} active={filter.flags ?? []} onPick={pick} />
      )}
      <Inline spread="space-between" alignBlock="end">
        <TokenFilters filter={filter} onChange={change} />
        <Button onClick={() => setExporting(true)}>Export CSV</Button>
      </Inline>
      {page.result.state === 'loading' ? (
        <Loading label="Loading tokens" />
      ) : (
        <Tokens page={page.result.data} offset={offset} onOffset={setOffset} />
      )}
      {exporting && <CsvDialog filter={filter} onClose={() => setExporting(false)} />}
    </Stack>
  );
}

interface TokensProps {
  page: OrgTokenPage;
  offset: number;
  onOffset: (offset: number) => void;
}

function Tokens({ page, offset, onOffset }: TokensProps) {
  if (page.counts.all === 0) {
    return (
      <EmptyState
        header="No tokens yet"
        description="The organisation's tokens show here after a sync."
      />
    );
  }
  if (page.rows.length === 0) return <Text>No token matches these filters.</Text>;
  const last = offset + page.rows.length;
  return (
    <Stack space="space.100">
      <TokensTable rows={page.rows} />
      <Inline space="space.100" alignBlock="center">
        <Text>
          Tokens {offset + 1}–{last} of {page.total}
        </Text>
        <Button
          isDisabled={offset === 0}
          onClick={() => onOffset(Math.max(0, offset - page.pageSize))}
        >
          Previous
        </Button>
        <Button isDisabled={last >= page.total} onClick={() => onOffset(last)}>
          Next
        </Button>
      </Inline>
    </Stack>
  );
}
