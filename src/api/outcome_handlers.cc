#include "api/handlers.h"
#include "api/image_body.h"
#include "api/views.h"
#include "core/id.h"
#include "core/text.h"
#include "domain/outcome.h"
#include "store/measurement_store.h"
#include "store/patient_store.h"
#include "store/treatment_store.h"

namespace anagen::api::outcome_api {
namespace {

Json measurement_json(const domain::Measurement& m, const Ctx& ctx) {
  return {{"id", m.id},
          {"patient_id", m.patient_id},
          {"kind", m.kind},
          {"value", m.value},
          {"taken_on", format_date(m.taken_on)},
          {"site", m.site ? Json(*m.site) : Json(nullptr)},
          {"source", m.source},
          {"notes", m.notes ? Json(*m.notes) : Json(nullptr)},
          {"trichoscopy_id", m.trichoscopy_id ? Json(*m.trichoscopy_id) : Json(nullptr)},
          {"recorded_by", m.recorded_by},
          {"entered_in_error", correction_json(m.entered_in_error, ctx)}};
}

#define ANAGEN_VIEWS \
  { "frontal", "vertex", "top", "left", "right" }

// Under the patient's path, so a portal patient may fetch their own photos
// (the router checks the path's patient against the account).
std::string photo_url(const store::measurements::Photo& p) {
  return "/api/v1/patients/" + p.patient_id + "/photos/" + p.id;
}

// 2000 rather than 2000.0, for messages.
std::string plain_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Json photo_json(const store::measurements::Photo& p) {
  return {{"id", p.id},
          {"patient_id", p.patient_id},
          {"view", p.view},
          {"taken_on", format_date(p.taken_on)},
          {"content_type", p.content_type},
          {"width", p.width},
          {"height", p.height},
          {"bytes", p.bytes},
          {"sha256", p.sha256},
          {"url", photo_url(p)}};
}

}  // namespace

// Reads and validates a measurement; shared with the patient portal and
// image analysis.
Result<domain::Measurement> read_measurement(const Json& body, const Ctx& ctx) {
  JsonReader r(body);
  auto kind = r.text("kind", Need::kRequired, 40);
  const Json* value = r.value("value", Need::kRequired);
  auto taken = r.date("taken_on", Need::kRequired);
  auto site = r.line("site", Need::kOptional, 120);
  auto notes = r.text("notes", Need::kOptional, 2000);
  r.reject_unknown();
  const domain::MeasurementKind* k = kind ? domain::find_kind(*kind) : nullptr;
  if (kind && !k) {
    std::string list;
    for (const auto& x : domain::measurement_kinds()) list += (list.empty() ? "" : ", ") + x.kind;
    r.fail("kind", "must be one of: " + list);
  }
  std::optional<double> v;
  if (value && !value->is_number()) r.fail("value", "must be a number");
  if (value && value->is_number() && k) {
    double d = value->get<double>();
    if (!std::isfinite(d) || d < k->min || d > k->max) {
      // Worded for a person: "between 0 and 2000 hairs for the shedding count".
      r.fail("value", "must be between " + plain_number(k->min) + " and " + plain_number(k->max) +
                          (k->is_rating() ? "" : " " + k->unit) + " for the " +
                          ascii_lower(k->label));
    } else if (k->whole && std::floor(d) != d) {
      r.fail("value", "must be a whole number for the " + ascii_lower(k->label));
    } else {
      v = d;
    }
  }
  if (taken && date::sys_days(*taken) > date::sys_days(ctx.today)) {
    r.fail("taken_on", "is in the future");
  }
  if (!r.ok()) return r.error();
  domain::Measurement m;
  m.id = new_id();
  m.patient_id = ctx.param("patient_id");
  m.kind = *kind;
  m.value = *v;
  m.taken_on = *taken;
  m.site = site;
  m.notes = notes;
  m.source = ctx.user->role == auth::Role::kPatient ? "patient" : "manual";
  m.recorded_by = ctx.user_id();
  m.created_at = ctx.now;
  return m;
}

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  ANAGEN_ASSIGN(auto m, read_measurement(body, ctx));
  if (ctx.user->role == auth::Role::kPatient && m.kind != "shedding_count" &&
      m.kind != "self_assessment") {
    return Error::forbidden("Patients may log shedding counts and their own assessment only.");
  }
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(patient_born_by(tx, m.patient_id, m.taken_on, "taken_on"));
    ANAGEN_TRY(store::measurements::insert(tx, m));
    ctx.audit_detail = m.kind + "=" + Json(m.value).dump();
    return ctx.audit(tx, 201);
  }));
  return Reply::created(measurement_json(m, ctx),
                        "/api/v1/patients/" + m.patient_id + "/measurements");
}

