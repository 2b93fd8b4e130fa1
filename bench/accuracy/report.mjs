// Writes bench/results/accuracy.md (and accuracy-LABEL.json) from trackflow's Parquet output and the
// reference tools' results cached by bench/run-accuracy.sh.
// Usage: node report.mjs TRACKS.parquet REF_DIR MIDI_TRUTH.tsv TRACKFLOW.log RESULTS_DIR LABEL
import fs from 'fs';
import path from 'path';

const [parquetPath, refDir, truthPath, logPath, resultsDir, label] = process.argv.slice(2);
const nm = process.env.ACCURACY_NODE_MODULES;
const { asyncBufferFromFile, parquetReadObjects } = await import(nm + '/hyparquet/src/node.js');
const { compressors } = await import(nm + '/hyparquet-compressors/src/index.js');
const rows = await parquetReadObjects({ file: await asyncBufferFromFile(parquetPath), compressors });
const tf = Object.fromEntries(rows.map((r) => [path.basename(r.path), r]));
const truth = Object.fromEntries(fs.readFileSync(truthPath, 'utf8').trim().split('\n').map((l) => l.split('\t'))
  .map(([f, bpm, key, scale]) => [f.replace(/\.mid$/, '.flac'), { bpm: +bpm, key: `${key} ${scale}` }]));
const refs = fs.readdirSync(refDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(refDir, f), 'utf8')));

// ---- helpers
const PC = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const pc = (n) => { let v = PC[n[0].toUpperCase()]; for (const c of n.slice(1)) v += c === '#' ? 1 : c === 'b' ? -1 : 0; return ((v % 12) + 12) % 12; };
const parseKey = (s) => { if (!s) return null; const [t, m] = s.split(' '); return m ? { pc: pc(t), minor: m === 'minor' } : null; };
/** MIREX key score of an estimate against a reference: exact 1, fifth 0.5, relative 0.3, parallel 0.2. */
function mirex(est, ref) {
  const e = parseKey(est), r = parseKey(ref);
  if (!e || !r) return null;
  if (e.pc === r.pc && e.minor === r.minor) return 1;
  if (e.minor === r.minor && ((e.pc - r.pc + 12) % 12 === 7 || (r.pc - e.pc + 12) % 12 === 7)) return 0.5;
  if (!e.minor && r.minor && e.pc === (r.pc + 3) % 12) return 0.3;
  if (e.minor && !r.minor && e.pc === (r.pc + 9) % 12) return 0.3;
  if (e.pc === r.pc) return 0.2;
  return 0;
}
const relation = (est, ref) => ({ 1: 'exact', 0.5: 'fifth', 0.3: 'relative', 0.2: 'parallel', 0: 'other' })[mirex(est, ref)];
const near = (a, b, f = 1) => Math.abs(a - f * b) <= 0.04 * f * b;
const acc1 = (a, b) => near(a, b);
const FACTORS = [1, 2, 0.5, 3, 1 / 3];
const acc2 = (a, b) => FACTORS.some((f) => near(a, b, f));
function tempoRelation(a, b) {
  for (const [f, n] of [[1, 'exact'], [2, 'x2'], [0.5, 'x1/2'], [3, 'x3'], [1 / 3, 'x1/3'], [1.5, '3:2'], [2 / 3, '2:3'], [4 / 3, '4:3'], [0.75, '3:4']]) if (near(a, b, f)) return n;
  return 'other';
}
const median = (xs) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (k, n) => (n ? `${k}/${n} (${Math.round((100 * k) / n)} %)` : '–');
const f1 = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
const num = (x) => (x == null || Number.isNaN(x) ? null : x);

