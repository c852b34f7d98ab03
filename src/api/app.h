// What every handler can reach: the database, the clock and the clinic's
// settings (cached, refreshed on change).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/json_reader.h"
#include "domain/clinic.h"
#include "store/db.h"

namespace anagen::api {

struct AppConfig {
  std::string web_root;          // built web app to serve at /, empty for none
  bool test_clock = false;       // enables POST /api/v1/test/clock
  int settings_cache_ms = 2000;  // how long another node's settings change may take to show
};

class App {
 public:
  App(store::Database& db, Clock& clock, AppConfig cfg, ManualClock* manual = nullptr)
      : db(db), clock(clock), cfg(std::move(cfg)), manual_clock(manual) {}

  store::Database& db;
  Clock& clock;
  // Queues due reminders and sends due messages now (set by the composition
  // root when the reminder service runs); returns counts.
  std::function<Result<Json>()> run_outbox;
  const AppConfig cfg;
  ManualClock* const manual_clock;  // non-null only with --test-clock

  // The clinic's settings, read at most every settings_cache_ms.
  Result<domain::ClinicSettings> settings();
  // Call after saving new settings so this node sees them at once.
  void settings_changed(const domain::ClinicSettings& s);

 private:
  std::mutex mu_;
  std::optional<domain::ClinicSettings> cached_;
  Instant cached_at_{};
};

}  // namespace anagen::api
