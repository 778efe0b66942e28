/*
 * Preloaded into the cluster suite's Ocean processes only (`node --expose-gc --require
 * gc-hook.js dist/main.js`), never part of the app: SIGUSR2 runs a full garbage collection, so
 * that the heap used that /metrics reports next (ocean_nodejs_heap_size_used_bytes) is what survives
 * a GC. V8 defers major GCs, so heap or RSS sampled without one is no leak signal.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) process.on('SIGUSR2', () => gc());
