// Writes General MIDI songs whose tempo and key are known by construction (drums, bass, chords), for
// bench/run-accuracy.sh to render with fluidsynth. Usage: node make-midi.mjs OUT_DIR
// Prints one line of truth per song: file<TAB>bpm<TAB>key<TAB>scale.
import fs from 'fs';
import path from 'path';

const PPQ = 480;
const NAMES_MAJOR = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const NAMES_MINOR = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];
// name, bpm, beats per bar, groove, tonic pitch class, minor, chord program, bass program
const SONGS = [
  ['ballad', 72, 4, 'backbeat8', 4, false, 0, 32],
  ['hiphop', 88, 4, 'hiphop', 9, true, 4, 38],
  ['pop', 96, 4, 'backbeat8', 7, false, 0, 33],
  ['pop16', 100, 4, 'backbeat16', 2, false, 24, 33],
  ['funk', 108, 4, 'funk', 4, true, 16, 36],
  ['shuffle', 112, 4, 'shuffle', 10, false, 0, 32],
  ['house', 124, 4, 'four', 9, true, 81, 38],
  ['techno', 130, 4, 'four16', 5, true, 90, 39],
  ['rock', 140, 4, 'backbeat8', 4, true, 29, 34],
  ['waltz', 150, 3, 'waltz', 5, false, 48, 32],
  ['dnb', 174, 4, 'dnb', 0, true, 89, 38],
  ['punk', 180, 4, 'punk', 2, false, 30, 34],
];

function vlq(n) {
  const bytes = [n & 0x7f];
  while ((n >>= 7) > 0) bytes.unshift((n & 0x7f) | 0x80);
  return bytes;
}

function track(events) {
  // events: [tick, bytes[]]; note-offs (0x80) before note-ons at the same tick
  events.sort((a, b) => a[0] - b[0] || (a[1][0] & 0xf0) - (b[1][0] & 0xf0));
  const data = [];
  let last = 0;
  for (const [t, bytes] of events) {
    data.push(...vlq(t - last), ...bytes);
    last = t;
  }
  data.push(0, 0xff, 0x2f, 0);
  return [0x4d, 0x54, 0x72, 0x6b, (data.length >>> 24) & 255, (data.length >>> 16) & 255, (data.length >>> 8) & 255, data.length & 255, ...data];
}

function note(ev, ch, t, dur, key, vel) {
  ev.push([Math.round(t), [0x90 | ch, key, vel]]);
  ev.push([Math.round(t + dur), [0x80 | ch, key, 0]]);
}

