// Adverse events (domain.md section 6): graded with CTCAE "injection site
// reaction" 1-5, with management, outcome, and the suspected sessions and
// lots; and the clinic report of rates per 100 sessions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace anagen::domain {

#define ANAGEN_AE_TYPES                                                                          \
  {                                                                                              \
    "pain", "inflammation", "haematoma", "oedema", "headache", "infection", "allergic_reaction", \
        "hair_loss_at_site", "other"                                                             \
  }
#define ANAGEN_AE_MANAGEMENT \
  { "none", "anti_inflammatory_cream", "cold_compress", "antibiotics", "referral", "other" }
#define ANAGEN_AE_OUTCOMES \
  { "resolved", "recovering", "ongoing", "resolved_with_sequelae" }

struct AdverseEvent {
  std::string id;
  std::string patient_id;
  std::optional<std::string> treatment_id;
  std::vector<std::string> lot_ids;
  std::string type;
  int grade = 1;
  std::string onset;  // a date, or an instant with offset
  std::vector<std::string> management;
  std::string outcome;
  std::optional<std::string> notes;
  std::string reported_by;
  std::string reporter_role;  // clinician, admin, receptionist or patient
  bool reviewed = false;  // a clinician has seen it (events reported by patients start unreviewed)
  std::optional<std::string> reviewed_by;  // who last reviewed or followed it up
  Instant created_at{};
  Instant updated_at{};
};

// Grade 3 or more flags the plan for clinician review and holds bookings.
inline bool holds_plan(int grade) { return grade >= 3; }

// FHIR AdverseEvent.severity of a CTCAE grade: mild (1), moderate (2), severe (3+).
const char* fhir_severity(int grade);

// FHIR AdverseEvent.seriousness (code, display) where the CTCAE grade settles
// it: grades 1-2 (tenderness, pain, oedema) are non-serious, 4 is
// life-threatening and 5 results in death. Grade 3 (ulceration, necrosis,
// intervention needed) is serious only if it led to a hospital stay or a
// lasting disability, which the record does not hold: none is given.
struct Coding {
  const char* code;
  const char* display;
};
std::optional<Coding> fhir_seriousness(int grade);

struct RateRow {
  std::string key;  // the type, or the lot id
  int events = 0;
  int sessions = 0;  // sessions in the denominator
  double per_100_sessions = 0;
};

// Rates per 100 sessions: by type over all sessions, and by lot over the
// sessions that used the lot. `sessions_per_lot` counts sessions per lot.
struct Report {
  int sessions = 0;
  int events = 0;
  std::vector<RateRow> by_type;
  std::vector<RateRow> by_lot;
};
Report adverse_event_report(const std::vector<AdverseEvent>& events, int sessions,
                            const std::map<std::string, int>& sessions_per_lot);

}  // namespace anagen::domain
