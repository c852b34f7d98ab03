// SQLite engine: WAL, synchronous=FULL, a pool of read connections and one
// writer thread that commits concurrent write requests together (group
// commit). Each request runs inside its own SAVEPOINT, so a failing request
// rolls back alone; every request in a batch is acknowledged only after the
// batch's COMMIT has been fsynced.
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "store/db.h"
#include "store/migrations.h"

namespace anagen::store {
namespace {

constexpr size_t kMaxBatch = 512;

class SqliteConn {
 public:
  SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }
  sqlite3* raw() { return db_; }

  Result<Rows> run(std::string_view sql, const std::vector<Value>& params, int64_t* changes) {
    sqlite3_stmt* st = prepare(sql);
    if (!st) return fail(sql);
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; ++i) {
      const char* name = sqlite3_bind_parameter_name(st, i);
      size_t idx = name ? static_cast<size_t>(std::atoi(name + 1)) : static_cast<size_t>(i);
      if (idx == 0 || idx > params.size()) {
        sqlite3_reset(st);
        return Error::internal("store: sqlite: parameter " + std::to_string(idx) +
                               " missing for: " + std::string(sql.substr(0, 80)));
      }
      bind(st, i, params[idx - 1]);
    }
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows.emplace_back(read_row(st));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) return fail(sql, rc);
    if (changes) *changes = sqlite3_changes64(db_);
    return rows;
  }

  Status script(const std::string& sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
      std::string m = msg ? msg : sqlite3_errstr(rc);
      sqlite3_free(msg);
      return Error::internal("store: sqlite: " + m);
    }
    return ok_status();
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                           &st, nullptr) != SQLITE_OK) {
      return nullptr;
    }
    cache_.emplace(std::move(key), st);
    return st;
  }

  static void bind(sqlite3_stmt* st, int i, const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) {
      sqlite3_bind_int64(st, i, *p);
    } else if (auto p = std::get_if<double>(&v)) {
      sqlite3_bind_double(st, i, *p);
    } else if (auto p = std::get_if<std::string>(&v)) {
      sqlite3_bind_text(st, i, p->data(), static_cast<int>(p->size()), SQLITE_TRANSIENT);
    } else if (auto p = std::get_if<Blob>(&v)) {
      sqlite3_bind_blob64(st, i, p->data(), p->size(), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(st, i);
    }
  }

  static Row read_row(sqlite3_stmt* st) {
    int n = sqlite3_column_count(st);
    std::vector<Value> cells;
    cells.reserve(n);
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
          cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, i)));
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(st, i));
          break;
        case SQLITE_TEXT:
          cells.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i)),
                                         sqlite3_column_bytes(st, i)));
          break;
        case SQLITE_BLOB: {
          auto p = static_cast<const unsigned char*>(sqlite3_column_blob(st, i));
          cells.emplace_back(Blob(p, p + sqlite3_column_bytes(st, i)));
          break;
        }
        default:
          cells.emplace_back(Null{});
      }
    }
    return Row(std::move(cells));
  }

  Error fail(std::string_view sql, int rc = SQLITE_ERROR) {
    int ext = sqlite3_extended_errcode(db_);
    std::string msg = sqlite3_errmsg(db_);
    if ((ext & 0xff) == SQLITE_CONSTRAINT) {
      return Error::conflict("store: constraint violated: " + msg);
    }
    return Error::internal("store: sqlite: " + msg + " (in: " + std::string(sql.substr(0, 80)) +
                           ")");
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(SqliteConn& c) : c_(c) {}
  Result<Rows> query(std::string_view sql, const std::vector<Value>& params) override {
    return c_.run(sql, params, nullptr);
  }
  Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) override {
    int64_t changes = 0;
    auto r = c_.run(sql, params, &changes);
    if (!r.ok()) return r.take_error();
    return changes;
  }

 private:
  SqliteConn& c_;
};

struct Job {
  const TxFn* fn;
  std::promise<Status> done;
  bool append = false;  // need not wait for the disk (Database::append_fn)
};

class SqliteDb final : public Database {
 public:
  SqliteDb(std::string path, DbOptions opts) : path_(std::move(path)), opts_(opts) {}
  ~SqliteDb() override { close(); }

