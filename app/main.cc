// anagen's composition root and command line: serve, user add, migrate,
// analyze.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "api/router.h"
#include "api/server.h"
#include "auth/password.h"
#include "core/id.h"
#include "demo/demo.h"
#include "domain/patient.h"
#include "imaging/analyze_command.h"
#include "jobs/reminders.h"
#include "store/protocol_store.h"
#include "store/user_store.h"

namespace {

using namespace anagen;

const char* kDefaultDb = "sqlite://./data/anagen.db";
const char* kFirstAdminEmail = "admin@anagen.local";

std::string env_or(const char* name, std::string def) {
  const char* v = std::getenv(name);
  return v && *v ? v : def;
}

// The web app built next to the binary's source tree (build/anagen ->
// web/dist), unless told otherwise.
std::string default_web_root() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  auto dist = exe.parent_path().parent_path() / "web" / "dist";
  return std::filesystem::exists(dist / "index.html", ec) ? dist.string() : "";
}

// Opens and migrates; `pool` connections serve concurrent requests.
Result<std::unique_ptr<store::Database>> open_db(const std::string& url, int pool = 4) {
  store::DbOptions opts;
  opts.pool_size = pool;
  auto db = store::Database::open(url, opts);
  if (!db.ok()) return db;
  auto st = (*db)->migrate();
  if (!st.ok()) return st.take_error();
  // A new clinic starts with the protocols of domain.md.
  SystemClock clock;
  st =
      (*db)->write([&](store::Tx& tx) { return store::protocols::seed_if_empty(tx, clock.now()); });
  if (!st.ok()) return st.take_error();
  return db;
}

int fail(const std::string& msg) {
  std::cerr << "anagen: " << msg << "\n";
  return 1;
}

