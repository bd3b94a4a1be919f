import React, { useState } from 'react';
import { LoadingButton, SectionMessage, Stack, Text } from '@forge/react';
import type { ResolverError } from '../../../resolvers/contract';
import { api } from '../../api';
import { ErrorNotice } from '../ErrorNotice';

interface Props {
  siteUrl: string;
  /** The id found for the site: the form moves the token to the gateway with it. */
  onFound: (cloudId: string) => void;
}

/**
 * For an API token with scopes: such a token works only through api.atlassian.com, addressed by
 * the site's cloud id, which the site tells anyone at /_edge/tenant_info.
 */
export function CloudIdFinder({ siteUrl, onFound }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [found, setFound] = useState<string | null>(null);

  const find = async () => {
    setBusy(true);
    setError(null);
    setFound(null);
    const answer = await api.findCloudId(siteUrl.trim());
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setFound(`${siteUrl.trim()} has cloud id ${answer.data.cloudId}`);
    onFound(answer.data.cloudId);
  };

  return (
    <Stack space="space.100">
      <LoadingButton isLoading={busy} isDisabled={!siteUrl.trim() || busy} onClick={find}>
        Find cloud id
      </LoadingButton>
      {error && <ErrorNotice error={error} title="Cloud id not found" />}
      {found && (
        <SectionMessage appearance="information" title="Cloud id filled in">
          <Text>
            {found}. A token with scopes is checked through api.atlassian.com with it, so the site
            URL was cleared; put it back and clear the cloud id for a classic token.
          </Text>
        </SectionMessage>
      )}
    </Stack>
  );
}
