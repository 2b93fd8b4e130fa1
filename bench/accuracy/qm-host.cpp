// A minimal host for Queen Mary's DSP library (Debian libqm-dsp-dev), for bench/run-accuracy.sh only:
// global tempo and key of a raw mono 32-bit float file, configured as the QM Vamp plugins configure them
// (beat tracker: complex-domain onset function, 512-sample hop at 44.1 kHz, TempoTrackV2 with its default
// alpha 0.9 and tightness 4; key detector: GetKeyMode with 440 Hz tuning and 10-frame averaging).
// Prints one JSON object: {"bpm": median of 60 / inter-beat interval, "key": "C", "scale": "major"}.
// Usage: qm-host FILE.f32 SAMPLE_RATE
#include <qm-dsp/dsp/onsets/DetectionFunction.h>
#include <qm-dsp/dsp/tempotracking/TempoTrackV2.h>
#include <qm-dsp/dsp/keydetection/GetKeyMode.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) { std::fprintf(stderr, "usage: qm-host FILE.f32 RATE\n"); return 2; }
    int rate = std::atoi(argv[2]);
    FILE* f = std::fopen(argv[1], "rb");
    if (!f) { std::perror(argv[1]); return 1; }
    std::vector<float> x;
    float buf[65536];
    size_t n;
    while ((n = std::fread(buf, sizeof(float), 65536, f)) > 0) x.insert(x.end(), buf, buf + n);
    std::fclose(f);

    // Tempo (BeatTrack plugin, "new" method)
    DFConfig c;
    c.stepSize = (unsigned int)(rate * 0.01161 + 0.0001);
    unsigned int len = 1;
    while (len < c.stepSize * 2) len <<= 1;
    c.frameLength = len;
    c.DFType = DF_COMPLEXSD;
    c.dbRise = 3;
    c.adaptiveWhitening = false;
    c.whiteningRelaxCoeff = -1;
    c.whiteningFloor = -1;
    DetectionFunction df(c);
    std::vector<double> frame(c.frameLength), dfv;
    for (size_t pos = 0; pos + c.stepSize <= x.size(); pos += c.stepSize) {
        for (unsigned int i = 0; i < c.frameLength; i++) frame[i] = pos + i < x.size() ? x[pos + i] : 0.0;
        dfv.push_back(df.processTimeDomain(frame.data()));
    }
    std::vector<double> d(dfv.begin() + std::min<size_t>(2, dfv.size()), dfv.end()), period(d.size(), 0.0), tempi, beats;
    double bpm = -1;
    if (d.size() > 100) {
        TempoTrackV2 tt((float)rate, c.stepSize);
        tt.calculateBeatPeriod(d, period, tempi, 120.0, false);
        tt.calculateBeats(d, period, beats, 0.9, 4.0);
        std::vector<double> ibi;
        for (size_t i = 1; i < beats.size(); i++) ibi.push_back((beats[i] - beats[i - 1]) * c.stepSize / rate);
        if (!ibi.empty()) {
            std::sort(ibi.begin(), ibi.end());
            bpm = 60.0 / ibi[ibi.size() / 2];
        }
    }

    // Key (KeyDetector plugin): the most frequent of the per-block keys
    GetKeyMode gk(rate, 440.0f, 10, 10);
    unsigned int block = gk.getBlockSize(), hop = gk.getHopSize();
    std::vector<double> kb(block);
    std::map<int, int> votes;
    for (size_t pos = 0; pos + block <= x.size(); pos += hop) {
        for (unsigned int i = 0; i < block; i++) kb[i] = x[pos + i];
        int k = gk.process(kb.data());
        if (k >= 1 && k <= 24) votes[k]++;
    }
    int key = 0, best = 0;
    for (auto& v : votes) if (v.second > best) { best = v.second; key = v.first; }
    static const char* names[] = {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    if (bpm > 0) std::printf("{\"bpm\": %.3f", bpm); else std::printf("{\"bpm\": null");
    if (key > 0) std::printf(", \"key\": \"%s\", \"scale\": \"%s\"}\n", names[(key - 1) % 12], key > 12 ? "minor" : "major");
    else std::printf(", \"key\": null, \"scale\": null}\n");
    return 0;
}
