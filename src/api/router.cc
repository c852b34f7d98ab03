#include "api/router.h"

#include <spdlog/spdlog.h>

#include "api/errors.h"
#include "api/static_files.h"
#include "auth/password.h"
#include "store/audit_store.h"

namespace anagen::api {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

// The session token from "Authorization: Bearer X" or the anagen_session cookie.
std::optional<std::string> session_token(const HttpRequest& req) {
  std::string_view auth = req.header("authorization");
  if (auth.size() > 7 && (auth.substr(0, 7) == "Bearer " || auth.substr(0, 7) == "bearer ")) {
    return std::string(auth.substr(7));
  }
  std::string_view cookies = req.header("cookie");
  const std::string_view name = "anagen_session=";
  auto pos = cookies.find(name);
  while (pos != std::string_view::npos && pos > 0 && cookies[pos - 1] != ' ' &&
         cookies[pos - 1] != ';') {
    pos = cookies.find(name, pos + 1);
  }
  if (pos == std::string_view::npos) return std::nullopt;
  auto v = cookies.substr(pos + name.size());
  return std::string(v.substr(0, v.find(';')));
}

HttpResponse to_http(Reply&& r) {
  HttpResponse h;
  h.status = r.status;
  h.content_type = r.content_type;
  h.body = r.raw ? std::move(*r.raw) : json_reply_text(r.body);
  h.headers = std::move(r.headers);
  return h;
}

// Touching the session on every request would make every read a write; a
// minute of slack on a 12-hour idle limit is harmless.
constexpr auto kTouchEvery = std::chrono::minutes(1);

}  // namespace

Status Ctx::audit(store::Tx& tx, int status, const char* outcome) {
  store::audit::Entry e;
  e.at = now;
  if (user) e.user_id = user->id;
  e.patient_id = patient_id;
  e.action = action;
  e.outcome = outcome;
  e.status = status;
  e.method = req.method;
  e.path = loggable_path(req.path);
  e.ip = req.remote_ip;
  e.request_id = req.request_id;
  e.detail = audit_detail;
  audited = true;
  ANAGEN_TRY(store::audit::append(tx, e));
  for (const auto& listed : listed_patients) {
    e.patient_id = listed;
    ANAGEN_TRY(store::audit::append(tx, e));
  }
  return ok_status();
}

std::string Ctx::base_url() const {
  std::string host(req.header("x-forwarded-host"));
  if (host.empty()) host = std::string(req.header("host"));
  std::string proto(req.header("x-forwarded-proto"));
  if (proto != "https") proto = "http";
  return host.empty() ? "" : proto + "://" + host;
}

Router::Router(App& app, const std::vector<Route>& routes) : app_(app) {
  for (const auto& r : routes) compiled_.push_back({&r, split_path(r.pattern)});
}

const Router::Compiled* Router::match(const HttpRequest& req,
                                      std::map<std::string, std::string>& params,
                                      std::vector<std::string>& allowed) const {
  auto segs = split_path(req.path);
  const Compiled* found = nullptr;
  for (const auto& c : compiled_) {
    if (c.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> p;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& s = c.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        p[s.substr(1, s.size() - 2)] = segs[i];
      } else {
        ok = s == segs[i];
      }
    }
    if (!ok) continue;
    allowed.push_back(c.route->method);
    if (!found &&
        (c.route->method == req.method || (req.method == "HEAD" && c.route->method == "GET"))) {
      found = &c;
      params = std::move(p);
    }
  }
  return found;
}

HttpResponse Router::handle(HttpRequest& req) {
  Ctx ctx(app_, req);
  ctx.now = app_.clock.now();
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;
  const Compiled* c = match(req, params, allowed);
  if (!c) {
    if (req.path.rfind("/api/", 0) != 0 && (req.method == "GET" || req.method == "HEAD") &&
        !app_.cfg.web_root.empty()) {
      return serve_static(app_.cfg.web_root, req.path);
    }
    if (!allowed.empty()) {
      std::string allow;
      for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      auto r = problem(Error{ErrorCode::kMethodNotAllowed,
                             "This URL does not take " + req.method + "; use " + allow + "."},
                       req.path, req.request_id);
      r.headers.emplace_back("Allow", allow);
      return r;
    }
    return problem(Error::not_found("There is no endpoint at " + req.path + "."), req.path,
                   req.request_id);
  }
  ctx.params = std::move(params);
  ctx.action = c->route->action;
  if (auto it = ctx.params.find("patient_id"); it != ctx.params.end()) ctx.patient_id = it->second;

  Result<Reply> reply = run(ctx, *c->route);
  if (reply.ok()) {
    if (!ctx.action.empty() && !ctx.audited) {
      // Reads (and writes whose handler did not audit in-transaction) are
      // recorded before the answer leaves: no record, no data. A write's own
      // audit is durable with it; this one survives a crash of anagen at
      // once and is on disk within store::kAppendFlush.
      auto st = app_.db.append([&](store::Tx& tx) { return ctx.audit(tx, reply->status); });
      if (!st.ok()) {
        spdlog::error("{} audit write failed: {}", req.request_id, st.error().detail);
        return problem(Error::unavailable("The access could not be recorded in the audit trail; "
                                          "try again."),
                       req.path, req.request_id);
      }
    }
    if (req.method == "HEAD") reply->raw = "";
    return to_http(std::move(reply).value());
  }
  const Error& e = reply.error();
  if (e.code == ErrorCode::kInternal || e.code == ErrorCode::kUnavailable) {
    spdlog::error("{} {} {} failed: {}", req.request_id, req.method, req.path, e.detail);
  }
  if (!ctx.action.empty()) record_outcome(ctx, http_status(e.code), outcome_word(e.code));
  return problem(e, loggable_path(req.path), req.request_id);
}

