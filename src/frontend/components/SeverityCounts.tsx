import React from 'react';
import { Badge, Inline, Lozenge } from '@forge/react';
import type { Severity } from '../../domain/verdict';
import { SEVERITY_APPEARANCE, SEVERITY_LABEL, SEVERITY_ORDER } from '../format';

export function SeverityCounts({ counts }: { counts: Record<Severity, number> }) {
  return (
    <Inline space="space.200" alignBlock="center">
      {SEVERITY_ORDER.map((severity) => (
        <Inline key={severity} space="space.050" alignBlock="center">
          <Lozenge appearance={SEVERITY_APPEARANCE[severity]}>{SEVERITY_LABEL[severity]}</Lozenge>
          <Badge
            appearance={severity === 'critical' && counts[severity] > 0 ? 'removed' : 'default'}
          >
            {counts[severity]}
          </Badge>
        </Inline>
      ))}
    </Inline>
  );
}