function song([name, bpm, meter, groove, tonic, minor, chordProgram, bassProgram], seconds) {
  const beat = PPQ;
  const bars = Math.ceil(seconds * bpm / 60 / meter);
  const tempo = Math.round(60e6 / bpm);
  const meta = [[0, [0xff, 0x51, 3, (tempo >> 16) & 255, (tempo >> 8) & 255, tempo & 255]],
    [0, [0xff, 0x58, 4, meter, 2, 24, 8]]];
  const drums = [], bass = [[0, [0xc1, bassProgram]]], chords = [[0, [0xc2, chordProgram]]];
  // i-iv-V-i / I-IV-V-I alternating with i-VI-III-VII / I-vi-IV-V: every bar states the key
  const progA = minor ? [[0, 'm'], [5, 'm'], [7, 'M'], [0, 'm']] : [[0, 'M'], [5, 'M'], [7, 'M'], [0, 'M']];
  const progB = minor ? [[0, 'm'], [8, 'M'], [3, 'M'], [10, 'M']] : [[0, 'M'], [9, 'm'], [5, 'M'], [7, 'M']];
  const K = 36, S = 38, HH = 42, OH = 46, CL = 39, RIDE = 51;
  for (let bar = 0; bar < bars; bar++) {
    const t0 = bar * meter * beat;
    const [root, quality] = (Math.floor(bar / 4) % 2 === 0 ? progA : progB)[bar % 4];
    const r = tonic + root;
    const triad = [r, r + (quality === 'm' ? 3 : 4), r + 7].map((p) => 60 + ((p % 12) + 12) % 12 - (((p % 12) + 12) % 12 > 6 ? 12 : 0));
    const bassNote = 36 + ((r % 12) + 12) % 12;
    // chords: held per half bar (waltz: beats 2 and 3)
    if (groove === 'waltz') {
      for (const b of [1, 2]) for (const p of triad) note(chords, 2, t0 + b * beat, beat * 0.9, p, 70);
      note(bass, 1, t0, beat * 0.95, bassNote, 100);
      note(drums, 9, t0, 60, K, 90);
      for (const b of [1, 2]) note(drums, 9, t0 + b * beat, 60, HH, 55);
      continue;
    }
    for (const h of [0, 2]) for (const p of triad) note(chords, 2, t0 + h * beat, 2 * beat * 0.95, p, 64);
    const eighth = beat / 2, sixteenth = beat / 4;
    for (let b = 0; b < 4; b++) {
      const tb = t0 + b * beat;
      switch (groove) {
        case 'backbeat8': case 'punk':
          if (b % 2 === 0) note(drums, 9, tb, 60, K, 110); else note(drums, 9, tb, 60, S, 105);
          if (groove === 'punk' && b % 2 === 1) note(drums, 9, tb + eighth, 60, K, 90);
          for (const e of [0, 1]) note(drums, 9, tb + e * eighth, 40, HH, e ? 60 : 80);
          for (const e of [0, 1]) note(bass, 1, tb + e * eighth, eighth * 0.9, bassNote, 95);
          break;
        case 'backbeat16':
          if (b % 2 === 0) note(drums, 9, tb, 60, K, 110); else note(drums, 9, tb, 60, S, 105);
          if (b === 2) note(drums, 9, tb + eighth, 60, K, 90);
          for (let s = 0; s < 4; s++) note(drums, 9, tb + s * sixteenth, 30, HH, s === 0 ? 80 : 50);
          note(bass, 1, tb, beat * 0.9, bassNote, 95);
          break;
        case 'hiphop':
          if (b === 0) note(drums, 9, tb, 60, K, 115);
          if (b === 1) note(drums, 9, tb + eighth, 60, K, 95);
          if (b === 2) note(drums, 9, tb + eighth, 60, K, 100);
          if (b % 2 === 1) note(drums, 9, tb, 60, S, 110);
          for (const e of [0, 1]) note(drums, 9, tb + e * eighth, 40, HH, e ? 55 : 75);
          if (b === 0 || b === 2) note(bass, 1, tb, beat * 1.5, bassNote, 100);
          break;
        case 'funk':
          if (b === 0 || (b === 2)) note(drums, 9, tb, 60, K, 110);
          if (b === 1) note(drums, 9, tb + 3 * sixteenth, 60, K, 85);
          if (b % 2 === 1) note(drums, 9, tb, 60, S, 110);
          for (let s = 0; s < 4; s++) note(drums, 9, tb + s * sixteenth, 30, HH, s === 0 ? 80 : 50);
          note(bass, 1, tb, sixteenth * 1.8, bassNote, 100);
          note(bass, 1, tb + 3 * sixteenth, sixteenth * 0.9, bassNote + 12, 80);
          break;
        case 'shuffle':
          if (b % 2 === 0) note(drums, 9, tb, 60, K, 110); else note(drums, 9, tb, 60, S, 105);
          note(drums, 9, tb, 40, RIDE, 80);
          note(drums, 9, tb + 2 * beat / 3, 40, RIDE, 60);
          note(bass, 1, tb, beat * 0.6, bassNote, 95);
          note(bass, 1, tb + 2 * beat / 3, beat * 0.3, bassNote + 7, 80);
          break;
        case 'four': case 'four16':
          note(drums, 9, tb, 60, K, 115);
          if (b % 2 === 1) note(drums, 9, tb, 60, CL, 95);
          note(drums, 9, tb + eighth, 60, OH, 70);
          if (groove === 'four16') for (let s = 0; s < 4; s++) note(drums, 9, tb + s * sixteenth, 25, HH, s === 0 ? 70 : 45);
          note(bass, 1, tb + eighth, eighth * 0.9, bassNote, 100);
          break;
        case 'dnb':
          if (b === 0) note(drums, 9, tb, 60, K, 115);
          if (b === 2) note(drums, 9, tb + eighth, 60, K, 105);
          if (b % 2 === 1) note(drums, 9, tb, 60, S, 115);
          for (const e of [0, 1]) note(drums, 9, tb + e * eighth, 30, HH, e ? 55 : 75);
          if (b === 0) note(bass, 1, tb, beat * 3, bassNote, 100);
          break;
      }
    }
  }
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 4, (PPQ >> 8) & 255, PPQ & 255];
  return Buffer.from([...header, ...track(meta), ...track(drums), ...track(bass), ...track(chords)]);
}

const out = process.argv[2];
fs.mkdirSync(out, { recursive: true });
SONGS.forEach((s, i) => {
  const file = `midi-${String(i + 1).padStart(2, '0')}-${s[0]}-${s[1]}.mid`;
  fs.writeFileSync(path.join(out, file), song(s, 62));
  console.log([file, s[1], (s[5] ? NAMES_MINOR : NAMES_MAJOR)[s[4]], s[5] ? 'minor' : 'major'].join('\t'));
});