const tracks = refs.filter((r) => tf[r.name] && !r.name.startsWith('surround-')).map((r) => {
  const t = tf[r.name];
  return {
    name: r.name, midi: !!truth[r.name], truth: truth[r.name],
    bpm: { trackflow: num(t.bpm), qm: num(r.qm?.bpm), essentia: num(r.essentia?.bpm), aubio: num(r.aubio_bpm) },
    key: { trackflow: t.key ? `${t.key} ${t.scale}` : null, qm: r.qm?.key ? `${r.qm.key} ${r.qm.scale}` : null,
      essentia: r.essentia?.key ? `${r.essentia.key} ${r.essentia.scale}` : null, essentia_edma: r.essentia?.key_edma ?? null },
    lufs: { trackflow: num(t.loudness_lufs), ffmpeg: num(r.ffmpeg_lufs), loudgain: num(r.loudgain_lufs) },
    lra: { trackflow: num(t.loudness_range_lu), ffmpeg: num(r.ffmpeg_lra) },
    dance: { trackflow: num(t.danceability), essentia: num(r.essentia?.danceability) },
    dc: { trackflow: num(t.dynamic_complexity), essentia: num(r.essentia?.dynamic_complexity) },
  };
});
const real = tracks.filter((t) => !t.midi), midi = tracks.filter((t) => t.midi);
const out = [];
const summary = { label, tracks: real.length, midi: midi.length };
const w = (s = '') => out.push(s);

// ---- tempo
function tempoPairs(set, tools) {
  w('| pair | tracks | within 4 % | within 4 % up to ×2, ×½, ×3, ×⅓ |');
  w('|---|---|---|---|');
  for (let i = 0; i < tools.length; i++) for (let j = i + 1; j < tools.length; j++) {
    const [a, b] = [tools[i], tools[j]];
    const both = set.filter((t) => t.bpm[a] != null && t.bpm[b] != null);
    const missing = set.length - both.length;
    w(`| ${a} vs ${b} | ${both.length}${missing ? ` (+${missing} without a tempo)` : ''} | ${pct(both.filter((t) => acc1(t.bpm[a], t.bpm[b])).length, both.length)} | ${pct(both.filter((t) => acc2(t.bpm[a], t.bpm[b])).length, both.length)} |`);
  }
}
const TOOLS = ['trackflow', 'qm', 'essentia', 'aubio'];
const consensus = real.filter((t) => t.bpm.qm != null && t.bpm.essentia != null && acc1(t.bpm.qm, t.bpm.essentia));
const agree = consensus.filter((t) => t.bpm.trackflow != null && acc1(t.bpm.trackflow, t.bpm.essentia));
const octave = consensus.filter((t) => t.bpm.trackflow != null && acc2(t.bpm.trackflow, t.bpm.essentia));
summary.tempo_consensus = { n: consensus.length, agree: agree.length, octave: octave.length, none: consensus.filter((t) => t.bpm.trackflow == null).length };
const midiTempo = (tool) => midi.filter((t) => t.bpm[tool] != null && acc1(t.bpm[tool], t.truth.bpm)).length;
summary.tempo_midi = Object.fromEntries(TOOLS.map((tool) => [tool, midiTempo(tool)]));

// ---- key
const KEYTOOLS = ['trackflow', 'qm', 'essentia', 'essentia_edma'];
const keyConsensus = real.filter((t) => t.key.qm && t.key.essentia && mirex(t.key.qm, t.key.essentia) === 1);
const keyAgree = keyConsensus.filter((t) => mirex(t.key.trackflow, t.key.essentia) === 1);
const mirexVs = (set, a, b) => { const s = set.map((t) => mirex(t.key[a], t.key[b])).filter((x) => x != null); return s.length ? s.reduce((x, y) => x + y, 0) / s.length : NaN; };
summary.key_consensus = { n: keyConsensus.length, agree: keyAgree.length };
summary.key_mirex_vs_essentia = mirexVs(real, 'trackflow', 'essentia');
summary.key_midi = Object.fromEntries(KEYTOOLS.map((k) => [k, midi.filter((t) => mirex(t.key[k], t.truth.key) === 1).length]));
summary.key_midi_mirex = Object.fromEntries(KEYTOOLS.map((k) => {
  const s = midi.map((t) => mirex(t.key[k], t.truth.key)).filter((x) => x != null); return [k, s.reduce((x, y) => x + y, 0) / (s.length || 1)];
}));

