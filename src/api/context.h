// The per-request context handed to every handler, and the reply type.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/app.h"
#include "api/http.h"
#include "core/json_reader.h"
#include "core/time.h"
#include "store/user_store.h"

namespace anagen::api {

struct Reply {
  int status = 200;
  Json body;
  std::optional<std::string> raw;  // sent as is instead of body.dump()
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  static Reply json(Json body, int status = 200) {
    Reply r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  // 201 with a Location header.
  static Reply created(Json body, std::string location) {
    Reply r = json(std::move(body), 201);
    r.headers.emplace_back("Location", std::move(location));
    return r;
  }
  static Reply no_content() {
    Reply r;
    r.status = 204;
    r.raw = "";
    return r;
  }
};

class Ctx {
 public:
  Ctx(App& app, const HttpRequest& req) : app(app), req(req) {}

  App& app;
  const HttpRequest& req;
  std::map<std::string, std::string> params;  // from the route pattern
  std::optional<store::users::User> user;     // the signed-in user
  std::optional<std::string> session_hash;    // hash of the session token used
  Instant now{};
  domain::ClinicSettings settings;
  const date::time_zone* zone = nullptr;  // the clinic's zone
  Date today;                             // clinic-local

  // Audit bookkeeping: the route names the action; handlers name the patient
  // when the path does not, and add detail.
  std::string action;
  std::optional<std::string> patient_id;
  std::optional<std::string> audit_detail;
  bool audited = false;  // the handler wrote its audit entry in its transaction
  // Other patients whose details the answer lists (a lot's recall): the
  // entry is also written to each one's trail.
  std::vector<std::string> listed_patients;

  const std::string& param(const std::string& name) const { return params.at(name); }
  const std::string& user_id() const { return user->id; }
  // The request body as a JSON object (400 when it is not one).
  Result<Json> body() const { return parse_json_object(req.body); }
  std::string format(Instant t) const { return format_instant(t, zone); }
  // The address clients reach this server at ("https://clinic.example");
  // behind a TLS proxy, from its X-Forwarded-Proto/Host headers.
  std::string base_url() const;

  // Appends this request's audit entry (outcome ok) inside the handler's
  // write transaction, so the change and its record commit together.
  Status audit(store::Tx& tx, int status, const char* outcome = "ok");
};

}  // namespace anagen::api
