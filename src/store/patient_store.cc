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
constexpr const char* kDeleteTerms = "DELETE FROM patient_terms WHERE patient_id = $1";
constexpr const char* kGet =
    "SELECT id, given_name, family_name, birth_date, sex, email, phone, version, created_at, "
    "updated_at, sort_key FROM patients WHERE id = $1";
// Search: the rarest query word (counted up to kCountUpTo) drives. Its
// prefix covers a few distinct words; each word's entries are already in
// name order (index term, sort_key, patient_id), so reading the first page of
// each and merging them gives the page without sorting every match. Other
// query words are checked per candidate. The cursor is the (sort_key, id) of
// the last row of the previous page.
constexpr int kCountUpTo = 1000;  // enough to tell a rare word from a common one
constexpr const char* kCountTerm =
    "SELECT COUNT(*) FROM (SELECT 1 FROM patient_terms WHERE term >= $1 AND term < $2 LIMIT $3) t";
constexpr const char* kWordsWithPrefix =
    "SELECT term FROM search_terms WHERE term >= $1 AND term < $2 ORDER BY term";
#define ANAGEN_HAS_WORD(a, b)                             \
  " AND ($" #a                                            \
  " = '' OR EXISTS (SELECT 1 FROM patient_terms u WHERE " \
  "u.patient_id = t.patient_id AND u.term >= $" #a " AND u.term < $" #b "))"
constexpr const char* kTermPage =
    "SELECT t.sort_key, t.patient_id FROM patient_terms t "
    "WHERE t.term = $1 AND (t.sort_key, t.patient_id) > ($2, $3)" ANAGEN_HAS_WORD(4, 5)
        ANAGEN_HAS_WORD(6, 7) ANAGEN_HAS_WORD(8, 9) " ORDER BY t.sort_key, t.patient_id LIMIT $10";
// The same page over every word of a prefix at once, for prefixes that cover
// many distinct words (the start of an email: each address is its own word).
constexpr const char* kRangePage =
    "SELECT DISTINCT t.sort_key, t.patient_id FROM patient_terms t "
    "WHERE t.term >= $1 AND t.term < $2 AND (t.sort_key, t.patient_id) > ($3, $4)" ANAGEN_HAS_WORD(
        5, 6) ANAGEN_HAS_WORD(7, 8)
        ANAGEN_HAS_WORD(9, 10) " ORDER BY t.sort_key, t.patient_id LIMIT $11";
#undef ANAGEN_HAS_WORD
// Past this many distinct words one range query beats a page per word
// (each a round trip on PostgreSQL).
constexpr size_t kManyWords = 64;
constexpr const char* kListAll =
    "SELECT id, given_name, family_name, birth_date, sex, email, phone, version, created_at, "
    "updated_at, sort_key FROM patients p WHERE (p.sort_key, p.id) > ($1, $2) "
    "ORDER BY p.sort_key, p.id LIMIT $3";

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

// `VALUES ($1, $2), ($3, $4)`: `rows` rows of `width` parameters.
std::string values_list(size_t rows, size_t width) {
  std::string out = "VALUES ";
  for (size_t r = 0, n = 1; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (size_t c = 0; c < width; ++c, ++n) out += (c ? ", $" : "$") + std::to_string(n);
    out += ")";
  }
  return out;
}

// A patient's search terms, in one statement per table: a phone and an
// email add about ten terms, which one statement each made cost a create
// about half its rate.
Status index_terms(Tx& tx, const domain::Patient& p) {
  auto words = domain::search_terms(p.fields);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  if (words.empty()) return ok_status();
  std::string key = sort_key(p.fields);
  std::vector<Value> term_params, word_params;
  for (const auto& w : words) {
    term_params.insert(term_params.end(), {val(w), val(p.id), val(key)});
    word_params.push_back(val(w));
  }
  ANAGEN_TRY(tx.exec("INSERT INTO patient_terms (term, patient_id, sort_key) " +
                         values_list(words.size(), 3) + " ON CONFLICT DO NOTHING",
                     term_params));
  ANAGEN_TRY(tx.exec(
      "INSERT INTO search_terms (term) " + values_list(words.size(), 1) + " ON CONFLICT DO NOTHING",
      word_params));
  return ok_status();
}

}  // namespace

