import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { startPrivateRedis, type PrivateRedis } from './redis-server.js';

const run = promisify(execFile);
const READY_LIMIT_MS = 20_000;

/** A local Redis Cluster of masters only, each node a private redis-server on a free port. */
export interface PrivateCluster {
  /** One node's URL: what REDIS_URL holds with REDIS_CLUSTER=on. */
  readonly url: string;
  readonly nodes: readonly PrivateRedis[];
  stop(): Promise<void>;
}

/**
 * Starts `size` nodes with `--cluster-enabled yes`, joins them with `redis-cli --cluster create`
 * (the 16384 slots split between them, no replicas) and waits until every node reports
 * `cluster_state:ok`.
 */
export async function startPrivateCluster(size = 3): Promise<PrivateCluster> {
  const nodes: PrivateRedis[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let i = 0; i < size; i += 1) nodes.push(await startPrivateRedis({ cluster: true }));
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(nodes.map((node) => untilClusterOk(node.url)));
    return { url: nodes[0]!.url, nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function untilClusterOk(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    const deadline = Date.now() + READY_LIMIT_MS;
    while (!(await client.clusterInfo()).includes('cluster_state:ok')) {
      if (Date.now() > deadline) throw new Error(`redis cluster node ${url} never reached cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.close();
  }
}

/** The slot Redis Cluster assigns a key (CLUSTER KEYSLOT), asked of any node. */
export async function keySlot(url: string, key: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  try {
    return await client.clusterKeySlot(key);
  } finally {
    await client.close();
  }
}
