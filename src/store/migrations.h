// The ordered list of schema migrations of each engine (embedded from
// src/store/migrations/{sqlite,postgres}/NNNN_name.sql at build time).
// Order is important: add new migrations at the end, never edit a landed one.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace anagen::store {

struct Migration {
  std::string name;  // file name, "0001_foundation.sql"; its number is the version
  std::string sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

// Version number of a migration file name ("0007_x.sql" -> 7); 0 if malformed.
int migration_version(const std::string& name);

// Applies, in order, each migration whose version is above `current`:
// apply(version, migration) must run the SQL and record the version in one
// transaction. Stops at the first failure.
Status apply_pending(const std::vector<Migration>& all, int current,
                     const std::function<Status(int, const Migration&)>& apply);

}  // namespace anagen::store
