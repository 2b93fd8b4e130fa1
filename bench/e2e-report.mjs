// Writes bench/run-e2e.sh's table: per build and mode the least process wall time over the rounds (the
// machine may be shared: interference only adds time), tracks per hour as measured and normalised to
// 3.5-minute tracks, and the ratio current / baseline.
//   node bench/e2e-report.mjs --tsv runs.tsv --library DIR --baseline LABEL --current LABEL --md F --json F
import { readFileSync, writeFileSync } from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];

const rows = readFileSync(args.tsv, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [build, round, mode, wall, summary] = line.split('\t');
  const analysed = /scan: \d+: (\d+) analysed \((\d+) ok, (\d+) errors\)/.exec(summary);
  const audio = /\(([\d.]+) min of audio\)/.exec(summary);
  const job = /\(job ([\d.]+) s/.exec(summary);
  return {
    build, round: Number(round), mode, wall: Number(wall),
    tracks: analysed ? Number(analysed[1]) : 0,
    errors: analysed ? Number(analysed[3]) : 0,
    audioMin: audio ? Number(audio[1]) : null,
    jobS: job ? Number(job[1]) : null,
  };
});

const modes = ['full', 'fast', 'rescan'];
const result = { library: args.library, baseline: args.baseline, current: args.current, builds: {} };
for (const build of ['baseline', 'current']) {
  const out = {};
  // Full mode's rows carry the library's audio minutes (fast mode analyses excerpts of the same tracks).
  const full = rows.filter((r) => r.build === build && r.mode === 'full');
  const audioMin = full.length ? full[0].audioMin : null;
  for (const mode of modes) {
    const runs = rows.filter((r) => r.build === build && r.mode === mode);
    if (!runs.length) continue;
    const best = runs.reduce((a, b) => (b.wall < a.wall ? b : a));
    const entry = { runs: runs.map((r) => r.wall), wall_s: best.wall, tracks: best.tracks, errors: best.errors };
    if (best.jobS != null) {
      // JVM and MiniCluster start, the scan, job submission, and the steps after the job
      entry.job_s = best.jobS;
      entry.outside_job_s = best.wall - best.jobS;
    }
    if (mode !== 'rescan' && best.tracks > 0) {
      entry.tracks_per_hour = (best.tracks / best.wall) * 3600;
      if (audioMin) {
        entry.audio_minutes = audioMin;
        entry.tracks_per_hour_at_3_5_min = (audioMin / 3.5 / best.wall) * 3600;
      }
    }
    out[mode] = entry;
  }
  result.builds[build] = out;
}

const fmt = (v, d = 0) => (v == null ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const b = result.builds.baseline;
const c = result.builds.current;
const lines = [
  `End to end on \`${args.library}\` (${c.full?.tracks ?? '?'} tracks, ${fmt(c.full?.audio_minutes, 1)} min of audio), ` +
    `./run-local.sh's java command, least process wall time of ${Math.max(...rows.map((r) => r.round))} round(s) each.`,
  '',
  `| figure | ${args.baseline} | ${args.current} | current / baseline |`,
  '|---|---|---|---|',
];
for (const mode of ['full', 'fast']) {
  if (!b[mode] || !c[mode]) continue;
  lines.push(`| ${mode}: wall s | ${fmt(b[mode].wall_s, 1)} | ${fmt(c[mode].wall_s, 1)} | ${fmt(c[mode].wall_s / b[mode].wall_s, 3)} |`);
  lines.push(`| ${mode}: outside the job (JVM, MiniCluster, scan, post-run), s | ${fmt(b[mode].outside_job_s, 1)} | ` +
    `${fmt(c[mode].outside_job_s, 1)} | ${fmt(c[mode].outside_job_s / b[mode].outside_job_s, 3)} |`);
  lines.push(`| ${mode}: tracks/h | ${fmt(b[mode].tracks_per_hour)} | ${fmt(c[mode].tracks_per_hour)} | ${fmt(c[mode].tracks_per_hour / b[mode].tracks_per_hour, 3)} |`);
  lines.push(`| ${mode}: tracks/h at 3.5 min | ${fmt(b[mode].tracks_per_hour_at_3_5_min)} | ${fmt(c[mode].tracks_per_hour_at_3_5_min)} | ` +
    `${fmt(c[mode].tracks_per_hour_at_3_5_min / b[mode].tracks_per_hour_at_3_5_min, 3)} |`);
}
if (b.rescan && c.rescan) {
  lines.push(`| rescan, nothing to do: wall s | ${fmt(b.rescan.wall_s, 2)} | ${fmt(c.rescan.wall_s, 2)} | ${fmt(c.rescan.wall_s / b.rescan.wall_s, 3)} |`);
}
lines.push('', 'Every run (wall s): ' + modes.flatMap((m) => ['baseline', 'current']
  .filter((x) => result.builds[x][m]).map((x) => `${x} ${m} ${result.builds[x][m].runs.map((w) => fmt(w, 1)).join(', ')}`)).join('; ') + '.');
writeFileSync(args.md, lines.join('\n') + '\n');
writeFileSync(args.json, JSON.stringify(result, null, 1) + '\n');
