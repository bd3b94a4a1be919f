import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen } from '../demo/http';
import type { Routes } from './control';

/** /control on its own, for a local app started without the admin page. */
export async function startControlServer(port: number, routes: Routes) {
  const server = http.createServer((req, res) => {
    if (routes(req, res)) return;
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('only /control is served: the admin page is off\n');
  });
  await listen(server, port);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => closeServer(server) };
}
