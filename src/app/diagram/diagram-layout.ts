import type { ELK } from 'elkjs/lib/elk-api';
import { type DiagramLayout, layoutKey, layoutWith } from './diagram-elk.ts';
import type { DiagramGraph } from './diagram-model.ts';

/**
 * ELK in a web worker, loaded the first time a diagram is shown (it is 1.6 MB and not needed for the
 * first screen), and one layout per distinct graph: re-rendering, switching views or coming back to a
 * chapter reuses the picture instead of laying it out again.
 */

const LAYOUT_TIMEOUT_MS = 60_000;
const CACHE_SIZE = 24;

interface ElkInWorker {
  elk: ELK;
  /** Rejects when the worker fails to start or dies: elkjs itself would wait for an answer forever. */
  failed: Promise<never>;
}

let loading: Promise<ElkInWorker> | null = null;

function loadElk(): Promise<ElkInWorker> {
  loading ??= (async () => {
    const [{ default: ElkApi }, { default: workerUrl }] = await Promise.all([
      import('elkjs/lib/elk-api.js'),
      import('elkjs/lib/elk-worker.min.js?url'),
    ]);
    let fail: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    failed.catch(() => undefined);
    const elk = new ElkApi({
      workerFactory: () => {
        const worker = new Worker(workerUrl);
        worker.addEventListener('error', (event) => {
          loading = null;
          fail(new Error(event.message || 'the layout worker stopped'));
        });
        return worker;
      },
    });
    return { elk, failed };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('the layout took too long')), ms));
}

const cache = new Map<string, Promise<DiagramLayout>>();

/** The layout of a graph, from the cache when the same graph was laid out before. */
export function layoutDiagram(graph: DiagramGraph, key = layoutKey(graph)): Promise<DiagramLayout> {
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last, so the oldest is the one dropped.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const layout = loadElk().then(({ elk, failed }) =>
    Promise.race([layoutWith(elk, graph), failed, timeout(LAYOUT_TIMEOUT_MS)]),
  );
  cache.set(key, layout);
  // A failed layout is not remembered: "try again" must really try again.
  layout.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return layout;
}
