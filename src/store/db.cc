#include "store/db.h"

#include <charconv>
#include <stdexcept>

namespace anagen::store {

std::unique_ptr<Database> open_sqlite(const std::string& path, const DbOptions& opts, Error* err);
std::unique_ptr<Database> open_postgres(const std::string& url, const DbOptions& opts, Error* err);

Result<std::unique_ptr<Database>> Database::open(const std::string& url, const DbOptions& opts) {
  Error err;
  std::unique_ptr<Database> db;
  if (url.rfind("sqlite://", 0) == 0) {
    std::string path = url.substr(9);  // sqlite:///abs -> /abs ; sqlite://rel -> rel
    if (path.empty()) return Error::bad_request("database URL: sqlite:// needs a file path");
    db = open_sqlite(path, opts, &err);
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    db = open_postgres(url, opts, &err);
  } else {
    return Error::bad_request("database URL must start with sqlite:// or postgresql:// (got '" +
                              url.substr(0, 20) + "')");
  }
  if (!db) return err;
  return db;
}

Status run_guarded(const TxFn& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return Error::internal(std::string("store: unexpected exception: ") + e.what());
  }
}

Result<std::optional<Row>> Tx::query_one(std::string_view sql, const std::vector<Value>& params) {
  auto rows = query(sql, params);
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows->front()));
}

int64_t Row::i64(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    if (*p == "t" || *p == "true") return 1;
    if (*p == "f" || *p == "false") return 0;
    int64_t out = 0;
    std::from_chars(p->data(), p->data() + p->size(), out);
    return out;
  }
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::text(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<Blob>(&v)) return std::string(p->begin(), p->end());
  return "";
}

Blob Row::blob(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<Blob>(&v)) return *p;
  if (auto p = std::get_if<std::string>(&v)) return Blob(p->begin(), p->end());
  return {};
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}
std::optional<double> Row::opt_f64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return f64(i);
}
std::optional<std::string> Row::opt_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

}  // namespace anagen::store
