// The OpenAPI 3.1 document, built from the route table so that it lists
// every endpoint; request body schemas are kept here by name.
#include "api/router.h"

namespace anagen::api {
namespace {

Json str() { return {{"type", "string"}}; }
Json boolean() { return {{"type", "boolean"}}; }
Json integer(int min, int max) { return {{"type", "integer"}, {"minimum", min}, {"maximum", max}}; }
Json date() { return {{"type", "string"}, {"format", "date"}}; }
Json instant() { return {{"type", "string"}, {"format", "date-time"}}; }
Json one_of(std::initializer_list<const char*> values) {
  Json e = Json::array();
  for (auto v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}
Json object(Json props, std::initializer_list<const char*> required) {
  Json r = Json::array();
  for (auto v : required) r.push_back(v);
  return {{"type", "object"}, {"properties", std::move(props)}, {"required", r},
          {"additionalProperties", false}};
}

Json schemas() {
  Json s;
  s["Problem"] = {{"type", "object"},
                  {"properties",
                   {{"type", str()},
                    {"title", str()},
                    {"status", {{"type", "integer"}}},
                    {"detail", str()},
                    {"instance", str()},
                    {"errors",
                     {{"type", "array"},
                      {"items", object({{"field", str()}, {"message", str()}}, {"field", "message"})}}}}}};
  s["TestClock"] = object({{"now", instant()}}, {"now"});
  s["Login"] = object({{"email", str()}, {"password", str()}}, {"email", "password"});
  s["UserCreate"] = object({{"email", str()},
                            {"name", str()},
                            {"role", one_of({"admin", "clinician", "receptionist"})},
                            {"password", {{"type", "string"}, {"minLength", 10}}}},
                           {"email", "name", "role", "password"});
  s["UserUpdate"] = object({{"name", str()},
                            {"role", one_of({"admin", "clinician", "receptionist"})},
                            {"active", boolean()},
                            {"password", {{"type", "string"}, {"minLength", 10}}}},
                           {});
  s["Clinic"] = object({{"name", str()},
                        {"timezone", {{"type", "string"}, {"description", "IANA time zone"}}},
                        {"session_idle_minutes", integer(5, 10080)},
                        {"screening_valid_days", integer(1, 730)},
                        {"login_attempts_before_delay", integer(1, 100)}},
                       {"name", "timezone"});
  s["ScreeningRules"] =
      object({{"rules",
               {{"type", "object"},
                {"additionalProperties", one_of({"absolute", "relative", "ignore"})}}}},
             {"rules"});
  Json patient = {{"given_name", str()},
                  {"family_name", str()},
                  {"birth_date", date()},
                  {"sex", one_of({"female", "male", "other", "unknown"})},
                  {"email", str()},
                  {"phone", str()}};
  s["PatientCreate"] = object(patient, {"given_name", "family_name", "birth_date", "sex"});
  patient["version"] = {{"type", "integer"}, {"description", "optimistic concurrency check"}};
  s["PatientUpdate"] = object(patient, {});
  s["ScreeningCreate"] = object(
      {{"answers",
        {{"type", "object"},
         {"description",
          "Answer codes: pregnant, breastfeeding, scalp_condition, diabetes "
          "(none/controlled/insulin_dependent/uncontrolled), bleeding_disorder, anticoagulants, "
          "active_scalp_infection, component_allergy, immunosuppressed, cancer_treatment, "
          "autoimmune_disease, keloid_tendency, recent_scalp_surgery, "
          "isotretinoin_last_12_months, uncontrolled_hypertension; all but diabetes are "
          "booleans"}}}},
      {"answers"});
  s["ScreeningOverride"] = object({{"reason", {{"type", "string"}, {"minLength", 10}}}}, {"reason"});
  s["AssessmentCreate"] = object(
      {{"diagnosis", one_of({"androgenetic_alopecia", "telogen_effluvium", "alopecia_areata",
                             "scarring_alopecia", "other"})},
       {"scale", one_of({"norwood", "ludwig", "sinclair", "savin"})},
       {"grade", {{"type", "string"}, {"description", "a level of the scale, see /grading-scales"}}},
       {"roots_retained", boolean()},
       {"pull_test_hairs", integer(0, 100)},
       {"shedding_count", integer(0, 2000)},
       {"notes", str()}},
      {"diagnosis", "scale", "grade", "roots_retained"});
  return s;
}

}  // namespace

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
                {"schemas", schemas()}}},
              {"paths", Json::object()}};
  for (const auto& r : routes) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Json op = {{"summary", r.summary},
               {"tags", {r.tag}},
               {"operationId", method + r.pattern},
               {"responses",
                {{"default",
                  {{"description", "An error",
                   },
                   {"content",
                    {{"application/problem+json",
                      {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}}}}}};
    op["responses"][r.method == "POST" && r.action.find(".create") != std::string::npos ? "201"
                                                                                        : "200"] =
        {{"description", "Success"}};
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
                        {"schema", str()}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.request_schema.empty()) {
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
