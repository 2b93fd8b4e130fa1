// EBU Tech 3341 case 6 as a plain 16-bit PCM WAV with 5 channels and no WAVE_FORMAT_EXTENSIBLE channel
// mask (L R C Ls Rs by convention; 1 kHz, L R -28 dBFS, C -24 dBFS, Ls Rs -30 dBFS, 20 s): -23.0 LUFS.
// Usage: node make-case6.mjs OUT.wav
import fs from 'fs';
const rate = 48000, n = 20 * rate, ch = 5;
const amp = [-28, -28, -24, -30, -30].map((db) => Math.pow(10, db / 20));
const b = Buffer.alloc(44 + 2 * ch * n);
b.write('RIFF', 0); b.writeUInt32LE(36 + 2 * ch * n, 4); b.write('WAVE', 8);
b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(ch, 22);
b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * ch * 2, 28); b.writeUInt16LE(ch * 2, 32); b.writeUInt16LE(16, 34);
b.write('data', 36); b.writeUInt32LE(2 * ch * n, 40);
for (let i = 0, o = 44; i < n; i++) {
  const s = Math.sin(2 * Math.PI * 1000 * i / rate);
  for (let c = 0; c < ch; c++, o += 2) b.writeInt16LE(Math.round(amp[c] * s * 32767), o);
}
fs.writeFileSync(process.argv[2], b);
