// A disk cache of generated samples for imaging_bench: generating an image
// takes about 2 s, analysing it about 50 ms, so repeated benchmark runs while
// tuning the analysis spend nearly all their time regenerating the same
// images. Entries are keyed by the generator's parameters and a hash of the
// generator's source (kSynthSourceHash, computed by CMake), so a changed
// generator never reads stale images.
#ifndef ANAGEN_BENCH_IMAGING_SAMPLE_CACHE_H_
#define ANAGEN_BENCH_IMAGING_SAMPLE_CACHE_H_

#include <string>

#include "synth.h"

namespace anagen::imaging::bench {

// synth::generate(params), read from `dir` if an entry exists there, else
// generated and stored (written to a temporary name and renamed, so several
// processes can share the directory). An empty `dir` disables the cache.
synth::Sample cached_generate(const synth::Params& params, const std::string& dir);

}  // namespace anagen::imaging::bench

#endif  // ANAGEN_BENCH_IMAGING_SAMPLE_CACHE_H_