// ---- key profiles on trackflow's tuned pitch class profile (hpcp_mean): gate 0.2, Pearson, as KeyEstimator
const PROFILES = {
  krumhansl: [[6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88], [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]],
  temperley: [[5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0], [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0]],
  edma: [[1.00, 0.29, 0.50, 0.40, 0.60, 0.56, 0.32, 0.80, 0.31, 0.45, 0.42, 0.39], [1.00, 0.31, 0.44, 0.58, 0.33, 0.49, 0.29, 0.78, 0.43, 0.29, 0.53, 0.32]],
  bgate: [[1.00, 0.00, 0.42, 0.00, 0.53, 0.37, 0.00, 0.77, 0.00, 0.38, 0.21, 0.30], [1.00, 0.00, 0.36, 0.39, 0.00, 0.38, 0.00, 0.74, 0.27, 0.00, 0.42, 0.23]],
  keyfinder: [[7.2390, 3.5035, 3.5845, 2.8451, 5.8190, 4.5587, 2.4478, 6.9947, 3.3911, 4.5561, 4.0739, 4.4593], [7.0026, 3.1436, 4.3590, 5.4042, 3.6723, 4.0897, 3.9079, 6.1996, 3.6342, 2.8724, 5.3547, 3.8324]],
};
const MAJ = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'], MIN = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];
function keyOf(pcp, [major, minor]) {
  if (!pcp) return null;
  const g = pcp.map((v) => (v >= 0.2 ? v : 0));
  const corr = (prof, t) => {
    const mc = g.reduce((a, b) => a + b, 0) / 12, mp = prof.reduce((a, b) => a + b, 0) / 12;
    let n = 0, dc = 0, dp = 0;
    for (let i = 0; i < 12; i++) { const c = g[i] - mc, p = prof[(i - t + 12) % 12] - mp; n += c * p; dc += c * c; dp += p * p; }
    return n / Math.sqrt(dc * dp);
  };
  let best = null, bs = -Infinity;
  for (let t = 0; t < 12; t++) for (const [prof, m] of [[major, false], [minor, true]]) { const r = corr(prof, t); if (r > bs) { bs = r; best = `${(m ? MIN : MAJ)[t]} ${m ? 'minor' : 'major'}`; } }
  return best;
}
const profileRows = Object.entries(PROFILES).map(([name, prof]) => {
  const est = (t) => keyOf(tf[t.name].hpcp_mean ? Array.from(tf[t.name].hpcp_mean) : null, prof);
  const cons = keyConsensus.filter((t) => mirex(est(t), t.key.essentia) === 1).length;
  const scores = real.map((t) => mirex(est(t), t.key.essentia)).filter((x) => x != null);
  const midiOk = midi.filter((t) => mirex(est(t), t.truth.key) === 1).length;
  return { name, cons, mirex: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : NaN, midiOk, n: scores.length };
});

// ---- loudness, danceability, dynamic complexity
const diffs = (set, field, a, b) => set.filter((t) => t[field][a] != null && t[field][b] != null).map((t) => t[field][a] - t[field][b]);
const absMed = (d) => median(d.map(Math.abs));
summary.lufs_vs_ffmpeg = { median: absMed(diffs(tracks, 'lufs', 'trackflow', 'ffmpeg')), max: Math.max(...diffs(tracks, 'lufs', 'trackflow', 'ffmpeg').map(Math.abs)) };
summary.dance_vs_essentia = { median: absMed(diffs(real, 'dance', 'trackflow', 'essentia')), signed: median(diffs(real, 'dance', 'trackflow', 'essentia')) };
summary.dc_vs_essentia = { median: absMed(diffs(real, 'dc', 'trackflow', 'essentia')), signed: median(diffs(real, 'dc', 'trackflow', 'essentia')) };
const surround = refs.find((r) => r.name.startsWith('surround-'));
summary.surround = surround && tf[surround.name] ? { trackflow: num(tf[surround.name].loudness_lufs), ffmpeg: surround.ffmpeg_lufs, loudgain: surround.loudgain_lufs ?? null } : null;

