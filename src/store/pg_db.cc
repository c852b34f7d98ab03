// PostgreSQL engine: a pool of connections; every write is one READ
// COMMITTED transaction. Invariants that span rows (no double booking, one
// override per screening) take Tx::lock() on their key first, so writes that
// touch the same thing run one after another, as they always do on SQLite.
// Deadlocks and serialization failures are retried.
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/db.h"
#include "store/migrations.h"

namespace anagen::store {
namespace {

constexpr int kMaxAttempts = 8;
// Any fixed number: keys the advisory lock that serialises migrations when
// several anagen servers start against one database.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7234001)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7234001)";

// PostgreSQL type OIDs read from results.
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

Blob decode_bytea(const char* s, int len) {
  Blob out;
  if (len >= 2 && s[0] == '\\' && s[1] == 'x') {
    auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    out.reserve((len - 2) / 2);
    for (int i = 2; i + 1 < len; i += 2) out.push_back(hex(s[i]) << 4 | hex(s[i + 1]));
  }
  return out;
}

class PgConn {
 public:
  explicit PgConn(PGconn* c) : c_(c) {}
  ~PgConn() { PQfinish(c_); }
  bool healthy() const { return PQstatus(c_) == CONNECTION_OK; }
  bool retryable = false;  // set when a statement failed with a serialization failure

