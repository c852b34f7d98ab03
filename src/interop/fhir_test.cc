#include "interop/fhir.h"

#include <gtest/gtest.h>

namespace anagen::interop {
namespace {

domain::PlannedSession session(int number, const char* phase, domain::SessionStatus status) {
  domain::PlannedSession s;
  s.number = number;
  s.phase = phase;
  s.target = s.earliest = s.latest = *parse_date("2026-01-05");
  s.status = status;
  return s;
}

// The CarePlan's activity per phase, as a receiving system reads its state.
std::vector<std::string> activity_states(const domain::Plan& plan) {
  PatientRecord r;
  r.patient.id = plan.patient_id;
  r.patient.fields.birth_date = *parse_date("1980-01-01");
  r.plans = {plan};
  Json b = fhir_everything(r, "https://clinic.test", nullptr, Instant{});
  std::vector<std::string> out;
  for (const auto& e : b["entry"]) {
    if (e["resource"]["resourceType"] != "CarePlan") continue;
    for (const auto& a : e["resource"]["activity"]) out.push_back(a["detail"]["status"]);
  }
  return out;
}

TEST(FhirCarePlan, APhaseStateFollowsItsSessionsAndThePlan) {
  using enum domain::SessionStatus;
  domain::Plan plan;
  plan.id = "p";
  plan.patient_id = "x";
  plan.start = *parse_date("2026-01-05");
  plan.end = *parse_date("2026-06-05");
  plan.sessions = {session(1, "induction", kDone), session(2, "induction", kMissed),
                   session(3, "maintenance", kMissed), session(4, "maintenance", kPlanned)};
  // Active: a missed session may still be booked again.
  EXPECT_EQ(activity_states(plan), (std::vector<std::string>{"in-progress", "scheduled"}));
  // Stopped: nothing is left to do; a phase with none done did not happen.
  plan.status = domain::PlanStatus::kStopped;
  EXPECT_EQ(activity_states(plan), (std::vector<std::string>{"completed", "stopped"}));
  plan.sessions[3].status = kCancelled;
  EXPECT_EQ(activity_states(plan), (std::vector<std::string>{"completed", "cancelled"}));
}

// AdverseEvent.seriousness by CTCAE grade: given only where the grade
// settles it (a grade 3 event is serious only after a hospital stay).
TEST(FhirAdverseEvent, SeriousnessFollowsTheGradeWhereItSettlesIt) {
  std::vector<std::string> codes;
  for (int grade = 1; grade <= 5; ++grade) {
    PatientRecord r;
    r.patient.id = "x";
    domain::AdverseEvent e;
    e.id = "e";
    e.patient_id = "x";
    e.type = "infection";
    e.grade = grade;
    e.onset = "2026-01-05";
    e.outcome = "resolved";
    r.adverse_events = {e};
    Json b = fhir_everything(r, "https://clinic.test", nullptr, Instant{});
    for (const auto& entry : b["entry"]) {
      const Json& a = entry["resource"];
      if (a["resourceType"] != "AdverseEvent") continue;
      codes.push_back(a.contains("seriousness")
                          ? a["seriousness"]["coding"][0]["code"].get<std::string>()
                          : "-");
    }
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"Non-serious", "Non-serious", "-",
                                             "SeriousIsLifeThreatening", "SeriousResultsInDeath"}));
}

// The Procedure's note says how the anaesthetic was given: from a lot
// (injected, with its own administration), topical, or none.
TEST(FhirProcedure, TheNoteSaysHowTheAnaestheticWasGiven) {
  const auto note = [](bool topical, bool injected) {
    PatientRecord r;
    r.patient.id = "x";
    domain::Treatment t;
    t.id = "t";
    t.patient_id = "x";
    t.anaesthetic = topical || injected;
    if (injected) t.products.push_back({"lidocaine-lot", "anaesthetic", 500});
    r.treatments = {t};
    Json b = fhir_everything(r, "https://clinic.test", nullptr, Instant{});
    for (const auto& e : b["entry"])
      if (e["resource"]["resourceType"] == "Procedure")
        return e["resource"]["note"][0]["text"].get<std::string>();
    return std::string();
  };
  EXPECT_NE(note(false, true).find("anaesthetic injected"), std::string::npos) << note(false, true);
  EXPECT_NE(note(true, false).find("anaesthetic topical"), std::string::npos);
  EXPECT_NE(note(false, false).find("anaesthetic none"), std::string::npos);
}

}  // namespace
}  // namespace anagen::interop