// ---- throughput from the run's summary
const log = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : '';
const wall = (log.match(/wall time:\s+(.*)/) || [])[1] || '?';
const thr = (log.match(/throughput:\s+(.*)/) || [])[1] || '?';
const cpu = (log.match(/CPU by stage:\s+(.*)/) || [])[1] || '?';
summary.run = { wall, throughput: thr, cpu };

// ---- write
w('# Accuracy: trackflow against the reference tools');
w();
w(`Written by \`bench/run-accuracy.sh\` (run \`${label}\`, ${new Date().toISOString().slice(0, 10)}). Corpus: ${real.length} real recordings from Debian's`);
w('music packages (60 s FLAC excerpts from 20 s in: orchestral and folk game scores, ambient, electronic, chiptune, rock) and');
w(`${midi.length} General MIDI songs of known tempo and key (\`bench/accuracy/make-midi.mjs\`) rendered with fluidsynth and FluidR3_GM.`);
w('Reference tools: Queen Mary DSP (`qm`: TempoTrackV2 and GetKeyMode from Debian\'s libqm-dsp, `bench/accuracy/qm-host.cpp`),');
w('Essentia 2.1 through essentia.js 0.1.3 (`essentia`: RhythmExtractor2013 multifeature, KeyExtractor with its default `bgate`');
w('profile, `essentia_edma` the same with `edma`, Danceability, DynamicComplexity), aubio 0.4.9 (`aubio tempo`), ffmpeg\'s');
w('`ebur128` filter and loudgain 0.6.8 (libebur128). Tempo agreement: within 4 %; "up to an octave" also accepts ×2, ×½, ×3, ×⅓.');
w('Key: exact, and the MIREX score (exact 1, fifth 0.5, relative 0.3, parallel 0.2, other 0).');
w();
w('## Summary');
w();
w('| measure | trackflow | target |');
w('|---|---|---|');
w(`| tempo = QM/Essentia consensus (tracks where they agree) | ${pct(agree.length, consensus.length)} | ≥ 95 % |`);
w(`| … within an octave of it | ${pct(octave.length, consensus.length)}${summary.tempo_consensus.none ? `, ${summary.tempo_consensus.none} without a tempo` : ''} | all |`);
w(`| tempo of the MIDI songs within 4 % | ${pct(summary.tempo_midi.trackflow, midi.length)} (QM ${summary.tempo_midi.qm}, Essentia ${summary.tempo_midi.essentia}, aubio ${summary.tempo_midi.aubio}) | ≥ 95 % |`);
w(`| key = QM/Essentia consensus | ${pct(keyAgree.length, keyConsensus.length)} | ≥ 85 % |`);
w(`| key, MIREX score against Essentia KeyExtractor | ${f1(summary.key_mirex_vs_essentia, 2)} (QM: ${f1(mirexVs(real, 'qm', 'essentia'), 2)}) | ≥ 0.80 |`);
w(`| key of the MIDI songs exact | ${pct(summary.key_midi.trackflow, midi.length)} (QM ${summary.key_midi.qm}, Essentia ${summary.key_midi.essentia}, edma ${summary.key_midi.essentia_edma}) | |`);
w(`| integrated loudness − ffmpeg ebur128, median / max | ${f1(summary.lufs_vs_ffmpeg.median, 2)} / ${f1(summary.lufs_vs_ffmpeg.max, 2)} LU | ≤ 0.1 |`);
if (summary.surround) w(`| 5-channel WAV without a channel mask (Tech 3341 case 6, −23.0) | ${f1(summary.surround.trackflow, 2)} LUFS (ffmpeg ${f1(summary.surround.ffmpeg, 2)}, loudgain ${f1(summary.surround.loudgain, 2)}) | ±0.1 |`);
w(`| danceability − Essentia, median of \\|diff\\| (median signed) | ${f1(summary.dance_vs_essentia.median, 3)} (${f1(summary.dance_vs_essentia.signed, 3)}) | ≤ 0.05 |`);
w(`| dynamic complexity − Essentia, median of \\|diff\\| (median signed) | ${f1(summary.dc_vs_essentia.median, 2)} (${f1(summary.dc_vs_essentia.signed, 2)}) LU | ≤ 0.3 |`);
w(`| trackflow run on the corpus (./run-local.sh, 2 slots) | ${wall}; ${thr} | |`);
const beforePath = path.join(resultsDir, 'accuracy-before.json');
if (label !== 'before' && fs.existsSync(beforePath)) {
  const b = JSON.parse(fs.readFileSync(beforePath, 'utf8'));
  w();
  w('### Before → after (issue 12)');
  w();
  w('| measure | before | after |');
  w('|---|---|---|');
  w(`| tempo = consensus | ${pct(b.tempo_consensus.agree, b.tempo_consensus.n)} | ${pct(agree.length, consensus.length)} |`);
  w(`| tempo within an octave of consensus | ${pct(b.tempo_consensus.octave, b.tempo_consensus.n)} | ${pct(octave.length, consensus.length)} |`);
  w(`| MIDI tempo | ${pct(b.tempo_midi.trackflow, b.midi)} | ${pct(summary.tempo_midi.trackflow, midi.length)} |`);
  w(`| key = consensus | ${pct(b.key_consensus.agree, b.key_consensus.n)} | ${pct(keyAgree.length, keyConsensus.length)} |`);
  w(`| key MIREX vs Essentia | ${f1(b.key_mirex_vs_essentia, 2)} | ${f1(summary.key_mirex_vs_essentia, 2)} |`);
  w(`| MIDI key exact | ${pct(b.key_midi.trackflow, b.midi)} | ${pct(summary.key_midi.trackflow, midi.length)} |`);
  w(`| danceability \\|diff\\| median | ${f1(b.dance_vs_essentia.median, 3)} | ${f1(summary.dance_vs_essentia.median, 3)} |`);
  w(`| dynamic complexity \\|diff\\| median | ${f1(b.dc_vs_essentia.median, 2)} LU | ${f1(summary.dc_vs_essentia.median, 2)} LU |`);
  w(`| loudness \\|diff\\| median / max | ${f1(b.lufs_vs_ffmpeg.median, 2)} / ${f1(b.lufs_vs_ffmpeg.max, 2)} | ${f1(summary.lufs_vs_ffmpeg.median, 2)} / ${f1(summary.lufs_vs_ffmpeg.max, 2)} |`);
  w(`| run on the corpus | ${b.run.wall}; ${b.run.throughput} | ${wall}; ${thr} |`);
}
w();
w(`## Tempo: real recordings (${real.length})`);
w();
tempoPairs(real, TOOLS);
w();
w(`Where QM and Essentia agree (${consensus.length} tracks) trackflow agrees on ${pct(agree.length, consensus.length)}; its misses there:`);
w(consensus.filter((t) => !(t.bpm.trackflow != null && acc1(t.bpm.trackflow, t.bpm.essentia)))
  .map((t) => `${t.name} ${f1(t.bpm.trackflow)} for ${f1(t.bpm.essentia)} (${t.bpm.trackflow == null ? 'none' : tempoRelation(t.bpm.trackflow, t.bpm.essentia)})`).join('; ') || 'none.');
