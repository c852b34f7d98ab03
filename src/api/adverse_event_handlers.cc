#include <set>

#include "api/course.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "domain/adverse_event.h"
#include "store/adverse_event_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/product_store.h"
#include "store/treatment_store.h"

namespace anagen::api::adverse_event_api {
namespace {

// How long after a session a reaction is put down to it when the patient
// reports it (domain.md: most appear in 1-4 days).
constexpr int kSuspectDays = 14;

Json event_json(const domain::AdverseEvent& e, const Ctx& ctx) {
  return {{"id", e.id},
          {"patient_id", e.patient_id},
          {"session_id", e.treatment_id ? Json(*e.treatment_id) : Json(nullptr)},
          {"lot_ids", e.lot_ids},
          {"type", e.type},
          {"grade", e.grade},
          {"severity", domain::fhir_severity(e.grade)},
          {"onset", e.onset},
          {"management", e.management},
          {"outcome", e.outcome},
          {"notes", e.notes ? Json(*e.notes) : Json(nullptr)},
          {"reported_by", e.reported_by},
          {"reporter_role", e.reporter_role},
          {"reviewed", e.reviewed},
          {"reviewed_by", e.reviewed_by ? Json(*e.reviewed_by) : Json(nullptr)},
          {"created_at", ctx.format(e.created_at)},
          {"updated_at", ctx.format(e.updated_at)}};
}

// "management": one of the values or a list of them.
std::vector<std::string> read_management(JsonReader& r) {
  std::vector<std::string> out;
  static const std::initializer_list<std::string_view> allowed = ANAGEN_AE_MANAGEMENT;
  const Json* v0 = r.value("management", Need::kOptional);
  if (!v0) return out;
  Json list = v0->is_array() ? *v0 : Json::array({*v0});
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& v = list[i];
    if (!v.is_string() ||
        std::find(allowed.begin(), allowed.end(), v.get<std::string>()) == allowed.end()) {
      r.fail(v0->is_array() ? "management[" + std::to_string(i) + "]" : "management",
             "must be one of: none, anti_inflammatory_cream, cold_compress, antibiotics, referral, "
             "other");
    } else {
      out.push_back(v.get<std::string>());
    }
  }
  if (out.size() > 1 && std::find(out.begin(), out.end(), "none") != out.end())
    r.fail("management", "cannot be none together with a treatment");
  return out;
}

// Links `session_id` as the suspected session: it must be one of the
// patient's, done on or before the onset. Its lots become the suspected ones
// unless the caller named the lots itself (`lots_named`, even none).
Status link_session(store::Tx& tx, domain::AdverseEvent& e, const std::string& session_id,
                    Date onset_day, const Ctx& ctx, bool lots_named) {
  ANAGEN_ASSIGN(auto t, store::treatments::get(tx, session_id));
  if (!t || t->patient_id != e.patient_id) {
    return Error::invalid("session_id", "is not a session of this patient");
  }
  if (Date done = local_date(t->performed_at, ctx.zone);
      date::sys_days(onset_day) < date::sys_days(done)) {
    return Error::invalid("onset", "is before the suspected session, done on " + human_date(done));
  }
  e.treatment_id = t->id;
  if (!lots_named) {
    e.lot_ids.clear();
    for (const auto& p : t->products) e.lot_ids.push_back(p.lot_id);
  }
  return ok_status();
}

// The suspected lots, once each, and each a lot of the clinic.
Status check_lots(store::Tx& tx, domain::AdverseEvent& e) {
  std::set<std::string> unique(e.lot_ids.begin(), e.lot_ids.end());
  e.lot_ids.assign(unique.begin(), unique.end());
  for (const auto& id : e.lot_ids) {
    ANAGEN_ASSIGN(auto lot, store::products::get_lot(tx, id));
    if (!lot)
      return Error::invalid("lot_ids", "lists " + id + ", which is not a lot of this clinic");
  }
  return ok_status();
}

// Grade 3 or more flags the patient's active plan for review and holds its
// bookings; returns the plan flagged, or null.
Result<Json> hold_plans(store::Tx& tx, const domain::AdverseEvent& e, const Ctx& ctx) {
  if (!domain::holds_plan(e.grade)) return Json(nullptr);
  ANAGEN_ASSIGN(auto flagged,
                course::flag_active_plan(tx, e.patient_id,
                                         "Grade " + std::to_string(e.grade) + " " + e.type +
                                             " reported: bookings on hold until a clinician "
                                             "clears the plan.",
                                         true, ctx.now));
  return flagged ? Json(*flagged) : Json(nullptr);
}

// "lot_ids": a list of lot ids (named per item when one is not a string).
std::vector<std::string> read_lot_ids(JsonReader& r) {
  std::vector<std::string> out;
  const Json* lots = r.array("lot_ids", Need::kOptional, 20);
  if (!lots) return out;
  for (size_t i = 0; i < lots->size(); ++i) {
    if (!(*lots)[i].is_string())
      r.fail("lot_ids[" + std::to_string(i) + "]", "must be a lot id");
    else
      out.push_back((*lots)[i].get<std::string>());
  }
  return out;
}

// The local day of an event's onset (a date, or an instant with offset).
Date onset_day_of(const std::string& onset, const Ctx& ctx) {
  if (auto d = parse_date(onset)) return *d;
  if (auto t = parse_instant(onset, ctx.zone)) return local_date(*t, ctx.zone);
  return ctx.today;
}

}  // namespace

