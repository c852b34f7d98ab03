#include "domain/plan.h"

#include <algorithm>

namespace anagen::domain {

const char* to_string(SessionStatus s) {
  switch (s) {
    case SessionStatus::kPlanned:
      return "planned";
    case SessionStatus::kBooked:
      return "booked";
    case SessionStatus::kDone:
      return "done";
    case SessionStatus::kMissed:
      return "missed";
    case SessionStatus::kSkipped:
      return "skipped";
    case SessionStatus::kCancelled:
      return "cancelled";
  }
  return "planned";
}

std::optional<SessionStatus> parse_session_status(std::string_view s) {
  for (auto v : {SessionStatus::kPlanned, SessionStatus::kBooked, SessionStatus::kDone,
                 SessionStatus::kMissed, SessionStatus::kSkipped, SessionStatus::kCancelled}) {
    if (s == to_string(v)) return v;
  }
  return std::nullopt;
}

const char* to_string(PlanStatus s) {
  switch (s) {
    case PlanStatus::kActive:
      return "active";
    case PlanStatus::kStopped:
      return "stopped";
    case PlanStatus::kCompleted:
      return "completed";
  }
  return "active";
}

std::optional<PlanStatus> parse_plan_status(std::string_view s) {
  for (auto v : {PlanStatus::kActive, PlanStatus::kStopped, PlanStatus::kCompleted}) {
    if (s == to_string(v)) return v;
  }
  return std::nullopt;
}

int Plan::done_count() const {
  return static_cast<int>(std::count_if(sessions.begin(), sessions.end(), [](const auto& s) {
    return s.status == SessionStatus::kDone;
  }));
}

int Plan::dose_count() const {
  return static_cast<int>(std::count_if(sessions.begin(), sessions.end(), [](const auto& s) {
    return s.status != SessionStatus::kSkipped;
  }));
}

std::optional<Date> Plan::last_done_target() const {
  std::optional<Date> last;
  for (const auto& s : sessions) {
    if (s.status == SessionStatus::kDone) last = s.target;
  }
  return last;
}

namespace {

// The phase of the k-th session (1-based), or nullptr past the protocol's end.
const Phase* phase_of(const Protocol& p, int k) {
  int seen = 0;
  for (const auto& ph : p.phases) {
    if (!ph.sessions) return &ph;
    seen += *ph.sessions;
    if (k <= seen) return &ph;
  }
  return nullptr;
}

}  // namespace

std::vector<PlannedSession> generate_sessions(const Protocol& protocol, Date start, Date end,
                                              int done_count, std::optional<Date> last_done) {
  std::vector<PlannedSession> out;
  int k = done_count + 1;
  const Phase* ph = phase_of(protocol, k);
  if (!ph) return out;
  Date target = last_done ? add_days(*last_done, ph->interval_days) : start;
  Date floor = last_done ? add_days(*last_done, 1) : start;
  if (date::sys_days(target) < date::sys_days(start)) target = start;
  auto day = [](Date d) { return date::sys_days(d); };
  while (ph && day(target) < day(end)) {
    PlannedSession s;
    s.number = k;
    s.phase = ph->name;
    s.target = target;
    s.earliest = std::max(day(add_days(target, -ph->tolerance_days)), day(floor));
    s.latest = std::min(day(add_days(target, ph->tolerance_days)), day(add_days(end, -1)));
    out.push_back(s);
    floor = add_days(target, 1);
    ++k;
    ph = phase_of(protocol, k);
    if (ph) target = add_days(target, ph->interval_days);
  }
  return out;
}

Date course_end(Date start, int months) { return add_months(start, months); }

std::optional<std::string> plan_refusal(const Assessment& a) {
  if (!a.candidacy.candidate) {
    std::string why = "The assessment says the patient is not a candidate";
    if (!a.candidacy.reasons.empty()) why += ": " + a.candidacy.reasons.front();
    return why;
  }
  return std::nullopt;
}

}  // namespace anagen::domain
