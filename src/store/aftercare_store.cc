#include "store/aftercare_store.h"

#include "core/id.h"
#include "store/store_util.h"

namespace anagen::store::aftercare {
namespace {

constexpr const char* kInsert =
    "INSERT INTO aftercare_reminders (id, patient_id, code, title, description, rrule, start_date, "
    "active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) "
    "ON CONFLICT (patient_id, code) DO NOTHING";
#define ANAGEN_REMINDER_COLUMNS                                                        \
  "SELECT r.id, r.patient_id, r.code, r.title, r.description, r.rrule, r.start_date, " \
  "r.last_done_on, r.active "
constexpr const char* kList = ANAGEN_REMINDER_COLUMNS
    "FROM aftercare_reminders r WHERE r.patient_id = $1 ORDER BY r.created_at, r.code";
constexpr const char* kGet = ANAGEN_REMINDER_COLUMNS "FROM aftercare_reminders r WHERE r.id = $1";
constexpr const char* kActive = ANAGEN_REMINDER_COLUMNS
    ", p.email, p.given_name FROM aftercare_reminders r JOIN patients p ON p.id = r.patient_id "
    "WHERE r.active = 1 AND p.email IS NOT NULL AND EXISTS (SELECT 1 FROM plans pl "
    "WHERE pl.patient_id = p.id AND pl.status = 'active' AND pl.end_date > $1)";
#undef ANAGEN_REMINDER_COLUMNS
constexpr const char* kDone =
    "UPDATE aftercare_reminders SET last_done_on = $2, updated_at = $3 WHERE id = $1";

domain::Reminder from_row(const Row& r) {
  domain::Reminder m;
  m.id = r.text(0);
  m.patient_id = r.text(1);
  m.code = r.text(2);
  m.title = r.text(3);
  m.description = r.text(4);
  m.rrule = r.text(5);
  m.start = date_of(r.text(6));
  if (auto d = r.opt_text(7)) m.last_done = date_of(*d);
  m.active = r.boolean(8);
  return m;
}

}  // namespace

Status ensure(Tx& tx, const std::string& patient_id,
              const std::vector<domain::ReminderTemplate>& templates, Date course_start,
              Instant now) {
  for (const auto& t : templates) {
    auto rule = domain::parse_rrule(t.rrule);
    Date start = rule ? domain::first_due(course_start, *rule) : course_start;
    ANAGEN_TRY(tx.exec(
        kInsert, {val(new_id()), val(patient_id), val(t.code), val(t.title), val(t.description),
                  val(t.rrule), val(format_date(start)), val(ms(now))}));
  }
  return ok_status();
}

Result<std::vector<domain::Reminder>> list_for_patient(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {val(patient_id)}));
  std::vector<domain::Reminder> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Result<std::optional<domain::Reminder>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Reminder>();
  return std::optional<domain::Reminder>(from_row(*row));
}

Status mark_done(Tx& tx, const std::string& id, Date on, Instant now) {
  ANAGEN_TRY(tx.exec(kDone, {val(id), val(format_date(on)), val(ms(now))}));
  return ok_status();
}

Result<std::vector<Due>> active_with_email(Tx& tx, Date today) {
  ANAGEN_ASSIGN(auto rows, tx.query(kActive, {val(format_date(today))}));
  std::vector<Due> out;
  for (const auto& r : rows) out.push_back({from_row(r), r.text(9), r.text(10)});
  return out;
}

}  // namespace anagen::store::aftercare