  Result<Rows> run(std::string_view sql, const std::vector<Value>& params, int64_t* changes) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PGresult* r = PQprepare(c_, name.c_str(), key.c_str(), 0, nullptr);
      if (PQresultStatus(r) != PGRES_COMMAND_OK) return fail(r, sql);
      PQclear(r);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<Null>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto p = std::get_if<int64_t>(&v)) texts[i] = std::to_string(*p);
      if (auto p = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *p);
        texts[i] = buf;
      }
      if (auto p = std::get_if<std::string>(&v)) texts[i] = *p;
      if (auto p = std::get_if<Blob>(&v)) {
        texts[i].assign(p->begin(), p->end());
        formats[i] = 1;
      }
      values[i] = texts[i].data();
      lengths[i] = static_cast<int>(texts[i].size());
    }
    PGresult* r = PQexecPrepared(c_, it->second.c_str(), static_cast<int>(params.size()),
                                 values.data(), lengths.data(), formats.data(), 0);
    auto status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return fail(r, sql);
    Rows rows = read_rows(r);
    if (changes) {
      const char* n = PQcmdTuples(r);
      *changes = n && *n ? std::atoll(n) : 0;
    }
    PQclear(r);
    return rows;
  }

  Status script(const std::string& sql) {
    PGresult* r = PQexec(c_, sql.c_str());
    auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return fail(r, sql);
    PQclear(r);
    return ok_status();
  }

 private:
  static Rows read_rows(PGresult* r) {
    Rows rows;
    int nr = PQntuples(r), nc = PQnfields(r);
    rows.reserve(nr);
    for (int i = 0; i < nr; ++i) {
      std::vector<Value> cells;
      cells.reserve(nc);
      for (int j = 0; j < nc; ++j) {
        if (PQgetisnull(r, i, j)) {
          cells.emplace_back(Null{});
          continue;
        }
        const char* s = PQgetvalue(r, i, j);
        int len = PQgetlength(r, i, j);
        switch (PQftype(r, j)) {
          case kBool:
            cells.emplace_back(static_cast<int64_t>(s[0] == 't'));
            break;
          case kInt2:
          case kInt4:
          case kInt8:
            cells.emplace_back(static_cast<int64_t>(std::atoll(s)));
            break;
          case kFloat4:
          case kFloat8:
          case kNumeric:
            cells.emplace_back(std::strtod(s, nullptr));
            break;
          case kBytea:
            cells.emplace_back(decode_bytea(s, len));
            break;
          default:
            cells.emplace_back(std::string(s, len));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  Error fail(PGresult* r, std::string_view sql) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string code = state ? state : "";
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQclear(r);
    if (code == "40001" || code == "40P01") {
      retryable = true;
      return Error::conflict("store: concurrent update, retry");
    }
    if (code.rfind("23", 0) == 0) return Error::conflict("store: constraint violated: " + msg);
    if (!healthy()) return Error::unavailable("store: lost the PostgreSQL connection: " + msg);
    return Error::internal("store: postgresql: " + msg + " (in: " + std::string(sql.substr(0, 80)) +
                           ")");
  }

  PGconn* c_;
  std::unordered_map<std::string, std::string> prepared_;
};

class PgTx final : public Tx {
 public:
  explicit PgTx(PgConn& c) : c_(c) {}
  Result<Rows> query(std::string_view sql, const std::vector<Value>& params) override {
    return c_.run(sql, params, nullptr);
  }
  Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) override {
    int64_t changes = 0;
    auto r = c_.run(sql, params, &changes);
    if (!r.ok()) return r.take_error();
    return changes;
  }
  Status lock(std::string_view key) override {
    auto r = c_.run("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {val(key)}, nullptr);
    if (!r.ok()) return r.take_error();
    return ok_status();
  }

 private:
  PgConn& c_;
};

class PgDb final : public Database {
 public:
  PgDb(std::string url, DbOptions opts) : url_(std::move(url)), opts_(opts) {}
  ~PgDb() override { close(); }

  Status init() {
    auto c = connect();
    if (!c.ok()) return c.take_error();
    {
      std::lock_guard lk(mu_);
      ++open_;
    }
    release(std::move(c).value());
    return ok_status();
  }

  std::string engine() const override { return "postgresql"; }

  Status migrate() override {
    auto conn = acquire();
    if (!conn.ok()) return conn.take_error();
    auto& c = **conn;
    ANAGEN_TRY(c.script(kMigrationLock));
    Status st = migrate_locked(c);
    (void)c.script(kMigrationUnlock);
    release(std::move(conn).value());
    return st;
  }

  Status read_fn(const TxFn& fn) override {
    auto conn = acquire();
    if (!conn.ok()) return conn.take_error();
    // Statements run on their own (no BEGIN/COMMIT round trips): a read
    // needing one snapshot across statements is rare and takes a write.
    PgTx tx(**conn);
    Status st = run_guarded(fn, tx);
    release(std::move(conn).value());
    return st;
  }

  Status write_fn(const TxFn& fn) override { return write_with(fn, false); }
  // PostgreSQL's own asynchronous commit: the WAL is flushed by its WAL writer
  // within three wal_writer_delay (200 ms by default, so within kAppendFlush
  // x 3 at most); a crash of anagen loses nothing.
  Status append_fn(const TxFn& fn) override { return write_with(fn, true); }

  Status write_with(const TxFn& fn, bool append) {
    if (closing_) return Error::unavailable("store: the server is shutting down");
    Status st = ok_status();
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      auto conn = acquire();
      if (!conn.ok()) return conn.take_error();
      auto& c = **conn;
      c.retryable = false;
      PgTx tx(c);
      st = c.script(append ? "BEGIN; SET LOCAL synchronous_commit TO OFF" : "BEGIN");
      if (st.ok()) st = run_guarded(fn, tx);
      if (st.ok() && !c.retryable) {
        st = c.script("COMMIT");
      } else {
        (void)c.script("ROLLBACK");
      }
      bool retry = c.retryable;
      release(std::move(conn).value());
      if (!retry) return st;
      // Back off a little, growing, so racing transactions spread out.
      std::this_thread::sleep_for(std::chrono::milliseconds(1 << attempt));
    }
    return Error::unavailable("store: too much contention; try again");
  }

  void close() override {
    closing_ = true;
    std::lock_guard lk(mu_);
    free_.clear();
  }

 private:
  Status migrate_locked(PgConn& c) {
    PgTx tx(c);
    ANAGEN_TRY(
        c.script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"));
    ANAGEN_ASSIGN(auto row,
                  tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
    int current = static_cast<int>(row->i64(0));
    return apply_pending(postgres_migrations(), current, [&](int v, const Migration& m) -> Status {
      ANAGEN_TRY(c.script("BEGIN"));
      Status st = c.script(m.sql);
      if (st.ok()) {
        st = tx.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                     {val(v), val(m.name)})
                     .ok()
                 ? ok_status()
                 : Error::internal("cannot record the migration");
      }
      if (st.ok()) return c.script("COMMIT");
      (void)c.script("ROLLBACK");
      return st;
    });
  }

  Result<std::unique_ptr<PgConn>> connect() {
    PGconn* raw = PQconnectdb(url_.c_str());
    auto conn = std::make_unique<PgConn>(raw);
    if (!conn->healthy()) {
      std::string msg = PQerrorMessage(raw);
      while (!msg.empty() && msg.back() == '\n') msg.pop_back();
      return Error::unavailable("store: cannot connect to PostgreSQL: " + msg);
    }
    PQsetNoticeProcessor(
        raw, [](void*, const char*) {}, nullptr);
    return conn;
  }

  Result<std::unique_ptr<PgConn>> acquire() {
    std::unique_lock lk(mu_);
    cv_.wait(lk, [&] { return !free_.empty() || open_ < opts_.pool_size; });
    if (!free_.empty()) {
      auto c = std::move(free_.back());
      free_.pop_back();
      return c;
    }
    ++open_;
    lk.unlock();
    auto c = connect();
    if (!c.ok()) {
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
    }
    return c;
  }

  void release(std::unique_ptr<PgConn> c) {
    std::lock_guard lk(mu_);
    if (c->healthy() && !closing_) {
      free_.push_back(std::move(c));
    } else {
      --open_;  // dropped; a new connection is made on demand
    }
    cv_.notify_one();
  }

  std::string url_;
  DbOptions opts_;
  std::atomic<bool> closing_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConn>> free_;
  int open_ = 0;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, const DbOptions& opts, Error* err) {
  auto db = std::make_unique<PgDb>(url, opts);
  auto st = db->init();
  if (!st.ok()) {
    *err = st.error();
    return nullptr;
  }
  return db;
}

}  // namespace anagen::store