  Status init() {
    auto w = connect(false);
    if (!w.ok()) return w.take_error();
    writer_ = std::move(w).value();
    ANAGEN_TRY(writer_->script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
    writer_thread_ = std::thread([this] { writer_loop(); });
    return ok_status();
  }

  std::string engine() const override { return "sqlite"; }

  Status migrate() override {
    ANAGEN_TRY(write_fn([](Tx& tx) -> Status {
      ANAGEN_TRY(
          tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                  {}));
      return ok_status();
    }));
    int64_t current = 0;
    ANAGEN_TRY(read_fn([&](Tx& tx) -> Status {
      ANAGEN_ASSIGN(auto row,
                    tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
      current = row->i64(0);
      return ok_status();
    }));
    return apply_pending(
        sqlite_migrations(), static_cast<int>(current), [this](int v, const Migration& m) {
          // Runs on the writer thread, inside the batch's transaction.
          return write_fn([&](Tx& tx) -> Status {
            ANAGEN_TRY(writer_->script(m.sql));
            ANAGEN_TRY(tx.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                               {val(v), val(m.name)}));
            return ok_status();
          });
        });
  }

  Status read_fn(const TxFn& fn) override {
    auto conn = acquire();
    if (!conn.ok()) return conn.take_error();
    SqliteTx tx(**conn);
    Status st = (*conn)->script("BEGIN");
    if (st.ok()) {
      st = run_guarded(fn, tx);
      (void)(*conn)->script("COMMIT");
    }
    release(std::move(conn).value());
    return st;
  }

  Status write_fn(const TxFn& fn) override { return enqueue(fn, false); }
  Status append_fn(const TxFn& fn) override { return enqueue(fn, true); }

  Status enqueue(const TxFn& fn, bool append) {
    Job job{&fn, {}, append};
    auto fut = job.done.get_future();
    {
      std::lock_guard lk(q_mu_);
      if (closing_) return Error::unavailable("store: the server is shutting down");
      queue_.push_back(&job);
    }
    q_cv_.notify_one();
    return fut.get();
  }

  void close() override {
    {
      std::lock_guard lk(q_mu_);
      if (closing_) return;
      closing_ = true;
    }
    q_cv_.notify_all();
    if (writer_thread_.joinable()) writer_thread_.join();
  }

 private:
  Result<std::unique_ptr<SqliteConn>> connect(bool read_only) {
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path_.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto conn = std::make_unique<SqliteConn>(raw);
    if (rc != SQLITE_OK) {
      return Error::unavailable("store: cannot open SQLite database " + path_ + ": " +
                                sqlite3_errmsg(raw));
    }
    sqlite3_busy_timeout(raw, opts_.busy_timeout_ms);
    // No memory-mapped reads: every commit grows the file (the audit trail
    // alone does on every request) and each connection would remap it, which
    // profiled slower than plain reads. Each connection has its own page
    // cache, so keep it big enough for the hot indexes.
    ANAGEN_TRY(
        conn->script("PRAGMA foreign_keys=ON; PRAGMA mmap_size=0; "
                     "PRAGMA cache_size=-16000;"));
    if (read_only) ANAGEN_TRY(conn->script("PRAGMA query_only=1;"));
    return conn;
  }

  Result<std::unique_ptr<SqliteConn>> acquire() {
    {
      std::lock_guard lk(pool_mu_);
      if (!readers_.empty()) {
        auto c = std::move(readers_.back());
        readers_.pop_back();
        return c;
      }
    }
    return connect(true);
  }

  void release(std::unique_ptr<SqliteConn> c) {
    std::lock_guard lk(pool_mu_);
    if (readers_.size() < static_cast<size_t>(opts_.pool_size)) readers_.push_back(std::move(c));
  }

