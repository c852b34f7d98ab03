// Slowing down repeated failed sign-ins for one account.
#pragma once

#include <chrono>

#include "core/clock.h"

namespace anagen::auth {

// After `free_attempts` consecutive failures, each further attempt must wait
// 2^(failures - free_attempts) seconds after the last failure, capped at 15
// minutes. Returns how long the caller must still wait at `now` (zero when a
// new attempt may be checked).
std::chrono::seconds login_delay(int consecutive_failures, Instant last_failure, Instant now,
                                 int free_attempts);

}  // namespace anagen::auth
