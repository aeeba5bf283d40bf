import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processTree, treePssMiB } from './process-tree';

describe('process tree memory', () => {
  it('finds a grandchild process and counts its memory with the tree', async () => {
    // sh -> sleep: the sleep is a grandchild of this test process.
    const child = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore', detached: true });
    try {
      let tree: number[] = [];
      for (let i = 0; i < 50 && tree.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        tree = await processTree(child.pid!);
      }
      expect(tree[0]).toBe(child.pid);
      expect(tree.length).toBe(2);
      const own = await treePssMiB([process.pid]);
      const alone = await treePssMiB([child.pid!]);
      expect(alone).toBeGreaterThan(0);
      // This process's tree includes the shell and its sleep.
      expect(own).toBeGreaterThan(alone);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
