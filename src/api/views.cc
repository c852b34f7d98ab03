#include "api/views.h"

#include <sodium.h>

#include "api/context.h"
#include "core/text.h"
#include "store/patient_store.h"

namespace anagen::api {

Json user_json(const store::users::User& u) {
  Json j = {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"role", auth::to_string(u.role)},
            {"active", u.active}};
  if (u.patient_id) j["patient_id"] = *u.patient_id;
  return j;
}

Json patient_json(const domain::Patient& p, const Ctx& ctx) {
  const auto& f = p.fields;
  Json j = {{"id", p.id},
            {"given_name", f.given_name},
            {"family_name", f.family_name},
            {"birth_date", format_date(f.birth_date)},
            {"sex", f.sex},
            {"email", f.email ? Json(*f.email) : Json(nullptr)},
            {"phone", f.phone ? Json(*f.phone) : Json(nullptr)},
            {"age", domain::age_on(f.birth_date, ctx.today)},
            {"version", p.version},
            {"created_at", ctx.format(p.created_at)},
            {"updated_at", ctx.format(p.updated_at)}};
  return j;
}

Json screening_json(const domain::Screening& s, const Ctx& ctx, bool current) {
  Json j = {{"id", s.id},
            {"patient_id", s.patient_id},
            {"answers", domain::answers_to_json(s.answers)},
            {"outcome", domain::to_string(s.result.outcome)},
            {"findings", domain::findings_to_json(s.result.findings)},
            {"rule_set_version", s.rule_set_version},
            {"screened_by", s.screened_by},
            {"screened_at", ctx.format(s.screened_at)},
            {"expires_on", format_date(s.expires_on)},
            {"current", current},
            {"unanswered",
             [&] {
               Json u = Json::array();
               for (const auto& q : domain::screening_questions()) {
                 if (!s.answers.count(q.code)) u.push_back(q.code);
               }
               return u;
             }()},
            {"clears_treatment", s.clears_treatment()}};
  if (s.override_) {
    j["override"] = {{"reason", s.override_->reason},
                     {"by", s.override_->by},
                     {"at", ctx.format(s.override_->at)}};
  } else {
    j["override"] = nullptr;
  }
  return j;
}

Json assessment_json(const domain::Assessment& a, const Ctx& ctx) {
  const auto& in = a.input;
  Json j = {{"id", a.id},
            {"patient_id", a.patient_id},
            {"diagnosis", domain::to_string(in.diagnosis)},
            {"icd10", domain::icd10(in.diagnosis).code},
            {"scale", in.scale},
            {"grade", in.grade},
            {"severity", domain::to_string(a.severity)},
            {"roots_retained", in.roots_retained},
            {"pull_test_hairs", in.pull_test_hairs ? Json(*in.pull_test_hairs) : Json(nullptr)},
            {"shedding_count", in.shedding_count ? Json(*in.shedding_count) : Json(nullptr)},
            {"notes", a.notes ? Json(*a.notes) : Json(nullptr)},
            {"candidate", a.candidacy.candidate},
            {"reasons", a.candidacy.reasons},
            {"assessed_by", a.assessed_by},
            {"assessed_at", ctx.format(a.assessed_at)}};
  return j;
}

Json audit_json(const store::audit::Entry& e, const Ctx& ctx) {
  return {{"seq", e.seq},
          {"at", ctx.format(e.at)},
          {"user_id", e.user_id ? Json(*e.user_id) : Json(nullptr)},
          {"patient_id", e.patient_id ? Json(*e.patient_id) : Json(nullptr)},
          {"action", e.action},
          {"outcome", e.outcome},
          {"status", e.status},
          {"method", e.method},
          {"path", e.path},
          {"ip", e.ip},
          {"request_id", e.request_id},
          {"detail", e.detail ? Json(*e.detail) : Json(nullptr)}};
}

