#include "api/handlers.h"
#include "core/id.h"
#include "domain/patient.h"
#include "store/product_store.h"

namespace anagen::api::product_api {
namespace {

Json product_json(const domain::Product& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"manufacturer", p.manufacturer ? Json(*p.manufacturer) : Json(nullptr)},
          {"category", p.category},
          {"composition", p.composition ? Json(*p.composition) : Json(nullptr)},
          {"active", p.active}};
}

}  // namespace

Json lot_json(const domain::Lot& l, const Ctx& ctx, const std::string& product_name) {
  return {{"id", l.id},
          {"product_id", l.product_id},
          {"product_name", product_name},
          {"lot_number", l.lot_number},
          {"expires_on", format_date(l.expires_on)},
          {"quantity", domain::to_ml(l.received)},
          {"remaining", domain::to_ml(l.remaining)},
          {"received_on", format_date(l.received_on)},
          {"expired", date::sys_days(ctx.today) > date::sys_days(l.expires_on)},
          {"recalled_on", l.recalled_on ? Json(format_date(*l.recalled_on)) : Json(nullptr)},
          {"recall_reason", l.recall_reason ? Json(*l.recall_reason) : Json(nullptr)},
          {"recalled", l.recalled_by_day(ctx.today)},
          {"usable", l.usable_on(ctx.today)}};
}

namespace {

// The lot named by {lot_id} in the path (404 if none).
Result<domain::Lot> lot_in_path(store::Tx& tx, const Ctx& ctx) {
  ANAGEN_ASSIGN(auto l, store::products::get_lot(tx, ctx.param("lot_id")));
  if (!l) return Error::not_found("Lot " + ctx.param("lot_id") + " was not found.");
  return *l;
}

// The lot as the API shows it, with its product's name.
Result<Reply> lot_reply(store::Tx& tx, const domain::Lot& l, const Ctx& ctx) {
  ANAGEN_ASSIGN(auto p, store::products::get(tx, l.product_id));
  return Reply::json(lot_json(l, ctx, p ? p->name : ""));
}

}  // namespace

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  domain::Product p;
  auto name = r.text("name", Need::kRequired, 120);
  auto category = r.one_of("category", Need::kRequired, ANAGEN_PRODUCT_CATEGORIES);
  p.manufacturer = r.text("manufacturer", Need::kOptional, 120);
  p.composition = r.text("composition", Need::kOptional, 2000);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  p.id = new_id();
  p.name = *name;
  p.category = *category;
  ANAGEN_TRY(
      ctx.app.db.write([&](store::Tx& tx) { return store::products::insert(tx, p, ctx.now); }));
  return Reply::created(product_json(p), "/api/v1/products/" + p.id);
}

Result<Reply> list(Ctx& ctx) {
  ANAGEN_ASSIGN(auto all, ctx.app.db.read([](store::Tx& tx) { return store::products::list(tx); }));
  Json items = Json::array();
  for (const auto& p : all) items.push_back(product_json(p));
  return Reply::json({{"items", items}});
}

Result<Reply> get(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto p, store::products::get(tx, ctx.param("product_id")));
    if (!p) return Error::not_found("Product " + ctx.param("product_id") + " was not found.");
    ANAGEN_ASSIGN(auto lots, store::products::lots_of(tx, p->id));
    Json j = product_json(*p);
    j["lots"] = Json::array();
    for (const auto& l : lots) j["lots"].push_back(lot_json(l, ctx, p->name));
    return Reply::json(j);
  });
}

Result<Reply> update(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto name = r.text("name", Need::kOptional, 120);
  auto category = r.one_of("category", Need::kOptional, ANAGEN_PRODUCT_CATEGORIES);
  auto manufacturer = r.text("manufacturer", Need::kOptional, 120);
  auto composition = r.text("composition", Need::kOptional, 2000);
  auto active = r.boolean("active", Need::kOptional);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto p, store::products::get(tx, ctx.param("product_id")));
    if (!p) return Error::not_found("Product " + ctx.param("product_id") + " was not found.");
    if (name) p->name = *name;
    if (category) p->category = *category;
    if (manufacturer || body.contains("manufacturer")) p->manufacturer = manufacturer;
    if (composition || body.contains("composition")) p->composition = composition;
    if (active) p->active = *active;
    ANAGEN_TRY(store::products::update(tx, *p));
    return Reply::json(product_json(*p));
  });
}

// A lot's quantity in mL: a few hundred vials at most.
constexpr double kMaxLotMl = 5000;
constexpr int kMaxShelfLifeDays = 3653;

