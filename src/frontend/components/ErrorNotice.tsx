import React from 'react';
import { Button, CodeBlock, SectionMessage, Stack, Text } from '@forge/react';
import { FIX_FIELDS, fixFieldsTitle } from '../../domain/form-words';
import type { ErrorCode, ResolverError } from '../../resolvers/contract';

const TITLE: Record<ErrorCode, string> = {
  FORBIDDEN: 'Not allowed',
  BAD_INPUT: 'Some fields need fixing',
  NOT_FOUND: 'Not found',
  EGRESS_NOT_DECLARED: 'Token Health may not reach this host yet',
  UNAVAILABLE: 'Could not reach Token Health',
  INTERNAL: 'Something went wrong',
};

/** Manifest lines in a message (EGRESS_NOT_DECLARED) go in a copyable block. */
const MANIFEST_LINE = /^\s*- address:/;

interface Props {
  error: ResolverError;
  title?: string;
  onRetry?: () => void;
  /** Field errors no input on screen shows: listed here so none is lost. */
  extra?: string[];
}

/** Field errors are shown next to their fields: the title counts them, once, in its own words. */
function titleOf(error: ResolverError, title: string | undefined): string {
  const count = Object.keys(error.fields ?? {}).length;
  if (title) return title;
  return error.code === 'BAD_INPUT' && count > 0 ? fixFieldsTitle(count) : TITLE[error.code];
}

/** An error envelope, in the words the resolver chose; never a raw exception. */
export function ErrorNotice({ error, title, onRetry, extra = [] }: Props) {
  const lines = error.message
    .split('\n')
    .filter((l) => l.trim() !== '' && !(error.code === 'BAD_INPUT' && l.trim() === FIX_FIELDS));
  const manifest = lines.filter((l) => MANIFEST_LINE.test(l));
  const prose = lines.filter((l) => !MANIFEST_LINE.test(l));
  return (
    <SectionMessage appearance="error" title={titleOf(error, title)}>
      <Stack space="space.100">
        {prose.map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
        {manifest.length > 0 && <CodeBlock language="yaml" text={manifest.join('\n')} />}
        {extra.map((line) => (
          <Text key={line}>{line}</Text>
        ))}
        {onRetry && <Button onClick={onRetry}>Try again</Button>}
      </Stack>
    </SectionMessage>
  );
}
