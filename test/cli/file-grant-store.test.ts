import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileGrantStore } from '../../src/cli/file-grant-store';

describe('FileGrantStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-grant-'));
  });
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  it('loads null before anything was saved, then what was saved, in a file only its owner can read', async () => {
    const file = path.join(dir, 'grant.json');
    const store = new FileGrantStore(file);
    expect(await store.load()).toBeNull();
    await store.save({ refreshToken: 'rt-2', accessToken: 'at-2' });
    expect(await new FileGrantStore(file).load()).toEqual({
      refreshToken: 'rt-2',
      accessToken: 'at-2',
    });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('lets only one holder in at a time, even across store instances', async () => {
    const file = path.join(dir, 'grant.json');
    const order: string[] = [];
    const hold = (name: string) =>
      new FileGrantStore(file).withLock(async () => {
        order.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`${name}:out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect(order).toHaveLength(4);
    expect(order[0]!.split(':')[0]).toBe(order[1]!.split(':')[0]);
    expect(order[2]!.split(':')[0]).toBe(order[3]!.split(':')[0]);
  });

  it('refuses an unreadable grant file with a plain message', async () => {
    const file = path.join(dir, 'grant.json');
    await fs.writeFile(file, 'not json');
    await expect(new FileGrantStore(file).load()).rejects.toThrow(
      `cannot read the grant file ${file}`,
    );
  });
});
