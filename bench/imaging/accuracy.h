// Scoring of analysis results against synthetic ground truth.
#ifndef ANAGEN_BENCH_IMAGING_ACCURACY_H_
#define ANAGEN_BENCH_IMAGING_ACCURACY_H_

#include <string>
#include <vector>

#include "analysis.h"
#include "synth.h"

namespace anagen::imaging::bench {

// One detected hair paired with one truth hair.
struct MatchedHair {
  const Hair* detected;
  const synth::TruthHair* truth;
  bool exit_correct;  // Detected exit at the true exit's end, not the tip's.
};

// Greedy one-to-one matching of traces to true hairs whose centreline ends
// lie near the trace's (either orientation, so that a hair whose exit end
// was misjudged still counts as found), closest first, where closeness is
// how far the trace's points lie from the hair's centreline (mean px) plus
// a twentieth of the ends' distance. By the ends alone, a trace along one
// sibling that stops short (at a crossing) was often paired with another
// sibling of its opening whose tip lay nearer its end: a terminal shaft's
// diameter was scored against a vellus sibling's.
std::vector<MatchedHair> match_hairs(const Analysis& analysis, const synth::Sample& sample);

// Running statistics over a set of images.
struct Scores {
  std::vector<double> count_error_pct;    // Per image: (found - true) / true.
  std::vector<double> diameter_error_um;  // Per matched counted hair.
  int vellus_total = 0, vellus_correct = 0;
  int growth_total = 0, growth_correct = 0;
  int exit_total = 0, exit_correct = 0;
  int truth_counted = 0, matched_counted = 0;

  // `matches`: match_hairs(analysis, sample).
  void add(const Analysis& analysis, const synth::Sample& sample,
           const std::vector<MatchedHair>& matches, double vellus_threshold_um);
  std::string report(const std::string& title) const;
};

double mean(const std::vector<double>& v);
double stddev(const std::vector<double>& v);

}  // namespace anagen::imaging::bench

#endif  // ANAGEN_BENCH_IMAGING_ACCURACY_H_
