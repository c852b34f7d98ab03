#include "store/patient_store.h"

#include <algorithm>

#include "core/text.h"
#include "store/store_util.h"

namespace anagen::store::patients {
namespace {

constexpr const char* kInsert =
    "INSERT INTO patients (id, given_name, family_name, birth_date, sex, email, phone, sort_key, "
    "version, created_at, updated_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, $10)";
constexpr const char* kUpdate =
    "UPDATE patients SET given_name = $2, family_name = $3, birth_date = $4, sex = $5, "
    "email = $6, phone = $7, sort_key = $8, version = $9, updated_at = $10 "
    "WHERE id = $1 AND version = $11";
constexpr const char* kInsertTerm =
    "INSERT INTO patient_terms (term, patient_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr const char* kDeleteTerms = "DELETE FROM patient_terms WHERE patient_id = $1";
constexpr const char* kGet =
    "SELECT id, given_name, family_name, birth_date, sex, email, phone, version, created_at, "
    "updated_at, sort_key FROM patients WHERE id = $1";
// Up to four words; an empty word ('' .. '') matches everything. The
// cursor is the (sort_key, id) of the last row of the previous page.
constexpr const char* kSearch =
    "SELECT id, given_name, family_name, birth_date, sex, email, phone, version, created_at, "
    "updated_at, sort_key FROM patients p WHERE "
    "($1 = '' OR id IN (SELECT patient_id FROM patient_terms WHERE term >= $1 AND term < $2)) AND "
    "($3 = '' OR id IN (SELECT patient_id FROM patient_terms WHERE term >= $3 AND term < $4)) AND "
    "($5 = '' OR id IN (SELECT patient_id FROM patient_terms WHERE term >= $5 AND term < $6)) AND "
    "($7 = '' OR id IN (SELECT patient_id FROM patient_terms WHERE term >= $7 AND term < $8)) AND "
    "(sort_key > $9 OR (sort_key = $9 AND id > $10)) "
    "ORDER BY sort_key, id LIMIT $11";

constexpr size_t kMaxWords = 4;

std::string sort_key(const domain::PatientFields& f) {
  return fold(f.family_name) + "\x1f" + fold(f.given_name);
}

// The smallest string greater than every string starting with `prefix`.
std::string prefix_end(const std::string& prefix) {
  std::string end = prefix;
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  if (end.empty()) return "\xff";
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

domain::Patient from_row(const Row& r) {
  domain::Patient p;
  p.id = r.text(0);
  p.fields.given_name = r.text(1);
  p.fields.family_name = r.text(2);
  p.fields.birth_date = date_of(r.text(3));
  p.fields.sex = r.text(4);
  p.fields.email = r.opt_text(5);
  p.fields.phone = r.opt_text(6);
  p.version = static_cast<int>(r.i64(7));
  p.created_at = instant_of(r.i64(8));
  p.updated_at = instant_of(r.i64(9));
  return p;
}

Status index_terms(Tx& tx, const domain::Patient& p) {
  auto words = search_words(p.fields.given_name + " " + p.fields.family_name);
  for (const auto& w : words) ANAGEN_TRY(tx.exec(kInsertTerm, {val(w), val(p.id)}));
  return ok_status();
}

}  // namespace

Status insert(Tx& tx, const domain::Patient& p, const std::string& created_by) {
  const auto& f = p.fields;
  ANAGEN_TRY(tx.exec(kInsert, {val(p.id), val(f.given_name), val(f.family_name),
                               val(format_date(f.birth_date)), val(f.sex), val(f.email),
                               val(f.phone), val(sort_key(f)), val(ms(p.created_at)),
                               val(created_by)}));
  return index_terms(tx, p);
}

Status update(Tx& tx, const domain::Patient& p) {
  const auto& f = p.fields;
  ANAGEN_ASSIGN(auto changed,
                tx.exec(kUpdate, {val(p.id), val(f.given_name), val(f.family_name),
                                  val(format_date(f.birth_date)), val(f.sex), val(f.email),
                                  val(f.phone), val(sort_key(f)), val(p.version),
                                  val(ms(p.updated_at)), val(p.version - 1)}));
  if (changed == 0) {
    return Error::conflict("The patient was changed by someone else meanwhile; reload and retry.");
  }
  ANAGEN_TRY(tx.exec(kDeleteTerms, {val(p.id)}));
  return index_terms(tx, p);
}

Result<std::optional<domain::Patient>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Patient>();
  return std::optional<domain::Patient>(from_row(*row));
}

Result<domain::Patient> require(Tx& tx, const std::string& id) {
  return found(get(tx, id), "Patient " + id);
}

Result<Page> search(Tx& tx, const std::vector<std::string>& words,
                    const std::optional<std::string>& cursor, int limit) {
  std::vector<Value> params;
  for (size_t i = 0; i < kMaxWords; ++i) {
    std::string w = i < words.size() ? words[i] : "";
    params.push_back(val(w));
    params.push_back(val(w.empty() ? std::string() : prefix_end(w)));
  }
  std::string after_key, after_id;
  if (cursor) {
    auto sep = cursor->rfind('\x1e');
    if (sep == std::string::npos) return Error::invalid("cursor", "is not a cursor anagen gave");
    after_key = cursor->substr(0, sep);
    after_id = cursor->substr(sep + 1);
  }
  params.push_back(val(after_key));
  params.push_back(val(after_id));
  params.push_back(val(limit + 1));
  ANAGEN_ASSIGN(auto rows, tx.query(kSearch, params));
  Page page;
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(limit); ++i) {
    page.items.push_back(from_row(rows[i]));
  }
  if (rows.size() > static_cast<size_t>(limit)) {
    const Row& last = rows[limit - 1];
    page.next_cursor = last.text(10) + "\x1e" + last.text(0);
  }
  return page;
}

}  // namespace anagen::store::patients