w();
w(`## Tempo: MIDI songs (${midi.length}, truth from the file)`);
w();
w('| tool | within 4 % | within 4 % up to an octave |');
w('|---|---|---|');
for (const tool of TOOLS) w(`| ${tool} | ${pct(midiTempo(tool), midi.length)} | ${pct(midi.filter((t) => t.bpm[tool] != null && acc2(t.bpm[tool], t.truth.bpm)).length, midi.length)} |`);
w();
w(`## Key: real recordings (${real.length})`);
w();
w('| pair | tracks | exact | MIREX score |');
w('|---|---|---|---|');
for (let i = 0; i < KEYTOOLS.length; i++) for (let j = i + 1; j < KEYTOOLS.length; j++) {
  const [a, b] = [KEYTOOLS[i], KEYTOOLS[j]];
  const both = real.filter((t) => t.key[a] && t.key[b]);
  w(`| ${a} vs ${b} | ${both.length} | ${pct(both.filter((t) => mirex(t.key[a], t.key[b]) === 1).length, both.length)} | ${f1(mirexVs(both, a, b), 2)} |`);
}
w();
w(`Where QM and Essentia agree (${keyConsensus.length} tracks) trackflow agrees on ${pct(keyAgree.length, keyConsensus.length)}; its misses there:`);
w(keyConsensus.filter((t) => mirex(t.key.trackflow, t.key.essentia) !== 1)
  .map((t) => `${t.name} ${t.key.trackflow} for ${t.key.essentia} (${relation(t.key.trackflow, t.key.essentia) ?? 'none'})`).join('; ') || 'none.');
