#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "store/assessment_store.h"
#include "store/measurement_store.h"
#include "store/patient_store.h"

namespace anagen::api::assessment_api {

Result<Reply> scales(Ctx&) {
  Json items = Json::array();
  for (const auto& s : domain::grading_scales()) {
    Json levels = Json::array();
    for (const auto& l : s.levels) {
      levels.push_back({{"grade", l.grade}, {"severity", domain::to_string(l.severity)}});
    }
    items.push_back({{"scale", s.name}, {"label", s.label}, {"levels", levels}});
  }
  return Reply::json({{"items", items}});
}

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto diagnosis = r.one_of("diagnosis", Need::kRequired,
                            {"androgenetic_alopecia", "telogen_effluvium", "alopecia_areata",
                             "scarring_alopecia", "other"});
  auto scale = r.one_of("scale", Need::kRequired, {"norwood", "ludwig", "sinclair", "savin"});
  std::optional<std::string> grade;
  if (r.has("grade") && body["grade"].is_number_integer()) {
    grade = std::to_string(body["grade"].get<long long>());  // Sinclair 3 sent as a number
    (void)r.integer("grade", Need::kOptional, INT64_MIN, INT64_MAX);
  } else {
    grade = r.text("grade", Need::kRequired, 20);
  }
  auto roots = r.boolean("roots_retained", Need::kRequired);
  auto pull = r.integer("pull_test_hairs", Need::kOptional, 0, 100);
  auto shedding = r.integer("shedding_count", Need::kOptional, 0, 2000);
  auto notes = r.text("notes", Need::kOptional, 4000);
  r.reject_unknown();
  const domain::GradingScale* sc = scale ? domain::find_scale(*scale) : nullptr;
  std::optional<std::string> canonical;
  if (sc && grade) {
    canonical = domain::canonical_grade(*sc, *grade);
    if (!canonical) {
      std::string levels;
      for (const auto& l : sc->levels) levels += (levels.empty() ? "" : ", ") + l.grade;
      r.fail("grade",
             "'" + *grade + "' is not a level of the " + sc->label + " scale (" + levels + ")");
    }
  }
  if (!r.ok()) return r.error();

  domain::Assessment a;
  a.id = new_id();
  a.patient_id = ctx.param("patient_id");
  a.input = {*domain::parse_diagnosis(*diagnosis),
             *scale,
             *canonical,
             *roots,
             pull ? std::optional<int>(static_cast<int>(*pull)) : std::nullopt,
             shedding ? std::optional<int>(static_cast<int>(*shedding)) : std::nullopt};
  a.severity = domain::grade_severity(*sc, *canonical);
  a.candidacy = domain::evaluate_candidacy(a.input, a.severity);
  a.notes = notes;
  a.assessed_by = ctx.user_id();
  a.assessed_at = ctx.now;
  // The pull test and shedding count taken at the assessment are the
  // course's first figures of them (its baseline): measurements of that day.
  std::vector<domain::Measurement> figures;
  for (auto [kind, value] : {std::pair{"pull_test_hairs", a.input.pull_test_hairs},
                             {"shedding_count", a.input.shedding_count}}) {
    if (!value) continue;
    domain::Measurement m;
    m.id = new_id();
    m.patient_id = a.patient_id;
    m.kind = kind;
    m.value = *value;
    m.taken_on = ctx.today;
    m.notes = "At the assessment";
    m.recorded_by = ctx.user_id();
    m.created_at = ctx.now;
    figures.push_back(std::move(m));
  }
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::patients::require(tx, a.patient_id));
    ANAGEN_TRY(store::assessments::insert(tx, a));
    for (const auto& m : figures) ANAGEN_TRY(store::measurements::insert(tx, m));
    ctx.audit_detail = "grade=" + a.input.scale + " " + a.input.grade +
                       " candidate=" + (a.candidacy.candidate ? "true" : "false");
    return ctx.audit(tx, 201);
  }));
  return Reply::created(assessment_json(a, ctx),
                        "/api/v1/patients/" + a.patient_id + "/assessments/" + a.id);
}

Result<Reply> list(Ctx& ctx) {
  ANAGEN_ASSIGN(auto all,
                ctx.app.db.read([&](store::Tx& tx) -> Result<std::vector<domain::Assessment>> {
                  ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
                  return store::assessments::list(tx, ctx.param("patient_id"));
                }));
  Json items = Json::array();
  for (const auto& a : all) items.push_back(assessment_json(a, ctx));
  return Reply::json({{"items", items}});
}

Result<Reply> get(Ctx& ctx) {
  ANAGEN_ASSIGN(auto a, ctx.app.db.read([&](store::Tx& tx) {
    return store::assessments::get(tx, ctx.param("assessment_id"));
  }));
  if (!a || a->patient_id != ctx.param("patient_id")) {
    return Error::not_found("Assessment " + ctx.param("assessment_id") + " of patient " +
                            ctx.param("patient_id") + " was not found.");
  }
  return Reply::json(assessment_json(*a, ctx));
}

}  // namespace anagen::api::assessment_api
