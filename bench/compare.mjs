// Compares benchmark runs of two builds made in one invocation of bench/run-bench.sh --against:
//   node bench/compare.mjs --baseline a1.json,a2.json --current b1.json,b2.json --md out.md --json out.json
// Each figure is the least of its repeats (interference from other work on a shared machine only ever
// adds time). Prints the ratio current / baseline per stage and exits 1 when a guarded figure (one that
// costs at least GUARD_S seconds in the baseline: smaller ones are below the timer's noise) is more than
// 10 % slower.
import { readFileSync, writeFileSync } from 'node:fs';

const LIMIT = 1.10;
const GUARD_S = 0.01;

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const load = (list) => list.split(',').map((f) => JSON.parse(readFileSync(f, 'utf8')));

/** The figures of a run, each a cost in seconds (less is better). */
function figures(run) {
  const f = {};
  const p = run.stage_profile;
  f['stage profile: total CPU-s per track'] = p.cpu_s_per_track;
  for (const [stage, v] of Object.entries(p.stages)) f[`stage profile: ${stage}`] = v.cpu_s_per_track;
  for (const [ext, v] of Object.entries(p.decode_by_format ?? {})) {
    f[`decode ${ext}: CPU-s per audio minute`] = v.decode_cpu_s_per_audio_minute;
  }
  for (const [name, key] of [['full', 'flink_full_pN'], ['fast', 'flink_fast_pN']]) {
    const j = run[key];
    if (!j) continue;
    const tracks = j.tracks_ok + j.tracks_error;
    if (!(tracks > 0)) continue;
    f[`job ${name}: wall s per track`] = j.wall_s / tracks;
    f[`job ${name}: job s per track`] = j.job_s / tracks;
    f[`job ${name}: decode CPU-s per track`] = j.decode_cpu_s / tracks;
    f[`job ${name}: features CPU-s per track`] = j.features_cpu_s / tracks;
  }
  return f;
}

function least(runs) {
  const out = {};
  for (const r of runs.map(figures)) {
    for (const [k, v] of Object.entries(r)) out[k] = k in out ? Math.min(out[k], v) : v;
  }
  return out;
}

const baseline = least(load(args.baseline));
const current = least(load(args.current));
const rows = [];
let failed = [];
for (const k of new Set([...Object.keys(baseline), ...Object.keys(current)])) {
  const b = baseline[k];
  const c = current[k];
  if (b === undefined || c === undefined) { // a stage one of the builds does not have
    rows.push({ figure: k, baseline: b ?? NaN, current: c ?? NaN, ratio: NaN, guarded: false, slower: false,
      note: b === undefined ? 'new' : 'gone' });
    continue;
  }
  const ratio = b > 0 ? c / b : NaN;
  const guarded = b >= GUARD_S;
  const slower = guarded && ratio > LIMIT;
  if (slower) failed.push(k);
  rows.push({ figure: k, baseline: b, current: c, ratio, guarded, slower });
}
const fmt = (v) => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(1) : v >= 1 ? v.toFixed(3) : v.toFixed(4));
let md = `| figure (seconds, least of ${args.baseline.split(',').length} runs each) | baseline | current | current / baseline | |\n|---|---|---|---|---|\n`;
for (const r of rows) {
  const ratio = Number.isNaN(r.ratio) ? '-' : r.ratio.toFixed(3);
  md += `| ${r.figure} | ${fmt(r.baseline)} | ${fmt(r.current)} | ${ratio} | ${r.note ?? (r.slower ? '**slower**' : r.guarded ? '' : 'not guarded')} |\n`;
}
const b = load(args.baseline)[0];
const c = load(args.current)[0];
const tph = (run, key) => run[key] ? Math.round(run[key].tracks_per_hour) : '-';
md += `\nTracks per hour (first runs): full ${tph(b, 'flink_full_pN')} -> ${tph(c, 'flink_full_pN')}, `
  + `fast ${tph(b, 'flink_fast_pN')} -> ${tph(c, 'flink_fast_pN')}.\n`;
md += failed.length ? `\n${failed.length} figure(s) more than ${Math.round((LIMIT - 1) * 100)} % slower: ${failed.join('; ')}.\n`
  : `\nNo guarded figure is more than ${Math.round((LIMIT - 1) * 100)} % slower.\n`;
process.stdout.write(md);
if (args.md) writeFileSync(args.md, md);
if (args.json) writeFileSync(args.json, JSON.stringify({ limit: LIMIT, guard_s: GUARD_S, rows, failed }, null, 1) + '\n');
process.exit(failed.length ? 1 : 0);
