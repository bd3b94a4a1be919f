import http from 'node:http';

export interface Answer {
  status: number;
  type: string;
  text: string;
}

/**
 * Plain node:http, not fetch: the local Forge runtime stands in for the platform's fetch and
 * would hold these requests to its egress rules.
 */
export function request(
  url: string,
  init: { method?: string; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

export function post(url: string, body: string): Promise<Answer> {
  return request(url, { method: 'POST', body });
}
