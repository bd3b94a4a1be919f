import React from 'react';
import { Badge, Button, Inline } from '@forge/react';
import type { TokenFlag } from '../../../domain/inventory';
import type { FlagCounts as Counts } from '../../../resolvers/contract';
import { FLAG_LABEL, FLAGS } from './labels';

interface Props {
  counts: Counts;
  /** The flags filtered on now: a lone one shows its button as selected. */
  active: TokenFlag[];
  onPick: (flag: TokenFlag | 'all') => void;
}

/** One button per flag, with its count over the whole inventory beside it; pressing filters. */
export function FlagCounts({ counts, active, onPick }: Props) {
  const picked = active.length === 1 ? active[0] : active.length === 0 ? 'all' : null;
  const entries: [TokenFlag | 'all', string][] = [
    ['all', 'All'],
    ...FLAGS.map((f): [TokenFlag, string] => [f, FLAG_LABEL[f]]),
  ];
  return (
    <Inline space="space.100" shouldWrap>
      {entries.map(([flag, label]) => (
        <Inline key={flag} space="space.050" alignBlock="center">
          <Button appearance={picked === flag ? 'primary' : 'subtle'} onClick={() => onPick(flag)}>
            {label}
          </Button>
          <Badge>{counts[flag]}</Badge>
        </Inline>
      ))}
    </Inline>
  );
}
