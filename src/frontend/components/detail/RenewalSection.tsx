import React from 'react';
import { CodeBlock, Heading, Link, Stack, Text } from '@forge/react';
import type { RenewalGuide } from '../../../resolvers/contract';

/** How to replace the credential, steps numbered and copyable, the integration's URLs filled in. */
export function RenewalSection({ guide }: { guide: RenewalGuide }) {
  const steps = guide.steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
  return (
    <Stack space="space.100">
      <Heading size="small">{guide.title}</Heading>
      <CodeBlock language="text" text={steps} shouldWrapLongLines />
      {guide.maxLifetime && <Text>How long a new one may live: {guide.maxLifetime}.</Text>}
      {guide.links.map((link) => (
        <Link key={link.url} href={link.url} openNewTab>
          {link.label}
        </Link>
      ))}
    </Stack>
  );
}
