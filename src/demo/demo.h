// The demo clinic: fills a fresh database with a believable clinic (staff,
// practitioners and hours, products and lots, about 30 patients at every
// stage of a course, with sessions, side effects, outcomes over months and
// aftercare), by living through the last nine months with the real API.
#pragma once

#include <ostream>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"

namespace anagen::demo {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
};

// REQUIRES: db migrated and without users. `now` is the present the story
// leads up to. Returns the sign-ins to print.
Result<std::vector<DemoLogin>> fill(store::Database& db, Instant now, std::ostream& progress);

}  // namespace anagen::demo