// Receives a lot: {"lot_number", "expires_on", "quantity" (mL), "received_on"?}.
Result<Reply> add_lot(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto number = r.text("lot_number", Need::kRequired, 60);
  auto expires = r.date("expires_on", Need::kRequired);
  auto quantity = r.number("quantity", Need::kRequired, 0.001, kMaxLotMl);
  auto received = r.date("received_on", Need::kOptional);
  r.reject_unknown();
  if (received && date::sys_days(*received) > date::sys_days(ctx.today)) {
    r.fail("received_on", "must not be in the future");
  }
  // A lot may be entered late (its sessions traced), but not received expired.
  if (expires && (received || !r.has("received_on")) &&
      date::sys_days(*expires) < date::sys_days(received.value_or(ctx.today))) {
    r.fail("expires_on", "is before the day the lot was received (" +
                             human_date(received.value_or(ctx.today)) +
                             "): an expired lot cannot be taken into stock");
  }
  // A shelf life of decades is a mistyped year.
  if (expires && date::sys_days(*expires) >
                     date::sys_days(received.value_or(ctx.today)) + date::days(kMaxShelfLifeDays)) {
    r.fail("expires_on",
           "is more than 10 years after the day the lot was received: check the year");
  }
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto p, store::products::get(tx, ctx.param("product_id")));
    if (!p) return Error::not_found("Product " + ctx.param("product_id") + " was not found.");
    domain::Lot l{new_id(),
                  p->id,
                  *number,
                  *expires,
                  domain::to_ul(*quantity),
                  domain::to_ul(*quantity),
                  received.value_or(ctx.today)};
    ANAGEN_TRY(store::products::insert_lot(tx, l, ctx.now));
    return Reply::created(lot_json(l, ctx, p->name), "/api/v1/lots/" + l.id);
  });
}

// Lots, with ?usable=true only those usable today (for charting a session).
Result<Reply> lots(Ctx& ctx) {
  bool usable = ctx.req.param("usable") && *ctx.req.param("usable") == "true";
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto products, store::products::list(tx));
    Json items = Json::array();
    for (const auto& p : products) {
      if (usable && !p.active) continue;
      ANAGEN_ASSIGN(auto all, store::products::lots_of(tx, p.id));
      for (const auto& l : all) {
        if (usable && !l.usable_on(ctx.today)) continue;
        Json j = lot_json(l, ctx, p.name);
        j["category"] = p.category;
        items.push_back(j);
      }
    }
    return Reply::json({{"items", items}});
  });
}

Result<Reply> get_lot(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto l, lot_in_path(tx, ctx));
    return lot_reply(tx, l, ctx);
  });
}

// Marks the lot recalled from today ({"reason"}): it is offered and
// accepted for no session performed from today on; sessions before keep it.
Result<Reply> recall_lot(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto reason = r.text("reason", Need::kRequired, 500);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto l, lot_in_path(tx, ctx));
    if (l.recalled_on) {
      return Error::conflict("Lot " + l.lot_number + " was already recalled on " +
                             human_date(*l.recalled_on) + ".");
    }
    l.recalled_on = ctx.today;
    l.recall_reason = *reason;
    l.recalled_by = ctx.user_id();
    ANAGEN_TRY(store::products::set_recall(tx, l));
    ctx.audit_detail = "lot=" + l.lot_number + " reason=" + *reason;
    return lot_reply(tx, l, ctx);
  });
}

// Takes a recall back (entered by mistake): the lot is usable again.
Result<Reply> cancel_recall(Ctx& ctx) {
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto l, lot_in_path(tx, ctx));
    if (!l.recalled_on) return Error::conflict("Lot " + l.lot_number + " is not recalled.");
    ctx.audit_detail = "lot=" + l.lot_number + " was recalled on " + format_date(*l.recalled_on) +
                       " reason=" + l.recall_reason.value_or("");
    l.recalled_on.reset();
    l.recall_reason.reset();
    l.recalled_by.reset();
    ANAGEN_TRY(store::products::set_recall(tx, l));
    return lot_reply(tx, l, ctx);
  });
}

// Recall: every patient and session that received the lot.
Result<Reply> recipients(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto l, lot_in_path(tx, ctx));
    ANAGEN_ASSIGN(auto all, store::products::recipients(tx, l.id));
    Json items = Json::array();
    std::set<std::string> patients;
    for (const auto& r : all) {
      patients.insert(r.patient_id);
      items.push_back({{"patient_id", r.patient_id},
                       {"patient_name", domain::full_name(r.given_name, r.family_name)},
                       {"session_id", r.treatment_id},
                       {"performed_at", ctx.format(r.performed_at)},
                       {"volume_ml", domain::to_ml(r.volume)},
                       {"email", r.email ? Json(*r.email) : Json(nullptr)},
                       {"phone", r.phone ? Json(*r.phone) : Json(nullptr)}});
    }
    ctx.audit_detail =
        "recall lot=" + l.lot_number + " patients=" + std::to_string(patients.size());
    ctx.listed_patients.assign(patients.begin(), patients.end());
    return Reply::json({{"lot_id", l.id},
                        {"lot_number", l.lot_number},
                        {"patients", patients.size()},
                        {"items", items}});
  });
}

}  // namespace anagen::api::product_api
