#include "api/course.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "store/appointment_store.h"
#include "store/availability.h"
#include "store/outbox_store.h"
#include "store/practitioner_store.h"

namespace anagen::api::practitioner_api {
namespace {

// Reads time off {"from", "to", "reason"} for a practitioner or the clinic.
Result<store::practitioners::TimeOffEntry> read_time_off(const Ctx& ctx,
                                                         std::optional<std::string> practitioner) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto from = r.date("from", Need::kRequired);
  auto to = r.date("to", Need::kOptional);
  auto reason = r.text("reason", Need::kOptional, 200);
  r.reject_unknown();
  if (from && to && date::sys_days(*to) < date::sys_days(*from))
    r.fail("to", "must not be before from, the first day off");
  if (from && to && days_between(*from, *to) > 366)
    r.fail("to", "must be within a year of from, the first day off");
  if (!r.ok()) return r.error();
  store::practitioners::TimeOffEntry e;
  e.id = new_id();
  e.practitioner_id = std::move(practitioner);
  e.off = {*from, to.value_or(*from), reason.value_or(""), !e.practitioner_id.has_value()};
  return e;
}

Json time_off_json(const store::practitioners::TimeOffEntry& e) {
  return {{"id", e.id},
          {"practitioner_id", e.practitioner_id ? Json(*e.practitioner_id) : Json(nullptr)},
          {"from", format_date(e.off.from)},
          {"to", format_date(e.off.to)},
          {"reason", e.off.reason}};
}

// Records time off (a practitioner's, or the clinic's holiday). The answer
// lists the appointments still booked in it ("to_move"): they are not
// cancelled (the reception calls the patients), but nothing new is booked there.
Result<Reply> add_time_off(Ctx& ctx, std::optional<std::string> practitioner) {
  ANAGEN_ASSIGN(auto e, read_time_off(ctx, practitioner));
  Json to_move = Json::array();
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    if (practitioner) {
      // Bookings of this practitioner wait (or are waited for): to_move is whole.
      ANAGEN_TRY(tx.lock("practitioner:" + *practitioner));
      ANAGEN_TRY(store::practitioners::require(tx, *practitioner));
    }
    ANAGEN_TRY(store::practitioners::insert_time_off(tx, e, ctx.now));
    // The bookings to come it leaves to move, as GET /appointments/to-move
    // lists them.
    store::appointments::Filter in_it;
    in_it.practitioner_id = practitioner;
    in_it.from = local_to_instant(e.off.from, 0, ctx.zone);
    in_it.to = local_to_instant(add_days(e.off.to, 1), 0, ctx.zone);
    ANAGEN_ASSIGN(to_move, course::to_move_json(tx, ctx, in_it));
    return ok_status();
  }));
  Json out = time_off_json(e);
  out["to_move"] = to_move;
  return Reply::created(out, ctx.req.path + "/" + e.id);
}

Result<Reply> list_time_off(Ctx& ctx, std::optional<std::string> practitioner) {
  ANAGEN_ASSIGN(auto all,
                ctx.app.db.read(
                    [&](store::Tx& tx) -> Result<std::vector<store::practitioners::TimeOffEntry>> {
                      if (practitioner)
                        ANAGEN_TRY(store::practitioners::require(tx, *practitioner));
                      return store::practitioners::list_time_off(tx, practitioner);
                    }));
  Json items = Json::array();
  for (const auto& e : all) items.push_back(time_off_json(e));
  return Reply::json({{"items", items}});
}

}  // namespace

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto name = r.text("name", Need::kRequired, 120);
  const Json* hours = r.array("working_hours", Need::kRequired, 50);
  r.reject_unknown();
  domain::Practitioner p;
  if (hours) p.hours = domain::read_working_hours(*hours, "working_hours", r);
  if (!r.ok()) return r.error();
  p.id = new_id();
  p.name = *name;
  ctx.audit_detail = "practitioner=" + p.id + " " + p.name;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::practitioners::insert(tx, p, ctx.now));
    return ctx.audit(tx, 201);
  }));
  return Reply::created(practitioner_json(p), "/api/v1/practitioners/" + p.id);
}

Result<Reply> list(Ctx& ctx) {
  ANAGEN_ASSIGN(auto all,
                ctx.app.db.read([](store::Tx& tx) { return store::practitioners::list(tx); }));
  Json items = Json::array();
  for (const auto& p : all) items.push_back(practitioner_json(p));
  return Reply::json({{"items", items}});
}

Result<Reply> get(Ctx& ctx) {
  ANAGEN_ASSIGN(auto p, ctx.app.db.read([&](store::Tx& tx) {
    return store::practitioners::require(tx, ctx.param("practitioner_id"));
  }));
  return Reply::json(practitioner_json(p));
}

