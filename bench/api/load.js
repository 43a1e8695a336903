/** One load run with autocannon, reduced to the figures the report prints. */
import autocannon from 'autocannon';

/**
 * Runs autocannon against `url` and resolves to { rps, p50, p99, completed, non2xx, errors, timeouts, statusCodes }.
 *
 * `requests` is autocannon's requests array (it may carry a setupRequest to vary each request). Latencies are taken
 * from the 'response' event rather than autocannon's histogram, which keeps whole milliseconds only (too coarse for
 * sub-millisecond endpoints) and leaves out non-2xx answers (the 404 floor would have none).
 */
export function runLoad({ url, requests, connections, seconds }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon({ url, connections, duration: seconds, requests }, (err, result) => {
      if (err) return reject(err);
      resolve(summarise(result, latencies));
    });
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  });
}

function summarise(result, latencies) {
  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    completed: result.requests.total,
    seconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
