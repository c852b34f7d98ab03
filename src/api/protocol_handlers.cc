#include "api/handlers.h"
#include "core/id.h"
#include "store/protocol_store.h"

namespace anagen::api::protocol_api {

Result<Reply> list(Ctx& ctx) {
  ANAGEN_ASSIGN(auto all,
                ctx.app.db.read([](store::Tx& tx) { return store::protocols::list(tx); }));
  Json items = Json::array();
  for (const auto& p : all) items.push_back(domain::protocol_to_json(p));
  return Reply::json({{"items", items}});
}

Result<Reply> get(Ctx& ctx) {
  ANAGEN_ASSIGN(auto p, ctx.app.db.read([&](store::Tx& tx) {
    return store::protocols::get(tx, ctx.param("protocol_id"));
  }));
  if (!p) return Error::not_found("Protocol " + ctx.param("protocol_id") + " was not found.");
  return Reply::json(domain::protocol_to_json(*p));
}

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  ANAGEN_ASSIGN(auto p, domain::parse_protocol(body));
  p.id = new_id();
  ctx.audit_detail = "protocol=" + p.id + " " + p.name;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::protocols::insert(tx, p, ctx.user_id(), ctx.now));
    return ctx.audit(tx, 201);
  }));
  return Reply::created(domain::protocol_to_json(p), "/api/v1/protocols/" + p.id);
}

// Replaces the protocol's definition as a new version; plans made from an
// earlier version keep following it. {"active": false} alone retires it.
Result<Reply> update(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  domain::Protocol saved;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(tx.lock("protocol:" + ctx.param("protocol_id")));
    ANAGEN_ASSIGN(auto current, store::protocols::get(tx, ctx.param("protocol_id")));
    if (!current)
      return Error::not_found("Protocol " + ctx.param("protocol_id") + " was not found.");
    Json fields = body;
    std::optional<bool> active;
    if (fields.contains("active")) {
      if (!fields["active"].is_boolean()) return Error::invalid("active", "must be true or false");
      active = fields["active"].get<bool>();
      fields.erase("active");
    }
    domain::Protocol next = *current;
    if (!fields.empty()) {
      ANAGEN_ASSIGN(next, domain::parse_protocol(fields));
      next.id = current->id;
    }
    next.active = active.value_or(current->active);
    next.version = current->version + 1;
    ANAGEN_TRY(store::protocols::update(tx, next, ctx.user_id(), ctx.now));
    saved = next;
    ctx.audit_detail = "protocol=" + next.id + " version=" + std::to_string(next.version) +
                       (next.active ? "" : " retired");
    return ctx.audit(tx, 200);
  }));
  return Reply::json(domain::protocol_to_json(saved));
}

}  // namespace anagen::api::protocol_api
