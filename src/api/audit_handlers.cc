#include "api/handlers.h"
#include "api/views.h"

namespace anagen::api::audit_api {

Result<Reply> list(Ctx& ctx) {
  std::vector<FieldError> errors;
  store::audit::Filter f;
  f.limit = read_limit(ctx, 100, 1000, errors);
  if (auto p = ctx.req.param("patient_id"); p && !p->empty()) f.patient_id = ctx.patient_id = *p;
  if (auto u = ctx.req.param("user_id"); u && !u->empty()) f.user_id = *u;
  if (auto c = ctx.req.param("cursor")) {
    char* end = nullptr;
    long long seq = std::strtoll(c->c_str(), &end, 10);
    if (c->empty() || *end != '\0' || seq < 1) {
      errors.push_back({"cursor", "is not a cursor anagen gave"});
    } else {
      f.before_seq = seq;
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ANAGEN_ASSIGN(auto entries,
                ctx.app.db.read([&](store::Tx& tx) { return store::audit::list(tx, f); }));
  Json items = Json::array();
  for (const auto& e : entries) items.push_back(audit_json(e, ctx));
  Json out = {{"items", items}};
  out["next_cursor"] = entries.size() == static_cast<size_t>(f.limit)
                           ? Json(std::to_string(entries.back().seq))
                           : Json(nullptr);
  return Reply::json(out);
}

}  // namespace anagen::api::audit_api
