// Request body schemas of the OpenAPI document, by name (routes name them).
#include "core/json_reader.h"

namespace anagen::api {
namespace {

Json str() { return {{"type", "string"}}; }
Json boolean() { return {{"type", "boolean"}}; }
Json integer(int min, int max) { return {{"type", "integer"}, {"minimum", min}, {"maximum", max}}; }
Json date() { return {{"type", "string"}, {"format", "date"}}; }
Json hhmm() { return {{"type", "string"}, {"pattern", "^[0-2][0-9]:[0-5][0-9]$"}}; }
Json instant() { return {{"type", "string"}, {"format", "date-time"}}; }
Json one_of(std::initializer_list<const char*> values) {
  Json e = Json::array();
  for (auto v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}
Json object(Json props, std::initializer_list<const char*> required) {
  Json r = Json::array();
  for (auto v : required) r.push_back(v);
  return {{"type", "object"},
          {"properties", std::move(props)},
          {"required", r},
          {"additionalProperties", false}};
}

}  // namespace

Json request_schemas() {
  Json s;
  s["Problem"] = {
      {"type", "object"},
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
  s["PasswordChange"] = object(
      {{"current_password", str()}, {"new_password", {{"type", "string"}, {"minLength", 10}}}},
      {"current_password", "new_password"});
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
  Json patient = {{"given_name", str()},  {"family_name", str()},
                  {"birth_date", date()}, {"sex", one_of({"female", "male", "other", "unknown"})},
                  {"email", str()},       {"phone", str()}};
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
  s["ScreeningOverride"] =
      object({{"reason", {{"type", "string"}, {"minLength", 10}}}}, {"reason"});
  s["AssessmentCreate"] =
      object({{"diagnosis", one_of({"androgenetic_alopecia", "telogen_effluvium", "alopecia_areata",
                                    "scarring_alopecia", "other"})},
              {"scale", one_of({"norwood", "ludwig", "sinclair", "savin"})},
              {"grade",
               {{"type", "string"}, {"description", "a level of the scale, see /grading-scales"}}},
              {"roots_retained", boolean()},
              {"pull_test_hairs", integer(0, 100)},
              {"shedding_count", integer(0, 2000)},
              {"notes", str()}},
             {"diagnosis", "scale", "grade", "roots_retained"});

  Json phase = {{"type", "object"},
                {"properties",
                 {{"name", str()},
                  {"interval_days", integer(1, 365)},
                  {"sessions", integer(1, 100)},
                  {"until_end", boolean()},
                  {"tolerance_days", integer(0, 60)}}},
                {"required", {"name", "interval_days"}}};
  s["Protocol"] = object(
      {{"name", str()},
       {"description", str()},
       {"session_minutes", integer(5, 240)},
       {"phases", {{"type", "array"}, {"items", phase}}},
       {"months",
        {{"type", "object"},
         {"properties",
          {{"mild", integer(5, 12)}, {"moderate", integer(5, 12)}, {"advanced", integer(5, 12)}}}}},
       {"active", boolean()}},
      {"name", "phases"});
  Json hours = {{"type", "array"},
                {"items", object({{"weekday", integer(1, 7)}, {"start", hhmm()}, {"end", hhmm()}},
                                 {"weekday", "start", "end"})}};
  s["Practitioner"] =
      object({{"name", str()}, {"working_hours", hours}}, {"name", "working_hours"});
  s["PractitionerUpdate"] =
      object({{"name", str()}, {"active", boolean()}, {"working_hours", hours}}, {});
  s["TimeOff"] = object({{"from", date()}, {"to", date()}, {"reason", str()}}, {"from"});
  s["PlanCreate"] =
      object({{"assessment_id", str()}, {"start_date", date()}, {"protocol_id", str()}},
             {"assessment_id", "start_date"});
  s["PlanRevise"] =
      object({{"protocol_id", str()}, {"months", integer(5, 12)}, {"reason", str()}}, {"reason"});
  s["Reason"] = object({{"reason", str()}}, {"reason"});
  s["MoveRequest"] = object({{"message", str()}}, {"message"});
  s["Note"] = object({{"note", str()}}, {"note"});
  s["Book"] = object({{"practitioner_id", str()},
                      {"weekdays", {{"type", "array"}, {"items", integer(1, 7)}}},
                      {"from", hhmm()},
                      {"to", hhmm()}},
                     {"practitioner_id"});
  // session_number is required for a session; an evaluation visit has none.
  s["AppointmentCreate"] = object({{"plan_id", str()},
                                   {"kind", one_of({"session", "evaluation"})},
                                   {"session_number", integer(1, 1000)},
                                   {"minutes", integer(10, 120)},
                                   {"practitioner_id", str()},
                                   {"start", instant()}},
                                  {"plan_id", "practitioner_id", "start"});
  s["Reschedule"] = object({{"start", instant()},
                            {"cascade", boolean()},
                            {"practitioner_id", str()},
                            {"expected_start", instant()}},
                           {"start"});
  s["Product"] = object({{"name", str()},
                         {"category", one_of({"amino_acids", "vitamins", "trace_elements",
                                              "vasodilators", "anaesthetic", "other"})},
                         {"manufacturer", str()},
                         {"composition", str()}},
                        {"name", "category"});
  s["ProductUpdate"] = object({{"name", str()},
                               {"category", str()},
                               {"manufacturer", str()},
                               {"composition", str()},
                               {"active", boolean()}},
                              {});
  s["Lot"] = object({{"lot_number", str()},
                     {"expires_on", date()},
                     {"quantity", {{"type", "number"}, {"description", "mL received"}}},
                     {"received_on", date()}},
                    {"lot_number", "expires_on", "quantity"});
  Json number = {{"type", "number"}};
  s["SessionRecord"] = object(
      {{"pregnant", boolean()},
       {"zones",
        {{"type", "array"},
         {"items", object({{"zone", one_of({"frontal", "mid_scalp", "vertex", "left_temporal",
                                            "right_temporal", "left_parietal", "right_parietal",
                                            "occipital"})},
                           {"points", integer(1, 1000)},
                           {"volume_ml", number}},
                          {"zone", "points", "volume_ml"})}}},
       {"products",
        {{"type", "array"},
         {"items", object({{"lot_id", str()}, {"volume_ml", number}}, {"lot_id", "volume_ml"})}}},
       {"anaesthetic", boolean()},
       {"anaesthetic_lot_id", str()},
       {"anaesthetic_volume_ml", number},
       {"pain_score", integer(0, 10)},
       {"adjuncts", {{"type", "array"}, {"items", one_of({"shampoo", "lotion", "massage"})}}},
       {"notes", str()},
       {"performed_at", instant()},
       {"technique", one_of({"point_by_point", "nappage", "injector_gun"})},
       {"needle_gauge", integer(25, 34)},
       {"needle_length_mm", number},
       {"depth_mm", number}},
      {"zones", "products", "anaesthetic", "pain_score"});
  s["Addendum"] = object({{"text", str()}}, {"text"});
  Json ae_types = one_of({"pain", "inflammation", "haematoma", "oedema", "headache", "infection",
                          "allergic_reaction", "hair_loss_at_site", "other"});
  Json outcomes = one_of({"resolved", "recovering", "ongoing", "resolved_with_sequelae"});
  Json management = {{"oneOf",
                      {one_of({"none", "anti_inflammatory_cream", "cold_compress", "antibiotics",
                               "referral", "other"}),
                       {{"type", "array"}, {"items", {{"type", "string"}}}}}}};
  Json lot_ids = {{"type", "array"}, {"items", {{"type", "string"}}}};
  s["AdverseEvent"] = object({{"session_id", str()},
                              {"lot_ids", lot_ids},
                              {"type", ae_types},
                              {"grade", integer(1, 5)},
                              {"onset", str()},
                              {"management", management},
                              {"outcome", outcomes},
                              {"notes", str()}},
                             {"type", "grade", "onset", "outcome"});
  s["AdverseEventUpdate"] = object({{"outcome", outcomes},
                                    {"management", management},
                                    {"notes", str()},
                                    {"grade", integer(1, 5)},
                                    {"session_id", {{"type", {"string", "null"}}}},
                                    {"lot_ids", lot_ids}},
                                   {});
  s["Measurement"] =
      object({{"kind", one_of({"density", "terminal_density", "vellus_percent", "mean_diameter_um",
                               "cumulative_thickness_mm", "anagen_percent", "pull_test_hairs",
                               "shedding_count", "photo_rating", "self_assessment"})},
              {"value", number},
              {"taken_on", date()},
              {"site", str()},
              {"notes", str()}},
             {"kind", "value", "taken_on"});
  s["PortalAccept"] =
      object({{"token", str()}, {"password", {{"type", "string"}, {"minLength", 10}}}},
             {"token", "password"});
  s["ReminderDone"] = object({{"on", date()}}, {});
  s["AftercareDefaults"] = object(
      {{"recommendations",
        {{"type", "array"},
         {"items", object({{"category", str()}, {"text", str()}}, {"category", "text"})}}},
       {"reminders",
        {{"type", "array"},
         {"items", object({{"code", str()},
                           {"title", str()},
                           {"description", str()},
                           {"rrule", {{"type", "string"}, {"example", "FREQ=WEEKLY;INTERVAL=1"}}}},
                          {"code", "title", "rrule"})}}}},
      {"recommendations", "reminders"});
  return s;
}

}  // namespace anagen::api
