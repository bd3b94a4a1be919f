import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { bearerOf, pathOf, sendHtml, sendJson } from './http';
import { oktaMetadata } from './saml-metadata';
import { makeCertificate, type MadeCertificate } from './x509';
import type { DemoFamily, DemoRequest, TenantSpec, TenantState } from './types';

const OKTA_APP = '0oa9demoAtlassianCloud';
const METADATA = `/app/${OKTA_APP}/sso/saml/metadata`;
const DIRECTORY = '3f6b2a1c-demo-4d5e-9f8a-acme0000scim';
const SCIM_KEY = 'ATCTT3xFfGN0-demo-scim-directory-key-0001';

let published: MadeCertificate[] | undefined;
/**
 * The current certificate ends in 12 days and its successor is already published, as Okta lists
 * a new certificate next to the active one (help.okta.com, "Manage signing certificates").
 * Made once, from the (simulated) clock, so they count down with it.
 */
function certificates(): MadeCertificate[] {
  published ??= [
    makeCertificate({
      subject: 'acme-next',
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(3 * 365),
    }),
    makeCertificate({
      subject: 'acme',
      notBefore: daysFromNow(3 * 365 - 12),
      notAfter: daysFromNow(12),
    }),
  ];
  return published;
}

/** Revoked: the app is gone and Okta answers with its sign-in page instead of metadata. */
function serveMetadata(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (pathOf(req) !== METADATA) return sendHtml(res, 404, '<html><title>Not Found</title></html>');
  if (state.revoked) return sendHtml(res, 200, '<!DOCTYPE html><title>Sign In</title>');
  res.writeHead(200, { 'Content-Type': 'application/xml;charset=UTF-8' });
  res.end(
    oktaMetadata(
      'acme',
      OKTA_APP,
      certificates().map((c) => ({ base64: c.base64 })),
    ),
  );
}

/** An Okta-style identity provider's app metadata: no secret, a certificate about to roll over. */
export const samlTenant: TenantSpec = {
  slug: 'okta-sso',
  title: 'Okta SSO signing certificate',
  expect: 'expiring',
  story:
    'the SAML signing certificate in the IdP metadata: ends in 12 days, its successor already published',
  serve: serveMetadata,
  integration: (base) => ({
    config: {
      kind: 'saml-idp-certificate',
      name: 'Okta SSO signing certificate',
      metadataUrl: `${base}${METADATA}`,
    },
    secret: '',
  }),
};

/**
 * Atlassian's user provisioning API for one directory: Bearer key, RFC 7644 ListResponse
 * (developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/); a revoked (regenerated)
 * key gets 401.
 */
function serveScim(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (req.method !== 'GET') return sendJson(res, 405, { status: '405' });
  if (pathOf(req) !== `/scim/directory/${DIRECTORY}/Users`) {
    return sendJson(res, 404, { status: '404', detail: 'Resource not found' });
  }
  if (state.revoked || bearerOf(req) !== SCIM_KEY) {
    return sendJson(res, 401, {
      error: `Not authorized to access : scim/directory/${DIRECTORY}/Users`,
    });
  }
  res.writeHead(200, { 'Content-Type': 'application/scim+json;charset=UTF-8' });
  res.end(
    JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 42,
      itemsPerPage: 1,
      startIndex: 1,
      Resources: [{ id: 'scim-user-1', userName: 'ana@acme.example', active: true }],
    }),
  );
}

/** The SCIM provisioning key: a year's life since January 2025, its end typed from the directory page. */
export const scimTenant: TenantSpec = {
  slug: 'okta-provisioning',
  title: 'Okta provisioning (SCIM key)',
  expect: 'healthy',
  story:
    'the SCIM API key user provisioning runs on: proved by a read of one user, the expiry entered at save',
  serve: serveScim,
  integration: (base) => ({
    config: {
      kind: 'scim-directory-key',
      name: 'Okta provisioning (SCIM key)',
      baseUrl: `${base}/scim/directory/${DIRECTORY}`,
      expiresAt: daysFromNow(200).toISOString(),
    },
    secret: SCIM_KEY,
  }),
};

export const identityProvider = (): DemoFamily => ({
  name: 'Identity provider',
  tenants: [samlTenant, scimTenant],
});
