// The OpenAPI 3.1 document, built from the route table so that it lists
// every endpoint; request body schemas are kept here by name.
#include "api/router.h"
#include "core/text.h"

namespace anagen::api {

// Request body schemas by name (openapi_schemas.cc).
Json request_schemas();

Json openapi_document(const std::vector<Route>& routes) {
  Json doc = {{"openapi", "3.1.0"},
              {"info",
               {{"title", "anagen API"},
                {"version", "1"},
                {"description",
                 "Capillary mesotherapy courses end to end. Errors are RFC 9457 "
                 "application/problem+json. Send Authorization: Bearer <token> from "
                 "POST /api/v1/auth/login."}}},
              {"components",
               {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
                {"schemas", request_schemas()}}},
              {"paths", Json::object()}};
  for (const auto& r : routes) {
    std::string method = ascii_lower(r.method);
    Json op = {{"summary", r.summary},
               {"tags", {r.tag}},
               {"operationId", method + r.pattern},
               {"responses",
                {{"default",
                  {{
                       "description",
                       "An error",
                   },
                   {"content",
                    {{"application/problem+json",
                      {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}}}}}};
    op["responses"]
      [r.method == "POST" && r.action.find(".create") != std::string::npos ? "201" : "200"] = {
          {"description", "Success"}};
    if (r.access == Access::kPublic) {
      op["security"] = Json::array();
    } else {
      op["security"] = {{{"bearer", Json::array()}}};
    }
    if (r.permission) op["x-permission"] = auth::to_string(*r.permission);
    Json params = Json::array();
    for (size_t i = r.pattern.find('{'); i != std::string::npos; i = r.pattern.find('{', i + 1)) {
      auto j = r.pattern.find('}', i);
      params.push_back({{"name", r.pattern.substr(i + 1, j - i - 1)},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (r.request_type.rfind("image/", 0) == 0) {
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{"image/jpeg", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
            {"image/png", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
    } else if (!r.request_schema.empty()) {
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{r.request_type,
             {{"schema", {{"$ref", "#/components/schemas/" + r.request_schema}}}}}}}};
    }
    doc["paths"][r.pattern][method] = op;
  }
  return doc;
}

}  // namespace anagen::api
