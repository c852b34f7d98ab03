#include "api/app.h"

#include "store/clinic_store.h"

namespace anagen::api {

Result<domain::ClinicSettings> App::settings() {
  auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  {
    std::lock_guard lk(mu_);
    if (cached_ && now - cached_at_ < std::chrono::milliseconds(cfg.settings_cache_ms)) {
      return *cached_;
    }
  }
  auto s = db.read([](store::Tx& tx) { return store::clinic::get(tx); });
  if (!s.ok()) return s;
  std::lock_guard lk(mu_);
  cached_ = *s;
  cached_at_ = now;
  return s;
}

void App::settings_changed(const domain::ClinicSettings& s) {
  std::lock_guard lk(mu_);
  cached_ = s;
  cached_at_ =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace anagen::api