// ?entered_in_error=include lists those marked too, with their correction.
Result<Reply> list(Ctx& ctx) {
  const std::string* marked = ctx.req.param("entered_in_error");
  if (marked && *marked != "include")
    return Error::invalid("entered_in_error", "must be 'include' (or left out)");
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::measurements::list_for_patient(tx, ctx.param("patient_id"),
                                                                  marked != nullptr));
    Json items = Json::array();
    for (const auto& m : all) items.push_back(measurement_json(m, ctx));
    return Reply::json({{"items", items}});
  });
}

// POST /measurements/{id}/entered-in-error {"reason"}: a value typed wrong
// or recorded for the wrong patient leaves every figure, and stays on record
// marked. A figure of an image analysis is withdrawn with its analysis.
Result<Reply> mark_entered_in_error(Ctx& ctx) {
  ANAGEN_ASSIGN(const domain::Correction correction, read_correction(ctx));
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto m, store::measurements::get(tx, ctx.param("measurement_id")));
    if (!m)
      return Error::not_found("Measurement " + ctx.param("measurement_id") + " was not found.");
    ctx.patient_id = m->patient_id;
    if (m->entered_in_error)
      return Error::conflict("This measurement was already marked entered in error (" +
                             m->entered_in_error->reason + ").");
    if (m->trichoscopy_id) {
      return Error::conflict("This measurement comes from trichoscopy " + *m->trichoscopy_id +
                             ": mark that analysis entered in error instead.");
    }
    ANAGEN_ASSIGN(bool marked, store::measurements::mark_entered_in_error(tx, m->id, correction));
    if (!marked) return Error::conflict("This measurement was already marked entered in error.");
    m->entered_in_error = correction;
    ctx.audit_detail = m->kind + " entered in error: " + correction.reason;
    ANAGEN_TRY(ctx.audit(tx, 200));
    return Reply::json(measurement_json(*m, ctx));
  });
}

Result<Reply> progress(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::measurements::list_for_patient(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto first, store::treatments::first_performed(tx, ctx.param("patient_id")));
    std::optional<Date> first_day;
    if (first) first_day = local_date(*first, ctx.zone);
    domain::Thresholds t;
    t.responder_density_percent = ctx.settings.responder_density_percent;
    t.responder_photo_rating = ctx.settings.responder_photo_rating;
    t.partial_density_percent = ctx.settings.partial_density_percent;
    auto p = domain::evaluate_progress(all, first_day, ctx.today, t);
    Json series = Json::object();
    auto opt = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
    for (const auto& [kind, s] : p.series) {
      Json points = Json::array();
      for (const auto* m : s.points) {
        points.push_back({{"id", m->id},
                          {"taken_on", format_date(m->taken_on)},
                          {"value", m->value},
                          {"site", opt(m->site)},
                          {"source", m->source},
                          {"trichoscopy_id", opt(m->trichoscopy_id)},
                          {"compared", s.compares(*m)}});
      }
      const auto* k = domain::find_kind(kind);
      series[kind] = {
          {"baseline", opt(s.baseline)},
          {"baseline_on", s.baseline_on ? Json(format_date(*s.baseline_on)) : Json(nullptr)},
          {"site", opt(s.site)},
          {"latest", opt(s.latest)},
          {"latest_on", s.latest_on ? Json(format_date(*s.latest_on)) : Json(nullptr)},
          {"change", opt(s.change)},
          {"change_percent", opt(s.change_percent)},
          {"unit", k ? k->unit : ""},
          {"label", k ? k->label : kind},
          {"points", points}};
    }
    return Reply::json(
        {{"evaluation", domain::to_string(p.evaluation)},
         // The patient is not told what the clinician is asked to check.
         {"explanation", p.conflicting && !sees_clinical(ctx)
                             ? "Your clinician will go through your latest results with you."
                             : p.explanation},
         {"conflicting", p.conflicting},
         {"first_session", first_day ? Json(format_date(*first_day)) : Json(nullptr)},
         {"thresholds",
          {{"responder_density_percent", t.responder_density_percent},
           {"responder_photo_rating", t.responder_photo_rating},
           {"partial_density_percent", t.partial_density_percent}}},
         {"series", series}});
  });
}