Status create_user(store::Database& db, Clock& clock, const std::string& email,
                   const std::string& name, auth::Role role, const std::string& password) {
  store::users::User u;
  u.id = new_id();
  u.email = email;
  for (auto& c : u.email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  u.name = name;
  u.role = role;
  auto hash = auth::hash_password(password);
  if (!hash) return Error::internal("could not hash the password (out of memory?)");
  u.password_hash = *hash;
  u.created_at = clock.now();
  return db.write([&](store::Tx& tx) { return store::users::insert(tx, u); });
}

// On first start, creates an admin with a generated password and prints it once.
Status ensure_first_admin(store::Database& db, Clock& clock, const std::string& url) {
  auto n = db.read([](store::Tx& tx) { return store::users::count(tx); });
  if (!n.ok()) return n.take_error();
  if (*n > 0) return ok_status();
  std::string password = auth::generate_password();
  ANAGEN_TRY(
      create_user(db, clock, kFirstAdminEmail, "Administrator", auth::Role::kAdmin, password));
  std::cout
      << "\nFirst start: an administrator account was created.\n"
      << "  email:    " << kFirstAdminEmail << "\n"
      << "  password: " << password << "\n"
      << "This password is shown only once. Sign in and create your staff accounts,\n"
      << "or add users with: build/anagen user add --db " << url
      << " --email E --name N --role R --password-stdin\n"
      << "To explore anagen with a demo clinic instead, stop the server and run: make demo\n\n";
  return ok_status();
}

struct ServeOptions {
  std::string db = env_or("ANAGEN_DB", kDefaultDb);
  std::string host = env_or("ANAGEN_HOST", "127.0.0.1");
  int port = std::stoi(env_or("ANAGEN_PORT", "8080"));
  std::string web_root = env_or("ANAGEN_WEB_ROOT", "");
  int workers = std::stoi(env_or("ANAGEN_WORKERS", "32"));
  int io_threads = std::stoi(env_or("ANAGEN_IO_THREADS", "2"));
  std::string test_clock;
  std::string log_level = env_or("ANAGEN_LOG_LEVEL", "info");
  std::string smtp_host = env_or("ANAGEN_SMTP_HOST", "");
  int smtp_port = std::stoi(env_or("ANAGEN_SMTP_PORT", "25"));
  std::string mail_from = env_or("ANAGEN_MAIL_FROM", "anagen@localhost");
  int outbox_poll_ms = std::stoi(env_or("ANAGEN_OUTBOX_POLL_MS", "5000"));
};

int serve(const ServeOptions& o) {
  spdlog::set_level(spdlog::level::from_str(o.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  SystemClock system_clock;
  std::unique_ptr<ManualClock> manual;
  if (!o.test_clock.empty()) {
    auto start = parse_instant(o.test_clock);
    if (!start) return fail("--test-clock must be an instant such as 2026-01-05T09:00:00Z");
    manual = std::make_unique<ManualClock>(*start);
  }
  Clock& clock = manual ? static_cast<Clock&>(*manual) : system_clock;
  auto db = open_db(o.db, o.workers);
  if (!db.ok()) return fail(db.error().detail);
  auto st = ensure_first_admin(**db, clock, o.db);
  if (!st.ok()) return fail(st.error().detail);

  api::AppConfig cfg;
  cfg.web_root = o.web_root.empty() ? default_web_root() : o.web_root;
  cfg.test_clock = manual != nullptr;
  api::App app(**db, clock, cfg, manual.get());
  jobs::ReminderConfig rc;
  rc.smtp.host = o.smtp_host;
  rc.smtp.port = o.smtp_port;
  rc.smtp.from = o.mail_from;
  rc.poll_ms = o.outbox_poll_ms;
  jobs::ReminderService reminders(app, rc);
  app.run_outbox = [&]() -> Result<Json> {
    auto c = reminders.run_once();
    if (!c.ok()) return c.take_error();
    return Json{{"queued", c->queued}, {"sent", c->sent},       {"retried", c->retried},
                {"failed", c->failed}, {"skipped", c->skipped}, {"held", c->held}};
  };
  if (o.smtp_host.empty()) {
    spdlog::warn("no --smtp-host: reminders are queued in the outbox but not sent");
  }
  reminders.start();
  api::Router router(app, api::route_table());
  api::ServerConfig sc;
  sc.host = o.host;
  sc.port = o.port;
  sc.worker_threads = o.workers;
  sc.io_threads = o.io_threads;
  api::Server server(sc, [&](api::HttpRequest& req) { return router.handle(req); });
  auto port = server.listen();
  if (!port.ok()) return fail(port.error().detail);
  std::string host = o.host == "0.0.0.0" ? "127.0.0.1" : o.host;
  std::cout << "anagen listening on http://" << host << ":" << *port
            << " (database: " << (*db)->engine() << ")" << std::endl;
  server.run();
  reminders.stop();
  (*db)->close();
  spdlog::info("stopped");
  return 0;
}

// Fills an empty database with the demo clinic and prints how to sign in.
int demo_fill(const std::string& url, const std::string& now_text) {
  SystemClock clock;
  Instant now = clock.now();
  if (!now_text.empty()) {
    auto t = parse_instant(now_text);
    if (!t)
      return fail("--now must be an instant like 2026-11-20T10:00:00Z, not \"" + now_text + "\"");
    now = *t;
  }
  auto db = open_db(url);
  if (!db.ok()) return fail(db.error().detail);
  auto n = (*db)->read([](store::Tx& tx) { return store::users::count(tx); });
  if (!n.ok()) return fail(n.error().detail);
  if (*n > 0) {
    return fail("the demo needs an empty database, and " + url +
                " already has users; use another "
                "--db (e.g. sqlite://./data/demo.db)");
  }
  std::cout << "Filling " << url << " with the demo clinic (nine months of courses)" << std::flush;
  auto logins = demo::fill(**db, now, std::cout);
  (*db)->close();
  if (!logins.ok()) {
    std::cout << "\n";
    return fail(logins.error().detail);
  }
  std::cout << "Demo clinic ready. Sign in as:\n";
  for (const auto& l : *logins) {
    std::cout << "  " << l.role << std::string(14 - std::min<size_t>(13, l.role.size()), ' ')
              << l.email << "  password: " << l.password << "\n";
  }
  return 0;
}

int user_add(const std::string& url, const std::string& email, const std::string& name,
             const std::string& role_name) {
  auto role = auth::parse_role(role_name);
  if (!role || *role == auth::Role::kPatient) {
    return fail("--role must be one of: admin, clinician, receptionist (got '" + role_name + "')");
  }
  if (!domain::is_valid_email(email))
    return fail("--email '" + email + "' is not an email address");
  if (name.empty()) return fail("--name must not be empty");
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto problem = auth::password_problem(password);
  if (!problem.empty()) return fail("the password read from standard input " + problem);
  auto db = open_db(url);
  if (!db.ok()) return fail(db.error().detail);
  SystemClock clock;
  auto st = create_user(**db, clock, email, name, *role, password);
  (*db)->close();
  if (!st.ok()) return fail(st.error().detail);
  std::cout << "created " << role_name << " " << email << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"anagen - capillary mesotherapy courses, end to end"};
  cli.require_subcommand(1);

  ServeOptions so;
  auto* serve_cmd =
      cli.add_subcommand("serve", "Run the HTTP server (migrates the database first)");
  serve_cmd->add_option("--db", so.db,
                        "Database URL: sqlite:///abs/path.db, sqlite://rel/path.db "
                        "or postgresql://user:pass@host:port/db [env ANAGEN_DB]");
  serve_cmd->add_option("--port", so.port, "TCP port; 0 picks a free one [env ANAGEN_PORT]");
  serve_cmd->add_option("--host", so.host, "Address to listen on [env ANAGEN_HOST]");
  serve_cmd->add_option("--web-root", so.web_root,
                        "Folder of the built web app [env ANAGEN_WEB_ROOT]");
  serve_cmd->add_option("--workers", so.workers, "Handler threads [env ANAGEN_WORKERS]");
  serve_cmd->add_option("--io-threads", so.io_threads, "Socket threads [env ANAGEN_IO_THREADS]");
  serve_cmd->add_option("--log-level", so.log_level, "trace, debug, info, warn, error, off");
  serve_cmd->add_option("--smtp-host", so.smtp_host,
                        "Mail relay for reminders [env ANAGEN_SMTP_HOST]");
  serve_cmd->add_option("--smtp-port", so.smtp_port, "Its port (25) [env ANAGEN_SMTP_PORT]");
  serve_cmd->add_option("--mail-from", so.mail_from, "Sender address [env ANAGEN_MAIL_FROM]");
  serve_cmd->add_option(
      "--outbox-poll-ms", so.outbox_poll_ms,
      "How often reminders are queued and sent; 0: only on POST /api/v1/outbox/run "
      "[env ANAGEN_OUTBOX_POLL_MS]");
  serve_cmd->add_option("--test-clock", so.test_clock,
                        "For tests: start the clock at this instant and allow moving it with "
                        "POST /api/v1/test/clock");

  std::string url = env_or("ANAGEN_DB", kDefaultDb);
  auto* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  std::string email, name, role;
  bool password_stdin = false;
  auto* add_cmd = user_cmd->add_subcommand("add", "Create a user; the password is read from stdin");
  add_cmd->add_option("--db", url, "Database URL [env ANAGEN_DB]");
  add_cmd->add_option("--email", email, "Sign-in email")->required();
  add_cmd->add_option("--name", name, "Full name")->required();
  add_cmd->add_option("--role", role, "admin, clinician or receptionist")->required();
  add_cmd->add_flag("--password-stdin", password_stdin, "Read the password from standard input")
      ->required();

  auto* demo_cmd = cli.add_subcommand("demo", "Fill an empty database with a demo clinic");
  demo_cmd->add_option("--db", url, "Database URL [env ANAGEN_DB]");
  std::string demo_now;
  demo_cmd->add_option("--now", demo_now,
                       "The story ends at this instant (default: now), for a reproducible demo");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate_cmd->add_option("--db", url, "Database URL [env ANAGEN_DB]");

  imaging::AnalyzeArgs aa;
  auto* analyze_cmd = cli.add_subcommand("analyze", "Measure hairs in a trichoscopy image");
  analyze_cmd->add_option("image", aa.image, "PNG or JPEG image")->required();
  analyze_cmd->add_option("--um-per-px", aa.um_per_px, "Scale: micrometres per pixel (0.5 to 100)")
      ->required();
  analyze_cmd->add_flag("--json", aa.json, "Print the result as JSON");
  analyze_cmd->add_option("--second", aa.second, "Second image of the site, after clipping");
  analyze_cmd->add_option("--hours", aa.hours, "Hours between the two images (12 to 168)");
  analyze_cmd->add_option("--overlay", aa.overlay,
                          "Write an image (.png or .jpg) showing each detected hair");
  analyze_cmd->add_option("--vellus-um", aa.vellus_threshold_um,
                          "Vellus threshold in micrometres (10 to 80, default 40)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0. Any other mistake on the command line
    // (a missing argument, a word where a number goes) exits 2, as the
    // commands' own range checks do; CLI11's own codes run past 100.
    return cli.exit(e) == 0 ? 0 : 2;
  }

  if (serve_cmd->parsed()) return serve(so);
  if (add_cmd->parsed()) return user_add(url, email, name, role);
  if (demo_cmd->parsed()) return demo_fill(url, demo_now);
  if (migrate_cmd->parsed()) {
    auto db = open_db(url);
    if (!db.ok()) return fail(db.error().detail);
    (*db)->close();
    std::cout << "database is up to date\n";
    return 0;
  }
  if (analyze_cmd->parsed()) return imaging::run_analyze(aa, std::cout, std::cerr);
  return 0;
}
