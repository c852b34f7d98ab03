// Booking benchmark (issue 3): a clinic with 10 practitioners books full
// courses for 2,000 patients over one year. Requests go through the real
// router and handlers (no sockets), on a fresh database. Prints the time per
// course booked (and as a ratio of a signed-in read measured in the same
// run), sessions per course, and the share of sessions on their target date.
//   bench_booking [--db URL] [--patients 2000] [--threads 1]
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "api/local_client.h"
#include "api/router.h"
#include "auth/password.h"
#include "core/id.h"
#include "store/protocol_store.h"
#include "store/user_store.h"

using namespace anagen;
using Clock_ = std::chrono::steady_clock;

namespace {

double ms_since(Clock_::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock_::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Booking benchmark"};
  std::string url;
  int patients = 2000, practitioners = 10, threads = 1;
  cli.add_option("--db", url, "database URL (default: a fresh SQLite file)");
  cli.add_option("--patients", patients);
  cli.add_option("--threads", threads, "concurrent booking clients");
  CLI11_PARSE(cli, argc, argv);
  std::string dir;
  if (url.empty()) {
    dir = std::filesystem::temp_directory_path() / ("anagen-booking-" + new_id());
    url = "sqlite://" + dir + "/bench.db";
  }
  store::DbOptions opts;
  opts.pool_size = threads + 2;
  auto db = store::Database::open(url, opts);
  if (!db.ok() || !(*db)->migrate().ok()) {
    std::cerr << "bench_booking: cannot open " << url << "\n";
    return 1;
  }
  ManualClock clock(*parse_instant("2026-01-02T08:00:00Z"));
  (void)(*db)->write(
      [&](store::Tx& tx) { return store::protocols::seed_if_empty(tx, clock.now()); });
  store::users::User admin{new_id(), "bench@anagen.local", "Bench", auth::Role::kAdmin,
                           *auth::hash_password("bench password")};
  admin.created_at = clock.now();
  (void)(*db)->write([&](store::Tx& tx) { return store::users::insert(tx, admin); });
  api::App app(**db, clock, {}, &clock);
  api::Router router(app, api::route_table());
  api::LocalClient c(router);
  c.login("bench@anagen.local", "bench password");
  c.ok("PUT", "/api/v1/clinic", {{"name", "Bench clinic"}, {"timezone", "Europe/Madrid"}});

  // Setup (not timed): practitioners, patients screened and assessed, plans.
  std::vector<std::string> prs, plans;
  for (int i = 0; i < practitioners; ++i) {
    Json hours = Json::array();
    for (int wd = 1; wd <= 5; ++wd)
      hours.push_back({{"weekday", wd}, {"start", "09:00"}, {"end", "17:00"}});
    if (i % 3 == 0) hours.push_back({{"weekday", 6}, {"start", "09:00"}, {"end", "13:00"}});
    prs.push_back(c.ok("POST", "/api/v1/practitioners",
                       {{"name", "Dr " + std::to_string(i)}, {"working_hours", hours}})["id"]);
  }
  c.ok("POST", "/api/v1/clinic/holidays", {{"from", "2026-04-03"}, {"reason", "Good Friday"}});
  c.ok("POST", "/api/v1/clinic/holidays",
       {{"from", "2026-12-24"}, {"to", "2026-12-26"}, {"reason", "Christmas"}});
  const char* grades[] = {"II", "III", "IV", "V", "VI"};
  std::mt19937 rng(7);
  Date first = *parse_date("2026-01-05");
  for (int i = 0; i < patients; ++i) {
    auto p = c.ok("POST", "/api/v1/patients",
                  {{"given_name", "P" + std::to_string(i)},
                   {"family_name", "Bench"},
                   {"birth_date", "1980-01-01"},
                   {"sex", "male"}});
    std::string pid = p["id"];
    c.ok("POST", "/api/v1/patients/" + pid + "/screenings", {{"answers", Json::object()}});
    auto a = c.ok("POST", "/api/v1/patients/" + pid + "/assessments",
                  {{"diagnosis", "androgenetic_alopecia"},
                   {"scale", "norwood"},
                   {"grade", grades[rng() % 5]},
                   {"roots_retained", true}});
    // Courses start on working days, spread over the year.
    Date start = add_days(first, i * 360 / patients);
    while (iso_weekday(start) > 5) start = add_days(start, 1);
    auto plan = c.ok("POST", "/api/v1/patients/" + pid + "/plans",
                     {{"assessment_id", a["id"]}, {"start_date", format_date(start)}});
    plans.push_back(plan["id"]);
  }

  // Baseline in the same run: a signed-in read through the same router.
  auto t0 = Clock_::now();
  const int kBaseline = 2000;
  for (int i = 0; i < kBaseline; ++i) c.ok("GET", "/api/v1/auth/me");
  double baseline_ms = ms_since(t0) / kBaseline;

  // Timed: book every course.
  auto stats0 = (*db)->write_stats();
  std::atomic<int> next{0}, sessions{0}, on_target{0}, unbooked{0};
  t0 = Clock_::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      api::LocalClient me(router);
      me.set_token(c.token());
      for (int i; (i = next++) < patients;) {
        Json body = {{"practitioner_id", prs[i % practitioners]}};
        if (i % 4 == 1) body["from"] = "15:00";
        if (i % 5 == 2) body["weekdays"] = {1, 3, 5};
        auto r = me.ok("POST", "/api/v1/plans/" + plans[i] + "/book", body);
        for (const auto& a : r["appointments"]) {
          ++sessions;
          on_target += a["on_target"].get<bool>();
        }
        unbooked += static_cast<int>(r["unbooked"].size());
      }
    });
  }
  for (auto& th : pool) th.join();
  double total_ms = ms_since(t0);
  double per_course = total_ms / patients;
  std::printf("booking (%s, %d practitioners, %d patients, %d thread%s)\n", (*db)->engine().c_str(),
              practitioners, patients, threads, threads == 1 ? "" : "s");
  std::printf(
      "  time per course booked   %.3f ms   (ratio to a signed-in read %.1fx; read %.3f ms)\n",
      per_course, per_course / baseline_ms, baseline_ms);
  std::printf("  sessions booked          %d (%.1f per course), unbooked %d\n", sessions.load(),
              static_cast<double>(sessions) / patients, unbooked.load());
  std::printf("  on target date           %.1f%%\n",
              100.0 * on_target / std::max(1, sessions.load()));
  auto stats = (*db)->write_stats();
  if (stats.transactions > stats0.transactions) {
    double tx = static_cast<double>(stats.transactions - stats0.transactions);
    std::printf(
        "  write path               %.0f commits for %llu writes; per commit %.3f ms work + %.3f "
        "ms commit\n",
        tx, static_cast<unsigned long long>(stats.writes - stats0.writes),
        (stats.work_ms - stats0.work_ms) / tx, (stats.commit_ms - stats0.commit_ms) / tx);
  }
  (*db)->close();
  if (!dir.empty()) std::filesystem::remove_all(dir);
  return 0;
}