// Records a side effect; grade 3 or more flags the patient's active plan for
// clinician review and holds its bookings.
Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  domain::AdverseEvent e;
  auto session = r.id("session_id", Need::kOptional);
  e.lot_ids = read_lot_ids(r);
  auto type = r.one_of("type", Need::kRequired, ANAGEN_AE_TYPES);
  auto grade = r.integer("grade", Need::kRequired, 1, 5);
  // The portal offers mild, moderate and severe; life-threatening (4) and
  // death (5) are a clinician's grading, not a patient's report.
  if (grade && *grade > 3 && ctx.user->role == auth::Role::kPatient) {
    r.fail("grade",
           "must be 1 to 3 (mild, moderate, severe) when reported by the patient; "
           "for anything worse call the clinic or emergency services");
  }
  std::optional<std::string> onset;
  Date onset_day{};
  std::optional<Instant> onset_at;  // when the onset has a time
  if (const Json* v = r.value("onset", Need::kRequired)) {
    std::string text = v->is_string() ? v->get<std::string>() : "";
    if (auto d = parse_date(text)) {
      if (date::sys_days(*d) > date::sys_days(ctx.today)) {
        r.fail("onset", "is in the future");
      } else {
        onset = text;
        onset_day = *d;
      }
    } else if (auto t = parse_instant(text, ctx.zone)) {
      if (*t > ctx.now) {
        r.fail("onset", "is in the future");
      } else {
        onset = ctx.format(*t);
        onset_day = local_date(*t, ctx.zone);
        onset_at = *t;
      }
    } else {
      r.fail("onset", "must be a date (YYYY-MM-DD) or a date and time");
    }
  }
  e.management = read_management(r);
  auto outcome = r.one_of("outcome", Need::kRequired, ANAGEN_AE_OUTCOMES);
  e.notes = r.text("notes", Need::kOptional, 4000);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  e.id = new_id();
  e.patient_id = ctx.param("patient_id");
  e.type = *type;
  e.grade = static_cast<int>(*grade);
  e.onset = *onset;
  e.outcome = *outcome;
  e.reported_by = ctx.user_id();
  e.reporter_role = auth::to_string(ctx.user->role);
  e.reviewed = ctx.user->role != auth::Role::kPatient;
  if (e.reviewed) e.reviewed_by = e.reported_by;
  e.created_at = e.updated_at = ctx.now;
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(patient_born_by(tx, e.patient_id, onset_day, "onset"));
    // A patient reporting in the portal does not pick the session: the one
    // suspected is their last session done before the onset, if it was at
    // most kSuspectDays before (its lots with it), so the per-lot rates and a
    // recall count the report. Later onsets stay unlinked for a clinician.
    if (!session && ctx.user->role == auth::Role::kPatient) {
      ANAGEN_ASSIGN(auto done, store::treatments::list_for_patient(tx, e.patient_id));
      const domain::Treatment* last = nullptr;
      for (const auto& t : done) {
        if (t.entered_in_error) continue;
        const bool before = onset_at ? t.performed_at <= *onset_at
                                     : date::sys_days(local_date(t.performed_at, ctx.zone)) <=
                                           date::sys_days(onset_day);
        if (before && (!last || t.performed_at > last->performed_at)) last = &t;
      }
      if (last &&
          date::sys_days(onset_day) - date::sys_days(local_date(last->performed_at, ctx.zone)) <=
              date::days(kSuspectDays)) {
        session = last->id;
      }
    }
    if (session) ANAGEN_TRY(link_session(tx, e, *session, onset_day, ctx, !e.lot_ids.empty()));
    ANAGEN_TRY(check_lots(tx, e));
    ANAGEN_TRY(store::adverse_events::insert(tx, e));
    ANAGEN_ASSIGN(Json flagged, hold_plans(tx, e, ctx));
    ctx.audit_detail = "adverse event " + e.type + " grade " + std::to_string(e.grade);
    ANAGEN_TRY(ctx.audit(tx, 201));
    Json out = event_json(e, ctx);
    out["plan_flagged"] = flagged;
    return Reply::created(out, "/api/v1/adverse-events/" + e.id);
  });
}

Result<Reply> list(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::adverse_events::list_for_patient(tx, ctx.param("patient_id")));
    Json items = Json::array();
    for (const auto& e : all) items.push_back(event_json(e, ctx));
    return Reply::json({{"items", items}});
  });
}

