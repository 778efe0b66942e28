/*
 * Preloaded into the cluster suite's Ocean processes only (`node --expose-gc --require
 * gc-hook.js dist/main.js`), never part of the app: SIGUSR2 runs a full garbage collection and
 * writes the heap used right after it to stderr (`ocean-cluster-gc <bytes>`). Read at once, so
 * that the garbage the load allocates after the collection is not counted: V8 defers major GCs,
 * so heap or RSS sampled without one, or a while after one, is no leak signal.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  process.on('SIGUSR2', () => {
    gc();
    process.stderr.write(`ocean-cluster-gc ${process.memoryUsage().heapUsed}\n`);
  });
}