Status insert(Tx& tx, const domain::Patient& p, const std::string& created_by) {
  const auto& f = p.fields;
  ANAGEN_TRY(tx.exec(
      kInsert,
      {val(p.id), val(f.given_name), val(f.family_name), val(format_date(f.birth_date)), val(f.sex),
       val(f.email), val(f.phone), val(sort_key(f)), val(ms(p.created_at)), val(created_by)}));
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

namespace {

// The ids of the next `want` patients (in name order, after `after`) having
// every word of `ranked` (rarest first), merged from the per-word pages.
Result<std::vector<std::pair<std::string, std::string>>> matching_ids(
    Tx& tx, const std::vector<std::string>& ranked, std::pair<std::string, std::string> after,
    int want) {
  ANAGEN_ASSIGN(auto terms,
                tx.query(kWordsWithPrefix, {val(ranked[0]), val(prefix_end(ranked[0]))}));
  std::vector<std::pair<std::string, std::string>> merged;  // (sort_key, patient_id)
  auto page_of = [&](const char* sql, std::vector<Value> params) -> Status {
    for (size_t i = 1; i < kMaxWords; ++i) {
      std::string w = i < ranked.size() ? ranked[i] : "";
      params.push_back(val(w));
      params.push_back(val(w.empty() ? std::string() : prefix_end(w)));
    }
    params.push_back(val(want));
    ANAGEN_ASSIGN(auto rows, tx.query(sql, params));
    for (const auto& r : rows) merged.emplace_back(r.text(0), r.text(1));
    return ok_status();
  };
  if (terms.size() > kManyWords) {
    ANAGEN_TRY(page_of(kRangePage, {val(ranked[0]), val(prefix_end(ranked[0])), val(after.first),
                                    val(after.second)}));
  } else {
    for (const auto& term : terms)
      ANAGEN_TRY(page_of(kTermPage, {val(term.text(0)), val(after.first), val(after.second)}));
  }
  std::sort(merged.begin(), merged.end());
  // One patient may match through two of the words ("Garcia Garrido", "gar").
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  if (merged.size() > static_cast<size_t>(want)) merged.resize(want);
  return merged;
}

}  // namespace

Result<Page> search(Tx& tx, const std::vector<std::string>& words,
                    const std::optional<std::string>& cursor, int limit) {
  std::pair<std::string, std::string> after;
  if (cursor) {
    auto sep = cursor->rfind('\x1e');
    if (sep == std::string::npos) return Error::invalid("cursor", "is not a cursor anagen gave");
    after = {cursor->substr(0, sep), cursor->substr(sep + 1)};
  }
  Page page;
  if (words.empty()) {
    ANAGEN_ASSIGN(auto rows,
                  tx.query(kListAll, {val(after.first), val(after.second), val(limit + 1)}));
    for (const auto& r : rows) page.items.push_back(from_row(r));
  } else {
    std::vector<std::pair<int64_t, std::string>> counted;
    // One word needs no ranking.
    for (size_t i = 0; words.size() > 1 && i < words.size() && i < kMaxWords; ++i) {
      ANAGEN_ASSIGN(auto row, tx.query_one(kCountTerm, {val(words[i]), val(prefix_end(words[i])),
                                                        val(kCountUpTo)}));
      counted.emplace_back(row->i64(0), words[i]);
    }
    std::sort(counted.begin(), counted.end());
    std::vector<std::string> ranked;
    for (auto& c : counted) ranked.push_back(c.second);
    if (words.size() == 1) ranked.push_back(words[0]);
    ANAGEN_ASSIGN(auto ids, matching_ids(tx, ranked, after, limit + 1));
    for (const auto& [key, id] : ids) {
      ANAGEN_ASSIGN(auto p, get(tx, id));
      if (p) page.items.push_back(std::move(*p));
    }
  }
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.resize(limit);
    const auto& last = page.items.back();
    page.next_cursor = sort_key(last.fields) + "\x1e" + last.id;
  }
  return page;
}

}  // namespace anagen::store::patients
