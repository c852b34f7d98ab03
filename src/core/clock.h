// Time sources. Rules never call now(): handlers read the injected Clock and
// pass instants and dates in, so every rule is testable at any moment.
#pragma once

#include <atomic>
#include <chrono>

namespace anagen {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to; used by tests and `serve --test-clock`.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : ms_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant(std::chrono::milliseconds(ms_.load())); }
  void set(Instant t) { ms_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count()); }

 private:
  std::atomic<long long> ms_;
};

}  // namespace anagen
