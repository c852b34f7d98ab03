// Routing, authentication, permission checks, auditing and error mapping:
// everything every request goes through, in one place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.h"
#include "auth/roles.h"

namespace anagen::api {

enum class Access {
  kPublic,          // no session needed
  kSignedIn,        // any signed-in user
  kStaff,           // a staff user holding `permission`
  kPatientOrStaff,  // staff holding `permission`, or the patient whose {patient_id} it is
};

using Handler = Result<Reply> (*)(Ctx&);

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/patients/{patient_id}"; {name} matches one segment
  Handler handler;
  Access access = Access::kStaff;
  std::optional<auth::Permission> permission;
  std::string action;   // audit action for patient data ("patient.read"); "" when none
  std::string summary;  // for the OpenAPI document
  std::string tag;
  std::string request_schema;  // components/schemas name of the body, "" when none
  std::string request_type = "application/json";
};

// The one route table (routes.cc).
const std::vector<Route>& route_table();

class Router {
 public:
  Router(App& app, const std::vector<Route>& routes);
  // Answers one request. Never throws; bugs become a logged 500.
  HttpResponse handle(HttpRequest& req);

 private:
  struct Compiled {
    const Route* route;
    std::vector<std::string> segments;
  };
  const Compiled* match(const HttpRequest& req, std::map<std::string, std::string>& params,
                        std::vector<std::string>& allowed) const;
  Result<Reply> run(Ctx& ctx, const Route& route);
  Status authenticate(Ctx& ctx);
  Status authorize(Ctx& ctx, const Route& route);
  void record_outcome(Ctx& ctx, int status, const char* outcome);

  App& app_;
  std::vector<Compiled> compiled_;
};

// Builds the OpenAPI 3.1 document listing every route.
Json openapi_document(const std::vector<Route>& routes);

}  // namespace anagen::api
