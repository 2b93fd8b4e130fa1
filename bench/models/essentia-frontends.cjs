// The reference the Java front ends (udfs model/MelFrontEnd) are tested against: essentia.js 0.1.3's
// EssentiaTFInputExtractor ('musicnn' at hop 256, 'vggish' at hop 160) on a fixed 2 s signal at 16 kHz (tones,
// a chirp and noise from a 32-bit LCG, never silent: essentia.js's frame-wise helper drops silent frames).
// MelFrontEndTest rebuilds the same signal. Regenerate (npm: essentia.js in bench/work/accuracy, as
// bench/run-accuracy.sh installs it):
//   node bench/models/essentia-frontends.cjs bench/work/accuracy/node_modules udfs/src/test/resources/org/trackflow/udfs/model/essentia-frontends.json
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, outFile] = process.argv.slice(2);
const { EssentiaWASM, EssentiaModel } = require(path.resolve(modules, "essentia.js"));

const SR = 16000, N = 2 * SR;
const signal = new Float32Array(N);
let state = 12345;
for (let i = 0; i < N; i++) {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  const noise = (state / 4294967296) * 2 - 1;
  const t = i / SR;
  const chirp = Math.sin(2 * Math.PI * (200 * t + 900 * t * t));
  signal[i] = Math.fround(0.25 * Math.sin(2 * Math.PI * 440 * t) + 0.15 * Math.sin(2 * Math.PI * 1330 * t) + 0.2 * chirp + 0.05 * noise);
}
const out = { rate: SR, samples: N, note: "see bench/models/essentia-frontends.cjs" };
for (const [type, hop] of [["musicnn", 256], ["vggish", 160]]) {
  const ex = new EssentiaModel.EssentiaTFInputExtractor(EssentiaWASM, type);
  const r = ex.computeFrameWise(signal, hop);
  out[type] = { hop, frames: r.melSpectrum.map((f) => Array.from(f).map((v) => +v.toPrecision(7))) };
  ex.delete();
}
fs.writeFileSync(outFile, JSON.stringify(out));
console.log(`${outFile}: musicnn ${out.musicnn.frames.length} frames, vggish ${out.vggish.frames.length} frames`);
