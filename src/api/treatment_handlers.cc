#include <set>

#include "api/course.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "domain/treatment.h"
#include "store/appointment_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/product_store.h"
#include "store/treatment_store.h"

namespace anagen::api::treatment_api {
namespace {

struct ParsedSession {
  std::optional<bool> pregnant;
  domain::Treatment t;
  std::optional<Instant> performed_at;
};

std::vector<std::string> read_strings(const Json* arr, const char* field, JsonReader& r,
                                      std::initializer_list<std::string_view> allowed) {
  std::vector<std::string> out;
  if (!arr) return out;
  for (size_t i = 0; i < arr->size(); ++i) {
    const Json& v = (*arr)[i];
    bool ok = v.is_string() &&
              std::find(allowed.begin(), allowed.end(), v.get<std::string>()) != allowed.end();
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      r.fail(std::string(field) + "[" + std::to_string(i) + "]", "must be one of: " + list);
    } else if (std::find(out.begin(), out.end(), v.get<std::string>()) == out.end()) {
      out.push_back(v.get<std::string>());
    }
  }
  return out;
}

Result<ParsedSession> parse(const Json& body, const date::time_zone* zone) {
  JsonReader r(body);
  ParsedSession p;
  p.pregnant = r.boolean("pregnant", Need::kOptional);
  const Json* zones = r.array("zones", Need::kRequired, 8);
  const Json* products = r.array("products", Need::kRequired, 20);
  auto anaesthetic = r.boolean("anaesthetic", Need::kRequired);
  auto anaesthetic_lot = r.id("anaesthetic_lot_id", Need::kOptional);
  auto anaesthetic_volume = r.number("anaesthetic_volume_ml", Need::kOptional, 0.001, 20);
  auto pain = r.integer("pain_score", Need::kRequired, 0, 10);
  const Json* adjuncts = r.array("adjuncts", Need::kOptional, 3);
  auto notes = r.text("notes", Need::kOptional, 4000);
  p.performed_at = r.instant("performed_at", Need::kOptional, zone);
  auto technique = r.one_of("technique", Need::kOptional, ANAGEN_TECHNIQUES);
  auto gauge = r.integer("needle_gauge", Need::kOptional, 25, 34);
  auto length = r.number("needle_length_mm", Need::kOptional, 1, 13);
  auto depth = r.number("depth_mm", Need::kOptional, 0.5, 6);
  r.reject_unknown();
  domain::Treatment& t = p.t;
  if (zones) {
    if (zones->empty()) r.fail("zones", "must list at least one zone treated");
    std::set<std::string> seen;
    for (size_t i = 0; i < zones->size(); ++i) {
      std::string at = "zones[" + std::to_string(i) + "]";
      if (!(*zones)[i].is_object()) {
        r.fail(at, "must be an object {zone, points, volume_ml}");
        continue;
      }
      JsonReader zr((*zones)[i], at + ".");
      auto zone_name = zr.one_of("zone", Need::kRequired, ANAGEN_ZONES);
      auto points = zr.integer("points", Need::kRequired, 1, 1000);
      auto volume = zr.number("volume_ml", Need::kRequired, 0.001, 20);
      zr.reject_unknown();
      if (zone_name && !seen.insert(*zone_name).second) zr.fail("zone", "is listed twice");
      r.merge(zr);
      if (zone_name && points && volume) {
        t.zones.push_back({*zone_name, static_cast<int>(*points), domain::to_ul(*volume)});
      }
    }
  }
  if (products) {
    if (products->empty()) r.fail("products", "must list the product lots injected");
    for (size_t i = 0; i < products->size(); ++i) {
      std::string at = "products[" + std::to_string(i) + "]";
      if (!(*products)[i].is_object()) {
        r.fail(at, "must be an object {lot_id, volume_ml}");
        continue;
      }
      JsonReader pr((*products)[i], at + ".");
      auto lot = pr.id("lot_id", Need::kRequired);
      auto volume = pr.number("volume_ml", Need::kRequired, 0.001, 50);
      pr.reject_unknown();
      r.merge(pr);
      if (lot && volume) t.products.push_back({*lot, "cocktail", domain::to_ul(*volume)});
    }
  }
  if (anaesthetic_lot && !anaesthetic.value_or(false)) {
    r.fail("anaesthetic_lot_id", "is only given when anaesthetic is true");
  }
  if (anaesthetic_lot && !anaesthetic_volume)
    r.fail("anaesthetic_volume_ml", "is required with anaesthetic_lot_id");
  if (anaesthetic_lot && anaesthetic_volume) {
    t.products.push_back({*anaesthetic_lot, "anaesthetic", domain::to_ul(*anaesthetic_volume)});
  }
  t.adjuncts = read_strings(adjuncts, "adjuncts", r, ANAGEN_ADJUNCTS);
  if (!r.ok()) return r.error();
  t.anaesthetic = *anaesthetic;
  t.pain_score = static_cast<int>(*pain);
  t.notes = notes;
  t.technique = technique;
  if (gauge) t.needle_gauge = static_cast<int>(*gauge);
  t.needle_length_mm = length;
  t.depth_mm = depth;
  return p;
}

Json treatment_json(store::Tx& tx, const domain::Treatment& t, const Ctx& ctx) {
  Json zones = Json::array(), products = Json::array(), addenda = Json::array();
  for (const auto& z : t.zones) {
    zones.push_back(
        {{"zone", z.zone}, {"points", z.points}, {"volume_ml", domain::to_ml(z.volume)}});
  }
  for (const auto& p : t.products) {
    Json j = {{"lot_id", p.lot_id}, {"role", p.role}, {"volume_ml", domain::to_ml(p.volume)}};
    auto lot = store::products::get_lot(tx, p.lot_id);
    if (lot.ok() && *lot) {
      j["lot_number"] = (*lot)->lot_number;
      j["expires_on"] = format_date((*lot)->expires_on);
      auto product = store::products::get(tx, (*lot)->product_id);
      if (product.ok() && *product) {
        j["product_name"] = (*product)->name;
        j["category"] = (*product)->category;
      }
    }
    products.push_back(j);
  }
  for (const auto& a : t.addenda) {
    addenda.push_back({{"id", a.id},
                       {"text", a.text},
                       {"created_by", a.created_by},
                       {"created_at", ctx.format(a.created_at)}});
  }
  auto opt = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"id", t.id},
          {"appointment_id", t.appointment_id},
          {"plan_id", t.plan_id},
          {"session_number", t.session_number},
          {"patient_id", t.patient_id},
          {"practitioner_id", t.practitioner_id},
          {"performed_at", ctx.format(t.performed_at)},
          {"performed_by", t.performed_by},
          {"pregnancy", t.pregnancy},
          {"technique", opt(t.technique)},
          {"needle_gauge", opt(t.needle_gauge)},
          {"needle_length_mm", opt(t.needle_length_mm)},
          {"depth_mm", opt(t.depth_mm)},
          {"anaesthetic", t.anaesthetic},
          {"pain_score", t.pain_score},
          {"adjuncts", t.adjuncts},
          {"notes", opt(t.notes)},
          {"zones", zones},
          {"products", products},
          {"addenda", addenda},
          {"entered_in_error", correction_json(t.entered_in_error, ctx)}};
}