// Follows an event over time: outcome, management, notes; a clinician's
// update marks it reviewed. A clinician also grades it again (a patient's
// "moderate" may be a grade 3, which then holds the course) and links the
// suspected session ("session_id", null to unlink; its lots unless
// "lot_ids" is given) or lots, so the per-lot rates and a recall count it.
Result<Reply> update(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto outcome = r.one_of("outcome", Need::kOptional, ANAGEN_AE_OUTCOMES);
  auto management = read_management(r);
  auto notes = r.text("notes", Need::kOptional, 4000);
  auto grade = r.integer("grade", Need::kOptional, 1, 5);
  auto session = r.id("session_id", Need::kOptional);  // null: unlink
  const bool unlink = body.contains("session_id") && body["session_id"].is_null();
  auto lot_ids = read_lot_ids(r);
  const bool lots_given = body.contains("lot_ids");
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto e, store::adverse_events::get(tx, ctx.param("adverse_event_id")));
    if (!e)
      return Error::not_found("Adverse event " + ctx.param("adverse_event_id") + " was not found.");
    ctx.patient_id = e->patient_id;
    if (outcome) e->outcome = *outcome;
    if (body.contains("management")) e->management = management;
    if (notes) e->notes = notes;
    const bool held = domain::holds_plan(e->grade);
    if (grade) e->grade = static_cast<int>(*grade);
    if (lots_given) e->lot_ids = lot_ids;
    if (unlink) {
      e->treatment_id.reset();
      if (!lots_given) e->lot_ids.clear();  // they were the session's
    }
    if (session && session != e->treatment_id) {
      ANAGEN_TRY(link_session(tx, *e, *session, onset_day_of(e->onset, ctx), ctx, lots_given));
    }
    ANAGEN_TRY(check_lots(tx, *e));
    e->reviewed = true;
    e->reviewed_by = ctx.user_id();
    e->updated_at = ctx.now;
    ANAGEN_TRY(store::adverse_events::update(tx, *e));
    Json flagged = nullptr;
    if (!held) {
      ANAGEN_ASSIGN(flagged, hold_plans(tx, *e, ctx));
    }
    ctx.audit_detail = "outcome=" + e->outcome + " grade=" + std::to_string(e->grade);
    ANAGEN_TRY(ctx.audit(tx, 200));
    Json out = event_json(*e, ctx);
    out["plan_flagged"] = flagged;
    return Reply::json(out);
  });
}

// Events not resolved or not yet reviewed, clinic-wide (for the day view).
Result<Reply> open(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto all, store::adverse_events::open(tx));
    PatientNames names(tx);
    Json items = Json::array();
    for (const auto& e : all) {
      Json j = event_json(e, ctx);
      ANAGEN_ASSIGN(j["patient_name"], names.of(e.patient_id));
      items.push_back(j);
    }
    ctx.audit_detail = "open adverse events=" + std::to_string(all.size());
    return Reply::json({{"items", items}});
  });
}

// Rates per 100 sessions by type and by lot over [from, to] (dates,
// default: the last 12 months).
Result<Reply> report(Ctx& ctx) {
  std::vector<FieldError> errors;
  Date to = ctx.today, from = add_months(ctx.today, -12);
  for (auto [name, target] : {std::pair{"from", &from}, {"to", &to}}) {
    if (const std::string* v = ctx.req.param(name)) {
      if (auto d = parse_date(*v))
        *target = *d;
      else
        errors.push_back({name, "must be a date YYYY-MM-DD"});
    }
  }
  if (errors.empty() && date::sys_days(to) < date::sys_days(from)) {
    errors.push_back({"to", "must be on or after from (" + format_date(from) + ")"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  Instant lo = local_to_instant(from, 0, ctx.zone),
          hi = local_to_instant(add_days(to, 1), 0, ctx.zone);
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(int sessions, store::treatments::count_between(tx, lo, hi));
    ANAGEN_ASSIGN(auto per_lot, store::treatments::sessions_per_lot(tx, lo, hi));
    ANAGEN_ASSIGN(auto events, store::adverse_events::between(tx, lo, hi));
    auto rep = domain::adverse_event_report(events, sessions, per_lot);
    Json by_type = Json::array(), by_lot = Json::array();
    for (const auto& row : rep.by_type) {
      by_type.push_back({{"type", row.key},
                         {"events", row.events},
                         {"sessions", row.sessions},
                         {"per_100_sessions", row.per_100_sessions}});
    }
    for (const auto& row : rep.by_lot) {
      Json j = {{"lot_id", row.key},
                {"events", row.events},
                {"sessions", row.sessions},
                {"per_100_sessions", row.per_100_sessions}};
      ANAGEN_ASSIGN(auto lot, store::products::get_lot(tx, row.key));
      if (lot) {
        j["lot_number"] = lot->lot_number;
        ANAGEN_ASSIGN(auto p, store::products::get(tx, lot->product_id));
        if (p) j["product_name"] = p->name;
      }
      by_lot.push_back(j);
    }
    return Reply::json({{"from", format_date(from)},
                        {"to", format_date(to)},
                        {"sessions", rep.sessions},
                        {"events", rep.events},
                        {"by_type", by_type},
                        {"by_lot", by_lot}});
  });
}

}  // namespace anagen::api::adverse_event_api
