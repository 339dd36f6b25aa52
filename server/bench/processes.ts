// Helpers the benchmarks share for the servers they start as child processes.
import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first match of `pattern` in the child's stdout (its first group, if any),
 * e.g. the port a server prints when it listens; fails if the child exits first.
 */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((ok, fail) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        child.stdout?.off('data', onData);
        // Keep draining stdout: a server blocked on a full pipe would measure the pipe.
        child.stdout?.resume();
        ok(m[1] ?? m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => fail(new Error(`server exited early (${code}): ${out}`)));
  });
}
