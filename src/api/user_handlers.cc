#include "api/handlers.h"
#include "api/views.h"
#include "auth/password.h"
#include "core/id.h"
#include "core/text.h"
#include "domain/patient.h"

namespace anagen::api::user_api {

Result<Reply> list(Ctx& ctx) {
  ANAGEN_ASSIGN(auto users, ctx.app.db.read([](store::Tx& tx) { return store::users::list(tx); }));
  Json items = Json::array();
  for (const auto& u : users) items.push_back(user_json(u));
  return Reply::json({{"items", items}});
}

Result<Reply> directory(Ctx& ctx) {
  ANAGEN_ASSIGN(auto users, ctx.app.db.read([](store::Tx& tx) { return store::users::list(tx); }));
  Json items = Json::array();
  for (const auto& u : users) {
    if (u.role == auth::Role::kPatient) continue;
    items.push_back(
        {{"id", u.id}, {"name", u.name}, {"role", auth::to_string(u.role)}, {"active", u.active}});
  }
  return Reply::json({{"items", items}});
}

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto email = r.text("email", Need::kRequired, 254);
  auto name = r.text("name", Need::kRequired, 120);
  auto role = r.one_of("role", Need::kRequired, {"admin", "clinician", "receptionist"});
  auto password = auth::read_new_password(r, "password", Need::kRequired);
  r.reject_unknown();
  if (email && !domain::is_valid_email(*email)) r.fail("email", "must be an email address");
  if (!r.ok()) return r.error();
  store::users::User u;
  u.id = new_id();
  u.email = ascii_lower(*email);
  u.name = *name;
  u.role = *auth::parse_role(*role);
  auto hash = auth::hash_password(*password);
  if (!hash) return Error::internal("auth: could not hash the password");
  u.password_hash = *hash;
  u.created_at = ctx.now;
  ctx.audit_detail = "user=" + u.id + " role=" + auth::to_string(u.role);
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::users::insert(tx, u));
    return ctx.audit(tx, 201);
  }));
  return Reply::created(user_json(u), "/api/v1/users/" + u.id);
}

// Changes name, role, active, or sets a new password; deactivating or a new
// password signs the user out everywhere.
Result<Reply> update(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto name = r.text("name", Need::kOptional, 120);
  auto role = r.one_of("role", Need::kOptional, {"admin", "clinician", "receptionist"});
  auto active = r.boolean("active", Need::kOptional);
  auto password = auth::read_new_password(r, "password", Need::kOptional);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  std::optional<std::string> hash;
  if (password) {
    hash = auth::hash_password(*password);
    if (!hash) return Error::internal("auth: could not hash the password");
  }
  store::users::User saved;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(auto u, store::users::find_by_id(tx, ctx.param("user_id")));
    if (!u) return Error::not_found("User " + ctx.param("user_id") + " was not found.");
    if (u->role == auth::Role::kPatient) {
      return Error::conflict("Patient accounts are managed from the patient's page.");
    }
    if (u->id == ctx.user_id() && ((active && !*active) || (role && *role != "admin"))) {
      return Error::conflict("You cannot deactivate or demote your own account.");
    }
    if (name) u->name = *name;
    if (role) u->role = *auth::parse_role(*role);
    if (active) u->active = *active;
    if (hash) u->password_hash = *hash;
    ANAGEN_TRY(store::users::update(tx, *u));
    if ((active && !*active) || hash) ANAGEN_TRY(store::users::delete_sessions_of(tx, u->id));
    saved = *u;
    ctx.audit_detail = "user=" + u->id + " role=" + auth::to_string(u->role) +
                       " active=" + (u->active ? "true" : "false") +
                       (hash ? " password reset" : "");
    return ctx.audit(tx, 200);
  }));
  return Reply::json(user_json(saved));
}

}  // namespace anagen::api::user_api
