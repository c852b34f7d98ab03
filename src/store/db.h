// The thin database interface both engines implement. SQL text is shared:
// placeholders are $1..$n on SQLite and PostgreSQL alike; booleans are stored
// as integers 0/1, instants as BIGINT milliseconds since the Unix epoch (UTC),
// calendar dates as 'YYYY-MM-DD' text.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace anagen::store {

using Blob = std::vector<unsigned char>;
struct Null {};
using Value = std::variant<Null, int64_t, double, std::string, Blob>;

// Builds a Value from common C++ types (optional -> NULL when empty).
inline Value val(int64_t v) { return v; }
inline Value val(int v) { return static_cast<int64_t>(v); }
inline Value val(bool v) { return static_cast<int64_t>(v ? 1 : 0); }
inline Value val(double v) { return v; }
inline Value val(std::string v) { return v; }
inline Value val(const char* v) { return std::string(v); }
inline Value val(std::string_view v) { return std::string(v); }
inline Value val(Blob v) { return v; }
template <typename T>
Value val(const std::optional<T>& v) {
  return v ? val(*v) : Value{Null{}};
}

// One result row. Columns are read by index in the order of the SELECT.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  bool is_null(size_t i) const { return std::holds_alternative<Null>(cells_.at(i)); }
  int64_t i64(size_t i) const;
  bool boolean(size_t i) const { return i64(i) != 0; }
  double f64(size_t i) const;
  std::string text(size_t i) const;
  Blob blob(size_t i) const;
  std::optional<int64_t> opt_i64(size_t i) const;
  std::optional<double> opt_f64(size_t i) const;
  std::optional<std::string> opt_text(size_t i) const;
  size_t size() const { return cells_.size(); }

 private:
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

// A connection inside a transaction (or a read snapshot). Not thread-safe:
// used only by the function it was given to.
class Tx {
 public:
  virtual ~Tx() = default;
  // Runs one statement and returns its rows. A unique or foreign key
  // violation -> kConflict; other failures -> kInternal with the cause.
  virtual Result<Rows> query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) = 0;

  // Serialises this transaction with every other one locking the same key
  // ("practitioner:ID") until it ends. A no-op on SQLite, whose writes
  // already run one at a time.
  virtual Status lock(std::string_view key) { return ok_status(); }

  // The first row of a query, or nullopt when there is none.
  Result<std::optional<Row>> query_one(std::string_view sql, const std::vector<Value>& params);
};

struct DbOptions {
  int pool_size = 32;          // connections for PostgreSQL; read connections for SQLite
  int busy_timeout_ms = 5000;  // SQLite
};

using TxFn = std::function<Status(Tx&)>;

// Runs fn for an engine, an exception it lets out becoming an internal
// error, so the transaction is rolled back like any failed one.
Status run_guarded(const TxFn& fn, Tx& tx);

// The longest an append (Database::append_fn) waits to be on disk.
inline constexpr std::chrono::milliseconds kAppendFlush{200};

// Counters of the write path, for benchmarks and diagnosis.
struct WriteStats {
  uint64_t transactions = 0;  // commits (a SQLite group commit counts once)
  uint64_t writes = 0;        // write_fn calls served
  double work_ms = 0;         // time running the write functions
  double commit_ms = 0;       // time in COMMIT (the fsync)
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens `url` (sqlite:///abs/path.db, sqlite://rel/path.db or
  // postgresql://user:pass@host:port/db). Does not migrate.
  static Result<std::unique_ptr<Database>> open(const std::string& url, const DbOptions& opts);

  // Applies every migration not yet recorded, each in its own transaction.
  virtual Status migrate() = 0;
  // "sqlite" or "postgresql".
  virtual std::string engine() const = 0;

  // Runs fn on a read connection. Sees only committed data.
  virtual Status read_fn(const TxFn& fn) = 0;
  // Runs fn in a write transaction and returns once the commit is durable.
  // fn's changes are all kept (fn returned ok) or all discarded (fn returned
  // an error). fn may run more than once (PostgreSQL serialization retries)
  // and must have no effect outside the transaction.
  virtual Status write_fn(const TxFn& fn) = 0;
  // Like write_fn, for append-only records that acknowledge nothing a client
  // saved (the audit of reads and refusals): returns once committed, so it
  // survives a crash of anagen, but does not wait for the disk; it is on disk
  // with the next durable commit, and at most kAppendFlush later.
  virtual Status append_fn(const TxFn& fn) { return write_fn(fn); }
  // Stops accepting writes after those queued; waits for them.
  virtual void close() = 0;
  virtual WriteStats write_stats() const { return {}; }

  // Typed conveniences over read_fn/write_fn.
  template <typename F>
  auto read(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    return run(&Database::read_fn, std::forward<F>(fn));
  }
  template <typename F>
  auto write(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    return run(&Database::write_fn, std::forward<F>(fn));
  }
  template <typename F>
  auto append(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    return run(&Database::append_fn, std::forward<F>(fn));
  }

 private:
  template <typename F>
  auto run(Status (Database::*m)(const TxFn&), F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    using R = decltype(fn(std::declval<Tx&>()));
    std::optional<R> out;
    Status st = (this->*m)([&](Tx& tx) -> Status {
      out.emplace(fn(tx));
      if (out->ok()) return ok_status();
      return out->error();
    });
    if (!st.ok() && (!out || out->ok())) return st.error();
    return std::move(*out);
  }
};

}  // namespace anagen::store