// Checks every lot (named in errors by its index) and takes the volumes.
Status use_lots(store::Tx& tx, const std::vector<domain::ProductUsed>& used, Date day) {
  std::map<std::string, domain::Microlitres> total;
  for (const auto& u : used) total[u.lot_id] += u.volume;
  for (size_t i = 0; i < used.size(); ++i) {
    const auto& u = used[i];
    std::string field = u.role == "anaesthetic" ? "anaesthetic_lot_id"
                                                : "products[" + std::to_string(i) + "].lot_id";
    ANAGEN_ASSIGN(auto lot, store::products::get_lot(tx, u.lot_id));
    if (!lot) return Error::invalid(field, "is not a lot of this clinic");
    ANAGEN_ASSIGN(auto product, store::products::get(tx, lot->product_id));
    if (u.role == "anaesthetic" && product->category != "anaesthetic") {
      return Error::invalid(field,
                            "is a lot of " + product->name + ", which is not an anaesthetic");
    }
    if (auto why = domain::lot_problem(*lot, product->name, day, total[u.lot_id])) {
      return Error::conflict(*why);
    }
  }
  for (const auto& [lot_id, volume] : total) {
    auto took = store::products::take(tx, lot_id, volume, day);
    if (!took.ok())
      return Error::conflict("Lot " + lot_id +
                             " was used up or recalled meanwhile; pick another lot.");
  }
  return ok_status();
}

