// Essentia's own algorithms (essentia.js, AGPL: a benchmark tool here, never a dependency of trackflow) on
// raw interleaved stereo 32-bit float audio at 44.1 kHz, downmixed to mono as the mean of the channels (as
// trackflow and Essentia's MonoLoader do): RhythmExtractor2013 (multifeature), KeyExtractor (defaults: bgate
// profile, HPCP 4096/4096; and with the edma profile), Danceability and DynamicComplexity (defaults).
// (LoudnessEBUR128 throws inside essentia.js 0.1.3's WebAssembly build: loudness is ffmpeg's and loudgain's.)
// Also writes the mono signal for the QM host.
// Usage: node essentia.mjs STEREO.f32 MONO_OUT.f32 OUT.json
import { createRequire } from 'module';
import fs from 'fs';
const require = createRequire(process.env.ACCURACY_NODE_MODULES + '/');
const { Essentia, EssentiaWASM } = require('essentia.js');
const essentia = new Essentia(EssentiaWASM);

const read = (p) => { const b = fs.readFileSync(p); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4); };
const [stereoPath, monoPath, outPath] = process.argv.slice(2);
const stereo = read(stereoPath);
const mono = new Float32Array(stereo.length >> 1);
for (let i = 0; i < mono.length; i++) mono[i] = 0.5 * (stereo[2 * i] + stereo[2 * i + 1]);
fs.writeFileSync(monoPath, Buffer.from(mono.buffer));
const v = essentia.arrayToVector(mono);
const out = {};
const time = (name, f) => { const t = Date.now(); try { f(); } catch (e) { out[name + '_error'] = String(e); } out[name + '_s'] = (Date.now() - t) / 1000; };
time('rhythm', () => { const r = essentia.RhythmExtractor2013(v, 208, 'multifeature', 40); out.bpm = r.bpm; out.bpm_confidence = r.confidence; out.beats = essentia.vectorToArray(r.ticks).length; });
time('key', () => { const k = essentia.KeyExtractor(v); out.key = k.key; out.scale = k.scale; out.key_strength = k.strength; });
time('key_edma', () => { const k = essentia.KeyExtractor(v, true, 4096, 4096, 12, 3500, 60, 25, 0.2, 'edma'); out.key_edma = k.key + ' ' + k.scale; });
time('danceability', () => { out.danceability = essentia.Danceability(v).danceability; });
time('dynamic_complexity', () => { out.dynamic_complexity = essentia.DynamicComplexity(v).dynamicComplexity; });
fs.writeFileSync(outPath, JSON.stringify(out));
