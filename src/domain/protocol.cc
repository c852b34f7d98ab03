#include "domain/protocol.h"

namespace anagen::domain {

int Protocol::months_for(Severity3 s) const {
  auto it = months.find(s);
  return it == months.end() ? 8 : it->second;
}

namespace {

void check_phases(const std::vector<Phase>& phases, JsonReader& r) {
  if (phases.empty()) r.fail("phases", "must have at least one phase");
  for (size_t i = 0; i < phases.size(); ++i) {
    const Phase& p = phases[i];
    std::string at = "phases[" + std::to_string(i) + "]";
    if (i > 0 && p.interval_days < phases[i - 1].interval_days) {
      r.fail(at + ".interval_days",
             "must not be shorter than the previous phase's (" +
                 std::to_string(phases[i - 1].interval_days) +
                 " days): sessions only get further apart as a course goes on");
    }
    if (!p.sessions && i + 1 != phases.size()) {
      r.fail(at + ".sessions", "is required: only the last phase may run until the end");
    }
    if (p.tolerance_days * 2 >= p.interval_days) {
      r.fail(at + ".tolerance_days",
             "must be less than half the interval (" + std::to_string(p.interval_days) + " days)");
    }
  }
}

}  // namespace

Result<Protocol> parse_protocol(const Json& body) {
  JsonReader r(body);
  Protocol p;
  auto name = r.text("name", Need::kRequired, 120);
  auto description = r.text("description", Need::kOptional, 2000);
  auto minutes = r.integer("session_minutes", Need::kOptional, 5, 240);
  const Json* phases = r.array("phases", Need::kRequired, 20);
  const Json* months = r.object("months", Need::kOptional);
  r.reject_unknown();
  if (phases) {
    for (size_t i = 0; i < phases->size(); ++i) {
      const Json& ph = (*phases)[i];
      std::string prefix = "phases[" + std::to_string(i) + "].";
      if (!ph.is_object()) {
        r.fail(prefix.substr(0, prefix.size() - 1), "must be an object");
        continue;
      }
      JsonReader pr(ph, prefix);
      Phase phase;
      auto pname = pr.text("name", Need::kRequired, 60);
      auto interval = pr.integer("interval_days", Need::kRequired, 1, 365);
      auto sessions = pr.integer("sessions", Need::kOptional, 1, 100);
      auto until_end = pr.boolean("until_end", Need::kOptional);
      auto tolerance = pr.integer("tolerance_days", Need::kOptional, 0, 60);
      pr.reject_unknown();
      if (sessions && until_end.value_or(false)) {
        pr.fail("sessions", "cannot be given with until_end: true");
      }
      if (!sessions && !until_end.value_or(false)) {
        pr.fail("sessions", "is required unless until_end is true");
      }
      r.merge(pr);
      if (pname) phase.name = *pname;
      if (interval) phase.interval_days = static_cast<int>(*interval);
      if (sessions) phase.sessions = static_cast<int>(*sessions);
      phase.tolerance_days = tolerance ? static_cast<int>(*tolerance) : 1;
      p.phases.push_back(phase);
    }
    if (r.ok()) check_phases(p.phases, r);
  }
  if (months) {
    JsonReader mr(*months, "months.");
    for (auto s : {Severity3::kMild, Severity3::kModerate, Severity3::kAdvanced}) {
      auto m = mr.integer(to_string(s), Need::kOptional, kMinCourseMonths, kMaxCourseMonths);
      if (m) p.months[s] = static_cast<int>(*m);
    }
    mr.reject_unknown();
    // A more advanced grade never gets a shorter course.
    if (mr.ok() && p.months_for(Severity3::kModerate) < p.months_for(Severity3::kMild))
      mr.fail("moderate", "must be at least as long as the mild course (" +
                              std::to_string(p.months_for(Severity3::kMild)) + " months)");
    if (mr.ok() && p.months_for(Severity3::kAdvanced) < p.months_for(Severity3::kModerate))
      mr.fail("advanced", "must be at least as long as the moderate course (" +
                              std::to_string(p.months_for(Severity3::kModerate)) + " months)");
    r.merge(mr);
  }
  if (!r.ok()) return r.error();
  p.name = *name;
  p.description = description.value_or("");
  if (minutes) p.session_minutes = static_cast<int>(*minutes);
  return p;
}

Json protocol_to_json(const Protocol& p) {
  Json phases = Json::array();
  for (const auto& ph : p.phases) {
    Json j = {{"name", ph.name},
              {"interval_days", ph.interval_days},
              {"tolerance_days", ph.tolerance_days}};
    if (ph.sessions) {
      j["sessions"] = *ph.sessions;
    } else {
      j["until_end"] = true;
    }
    phases.push_back(j);
  }
  Json months = Json::object();
  for (const auto& [s, m] : p.months) months[to_string(s)] = m;
  return {{"id", p.id},
          {"version", p.version},
          {"name", p.name},
          {"description", p.description},
          {"session_minutes", p.session_minutes},
          {"phases", phases},
          {"months", months},
          {"active", p.active}};
}

Protocol protocol_from_json(const Json& j) {
  Protocol p;
  p.id = j.value("id", "");
  p.version = j.value("version", 1);
  p.name = j.value("name", "");
  p.description = j.value("description", "");
  p.session_minutes = j.value("session_minutes", 20);
  p.active = j.value("active", true);
  for (const auto& ph : j.value("phases", Json::array())) {
    Phase phase;
    phase.name = ph.value("name", "");
    phase.interval_days = ph.value("interval_days", 7);
    phase.tolerance_days = ph.value("tolerance_days", 1);
    if (ph.contains("sessions")) phase.sessions = ph["sessions"].get<int>();
    p.phases.push_back(phase);
  }
  for (auto s : {Severity3::kMild, Severity3::kModerate, Severity3::kAdvanced}) {
    if (j.contains("months") && j["months"].contains(to_string(s))) {
      p.months[s] = j["months"][to_string(s)].get<int>();
    }
  }
  return p;
}

std::vector<Protocol> seed_protocols() {
  Protocol standard;
  standard.name = "Standard taper";
  standard.description =
      "Weekly for a month, every two weeks for two months, then monthly maintenance to the end "
      "of the course (the treatment as clinics describe it).";
  standard.phases = {
      {"induction", 7, 4, 1}, {"consolidation", 14, 4, 2}, {"maintenance", 28, {}, 4}};

  Protocol rct;
  rct.name = "RCT 10 sessions (women)";
  rct.description =
      "Weekly for 1 month, every 2 weeks in month 2, then monthly for 4 months: 10 sessions "
      "(randomised trial in 100 women).";
  rct.phases = {{"weekly", 7, 4, 1}, {"fortnightly", 14, 2, 2}, {"monthly", 28, 4, 4}};
  rct.months = {{Severity3::kMild, 6}, {Severity3::kModerate, 6}, {Severity3::kAdvanced, 6}};

  Protocol nappage;
  nappage.name = "Nappage weeks 0-1-2-3-5-7-11";
  nappage.description =
      "Sessions at weeks 0, 1, 2, 3, 5, 7 and 11, nappage technique (trial in men, Norwood "
      "IIIv-V).";
  nappage.phases = {{"weekly", 7, 4, 1}, {"fortnightly", 14, 2, 2}, {"final", 28, 1, 3}};
  nappage.months = {{Severity3::kMild, 5}, {Severity3::kModerate, 5}, {Severity3::kAdvanced, 5}};

  Protocol quarterly;
  quarterly.name = "Quarterly maintenance";
  quarterly.description = "One session every 3 months, 1 mL per session (retrospective series).";
  quarterly.phases = {{"quarterly", 91, {}, 14}};
  quarterly.months = {
      {Severity3::kMild, 12}, {Severity3::kModerate, 12}, {Severity3::kAdvanced, 12}};
  return {standard, rct, nappage, quarterly};
}

}  // namespace anagen::domain