Result<Reply> update(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto name = r.text("name", Need::kOptional, 120);
  auto active = r.boolean("active", Need::kOptional);
  const Json* hours = r.array("working_hours", Need::kOptional, 50);
  r.reject_unknown();
  std::optional<std::vector<domain::WorkingHours>> new_hours;
  if (hours) new_hours = domain::read_working_hours(*hours, "working_hours", r);
  if (!r.ok()) return r.error();
  domain::Practitioner saved;
  Json to_move = Json::array();
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(tx.lock("practitioner:" + ctx.param("practitioner_id")));
    ANAGEN_ASSIGN(auto p, store::practitioners::require(tx, ctx.param("practitioner_id")));
    if (name) p.name = *name;
    if (active) p.active = *active;
    if (new_hours) p.hours = *new_hours;
    ANAGEN_TRY(store::practitioners::update(tx, p, ctx.now));
    // Reminders held for hours that no longer apply are looked at again.
    ANAGEN_TRY(store::outbox::release_held(tx, ctx.now));
    saved = p;
    // Bookings the change leaves outside their hours (or with a practitioner
    // no longer active) are kept; the answer names them, as a day off does.
    store::appointments::Filter theirs;
    theirs.practitioner_id = p.id;
    ANAGEN_ASSIGN(to_move, course::to_move_json(tx, ctx, theirs));
    ctx.audit_detail = "practitioner=" + p.id;
    return ctx.audit(tx, 200);
  }));
  Json out = practitioner_json(saved);
  out["to_move"] = to_move;
  return Reply::json(out);
}

// Free start times on local days [date, to] for a session of `minutes`
// (default 20), also free for ?patient_id= when given.
Result<Reply> slots(Ctx& ctx) {
  std::vector<FieldError> errors;
  auto read_date = [&](const char* name, bool required) -> std::optional<Date> {
    const std::string* v = ctx.req.param(name);
    if (!v) {
      if (required) errors.push_back({name, "is required (YYYY-MM-DD)"});
      return std::nullopt;
    }
    auto d = parse_date(*v);
    if (!d) errors.push_back({name, "must be a date YYYY-MM-DD"});
    return d;
  };
  auto from = read_date("date", true);
  auto to = read_date("to", false);
  int minutes = 20;
  if (const std::string* m = ctx.req.param("minutes")) {
    minutes = std::atoi(m->c_str());
    if (minutes < 5 || minutes > 240) errors.push_back({"minutes", "must be 5 to 240"});
  }
  if (from && to &&
      (date::sys_days(*to) < date::sys_days(*from) || days_between(*from, *to) > 31)) {
    errors.push_back({"to", "must be on or after date, at most 31 days later"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  std::string patient = ctx.req.param("patient_id") ? *ctx.req.param("patient_id") : "";
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto pr, store::practitioners::require(tx, ctx.param("practitioner_id")));
    Date last = to.value_or(*from);
    ANAGEN_ASSIGN(auto avail, store::load_availability(tx, pr, patient, *from, last, ctx.zone));
    Json items = Json::array();
    for (auto d = date::sys_days(*from); d <= date::sys_days(last); d += date::days(1)) {
      Date day{d};
      int wd = iso_weekday(day);
      for (const auto& h : pr.hours) {
        if (h.weekday != wd) continue;
        for (int m = h.start_min; m + minutes <= h.end_min; m += ctx.settings.slot_minutes) {
          Instant start = local_to_instant(day, m, ctx.zone);
          if (start < ctx.now) continue;
          if (domain::check_slot(start, minutes, avail)) continue;
          items.push_back({{"start", ctx.format(start)},
                           {"end", ctx.format(start + std::chrono::minutes(minutes))}});
        }
      }
    }
    return Reply::json({{"items", items}});
  });
}

Result<Reply> add_time_off(Ctx& ctx) { return add_time_off(ctx, ctx.param("practitioner_id")); }
Result<Reply> list_time_off(Ctx& ctx) { return list_time_off(ctx, ctx.param("practitioner_id")); }
Result<Reply> delete_time_off(Ctx& ctx) {
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::practitioners::delete_time_off(tx, ctx.param("time_off_id"),
                                                     ctx.param("practitioner_id")));
    return store::outbox::release_held(tx, ctx.now);
  }));
  return Reply::no_content();
}

Result<Reply> add_holiday(Ctx& ctx) { return add_time_off(ctx, std::nullopt); }
Result<Reply> list_holidays(Ctx& ctx) { return list_time_off(ctx, std::nullopt); }
Result<Reply> delete_holiday(Ctx& ctx) {
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::practitioners::delete_time_off(tx, ctx.param("holiday_id"), std::nullopt));
    return store::outbox::release_held(tx, ctx.now);
  }));
  return Reply::no_content();
}

}  // namespace anagen::api::practitioner_api
