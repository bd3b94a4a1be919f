import { bearerToken, sendHtml, sendJson, startServer, type TestServer } from './server';

export const DIRECTORY = '8f2c1a9e-4b3d-4e5f-a6b7-c8d9e0f1a2b3';
export const SCIM_KEY = 'ATCTT3xFfGN0-scim-Qm7Zr2Kx9Vb4Tn8W-key';

export type ScimAnswer = 'list' | 'html' | 'rate-limited';

export interface ScimDirectoryDouble extends TestServer {
  /** The key Atlassian accepts for DIRECTORY; any other gets `refusal`. */
  key: string;
  /** Atlassian answers a key it does not accept with either. */
  refusal: 401 | 403;
  answer: ScimAnswer;
}

/** RFC 7644 §3.4.2: a query's answer, with the SCIM media type of RFC 7644 §8.1. */
function listResponse() {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 1,
    itemsPerPage: 1,
    startIndex: 1,
    Resources: [
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: 'scim-user-1',
        userName: 'ana@acme.example',
        active: true,
      },
    ],
  };
}

/**
 * Atlassian's user provisioning API for one directory
 * (developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/): the key as a Bearer
 * token, resources under /scim/directory/{directoryId}. Any method but GET is answered 405 and
 * recorded, so a test sees a probe that tried to write.
 */
export async function startScimDirectory(): Promise<ScimDirectoryDouble> {
  const state: Omit<ScimDirectoryDouble, keyof TestServer> = {
    key: SCIM_KEY,
    refusal: 401,
    answer: 'list',
  };
  const server = await startServer((req, res) => {
    if (req.method !== 'GET') return sendJson(res, 405, { status: '405' });
    const url = new URL(req.path, 'http://scim.local');
    if (state.answer === 'html') {
      // A proxy or a sign-in page in front of the API.
      return sendHtml(res, 200, '<!DOCTYPE html><html><title>Log in</title></html>');
    }
    if (state.answer === 'rate-limited') {
      return sendJson(res, 429, { status: '429' }, { 'Retry-After': '60' });
    }
    if (bearerToken(req) !== state.key) {
      // An invalid key: 401, or 403 Forbidden (support.okta.com, "Atlassian Cloud API Integration
      // error … Forbidden"); a key of another kind gets this body (support.okta.com, "How to get
      // the API Key and Directory ID needed to authorize the Atlassian Admin Workflows Connector").
      const error = `Not authorized to access : scim/directory/${DIRECTORY}/Users`;
      return sendJson(res, state.refusal, { error, traceId: 'e40ee97f819a2465' });
    }
    if (url.pathname !== `/scim/directory/${DIRECTORY}/Users`) {
      const detail = 'Resource not found';
      return sendJson(res, 404, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '404',
        detail,
      });
    }
    res.writeHead(200, { 'Content-Type': 'application/scim+json;charset=UTF-8' });
    res.end(JSON.stringify(listResponse()));
  });
  return Object.assign(state, server);
}
