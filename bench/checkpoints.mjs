// The checkpoints of a running job that completed within a time window, from the JobManager's REST API
// (/jobs/ID/checkpoints: its history, web.checkpoints.history long). Prints one JSON object.
// Usage: node checkpoints.mjs REST_URL JOB_ID FROM_MS TO_MS
const [rest, job, from, to] = process.argv.slice(2);
const res = await fetch(`${rest}/jobs/${job}/checkpoints`);
if (!res.ok) throw new Error(`${rest}/jobs/${job}/checkpoints: ${res.status}`);
const body = await res.json();
const inWindow = (body.history || []).filter((c) => c.status === 'COMPLETED'
  && c.latest_ack_timestamp >= Number(from) && c.trigger_timestamp <= Number(to));
const d = inWindow.map((c) => c.end_to_end_duration).sort((a, b) => a - b);
const pick = (q) => (d.length ? d[Math.min(d.length - 1, Math.floor(q * d.length))] : null);
console.log(JSON.stringify({
  checkpoints: d.length,
  median_ms: pick(0.5),
  max_ms: d.length ? d[d.length - 1] : null,
  failed_in_job: body.counts ? body.counts.failed : null,
  job_max_ms: body.summary && body.summary.end_to_end_duration ? body.summary.end_to_end_duration.max : null,
}));
