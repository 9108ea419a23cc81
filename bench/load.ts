/**
 * A bounded load test: `concurrency` requests at once, on fresh connections,
 * against the `npm start` server, cycling through the given paths.
 */
import { request, Agent } from "node:http";

export interface LoadResult {
  requests: number;
  /** Requests that failed or did not answer 200. */
  errors: number;
  /** One line per distinct failure. */
  failures: string[];
  seconds: number;
  bytes: number;
}

function get(url: string, agent: Agent): Promise<{ status: number; bytes: number }> {
  return new Promise((done, fail) => {
    const req = request(url, { agent, headers: { "accept-encoding": "gzip" } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => done({ status: res.statusCode ?? 0, bytes }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
    req.end();
  });
}

/** Sends `concurrency` requests at once and waits for all of them. */
export async function loadTest(urls: readonly string[], concurrency = 1000): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: concurrency }, (_, i) => get(urls[i % urls.length] ?? "", agent)),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const failures = new Set<string>();
  let errors = 0;
  let bytes = 0;
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") {
      errors++;
      failures.add(String((outcome.reason as Error).message));
    } else if (outcome.value.status !== 200) {
      errors++;
      failures.add(`HTTP ${outcome.value.status}`);
    } else {
      bytes += outcome.value.bytes;
    }
  }
  return { requests: concurrency, errors, failures: [...failures], seconds, bytes };
}
