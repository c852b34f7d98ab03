#include "store/migrations.h"

#include <cstdlib>

namespace anagen::store {

int migration_version(const std::string& name) {
  if (name.size() < 5 || name[4] != '_') return 0;
  return std::atoi(name.substr(0, 4).c_str());
}

Status apply_pending(const std::vector<Migration>& all, int current,
                     const std::function<Status(int, const Migration&)>& apply) {
  int expected = 1;
  for (const auto& m : all) {
    int v = migration_version(m.name);
    if (v != expected) {
      return Error::internal("store: migration " + m.name + " is out of order (expected number " +
                             std::to_string(expected) + ")");
    }
    ++expected;
    if (v <= current) continue;
    auto st = apply(v, m);
    if (!st.ok()) {
      Error e = st.error();
      e.detail = "store: migration " + m.name + " failed: " + e.detail;
      return e;
    }
  }
  return ok_status();
}

}  // namespace anagen::store
