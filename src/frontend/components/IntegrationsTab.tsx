import React, { useState } from 'react';
import { Button, EmptyState, Inline, Spinner, Stack, Text } from '@forge/react';
import type { IntegrationSummary, Overview } from '../../resolvers/contract';
import { api } from '../api';
import { loadOverview, overviewCost } from '../overview-pages';
import { formatTime } from '../format';
import { useDates } from '../hooks/useDates';
import { useAction } from '../hooks/useAction';
import { useFocusReturn, type FocusTarget } from '../hooks/useFocusReturn';
import { useLiveView } from '../hooks/useLive';
import { useLoad } from '../hooks/useLoad';
import { AttentionBanner } from './AttentionBanner';
import { StoppedBanner } from './StoppedBanner';
import { ErrorNotice } from './ErrorNotice';
import { applyFilters, FilterBar, NO_FILTERS, type Filters } from './FilterBar';
import { IntegrationDialog, type Dialog } from './IntegrationDialog';
import { IntegrationsTable } from './IntegrationsTable';
import { Loading } from './Loading';
import type { RowAction } from './RowActions';
import { SeverityCounts } from './SeverityCounts';
import { flagSuccess } from '../flags';

function kindsInUse(rows: IntegrationSummary[]) {
  return [...new Set(rows.map((r) => r.kind))].sort();
}

export function IntegrationsTab() {
  const overview = useLoad<Overview>((show) => loadOverview(api.getOverview, show), 'overview');
  const rows = overview.result.state === 'ready' ? overview.result.data.integrations.length : 0;
  useLiveView('integrations', overview.refresh, { cost: overviewCost(rows) });
  const action = useAction();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const focus = useFocusReturn();

  if (overview.result.state === 'loading') return <Loading label="Loading integrations" />;
  if (overview.result.state === 'failed') {
    return <ErrorNotice error={overview.result.error} onRetry={() => void overview.reload()} />;
  }

  const onAction = (what: RowAction, row: IntegrationSummary) => {
    if (what === 'check') {
      void action.run(
        `check:${row.id}`,
        () => api.checkNow(row.id),
        (checked) => {
          flagSuccess(`Checked ${row.name}`, `Verdict: ${checked.verdict ?? 'not known yet'}.`);
          return overview.reload();
        },
      );
    } else if (what === 'pause' || what === 'resume') {
      void action.run(
        `pause:${row.id}`,
        () => api.setPaused(row.id, what === 'pause'),
        () => {
          flagSuccess(`${what === 'pause' ? 'Paused' : 'Resumed'} ${row.name}`);
          return overview.reload();
        },
      );
    } else if (what === 'delete') {
      setDialog({ type: 'delete', row });
    } else {
      setDialog({ type: what, id: row.id });
    }
  };
  const closeDialog = () => {
    setDialog(null);
    focus.back();
  };
  const done = async () => {
    closeDialog();
    await overview.reload();
  };
  const add = () => setDialog({ type: 'add' });
  const onRowAction = (what: RowAction, row: IntegrationSummary) => {
    focus.leave(row.id);
    onAction(what, row);
    if (what === 'check' || what === 'pause' || what === 'resume') focus.back();
  };

  return (
    <Stack space="space.200">
      {action.error && <ErrorNotice error={action.error} />}
      <Content
        overview={overview.result.data}
        filters={filters}
        busy={action.busy}
        onAction={onAction}
        onRowAction={onRowAction}
        refocus={focus.target}
        onFilter={setFilters}
        onAdd={add}
      />
      <IntegrationDialog
        dialog={dialog}
        onClose={closeDialog}
        onDone={done}
        onChanged={overview.reload}
        onEdit={(id) => setDialog({ type: 'edit', id })}
      />
    </Stack>
  );
}

interface ContentProps {
  overview: Overview;
  filters: Filters;
  busy: string | null;
  onAction: (what: RowAction, row: IntegrationSummary) => void;
  /** A choice in a row's menu: focus then returns to that menu's button. */
  onRowAction: (what: RowAction, row: IntegrationSummary) => void;
  refocus: FocusTarget | null;
  onFilter: (filters: Filters) => void;
  onAdd: () => void;
}

function Content({ overview, filters, busy, refocus, ...on }: ContentProps) {
  const dates = useDates();
  const { now } = dates;
  const rows = overview.integrations;
  const addButton = (
    <Button appearance="primary" onClick={on.onAdd}>
      Add integration
    </Button>
  );
  if (rows.length === 0) {
    // The button stays out of EmptyState's props: only children reach the host as ForgeDoc.
    return (
      <Stack space="space.200" alignInline="center">
        <EmptyState
          header="No integrations yet"
          description="Add the credentials your integrations depend on: Token Health checks them on a schedule and warns before they stop working."
        />
        {addButton}
      </Stack>
    );
  }
  const shown = applyFilters(rows, filters);
  return (
    <Stack space="space.200">
      <StoppedBanner stopped={overview.sweep.stopped} />
      <AttentionBanner rows={rows} now={now} onAction={on.onAction} />
      <Inline spread="space-between" alignBlock="center">
        <SeverityCounts counts={overview.counts} />
        {addButton}
      </Inline>
      <Text size="small">
        Last scheduled sweep: {formatTime(overview.sweep.lastRunAt, dates, 'never')}.
      </Text>
      <FilterBar filters={filters} kinds={kindsInUse(rows)} onChange={on.onFilter} />
      {overview.next !== null && <MoreLoading shown={rows.length} />}
      {shown.length === 0 ? (
        <Text>No integration matches these filters.</Text>
      ) : (
        <IntegrationsTable
          rows={shown}
          busy={busy}
          now={now}
          onAction={on.onAction}
          onMenuAction={on.onRowAction}
          refocus={refocus}
        />
      )}
    </Stack>
  );
}

/** The first answers' rows are drawn while the rest arrive; counts and filters cover those so far. */
function MoreLoading({ shown }: { shown: number }) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Spinner size="small" label="Loading more integrations" />
      <Text>Loading more integrations: {shown} shown so far.</Text>
    </Inline>
  );
}