  void writer_loop() {
    for (;;) {
      std::vector<Job*> batch;
      {
        std::unique_lock lk(q_mu_);
        auto ready = [&] { return !queue_.empty() || closing_; };
        if (unsynced_since_) {
          // Appends committed without waiting for the disk: put them there
          // with the next batch, or on their own when none comes in time.
          if (!q_cv_.wait_until(lk, *unsynced_since_ + kAppendFlush, ready)) {
            lk.unlock();
            flush();
            continue;
          }
        } else {
          q_cv_.wait(lk, ready);
        }
        if (queue_.empty()) {
          lk.unlock();
          if (unsynced_since_) flush();
          return;
        }
        while (!queue_.empty() && batch.size() < kMaxBatch) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      run_batch(batch);
    }
  }

  WriteStats write_stats() const override {
    std::lock_guard lk(stats_mu_);
    return stats_;
  }

  // synchronous=NORMAL commits an append batch to the WAL without fsync (it
  // survives a crash of the process, not of the machine); FULL fsyncs the
  // WAL, which puts every earlier commit on disk too.
  void set_synchronous(bool full) {
    if (full == synchronous_full_) return;
    if (writer_->script(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL").ok()) {
      synchronous_full_ = full;
    }
  }

  // A durable commit of its own, for appends that no batch has carried to disk.
  void flush() {
    set_synchronous(true);
    Status st = writer_->script("BEGIN IMMEDIATE; UPDATE sync_marks SET n = n + 1; COMMIT");
    if (st.ok()) {
      unsynced_since_.reset();
    } else {
      (void)writer_->script("ROLLBACK");
      spdlog::error("store: flushing appends failed: {}", st.error().detail);
      unsynced_since_ = std::chrono::steady_clock::now();  // try again later
    }
  }

  void run_batch(const std::vector<Job*>& batch) {
    auto t0 = std::chrono::steady_clock::now();
    bool all_appends =
        std::all_of(batch.begin(), batch.end(), [](const Job* j) { return j->append; });
    set_synchronous(!all_appends);
    std::vector<Status> results(batch.size(), ok_status());
    SqliteTx tx(*writer_);
    Status begun = writer_->script("BEGIN IMMEDIATE");
    size_t first_in_tx = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!begun.ok()) {
        results[i] = begun;
        continue;
      }
      (void)writer_->script("SAVEPOINT job");
      results[i] = run_guarded(*batch[i]->fn, tx);
      if (sqlite3_get_autocommit(writer_->raw())) {
        // SQLite rolled the whole transaction back (I/O error, disk full):
        // the earlier jobs of this batch are lost too; report them failed.
        for (size_t k = first_in_tx; k < i; ++k) {
          if (results[k].ok()) results[k] = Error::internal("store: transaction aborted");
        }
        if (results[i].ok()) results[i] = Error::internal("store: transaction aborted");
        begun = writer_->script("BEGIN IMMEDIATE");
        first_in_tx = i + 1;
        continue;
      }
      if (results[i].ok()) {
        (void)writer_->script("RELEASE job");
      } else {
        (void)writer_->script("ROLLBACK TO job; RELEASE job");
      }
    }
    auto t1 = std::chrono::steady_clock::now();
    if (begun.ok()) {
      Status committed = writer_->script("COMMIT");
      if (!committed.ok()) {
        spdlog::error("store: commit failed: {}", committed.error().detail);
        (void)writer_->script("ROLLBACK");
        for (size_t k = first_in_tx; k < batch.size(); ++k) {
          if (results[k].ok()) results[k] = committed;
        }
      } else if (!synchronous_full_) {
        if (!unsynced_since_) unsynced_since_ = std::chrono::steady_clock::now();
      } else {
        unsynced_since_.reset();
      }
    }
    auto t2 = std::chrono::steady_clock::now();
    {
      std::lock_guard lk(stats_mu_);
      stats_.transactions += 1;
      stats_.writes += batch.size();
      stats_.work_ms += std::chrono::duration<double, std::milli>(t1 - t0).count();
      stats_.commit_ms += std::chrono::duration<double, std::milli>(t2 - t1).count();
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(std::move(results[i]));
  }

  std::string path_;
  DbOptions opts_;
  std::unique_ptr<SqliteConn> writer_;
  std::thread writer_thread_;
  std::mutex q_mu_;
  std::condition_variable q_cv_;
  std::deque<Job*> queue_;
  bool closing_ = false;
  bool synchronous_full_ = true;                                         // writer thread only
  std::optional<std::chrono::steady_clock::time_point> unsynced_since_;  // writer thread only
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<SqliteConn>> readers_;
  mutable std::mutex stats_mu_;
  WriteStats stats_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const DbOptions& opts, Error* err) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto db = std::make_unique<SqliteDb>(path, opts);
  auto st = db->init();
  if (!st.ok()) {
    *err = st.error();
    return nullptr;
  }
  return db;
}

}  // namespace anagen::store