// A standard photograph: the image itself as the body (image/jpeg or
// image/png), ?view=frontal|vertex|top|left|right&taken_on=YYYY-MM-DD.
Result<Reply> upload_photo(Ctx& ctx) {
  std::vector<FieldError> errors;
  const std::string* view = ctx.req.param("view");
  static const std::initializer_list<std::string_view> views = ANAGEN_VIEWS;
  if (!view || std::find(views.begin(), views.end(), *view) == views.end()) {
    errors.push_back({"view", "must be one of: frontal, vertex, top, left, right"});
  }
  std::optional<Date> taken = ctx.today;
  if (const std::string* t = ctx.req.param("taken_on")) {
    taken = parse_date(*t);
    if (!taken)
      errors.push_back({"taken_on", "must be a date YYYY-MM-DD"});
    else if (date::sys_days(*taken) > date::sys_days(ctx.today))
      errors.push_back({"taken_on", "is in the future"});
  }
  if (!declares_image_type(ctx.req)) errors.push_back({"body", kImageBodyMessage});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ANAGEN_ASSIGN(ImageBody body, decode_image_body(ctx.req));
  store::measurements::Photo p;
  p.width = body.image.cols;
  p.height = body.image.rows;
  p.id = new_id();
  p.patient_id = ctx.param("patient_id");
  p.view = *view;
  p.taken_on = *taken;
  p.content_type = body.type;
  p.bytes = static_cast<int64_t>(ctx.req.body.size());
  p.sha256 = sha256_hex(ctx.req.body);
  p.data.assign(ctx.req.body.begin(), ctx.req.body.end());
  p.recorded_by = ctx.user_id();
  p.created_at = ctx.now;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(patient_born_by(tx, p.patient_id, p.taken_on, "taken_on"));
    ANAGEN_TRY(store::measurements::insert_photo(tx, p));
    ctx.audit_detail = "photo " + p.view + " " + format_date(p.taken_on) + " sha256=" + p.sha256;
    return ctx.audit(tx, 201);
  }));
  return Reply::created(photo_json(p), photo_url(p));
}

// Photos grouped by view; ?view= and ?dates=A,B narrow to a side-by-side pair.
Result<Reply> list_photos(Ctx& ctx) {
  const std::string* view = ctx.req.param("view");
  std::vector<Date> dates;
  if (const std::string* d = ctx.req.param("dates")) {
    std::string rest = *d;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto one = parse_date(rest.substr(0, comma));
      if (!one) return Error::invalid("dates", "must be dates YYYY-MM-DD separated by commas");
      dates.push_back(*one);
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
  }
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::measurements::photos_of(tx, ctx.param("patient_id")));
    Json by_view = Json::object();
    for (const auto& p : all) {
      if (view && p.view != *view) continue;
      if (!dates.empty() && std::find(dates.begin(), dates.end(), p.taken_on) == dates.end())
        continue;
      if (!by_view.contains(p.view)) by_view[p.view] = Json::array();
      by_view[p.view].push_back(photo_json(p));
    }
    return Reply::json({{"views", by_view}});
  });
}

Result<Reply> get_photo(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto p, store::measurements::photo(tx, ctx.param("photo_id")));
    // Under a patient's path the photo must be that patient's.
    auto scoped = ctx.params.find("patient_id");
    if (!p || (scoped != ctx.params.end() && scoped->second != p->patient_id)) {
      return Error::not_found("Photo " + ctx.param("photo_id") + " was not found.");
    }
    ctx.patient_id = p->patient_id;
    Reply r;
    r.raw = std::string(p->data.begin(), p->data.end());
    r.content_type = p->content_type;
    r.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
    r.headers.emplace_back("ETag", "\"" + p->sha256 + "\"");
    return r;
  });
}

}  // namespace anagen::api::outcome_api