w();
if (profileRows.some((p) => p.n > 0)) {
  w('Key profiles compared on trackflow\'s own pitch class profile (`hpcp_mean`, tuned, gate 0.2, Pearson; the profile');
  w('used is `KeyEstimator.PROFILE`):');
  w();
  w('| profile | = consensus | MIREX vs Essentia | MIDI exact |');
  w('|---|---|---|---|');
  for (const p of profileRows) w(`| ${p.name} | ${pct(p.cons, keyConsensus.length)} | ${f1(p.mirex, 2)} | ${pct(p.midiOk, midi.length)} |`);
  w();
}
w(`## Key: MIDI songs (${midi.length})`);
w();
w('| tool | exact | MIREX score |');
w('|---|---|---|');
for (const k of KEYTOOLS) w(`| ${k} | ${pct(summary.key_midi[k], midi.length)} | ${f1(summary.key_midi_mirex[k], 2)} |`);
w();
w('## Loudness, danceability, dynamic complexity');
w();
w('| pair | tracks | median \\|diff\\| | max \\|diff\\| | median signed diff |');
w('|---|---|---|---|---|');
for (const [field, a, b, set, unit] of [['lufs', 'trackflow', 'ffmpeg', tracks, 'LU'], ['lufs', 'trackflow', 'loudgain', tracks, 'LU'], ['lufs', 'ffmpeg', 'loudgain', tracks, 'LU'],
  ['lra', 'trackflow', 'ffmpeg', tracks, 'LU'], ['dance', 'trackflow', 'essentia', real, ''], ['dc', 'trackflow', 'essentia', real, 'LU']]) {
  const d = diffs(set, field, a, b);
  const name = { lufs: 'integrated loudness', lra: 'loudness range', dance: 'danceability', dc: 'dynamic complexity' }[field];
  w(`| ${name}: ${a} vs ${b} | ${d.length} | ${f1(absMed(d), 3)} ${unit} | ${f1(Math.max(...d.map(Math.abs)), 3)} ${unit} | ${f1(median(d), 3)} ${unit} |`);
}
w();
w('## Every track');
w();
w('| track | bpm: trackflow | qm | essentia | aubio | truth | key: trackflow | qm | essentia | truth | LUFS: trackflow | ffmpeg | dance: trackflow | essentia | DC: trackflow | essentia |');
w('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const t of tracks) {
  w(`| ${t.name.replace(/\.flac$/, '')} | ${f1(t.bpm.trackflow)} | ${f1(t.bpm.qm)} | ${f1(t.bpm.essentia)} | ${f1(t.bpm.aubio)} | ${t.truth ? t.truth.bpm : ''} | ${t.key.trackflow ?? '–'} | ${t.key.qm ?? '–'} | ${t.key.essentia ?? '–'} | ${t.truth ? t.truth.key : ''} | ${f1(t.lufs.trackflow, 2)} | ${f1(t.lufs.ffmpeg, 2)} | ${f1(t.dance.trackflow, 2)} | ${f1(t.dance.essentia, 2)} | ${f1(t.dc.trackflow, 2)} | ${f1(t.dc.essentia, 2)} |`);
}
fs.writeFileSync(path.join(resultsDir, 'accuracy.md'), out.join('\n') + '\n');
fs.writeFileSync(path.join(resultsDir, `accuracy-${label}.json`), JSON.stringify(summary, null, 1) + '\n');
