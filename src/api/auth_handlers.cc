#include "api/handlers.h"
#include "api/views.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "core/id.h"

namespace anagen::api::auth_api {
namespace {

// A well-formed hash to verify against when the email is unknown, so that a
// wrong email and a wrong password take the same time.
const std::string& dummy_hash() {
  static const std::string h = auth::hash_password("not a real password").value_or("");
  return h;
}

}  // namespace

Result<Reply> login(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto email = r.text("email", Need::kRequired, 254);
  auto password = r.text("password", Need::kRequired, 256);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  const std::string wrong = "The email or password is wrong.";
  ANAGEN_ASSIGN(auto user, ctx.app.db.read([&](store::Tx& tx) {
    return store::users::find_by_email(tx, *email);
  }));
  if (!user || !user->active) {
    (void)auth::verify_password(*password, dummy_hash());
    return Error::unauthenticated(wrong);
  }
  auto wait = auth::login_delay(user->failed_logins, user->last_failed_at.value_or(Instant{}),
                                ctx.now, ctx.settings.login_attempts_before_delay);
  if (wait.count() > 0) {
    Error e{ErrorCode::kTooManyRequests,
            "Too many failed sign-ins for this account: sign-in is slowed down. Try again in " +
                std::to_string(wait.count()) + (wait.count() == 1 ? " second." : " seconds.")};
    e.retry_after_seconds = static_cast<int>(wait.count());
    return e;
  }
  if (!auth::verify_password(*password, user->password_hash)) {
    ANAGEN_TRY(ctx.app.db.write(
        [&](store::Tx& tx) { return store::users::record_failed_login(tx, user->id, ctx.now); }));
    int failures = user->failed_logins + 1;
    if (failures >= ctx.settings.login_attempts_before_delay) {
      return Error::unauthenticated(wrong + " After " + std::to_string(failures) +
                                    " failed attempts, each new attempt must wait longer.");
    }
    return Error::unauthenticated(wrong);
  }
  std::string token = auth::new_session_token();
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::users::reset_failed_logins(tx, user->id));
    return store::users::insert_session(tx, auth::token_hash(token), user->id, ctx.now,
                                        ctx.req.remote_ip);
  }));
  Reply reply = Reply::json({{"token", token},
                             {"user", user_json(*user)},
                             {"expires_after_idle_minutes", ctx.settings.session_idle_minutes}});
  reply.headers.emplace_back("Set-Cookie",
                             "anagen_session=" + token + "; Path=/; HttpOnly; SameSite=Strict");
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

Result<Reply> logout(Ctx& ctx) {
  ANAGEN_TRY(ctx.app.db.write(
      [&](store::Tx& tx) { return store::users::delete_session(tx, *ctx.session_hash); }));
  Reply r = Reply::no_content();
  r.headers.emplace_back("Set-Cookie",
                         "anagen_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

// Checks the current password, saves the new one and ends the user's other
// sessions (this one stays signed in).
Result<Reply> change_password(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto current = r.text("current_password", Need::kRequired, 256);
  auto next = auth::read_new_password(r, "new_password", Need::kRequired);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  if (!auth::verify_password(*current, ctx.user->password_hash)) {
    return Error::invalid("current_password", "is not your current password");
  }
  auto hash = auth::hash_password(*next);
  if (!hash) return Error::internal("auth: could not hash the password");
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    auto u = *ctx.user;
    u.password_hash = *hash;
    ANAGEN_TRY(store::users::update(tx, u));
    ANAGEN_TRY(store::users::delete_sessions_of(tx, u.id));
    ANAGEN_TRY(
        store::users::insert_session(tx, *ctx.session_hash, u.id, ctx.now, ctx.req.remote_ip));
    return ctx.audit(tx, 204);
  }));
  return Reply::no_content();
}

Result<Reply> me(Ctx& ctx) {
  Json u = user_json(*ctx.user);
  Json perms = Json::array();
  for (int p = 0; p <= static_cast<int>(auth::Permission::kAuditRead); ++p) {
    auto perm = static_cast<auth::Permission>(p);
    if (auth::allows(ctx.user->role, perm)) perms.push_back(auth::to_string(perm));
  }
  u["permissions"] = perms;
  return Reply::json(u);
}

}  // namespace anagen::api::auth_api