// Only a session is charted here; an evaluation visit's findings are
// outcome measurements.
Status require_session(const domain::Appointment& a) {
  if (a.is_session()) return ok_status();
  return Error::conflict(
      "This is an evaluation visit, not a session: nothing is injected. Record its "
      "measurements (trichoscopy, photos, pull test) on the patient's progress, then mark the "
      "visit done.");
}

}  // namespace

// Records the session done at an appointment; completes the appointment and
// advances the plan. A "yes" to pregnancy refuses it and flags the plan.
Result<Reply> record(Ctx& ctx) {
  // An evaluation visit is refused whatever the body holds (its kind never changes).
  ANAGEN_TRY(ctx.app.db.read([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(auto a, store::appointments::require(tx, ctx.param("appointment_id")));
    ctx.patient_id = a.patient_id;
    return require_session(a);
  }));
  ANAGEN_ASSIGN(Json body, ctx.body());
  // A "yes" to pregnancy ends the session before anything is charted: the
  // rest of the body (if any) is not read.
  if (body.is_object() && body.value("pregnant", Json()) == Json(true)) {
    ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
      ANAGEN_ASSIGN(auto a, store::appointments::require(tx, ctx.param("appointment_id")));
      ctx.patient_id = a.patient_id;
      ANAGEN_TRY(tx.lock("plan:" + a.plan_id));
      ANAGEN_ASSIGN(auto plan, store::plans::require(tx, a.plan_id));
      plan.needs_review = true;
      plan.booking_hold = true;
      plan.review_reason = "Pregnancy reported before session " + std::to_string(a.session_number) +
                           " on " + human_date(ctx.today) + ": session not done.";
      plan.version += 1;
      ANAGEN_TRY(store::plans::update(tx, plan, ctx.now));
      ctx.audit_detail = "session refused: patient reports pregnancy";
      return ctx.audit(tx, 409, "refused");
    }));
    ctx.action.clear();  // the refusal is audited above, with its reason
    return Error::conflict(
        "Session refused: the patient reports being pregnant. Nothing was "
        "injected; the plan is flagged for clinician review.");
  }
  ANAGEN_ASSIGN(auto parsed, parse(body, ctx.zone));
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto a, store::appointments::require(tx, ctx.param("appointment_id")));
    ctx.patient_id = a.patient_id;
    ANAGEN_TRY(tx.lock("plan:" + a.plan_id));
    if (!a.pending()) {
      return Error::conflict(std::string("The appointment is ") + domain::to_string(a.status) +
                             "; only a booked or arrived appointment can be charted.");
    }
    ANAGEN_ASSIGN(auto plan, store::plans::require(tx, a.plan_id));
    ANAGEN_TRY(plan_api::require_not_held(plan));
    ANAGEN_ASSIGN(auto patient, store::patients::require(tx, a.patient_id));
    domain::Treatment t = std::move(parsed.t);
    if (domain::must_ask_pregnancy(patient.fields.sex) && !parsed.pregnant) {
      return Error::invalid("pregnant",
                            "must be asked and answered before every session of a "
                            "patient who is not male");
    }
    t.pregnancy = parsed.pregnant ? "no" : "not_asked";
    t.performed_at = parsed.performed_at.value_or(ctx.now);
    Date day = local_date(t.performed_at, ctx.zone);
    if (auto why = domain::performed_at_problem(t.performed_at, ctx.now,
                                                local_date(a.start, ctx.zone), day)) {
      return Error::invalid("performed_at", *why);
    }
    ANAGEN_TRY(use_lots(tx, t.products, day));
    t.id = new_id();
    t.appointment_id = a.id;
    t.plan_id = a.plan_id;
    t.session_number = a.session_number;
    t.patient_id = a.patient_id;
    t.practitioner_id = a.practitioner_id;
    t.performed_by = ctx.user_id();
    t.created_at = ctx.now;
    ANAGEN_TRY(store::treatments::insert(tx, t));
    a.status = domain::AppointmentStatus::kCompleted;
    a.sequence += 1;
    a.updated_at = ctx.now;
    ANAGEN_TRY(store::appointments::update(tx, a));
    for (auto& s : plan.sessions) {
      if (s.number == a.session_number && s.appointment_id == a.id)
        s.status = domain::SessionStatus::kDone;
    }
    course::settle(plan);
    plan.version += 1;
    ANAGEN_TRY(store::plans::update(tx, plan, ctx.now));
    ctx.audit_detail = "session=" + t.id + " lots=" + std::to_string(t.products.size());
    ANAGEN_TRY(ctx.audit(tx, 201));
    return Reply::created(treatment_json(tx, t, ctx), "/api/v1/sessions/" + t.id);
  });
}

