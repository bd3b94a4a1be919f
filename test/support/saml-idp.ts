import type { ServerResponse } from 'node:http';
import { entraMetadata, oktaMetadata, type PublishedCert } from '../../local/demo/saml-metadata';
import { makeCertificate, type MadeCertificate } from '../../local/demo/x509';
import { NOW } from './probe';
import { sendHtml, sendJson, startServer, type TestServer } from './server';

export const TENANT = 'contoso.onmicrosoft.com';
export const ENTRA_APP = '0b9d1c3e-5f7a-4c2b-9e8d-7a6b5c4d3e2f';
export const OKTA_APP = '0oa1b2c3d4E5F6g7H8i9';
export const ENTRA_PATH = `/${TENANT}/federationmetadata/2007-06/federationmetadata.xml`;
export const OKTA_PATH = `/app/${OKTA_APP}/sso/saml/metadata`;

const DAY = 86_400_000;

/**
 * A certificate valid from `from` to `to` days around a clock: the probe tests' NOW, or, for
 * tests through the local runtime, the (possibly faked) system clock. Never fixed dates.
 */
export function certAround(
  subject: string,
  from: number,
  to: number,
  clock: Date = NOW,
): MadeCertificate {
  return makeCertificate({
    subject,
    notBefore: new Date(clock.getTime() + from * DAY),
    notAfter: new Date(clock.getTime() + to * DAY),
  });
}

export type IdpAnswer =
  'metadata' | 'bom' | 'sign-in page' | 'json' | 'doctype' | '503' | 'redirect';

export interface SamlIdpDouble extends TestServer {
  /** What Entra serves for the application (`?appid=`), and what Okta serves. */
  appCerts: PublishedCert[];
  /** What Entra serves without `?appid=`: the tenant's own keys, not the application's. */
  tenantCerts: PublishedCert[];
  answer: IdpAnswer;
}

/** Behaviours of identity providers' metadata endpoints; sources in local/demo/saml-metadata.ts. */
export async function startSamlIdp(): Promise<SamlIdpDouble> {
  const tenantKey = certAround('accounts.accesscontrol.windows.net', -200, 800);
  const metadataSigner = certAround('metadata signer', -30, -1);
  // The handler reads the double itself, so a test's changes apply to the next request.
  const state: Omit<SamlIdpDouble, keyof TestServer> = {
    appCerts: [],
    tenantCerts: [{ base64: tenantKey.base64 }],
    answer: 'metadata',
  };
  const xml = (res: ServerResponse, body: string) => {
    res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' });
    res.end(body);
  };
  const server = await startServer((req, res) => {
    const url = new URL(req.path, 'http://idp.local');
    switch (state.answer) {
      case '503':
        return sendHtml(res, 503, '<html><body>Service Unavailable</body></html>');
      case 'redirect':
        res.writeHead(302, { Location: '/login?fromURI=%2Fapp' });
        res.end();
        return;
      case 'sign-in page':
        // An IdP's sign-in page, as a session-protected URL answers a browser-less client.
        return sendHtml(res, 200, '<!DOCTYPE html><html><title>Sign in</title></html>');
      case 'json':
        return sendJson(res, 200, { keys: [{ kty: 'RSA', kid: 'abc' }] });
      default:
    }
    let body: string | null = null;
    if (url.pathname === ENTRA_PATH) {
      const forApp = url.searchParams.get('appid') === ENTRA_APP;
      body = entraMetadata(
        TENANT,
        forApp ? state.appCerts : state.tenantCerts,
        metadataSigner.base64,
      );
    } else if (url.pathname === OKTA_PATH) {
      body = oktaMetadata('acme', OKTA_APP, state.appCerts);
    }
    if (body === null) return sendHtml(res, 404, '<html><title>Not Found</title></html>');
    if (state.answer === 'bom') return xml(res, `\uFEFF${body}`);
    if (state.answer === 'doctype') {
      const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>';
      return xml(res, body.replace('?>', `?>${bomb}`));
    }
    return xml(res, body);
  });
  return Object.assign(state, server);
}
