#include "domain/adverse_event.h"

#include <algorithm>

namespace anagen::domain {

const char* fhir_severity(int grade) {
  return grade <= 1 ? "mild" : grade == 2 ? "moderate" : "severe";
}

std::optional<Coding> fhir_seriousness(int grade) {
  if (grade <= 2) return Coding{"Non-serious", "Non-serious"};
  if (grade == 4) return Coding{"SeriousIsLifeThreatening", "Is Life-threatening"};
  if (grade >= 5) return Coding{"SeriousResultsInDeath", "Results in death"};
  return std::nullopt;
}

Report adverse_event_report(const std::vector<AdverseEvent>& events, int sessions,
                            const std::map<std::string, int>& sessions_per_lot) {
  Report r;
  r.sessions = sessions;
  r.events = static_cast<int>(events.size());
  std::map<std::string, int> by_type, by_lot;
  for (const auto& e : events) {
    by_type[e.type] += 1;
    for (const auto& lot : e.lot_ids) by_lot[lot] += 1;
  }
  auto rate = [](int n, int d) { return d == 0 ? 0.0 : 100.0 * n / d; };
  for (const auto& [type, n] : by_type) r.by_type.push_back({type, n, sessions, rate(n, sessions)});
  for (const auto& [lot, used] : sessions_per_lot) {
    int n = by_lot.count(lot) ? by_lot[lot] : 0;
    r.by_lot.push_back({lot, n, used, rate(n, used)});
  }
  for (const auto& [lot, n] : by_lot) {
    if (!sessions_per_lot.count(lot)) r.by_lot.push_back({lot, n, 0, 0.0});
  }
  auto by_rate = [](const RateRow& a, const RateRow& b) {
    return a.per_100_sessions != b.per_100_sessions ? a.per_100_sessions > b.per_100_sessions
                                                    : a.key < b.key;
  };
  std::sort(r.by_type.begin(), r.by_type.end(), by_rate);
  std::sort(r.by_lot.begin(), r.by_lot.end(), by_rate);
  return r;
}

}  // namespace anagen::domain