void Router::record_outcome(Ctx& ctx, int status, const char* outcome) {
  store::audit::Entry e;
  e.at = ctx.now;
  if (ctx.user) e.user_id = ctx.user->id;
  e.patient_id = ctx.patient_id;
  e.action = ctx.action;
  e.outcome = outcome;
  e.status = status;
  e.method = ctx.req.method;
  e.path = loggable_path(ctx.req.path);
  e.ip = ctx.req.remote_ip;
  e.request_id = ctx.req.request_id;
  e.detail = ctx.audit_detail;
  auto st = app_.db.append([&](store::Tx& tx) { return store::audit::append(tx, e); });
  if (!st.ok()) spdlog::error("{} audit write failed: {}", ctx.req.request_id, st.error().detail);
}

Result<Reply> Router::run(Ctx& ctx, const Route& route) {
  auto settings = app_.settings();
  if (!settings.ok()) return settings.take_error();
  ctx.settings = std::move(settings).value();
  ctx.zone = find_zone(ctx.settings.timezone);
  if (!ctx.zone) ctx.zone = find_zone("UTC");
  ctx.today = local_date(ctx.now, ctx.zone);
  if (route.access != Access::kPublic) {
    ANAGEN_TRY(authenticate(ctx));
    ANAGEN_TRY(authorize(ctx, route));
  }
  try {
    return route.handler(ctx);
  } catch (const std::exception& e) {
    return Error::internal(std::string("unhandled exception: ") + e.what());
  }
}

Status Router::authenticate(Ctx& ctx) {
  auto token = session_token(ctx.req);
  if (!token || token->empty()) {
    return Error::unauthenticated(
        "Sign in first: send Authorization: Bearer <token> from "
        "POST /api/v1/auth/login.");
  }
  std::string hash = auth::token_hash(*token);
  auto session = app_.db.read([&](store::Tx& tx) { return store::users::find_session(tx, hash); });
  if (!session.ok()) return session.take_error();
  if (!*session || !(*session)->user.active) {
    return Error::unauthenticated(
        "The session is not valid (signed out or expired); sign in "
        "again.");
  }
  auto idle = std::chrono::minutes(ctx.settings.session_idle_minutes);
  if (ctx.now - (*session)->last_seen_at > idle) {
    (void)app_.db.write([&](store::Tx& tx) { return store::users::delete_session(tx, hash); });
    return Error::unauthenticated("The session expired after " +
                                  std::to_string(ctx.settings.session_idle_minutes / 60) +
                                  " hours without activity; sign in again.");
  }
  if (ctx.now - (*session)->last_seen_at > kTouchEvery) {
    ANAGEN_TRY(app_.db.write(
        [&](store::Tx& tx) { return store::users::touch_session(tx, hash, ctx.now); }));
  }
  ctx.user = std::move((*session)->user);
  ctx.session_hash = hash;
  return ok_status();
}

Status Router::authorize(Ctx& ctx, const Route& route) {
  auto role = ctx.user->role;
  switch (route.access) {
    case Access::kPublic:
    case Access::kSignedIn:
      return ok_status();
    case Access::kStaff:
      if (role != auth::Role::kPatient &&
          (!route.permission || auth::allows(role, *route.permission))) {
        return ok_status();
      }
      break;
    case Access::kPatientOrStaff:
      if (role == auth::Role::kPatient) {
        if (ctx.user->patient_id && ctx.patient_id && *ctx.user->patient_id == *ctx.patient_id) {
          return ok_status();
        }
        return Error::forbidden("A patient account can only see its own records.");
      }
      if (!route.permission || auth::allows(role, *route.permission)) return ok_status();
      break;
  }
  return Error::forbidden(
      "Your role (" + std::string(auth::to_string(role)) + ") does not allow this: it needs the " +
      (route.permission ? auth::to_string(*route.permission) : "staff") + " permission.");
}

}  // namespace anagen::api