Result<Reply> get(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto t, store::treatments::get(tx, ctx.param("session_id")));
    if (!t)
      return Error::not_found("Session record " + ctx.param("session_id") + " was not found.");
    ctx.patient_id = t->patient_id;
    return Reply::json(treatment_json(tx, *t, ctx));
  });
}

Result<Reply> list(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::treatments::list_for_patient(tx, ctx.param("patient_id")));
    Json items = Json::array();
    for (const auto& t : all) items.push_back(treatment_json(tx, t, ctx));
    return Reply::json({{"items", items}});
  });
}

// Corrects a record without changing it: the addendum is kept beside it.
Result<Reply> add_addendum(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto text = r.text("text", Need::kRequired, 4000);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto t, store::treatments::get(tx, ctx.param("session_id")));
    if (!t)
      return Error::not_found("Session record " + ctx.param("session_id") + " was not found.");
    ctx.patient_id = t->patient_id;
    domain::Addendum a{new_id(), *text, ctx.user_id(), ctx.now};
    ANAGEN_TRY(store::treatments::add_addendum(tx, t->id, a));
    t->addenda.push_back(a);
    ctx.audit_detail = "addendum to session " + t->id + ": " + *text;
    ANAGEN_TRY(ctx.audit(tx, 201));
    return Reply::created(treatment_json(tx, *t, ctx), "/api/v1/sessions/" + t->id);
  });
}

// POST /sessions/{id}/entered-in-error {"reason"}: a record charted by
// mistake (the wrong lot, the wrong patient's appointment) stays on record,
// marked, and counts nowhere: the stock it took goes back to its lots, it
// leaves their recall lists, its appointment is cancelled and the plan's
// session is to be done again (booked again, or back-entered at the time
// it was really done, then charted right).
Result<Reply> mark_entered_in_error(Ctx& ctx) {
  ANAGEN_ASSIGN(const domain::Correction correction, read_correction(ctx));
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto t, store::treatments::get(tx, ctx.param("session_id")));
    if (!t)
      return Error::not_found("Session record " + ctx.param("session_id") + " was not found.");
    ctx.patient_id = t->patient_id;
    ANAGEN_TRY(tx.lock("plan:" + t->plan_id));
    ANAGEN_ASSIGN(bool marked, store::treatments::mark_entered_in_error(tx, t->id, correction));
    if (!marked) return Error::conflict("This session record was already marked entered in error.");
    t->entered_in_error = correction;
    for (const auto& p : t->products)
      ANAGEN_TRY(store::products::give_back(tx, p.lot_id, p.volume));
    ANAGEN_ASSIGN(auto a, store::appointments::require(tx, t->appointment_id));
    ANAGEN_TRY(
        course::cancel(tx, a, "Session record entered in error: " + correction.reason, ctx.now));
    ANAGEN_ASSIGN(auto plan, store::plans::require(tx, t->plan_id));
    // The session is to be done again while its course can go on: an active
    // one, or a completed one the patient has no newer course beside
    // (reopened). On a stopped course, or beside a newer one, it is
    // cancelled: one active course per patient.
    bool reopen = plan.status == domain::PlanStatus::kActive;
    if (plan.status == domain::PlanStatus::kCompleted) {
      ANAGEN_ASSIGN(auto all, store::plans::list_for_patient(tx, plan.patient_id));
      reopen = std::none_of(all.begin(), all.end(), [](const domain::Plan& p) {
        return p.status == domain::PlanStatus::kActive;
      });
    }
    for (auto& s : plan.sessions) {
      if (s.number != t->session_number || s.appointment_id != a.id) continue;
      s.status = reopen ? domain::SessionStatus::kPlanned : domain::SessionStatus::kCancelled;
      s.appointment_id.reset();
    }
    if (reopen) plan.status = domain::PlanStatus::kActive;
    plan.version += 1;
    ANAGEN_TRY(store::plans::update(tx, plan, ctx.now));
    ctx.audit_detail = "session " + t->id + " entered in error: " + correction.reason;
    ANAGEN_TRY(ctx.audit(tx, 200));
    return Reply::json(treatment_json(tx, *t, ctx));
  });
}

}  // namespace anagen::api::treatment_api
