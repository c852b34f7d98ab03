// Treatment protocols (domain.md sections 1-2): phases whose session
// frequency tapers (weekly, then fortnightly, then monthly), and course
// length by severity. Protocols are data a clinic edits; these are the rules
// a protocol must meet.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.h"
#include "core/result.h"
#include "domain/assessment.h"

namespace anagen::domain {

struct Phase {
  std::string name;             // "induction", "consolidation", "maintenance"
  int interval_days = 7;        // from the previous session to each session of this phase
  std::optional<int> sessions;  // nullopt: repeat until the end of the course
  int tolerance_days = 1;       // a session may be booked this many days either side
};

struct Protocol {
  std::string id;
  int version = 1;  // raised on each change; plans keep the version they used
  std::string name;
  std::string description;
  int session_minutes = 20;
  std::vector<Phase> phases;
  std::map<Severity3, int> months = {
      {Severity3::kMild, 5}, {Severity3::kModerate, 8}, {Severity3::kAdvanced, 12}};
  bool active = true;  // offered for new plans

  int months_for(Severity3 s) const;
};

// Course length bounds (domain.md: 5 to 12 months).
inline constexpr int kMinCourseMonths = 5;
inline constexpr int kMaxCourseMonths = 12;

// Reads a protocol from a request body (name, description?, session_minutes?,
// phases, months?); every rule broken is a field error: at least one phase,
// intervals that never shrink from one phase to the next, only the last phase
// open-ended, tolerances smaller than half the interval, months within 5..12.
Result<Protocol> parse_protocol(const Json& body);
Json protocol_to_json(const Protocol& p);
Protocol protocol_from_json(const Json& j);  // trusted stored form

// The protocols a new clinic starts with: "Standard taper" (weekly x4,
// every 14 days x4, every 28 days to the end) and protocols from the studies
// in domain.md section 2.
std::vector<Protocol> seed_protocols();

}  // namespace anagen::domain
