// The append-only audit trail of every read and write of patient data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/db.h"

namespace anagen::store::audit {

struct Entry {
  int64_t seq = 0;  // assigned by the store; increases with time
  Instant at{};
  std::optional<std::string> user_id;
  std::optional<std::string> patient_id;
  std::string action;   // "patient.read", "screening.create", ...
  std::string outcome;  // ok, denied, invalid, not_found, conflict, error
  int status = 0;       // HTTP status answered
  std::string method;
  std::string path;
  std::string ip;
  std::string request_id;
  std::optional<std::string> detail;
};

Status append(Tx& tx, const Entry& e);

struct Filter {
  std::optional<std::string> patient_id;
  std::optional<std::string> user_id;
  std::optional<int64_t> before_seq;  // paging: entries older than this
  int limit = 100;
};
// Newest first.
Result<std::vector<Entry>> list(Tx& tx, const Filter& f);

}  // namespace anagen::store::audit
