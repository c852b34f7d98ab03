#include "auth/throttle.h"

#include <algorithm>

namespace anagen::auth {

std::chrono::seconds login_delay(int failures, Instant last_failure, Instant now,
                                 int free_attempts) {
  if (failures < free_attempts) return std::chrono::seconds(0);
  int exponent = std::min(failures - free_attempts, 10);
  auto wait = std::min(std::chrono::seconds(1LL << exponent), std::chrono::seconds(15 * 60));
  auto allowed_at = last_failure + wait;
  if (now >= allowed_at) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(allowed_at - now);
}

}  // namespace anagen::auth