std::string encode_cursor(const std::string& raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> decode_cursor(const std::string& encoded) {
  std::string out(encoded.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), encoded.data(),
                        encoded.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

Json feed_links(const Ctx& ctx, const std::string& token) {
  const std::string path = "/api/v1/feeds/" + token + "/calendar.ics";
  const std::string base = ctx.base_url();
  Json out = {{"path", path}, {"url", base + path}};
  if (auto scheme = base.find("://"); scheme != std::string::npos)
    out["webcal"] = "webcal" + base.substr(scheme) + path;
  return out;
}

int read_limit(const Ctx& ctx, int def, int max, std::vector<FieldError>& errors) {
  const std::string* s = ctx.req.param("limit");
  if (!s) return def;
  char* end = nullptr;
  long v = std::strtol(s->c_str(), &end, 10);
  if (s->empty() || *end != '\0' || v < 1 || v > max) {
    errors.push_back({"limit", "must be a whole number from 1 to " + std::to_string(max)});
    return def;
  }
  return static_cast<int>(v);
}

std::optional<std::string> read_reason(JsonReader& r) {
  auto reason = r.text("reason", Need::kRequired, 2000);
  if (reason && visible_length(*reason) < 5) r.fail("reason", "must say why in a few words");
  return reason;
}

Result<domain::Correction> read_correction(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader in(body);
  auto reason = read_reason(in);
  in.reject_unknown();
  if (!in.ok()) return in.error();
  return domain::Correction{*reason, ctx.user_id(), ctx.now};
}

Json correction_json(const std::optional<domain::Correction>& c, const Ctx& ctx) {
  if (!c) return nullptr;
  return {{"reason", c->reason}, {"by", c->by}, {"at", ctx.format(c->at)}};
}

}  // namespace anagen::api

namespace anagen::api {

Json hours_json(const std::vector<domain::WorkingHours>& hours) {
  Json out = Json::array();
  for (const auto& h : hours) {
    out.push_back({{"weekday", h.weekday},
                   {"start", format_hhmm(h.start_min)},
                   {"end", format_hhmm(h.end_min)}});
  }
  return out;
}

Result<std::string> PatientNames::of(const std::string& patient_id) {
  auto it = names_.find(patient_id);
  if (it != names_.end()) return it->second;
  ANAGEN_ASSIGN(auto p, store::patients::get(tx_, patient_id));
  return names_[patient_id] = p ? domain::full_name(p->fields) : "";
}

Result<domain::Patient> patient_born_by(store::Tx& tx, const std::string& patient_id, Date day,
                                        const std::string& field) {
  ANAGEN_ASSIGN(auto p, store::patients::require(tx, patient_id));
  if (date::sys_days(day) < date::sys_days(p.fields.birth_date)) {
    return Error::invalid(
        field, "is before the patient's birth date (" + human_date(p.fields.birth_date) + ")");
  }
  return p;
}

Json practitioner_json(const domain::Practitioner& p) {
  return {
      {"id", p.id}, {"name", p.name}, {"active", p.active}, {"working_hours", hours_json(p.hours)}};
}

Json appointment_json(const domain::Appointment& a, const Ctx& ctx) {
  return {{"id", a.id},
          {"plan_id", a.plan_id},
          {"kind", domain::to_string(a.kind)},
          {"session_number", a.is_session() ? Json(a.session_number) : Json(nullptr)},
          {"patient_id", a.patient_id},
          {"practitioner_id", a.practitioner_id},
          {"start", ctx.format(a.start)},
          {"end", ctx.format(a.end)},
          {"status", domain::to_string(a.status)},
          {"sequence", a.sequence},
          {"note", a.note ? Json(*a.note) : Json(nullptr)}};
}

bool sees_clinical(const Ctx& ctx) {
  return ctx.user && auth::allows(ctx.user->role, auth::Permission::kClinicalRead);
}

Json plan_json(const domain::Plan& p, const Ctx& ctx,
               const std::vector<domain::Appointment>& appointments) {
  // Why a course is held or was stopped is clinical (a pregnancy, a grade 3
  // reaction): staff without clinical access see only that it is. A flag
  // that holds nothing (a missed session) is the desk's business.
  const bool clinical = sees_clinical(ctx);
  auto reason = [&](const std::optional<std::string>& why, bool hidden, const char* neutral) {
    return why ? Json(clinical || !hidden ? *why : std::string(neutral)) : Json(nullptr);
  };
  Json sessions = Json::array();
  for (const auto& s : p.sessions) {
    Json j = {{"number", s.number},
              {"phase", s.phase},
              {"target_date", format_date(s.target)},
              {"earliest", format_date(s.earliest)},
              {"latest", format_date(s.latest)},
              {"status", domain::to_string(s.status)},
              {"appointment", nullptr}};
    for (const auto& a : appointments) {
      if (s.appointment_id && a.id == *s.appointment_id)
        j["appointment"] = appointment_json(a, ctx);
    }
    sessions.push_back(j);
  }
  // The visits at which the course's results are measured (not cancelled).
  Json evaluations = Json::array();
  for (const auto& a : appointments) {
    if (!a.is_session() && a.status != domain::AppointmentStatus::kCancelled)
      evaluations.push_back(appointment_json(a, ctx));
  }
  Json phases = Json::array();
  for (const auto& ph : p.protocol.phases) {
    Json j = {{"name", ph.name},
              {"interval_days", ph.interval_days},
              {"tolerance_days", ph.tolerance_days}};
    if (ph.sessions)
      j["sessions"] = *ph.sessions;
    else
      j["until_end"] = true;
    phases.push_back(j);
  }
  return {{"id", p.id},
          {"patient_id", p.patient_id},
          {"assessment_id", p.assessment_id},
          {"protocol",
           {{"id", p.protocol.id},
            {"version", p.protocol.version},
            {"name", p.protocol.name},
            {"phases", phases}}},
          {"severity", domain::to_string(p.severity)},
          {"months", p.months},
          {"start_date", format_date(p.start)},
          {"end_date", format_date(p.end)},
          {"session_minutes", p.protocol.session_minutes},
          {"status", domain::to_string(p.status)},
          {"needs_review", p.needs_review},
          {"booking_hold", p.booking_hold},
          {"review_reason", reason(p.review_reason, p.booking_hold, "For a clinician's review.")},
          {"stop_reason", reason(p.stop_reason, true, "Stopped by a clinician.")},
          {"created_by", p.created_by},
          {"created_at", ctx.format(p.created_at)},
          {"version", p.version},
          {"sessions", sessions},
          {"evaluations", evaluations}};
}

}  // namespace anagen::api
