#include "interop/fhir.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace anagen::interop {
namespace {

constexpr const char* kSnomed = "http://snomed.info/sct";
constexpr const char* kUcum = "http://unitsofmeasure.org";

Json ref(const std::string& type, const std::string& id) {
  return {{"reference", type + "/" + id}};
}

Json text_concept(const std::string& text) { return {{"text", text}}; }

Json coded(const char* system, const std::string& code, const std::string& display) {
  return {{"coding", Json::array({{{"system", system}, {"code", code}, {"display", display}}})},
          {"text", display}};
}

double ml(domain::Microlitres v) { return std::round(static_cast<double>(v) / 10.0) / 100.0; }

std::string humanise(std::string s) {
  for (char& c : s)
    if (c == '_') c = ' ';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The site of every injection, measurement and photo.
Json scalp() { return coded(kSnomed, "41695006", "Scalp structure"); }

Json notes(const std::optional<std::string>& text) {
  return text ? Json::array({{{"text", *text}}}) : Json::array();
}

Json condition(const domain::Assessment& a, const date::time_zone* zone) {
  std::string stage = a.input.scale + " " + a.input.grade;
  if (const domain::GradingScale* s = domain::find_scale(a.input.scale))
    stage = s->label + " " + a.input.grade;
  const domain::Icd10 icd = domain::icd10(a.input.diagnosis);
  Json c = {
      {"resourceType", "Condition"},
      {"id", a.id},
      {"clinicalStatus",
       coded("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")},
      {"verificationStatus", coded("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                   "confirmed", "Confirmed")},
      {"category", Json::array({coded("http://terminology.hl7.org/CodeSystem/condition-category",
                                      "encounter-diagnosis", "Encounter Diagnosis")})},
      // The code system's own display; the text is how the clinic names it.
      {"code",
       {{"coding", Json::array({{{"system", "http://hl7.org/fhir/sid/icd-10"},
                                 {"code", icd.code},
                                 {"display", icd.display}}})},
        {"text", humanise(domain::to_string(a.input.diagnosis))}}},
      {"bodySite", Json::array({scalp()})},
      {"subject", ref("Patient", a.patient_id)},
      {"recordedDate", format_instant(a.assessed_at, zone)},
      {"stage", Json::array({{{"summary", text_concept(stage)}}})}};
  if (a.notes) c["note"] = notes(a.notes);
  return c;
}

// One activity per phase of the course, with its sessions' span and state.
Json care_plan(const domain::Plan& p, const date::time_zone* zone) {
  Json activities = Json::array();
  for (size_t i = 0; i < p.sessions.size();) {
    size_t j = i;
    int done = 0, missed = 0, cancelled = 0;
    while (j < p.sessions.size() && p.sessions[j].phase == p.sessions[i].phase) {
      done += p.sessions[j].status == domain::SessionStatus::kDone;
      missed += p.sessions[j].status == domain::SessionStatus::kMissed;
      // A skipped session (missed, the course went on without it) is settled.
      cancelled += p.sessions[j].status == domain::SessionStatus::kCancelled ||
                   p.sessions[j].status == domain::SessionStatus::kSkipped;
      ++j;
    }
    const int n = static_cast<int>(j - i);
    // A phase is settled when no session of it is left to do (a missed one
    // may still be booked again while the plan is active).
    const bool ended = p.status != domain::PlanStatus::kActive;
    const bool settled = done + cancelled == n || (ended && done + cancelled + missed == n);
    std::string status = settled && done > 0 ? "completed"
                         : settled           ? "cancelled"
                         : ended             ? "stopped"
                         : done > 0          ? "in-progress"
                                             : "scheduled";
    activities.push_back(
        {{"detail",
          {{"kind", "Appointment"},
           {"code", text_concept("Capillary mesotherapy session")},
           {"status", status},
           {"description", humanise(p.sessions[i].phase) + ": " + std::to_string(n) +
                               (n == 1 ? " session, " : " sessions, ") + std::to_string(done) +
                               " done"},
           {"scheduledPeriod",
            {{"start", format_date(p.sessions[i].earliest)},
             {"end", format_date(p.sessions[j - 1].latest)}}}}}});
    i = j;
  }
  const char* status = p.status == domain::PlanStatus::kActive    ? "active"
                       : p.status == domain::PlanStatus::kStopped ? "revoked"
                                                                  : "completed";
  Json c = {{"resourceType", "CarePlan"},
            {"id", p.id},
            {"status", status},
            {"intent", "plan"},
            {"title", "Capillary mesotherapy: " + p.protocol.name},
            {"description", std::to_string(p.sessions.size()) + " sessions over " +
                                std::to_string(p.months) + " months"},
            {"subject", ref("Patient", p.patient_id)},
            {"period",
             {{"start", format_date(p.start)},
              // A Period's end is its last day; the plan's end is exclusive.
              {"end", format_date(date::year_month_day(date::sys_days(p.end) - date::days(1)))}}},
            {"addresses", Json::array({ref("Condition", p.assessment_id)})},
            {"created", format_instant(p.created_at, zone)},
            {"activity", activities}};
  if (p.stop_reason) c["note"] = notes(p.stop_reason);
  return c;
}

const char* appointment_status(domain::AppointmentStatus s) {
  switch (s) {
    case domain::AppointmentStatus::kBooked:
      return "booked";
    case domain::AppointmentStatus::kArrived:
      return "arrived";
    case domain::AppointmentStatus::kCompleted:
      return "fulfilled";
    case domain::AppointmentStatus::kNoShow:
      return "noshow";
    case domain::AppointmentStatus::kCancelled:
      return "cancelled";
  }
  return "booked";
}

Json practitioner_actor(const PatientRecord& r, const std::string& id) {
  auto it = r.practitioners.find(id);
  return {{"display", it == r.practitioners.end() ? id : it->second}};
}

Json appointment(const PatientRecord& r, const domain::Appointment& a,
                 const date::time_zone* zone) {
  Json j = {{"resourceType", "Appointment"},
            {"id", a.id},
            {"status", appointment_status(a.status)},
            {"serviceType", Json::array({text_concept(a.is_session() ? "Capillary mesotherapy"
                                                                     : "Hair loss evaluation")})},
            {"description", domain::appointment_label(a)},
            {"start", format_instant(a.start, zone)},
            {"end", format_instant(a.end, zone)},
            {"minutesDuration",
             std::chrono::duration_cast<std::chrono::minutes>(a.end - a.start).count()},
            {"created", format_instant(a.created_at, zone)},
            {"participant",
             Json::array(
                 {{{"actor", ref("Patient", a.patient_id)}, {"status", "accepted"}},
                  {{"actor", practitioner_actor(r, a.practitioner_id)}, {"status", "accepted"}}})}};
  if (a.note) j["comment"] = *a.note;
  return j;
}

Json procedure(const PatientRecord& r, const domain::Treatment& t, const date::time_zone* zone) {
  std::string zones;
  for (const auto& z : t.zones) {
    zones += (zones.empty() ? "" : ", ") + humanise(z.zone) + " (" + std::to_string(z.points) +
             " points, " + Json(ml(z.volume)).dump() + " mL)";
  }
  Json bodySite = scalp();
  if (!zones.empty()) bodySite["text"] = "Scalp: " + zones;
  // An anaesthetic given from a lot is one of the administrations; a
  // "yes" without one is a topical cream.
  const bool injected = std::any_of(t.products.begin(), t.products.end(),
                                    [](const auto& p) { return p.role == "anaesthetic"; });
  std::string note = "Pain " + std::to_string(t.pain_score) + "/10; anaesthetic " +
                     (injected        ? "injected (see its administration)"
                      : t.anaesthetic ? "topical"
                                      : "none");
  if (t.technique) note += "; technique " + humanise(*t.technique);
  const auto mm = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g mm", v);
    return std::string(b);
  };
  if (t.needle_gauge || t.needle_length_mm) {
    note += "; needle";
    if (t.needle_gauge) note += " " + std::to_string(*t.needle_gauge) + "G";
    if (t.needle_length_mm) note += " " + mm(*t.needle_length_mm);
  }
  if (t.depth_mm) note += "; depth " + mm(*t.depth_mm);
  if (!t.adjuncts.empty()) {
    std::string adj;
    for (const auto& a : t.adjuncts) adj += (adj.empty() ? "" : ", ") + humanise(a);
    note += "; adjuncts " + adj;
  }
  Json notes_out = Json::array({{{"text", note}}});
  if (t.notes) notes_out.push_back({{"text", *t.notes}});
  for (const auto& a : t.addenda) notes_out.push_back({{"text", "Addendum: " + a.text}});
  if (t.entered_in_error)
    notes_out.push_back({{"text", "Entered in error: " + t.entered_in_error->reason}});
  return {{"resourceType", "Procedure"},
          {"id", t.id},
          {"status", t.entered_in_error ? "entered-in-error" : "completed"},
          {"code", text_concept("Capillary mesotherapy (scalp micro-injections), session " +
                                std::to_string(t.session_number))},
          {"subject", ref("Patient", t.patient_id)},
          {"basedOn", Json::array({ref("CarePlan", t.plan_id)})},
          {"performedDateTime", format_instant(t.performed_at, zone)},
          {"performer", Json::array({{{"actor", practitioner_actor(r, t.practitioner_id)}}})},
          {"bodySite", Json::array({bodySite})},
          {"note", notes_out}};
}

// The lot and its product, when the record has them.
struct LotOf {
  const domain::Lot* lot = nullptr;
  const domain::Product* product = nullptr;
};
LotOf lot_of(const PatientRecord& r, const std::string& lot_id) {
  LotOf out;
  if (auto l = r.lots.find(lot_id); l != r.lots.end()) {
    out.lot = &l->second;
    if (auto p = r.products.find(l->second.product_id); p != r.products.end())
      out.product = &p->second;
  }
  return out;
}

// The lot as a Medication of the bundle (its id the lot's), with its batch
// (lot number, expiry): the administrations and the side effects that
// suspect it point at one resource, so a recall finds both.
Json medication(const PatientRecord& r, const std::string& lot_id) {
  Json m = {{"resourceType", "Medication"}, {"id", lot_id}};
  auto [lot, product] = lot_of(r, lot_id);
  if (product) m["code"] = text_concept(product->name);
  if (lot) {
    m["batch"] = {{"lotNumber", lot->lot_number}, {"expirationDate", format_date(lot->expires_on)}};
  }
  return m;
}

Json administration(const PatientRecord& r, const domain::Treatment& t, size_t i,
                    const date::time_zone* zone) {
  const domain::ProductUsed& u = t.products[i];
  Json dosage = {
      {"text", humanise(u.role)},
      {"site", scalp()},
      {"dose", {{"value", ml(u.volume)}, {"unit", "mL"}, {"system", kUcum}, {"code", "mL"}}}};
  if (u.role == "cocktail") dosage["route"] = text_concept("Intradermal (micro-injections)");
  return {{"resourceType", "MedicationAdministration"},
          {"id", t.id + "-" + std::to_string(i + 1)},
          {"status", t.entered_in_error ? "entered-in-error" : "completed"},
          {"medicationReference", ref("Medication", u.lot_id)},
          {"subject", ref("Patient", t.patient_id)},
          {"partOf", Json::array({ref("Procedure", t.id)})},
          {"effectiveDateTime", format_instant(t.performed_at, zone)},
          {"dosage", dosage}};
}

Json observation(const domain::Measurement& m) {
  const domain::MeasurementKind* kind = domain::find_kind(m.kind);
  Json o = {
      {"resourceType", "Observation"},
      {"id", m.id},
      {"status", m.entered_in_error ? "entered-in-error" : "final"},
      {"category", Json::array({coded("http://terminology.hl7.org/CodeSystem/observation-category",
                                      "exam", "Exam")})},
      {"code",
       {{"coding", Json::array({{{"system", "urn:anagen:measurement"},
                                 {"code", m.kind},
                                 {"display", humanise(m.kind)}}})},
        {"text", humanise(m.kind)}}},
      {"subject", ref("Patient", m.patient_id)},
      {"effectiveDateTime", format_date(m.taken_on)},
      {"method", text_concept(m.source == "trichoscopy" ? "Automated trichoscopy analysis"
                              : m.source == "patient"   ? "Reported by the patient"
                                                        : "Recorded by the clinic")}};
  // Ratings (-3..+3) are integers, not quantities; units go in UCUM.
  static const std::map<std::string, std::string> ucum = {
      {"hairs/cm²", "/cm2"}, {"%", "%"}, {"µm", "um"}, {"mm/cm²", "mm/cm2"}, {"hairs", "{hairs}"}};
  if (kind && kind->is_rating()) {
    o["valueInteger"] = static_cast<int>(m.value);
  } else {
    Json q = {{"value", m.value}};
    if (kind) {
      q["unit"] = kind->unit;
      if (auto u = ucum.find(kind->unit); u != ucum.end()) {
        q["system"] = kUcum;
        q["code"] = u->second;
      }
    }
    o["valueQuantity"] = q;
  }
  if (m.site) o["bodySite"] = text_concept("Scalp, " + *m.site);
  Json n = notes(m.notes);
  if (m.entered_in_error)
    n.push_back({{"text", "Entered in error: " + m.entered_in_error->reason}});
  if (!n.empty()) o["note"] = n;
  return o;
}

Json adverse_event(const PatientRecord& r, const domain::AdverseEvent& e) {
  static const std::map<std::string, std::pair<const char*, const char*>> outcomes = {
      {"resolved", {"resolved", "Resolved"}},
      {"recovering", {"recovering", "Recovering"}},
      {"ongoing", {"ongoing", "Ongoing"}},
      {"resolved_with_sequelae", {"resolvedWithSequelae", "Resolved with Sequelae"}}};
  const char* severity = domain::fhir_severity(e.grade);
  // R4's AdverseEvent has no field for management: it joins the event's text.
  std::string event = "Injection site reaction: " + humanise(e.type) + " (CTCAE grade " +
                      std::to_string(e.grade) + ")";
  std::string management;
  for (const auto& step : e.management)
    management += (management.empty() ? "" : ", ") + humanise(step);
  if (!management.empty()) event += ". Management: " + management;
  if (e.notes) event += ". " + *e.notes;
  Json a = {{"resourceType", "AdverseEvent"},
            {"id", e.id},
            {"actuality", "actual"},
            {"event", text_concept(event)},
            {"subject", ref("Patient", e.patient_id)},
            {"date", e.onset},
            {"severity", coded("http://terminology.hl7.org/CodeSystem/adverse-event-severity",
                               severity, humanise(severity))}};
  if (auto serious = domain::fhir_seriousness(e.grade))
    a["seriousness"] = coded("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness",
                             serious->code, serious->display);
  if (auto o = outcomes.find(e.outcome); o != outcomes.end())
    a["outcome"] = coded("http://terminology.hl7.org/CodeSystem/adverse-event-outcome",
                         o->second.first, o->second.second);
  Json suspects = Json::array();
  if (e.treatment_id) suspects.push_back({{"instance", ref("Procedure", *e.treatment_id)}});
  for (const auto& lot_id : e.lot_ids) {
    auto [lot, product] = lot_of(r, lot_id);
    std::string label =
        (product ? product->name + ", " : "") + "lot " + (lot ? lot->lot_number : lot_id);
    Json instance = ref("Medication", lot_id);
    instance["display"] = label;
    suspects.push_back({{"instance", instance}});
  }
  if (!suspects.empty()) a["suspectEntity"] = suspects;
  return a;
}

Json media(const store::measurements::Photo& p, const std::string& base) {
  return {{"resourceType", "Media"},
          {"id", p.id},
          {"status", "completed"},
          {"type", coded("http://terminology.hl7.org/CodeSystem/media-type", "image", "Image")},
          {"view", text_concept(humanise(p.view))},
          {"subject", ref("Patient", p.patient_id)},
          {"createdDateTime", format_date(p.taken_on)},
          {"bodySite", scalp()},
          {"width", p.width},
          {"height", p.height},
          {"content",
           {{"contentType", p.content_type},
            {"url", base + "/api/v1/patients/" + p.patient_id + "/photos/" + p.id},
            {"size", p.bytes},
            {"title", humanise(p.view) + " view, " + format_date(p.taken_on)}}}};
}

}  // namespace

Json fhir_patient(const domain::Patient& p) {
  const auto& f = p.fields;
  Json telecom = Json::array();
  if (f.email) telecom.push_back({{"system", "email"}, {"value", *f.email}});
  if (f.phone) telecom.push_back({{"system", "phone"}, {"value", *f.phone}});
  Json j = {{"resourceType", "Patient"},
            {"id", p.id},
            {"meta", {{"versionId", std::to_string(p.version)}}},
            {"active", true},
            {"name", Json::array({{{"use", "official"},
                                   {"family", f.family_name},
                                   {"given", Json::array({f.given_name})},
                                   {"text", domain::full_name(f)}}})},
            {"gender", f.sex},
            {"birthDate", format_date(f.birth_date)}};
  if (!telecom.empty()) j["telecom"] = telecom;
  return j;
}

std::vector<std::string> used_lot_ids(const PatientRecord& r) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  for (const auto& t : r.treatments)
    for (const auto& u : t.products) add(u.lot_id);
  for (const auto& e : r.adverse_events)
    for (const auto& id : e.lot_ids) add(id);
  return ids;
}

Json fhir_everything(const PatientRecord& r, const std::string& base, const date::time_zone* zone,
                     Instant now) {
  Json entries = Json::array();
  // "match": the patient's own records; "include": the lots they point at.
  auto add = [&](Json resource, const char* mode = "match") {
    std::string url = base + "/api/v1/fhir/" + resource["resourceType"].get<std::string>() + "/" +
                      resource["id"].get<std::string>();
    entries.push_back(
        {{"fullUrl", url}, {"resource", std::move(resource)}, {"search", {{"mode", mode}}}});
  };
  add(fhir_patient(r.patient));
  for (const auto& a : r.assessments) add(condition(a, zone));
  for (const auto& p : r.plans) add(care_plan(p, zone));
  for (const auto& a : r.appointments) add(appointment(r, a, zone));
  for (const auto& t : r.treatments) {
    add(procedure(r, t, zone));
    for (size_t i = 0; i < t.products.size(); ++i) add(administration(r, t, i, zone));
  }
  for (const auto& m : r.measurements) add(observation(m));
  for (const auto& e : r.adverse_events) add(adverse_event(r, e));
  for (const auto& p : r.photos) add(media(p, base));
  const size_t matches = entries.size();  // the includes are not counted
  for (const auto& id : used_lot_ids(r)) add(medication(r, id), "include");
  return {{"resourceType", "Bundle"},
          {"type", "searchset"},
          {"timestamp", format_instant(now, zone)},
          {"total", matches},
          {"entry", std::move(entries)}};
}

}  // namespace anagen::interop
