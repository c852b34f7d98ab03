#include "demo/demo.h"

#include <functional>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <queue>
#include <random>

#include "api/local_client.h"
#include "auth/password.h"
#include "core/id.h"
#include "core/text.h"
#include "store/protocol_store.h"
#include "store/user_store.h"
#include "synth.h"

namespace anagen::demo {
namespace {

using Event = std::pair<Instant, std::function<void()>>;
struct Later {
  bool operator()(const Event& a, const Event& b) const { return a.first > b.first; }
};

struct Person {
  const char* given;
  const char* family;
  const char* sex;
  const char* birth;
};

// Thirty patients; the stage each reaches is set by its position.
const Person kPeople[] = {
    {"Carmen", "Ibáñez Ruiz", "female", "1983-05-20"},
    {"Javier", "Moreno Gil", "male", "1979-11-02"},
    {"Lucía", "Fernández Soto", "female", "1990-03-14"},
    {"Andrés", "Navarro Pons", "male", "1986-07-30"},
    {"Elena", "Castro Vidal", "female", "1975-01-09"},
    {"Sergio", "Ramos Ortega", "male", "1992-09-21"},
    {"Marta", "Domínguez Sanz", "female", "1988-12-05"},
    {"Pablo", "Herrera León", "male", "1981-04-17"},
    {"Irene", "Molina Cruz", "female", "1994-06-28"},
    {"David", "Serrano Vega", "male", "1977-08-11"},
    {"Nuria", "Blanco Prieto", "female", "1985-02-23"},
    {"Hugo", "Márquez Rey", "male", "1990-10-06"},
    {"Sara", "Ortiz Campos", "female", "1996-05-02"},
    {"Álvaro", "Rubio Nieto", "male", "1983-03-19"},
    {"Paula", "Iglesias Mora", "female", "1980-07-07"},
    {"Jorge", "Santos Peña", "male", "1974-12-29"},
    {"Laura", "Gallego Díez", "female", "1991-01-31"},
    {"Raúl", "Vázquez Lara", "male", "1987-11-15"},
    {"Cristina", "Ramírez Bravo", "female", "1978-09-03"},
    {"Diego", "Cano Rivas", "male", "1993-04-25"},
    {"Patricia", "Núñez Ferrer", "female", "1984-08-18"},
    {"Marcos", "Lorenzo Pastor", "male", "1989-02-12"},
    {"Silvia", "Giménez Calvo", "female", "1982-06-09"},
    {"Adrián", "Fuentes Arias", "male", "1995-10-30"},
    {"Rocío", "Carmona Méndez", "female", "1976-03-27"},
    {"Iván", "Hidalgo Soler", "male", "1991-08-08"},
    {"Beatriz", "Santana Rojas", "female", "1987-05-16"},
    {"Óscar", "Pascual Marín", "male", "1980-01-22"},
    {"Alba", "Crespo Benítez", "female", "1997-12-11"},
    {"Víctor", "Aguilar Vera", "male", "1985-06-04"},
};

class Story {
 public:
  Story(store::Database& db, Instant now, std::ostream& out)
      : db_(db), now_(now), clock_(now - std::chrono::days(280)), out_(out) {}

  Result<std::vector<DemoLogin>> run();

 private:
  Instant at(int day, int hour, int minute = 0) const {
    return start_ + std::chrono::days(day) + std::chrono::hours(hour) +
           std::chrono::minutes(minute);
  }
  void schedule(Instant t, std::function<void()> f) {
    if (t < now_) events_.push({t, std::move(f)});
  }
  void as(api::LocalClient& who, const DemoLogin& login);
  void setup_clinic();
  void patient_story(int i);
  void course(int i, const std::string& pid, const std::string& assessment, Date start,
              int practitioner, int outcome, std::optional<double> density);
  void session_done(int i, const std::string& pid, const Json& appt, int outcome);
  void measurements(const std::string& pid, Date day, double density, double diameter, int months,
                    int outcome, int i);
  std::string sample_png(uint64_t seed, bool clipped_pair, std::string* second, double* um_per_px);
  static std::string scalp_photo(int i, bool vertex, double fullness);

  store::Database& db_;
  Instant now_;
  ManualClock clock_;
  std::ostream& out_;
  Instant start_{};
  std::unique_ptr<api::App> app_;
  std::unique_ptr<api::Router> router_;
  std::unique_ptr<api::LocalClient> admin_, clin_, recep_;
  std::vector<DemoLogin> logins_;
  std::vector<std::string> practitioners_;
  std::priority_queue<Event, std::vector<Event>, Later> events_;
  std::mt19937 rng_{2026};
};

void Story::as(api::LocalClient& who, const DemoLogin& login) {
  // Signs in again whenever time has moved on (sessions expire when idle).
  who.login(login.email, login.password);
}

void Story::setup_clinic() {
  // Sessions last a week while the story runs (signing in hashes a password,
  // which is slow on purpose); the clinic's usual 12 h is restored at the end.
  admin_->ok("PUT", "/api/v1/clinic",
             {{"name", "Clínica Capilar Demo"},
              {"timezone", "Europe/Madrid"},
              {"session_idle_minutes", 7 * 24 * 60}});
  Json users = {{"clinician", "elena.vidal@demo.anagen", "Dra. Elena Vidal", "demo clinician"},
                {"receptionist", "marta.gil@demo.anagen", "Marta Gil", "demo reception"}};
  for (const auto& u : users) {
    admin_->ok("POST", "/api/v1/users",
               {{"role", u[0]}, {"email", u[1]}, {"name", u[2]}, {"password", u[3]}});
    logins_.push_back({u[0], u[1], u[3]});
  }
  as(*clin_, logins_[1]);
  as(*recep_, logins_[2]);
  auto hours = [](std::vector<int> days, const char* from, const char* to) {
    Json h = Json::array();
    for (int d : days) h.push_back({{"weekday", d}, {"start", from}, {"end", to}});
    return h;
  };
  Json vidal = hours({1, 2, 3, 4, 5}, "09:00", "14:00");
  for (auto& h : hours({2, 4}, "16:00", "19:00")) vidal.push_back(h);
  practitioners_.push_back(
      admin_->ok("POST", "/api/v1/practitioners",
                 {{"name", "Dra. Elena Vidal"}, {"working_hours", vidal}})["id"]);
  practitioners_.push_back(admin_->ok(
      "POST", "/api/v1/practitioners",
      {{"name", "Dr. Pablo Serra"}, {"working_hours", hours({1, 3, 5}, "10:00", "18:00")}})["id"]);
  practitioners_.push_back(
      admin_->ok("POST", "/api/v1/practitioners",
                 {{"name", "Lucía Moreno (nurse)"},
                  {"working_hours", hours({2, 3, 4, 5, 6}, "09:00", "13:00")}})["id"]);
  Date d0 = local_date(start_, find_zone("Europe/Madrid"));
  int year = static_cast<int>(d0.year());
  for (auto [md, why] : {std::pair{"-12-24", "Christmas Eve"},
                         {"-12-25", "Christmas"},
                         {"-01-01", "New Year"},
                         {"-01-06", "Epiphany"},
                         {"-05-01", "Labour Day"},
                         {"-08-15", "Assumption"},
                         {"-10-12", "National Day"},
                         {"-11-01", "All Saints"},
                         {"-12-06", "Constitution Day"},
                         {"-12-08", "Immaculate Conception"}}) {
    for (int y : {year, year + 1}) {
      admin_->ok("POST", "/api/v1/clinic/holidays",
                 {{"from", std::to_string(y) + md}, {"reason", why}});
    }
  }
  admin_->ok("POST", "/api/v1/practitioners/" + practitioners_[1] + "/time-off",
             {{"from", format_date(add_days(d0, 120))},
              {"to", format_date(add_days(d0, 130))},
              {"reason", "Annual leave"}});
  auto product = [&](const char* name, const char* category, const char* maker, const char* comp) {
    return clin_
        ->ok("POST", "/api/v1/products",
             {{"name", name},
              {"category", category},
              {"manufacturer", maker},
              {"composition", comp}})["id"]
        .get<std::string>();
  };
  std::string cocktail = product("Capillary cocktail HC-1", "amino_acids", "Laboratorios Demo",
                                 "L-cysteine, methionine, biotin, panthenol, zinc, copper");
  std::string vitamins =
      product("Vitamin complex B-Forte", "vitamins", "Demo Pharma", "B5, B7, B8, C, E");
  std::string vaso = product("Vasodilator VD-2", "vasodilators", "Demo Pharma", "buflomedil");
  std::string lido =
      product("Lidocaine 2%", "anaesthetic", "Generic", "lidocaine hydrochloride 20 mg/mL");
  auto lot = [&](const std::string& p, const char* number, Date expires, double ml) {
    return clin_
        ->ok("POST", "/api/v1/products/" + p + "/lots",
             {{"lot_number", number}, {"expires_on", format_date(expires)}, {"quantity", ml}})["id"]
        .get<std::string>();
  };
  lot(cocktail, "HC1-2405", add_days(d0, 200), 250);
  lot(cocktail, "HC1-2411", add_days(d0, 500), 400);
  lot(vitamins, "BF-6620", add_days(d0, 30), 20);  // expires early in the story
  lot(vitamins, "BF-7781", add_days(d0, 420), 300);
  lot(vaso, "VD2-0912", add_days(d0, 365), 150);
  lot(lido, "LD-55012", add_days(d0, 600), 200);
}

std::string Story::sample_png(uint64_t seed, bool pair, std::string* second, double* um_per_px) {
  imaging::synth::Params p;
  p.seed = seed;
  p.difficulty = imaging::synth::Difficulty::kEasy;
  p.width = 800;
  p.height = 600;
  p.pair = pair;
  auto s = imaging::synth::generate(p);
  std::vector<unsigned char> buf;
  cv::imencode(".png", s.image, buf);
  if (pair && second && s.second) {
    std::vector<unsigned char> b2;
    cv::imencode(".png", *s.second, b2);
    *second = std::string(b2.begin(), b2.end());
  }
  *um_per_px = s.um_per_px;
  return std::string(buf.begin(), buf.end());
}

// A stand-in for a clinical photograph: a head seen from above (vertex) or
// the front, with as many strands as the hair's fullness gives.
std::string Story::scalp_photo(int i, bool vertex, double fullness) {
  cv::Mat img(480, 640, CV_8UC3, cv::Scalar(225, 228, 232));
  cv::Point c(320, vertex ? 240 : 300);
  cv::Size axes(vertex ? 190 : 200, vertex ? 210 : 240);
  cv::ellipse(img, c, axes, 0, 0, 360, cv::Scalar(150, 175, 215), cv::FILLED, cv::LINE_AA);
  std::mt19937 rng(static_cast<uint32_t>(1000 + i * 2 + (vertex ? 1 : 0)));
  std::uniform_real_distribution<double> u(-1, 1);
  cv::Scalar hair = i % 3 ? cv::Scalar(30, 40, 60) : cv::Scalar(60, 90, 130);
  int strands = static_cast<int>(2600 * fullness);
  for (int k = 0; k < strands; ++k) {
    double x = u(rng), y = u(rng);
    double r = std::hypot(x, y);
    if (r > 1) continue;
    // Thinner towards the crown (vertex) or the hairline (frontal).
    double thin = vertex ? std::exp(-r * r * 3) : std::max(0.0, -y) * 0.9;
    if (std::uniform_real_distribution<double>(0, 1)(rng) < thin * (1.6 - fullness)) continue;
    cv::Point p(c.x + static_cast<int>(x * axes.width), c.y + static_cast<int>(y * axes.height));
    double a = std::atan2(y, x) + u(rng) * 0.4;
    cv::line(img, p,
             p + cv::Point(static_cast<int>(14 * std::cos(a)), static_cast<int>(14 * std::sin(a))),
             hair, 1, cv::LINE_AA);
  }
  std::vector<unsigned char> buf;
  cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, 85});
  return std::string(buf.begin(), buf.end());
}

void Story::measurements(const std::string& pid, Date day, double density, double diameter,
                         int months, int outcome, int i) {
  // outcome: 0 responder, 1 partial, 2 non-responder
  double gain = outcome == 0 ? 0.14 : outcome == 1 ? 0.07 : 0.01;
  double f = 1 + gain * std::min(1.0, months / 4.0);
  auto m = [&](const char* kind, double v) {
    clin_->ok("POST", "/api/v1/patients/" + pid + "/measurements",
              {{"kind", kind},
               {"value", std::round(v * 10) / 10},
               {"taken_on", format_date(day)},
               {"site", "vertex mark"}});
  };
  m("density", density * f);
  m("mean_diameter_um", diameter * (1 + (f - 1) * 0.6));
  m("shedding_count", std::round(60 / f - (outcome == 0 ? months * 4 : 0)));
  if (months >= 3) m("photo_rating", outcome == 0 ? 1 + (i % 2) : outcome == 1 ? 0 : 0);
  // Standard photographs at baseline and at the evaluation, for some patients.
  if (i % 4 == 1 && (months == 0 || months == 4)) {
    for (const char* view : {"vertex", "frontal"}) {
      clin_->upload(
          "/api/v1/patients/" + pid + "/photos?view=" + view + "&taken_on=" + format_date(day),
          scalp_photo(i, view[0] == 'v', f), "image/jpeg");
    }
  }
  if (months >= 3) m("self_assessment", outcome == 2 ? 0 : 1);
}

void Story::session_done(int i, const std::string& pid, const Json& appt, int outcome) {
  std::string id = appt["id"];
  int n = appt["session_number"];
  bool female = std::string(kPeople[i].sex) != "male";
  // A course on hold (the serious side effect) waits for the clinician's
  // review: the reception calls off its sessions instead.
  Json plan = recep_->ok("GET", "/api/v1/plans/" + appt["plan_id"].get<std::string>());
  if (plan["booking_hold"] == true) {
    recep_->ok("POST", "/api/v1/appointments/" + id + "/cancel",
               {{"reason", "Course on hold for the clinician's review"}});
    return;
  }
  recep_->ok("POST", "/api/v1/appointments/" + id + "/arrive");
  // Like the clinician, take the usable lot of each product that expires first.
  std::map<std::string, std::string> lot;
  Json usable = clin_->ok("GET", "/api/v1/lots?usable=true");
  for (const auto& l : usable["items"]) {
    std::string category = l["category"];
    if (!lot.count(category) && l["remaining"].get<double>() >= 3)
      lot[category] = l["id"].get<std::string>();
  }
  Json body = {{"zones",
                {{{"zone", "vertex"}, {"points", 30 + i % 10}, {"volume_ml", 1.2}},
                 {{"zone", "mid_scalp"}, {"points", 25}, {"volume_ml", 1.0}},
                 {{"zone", "frontal"}, {"points", 20}, {"volume_ml", 0.8}}}},
               {"products",
                {{{"lot_id", lot["amino_acids"]}, {"volume_ml", 2.0}},
                 {{"lot_id", lot["vitamins"]}, {"volume_ml", 0.6}},
                 {{"lot_id", lot["vasodilators"]}, {"volume_ml", 0.4}}}},
               {"anaesthetic", i % 4 == 0},
               {"pain_score", static_cast<int>(rng_() % 4)},
               {"adjuncts", n % 2 ? Json::array({"massage"}) : Json::array({"shampoo", "massage"})},
               {"technique", i % 3 == 0 ? "nappage" : "point_by_point"},
               {"needle_gauge", 30},
               {"needle_length_mm", 4},
               {"depth_mm", 2.5}};
  if (female) body["pregnant"] = false;
  if (i % 4 == 0) {
    body["anaesthetic_lot_id"] = lot["anaesthetic"];
    body["anaesthetic_volume_ml"] = 0.5;
  }
  auto rec = clin_->ok("POST", "/api/v1/appointments/" + id + "/session", body);
  // Side effects, as clinics see them: mostly mild, one serious.
  if ((i == 12 && n == 2) || (i == 15 && n == 1) || (i == 20 && n == 3)) {
    clin_->ok(
        "POST", "/api/v1/patients/" + pid + "/adverse-events",
        {{"session_id", rec["id"]},
         {"type", i == 15 ? "pain" : "inflammation"},
         {"grade", 1},
         {"onset", format_date(local_date(clock_.now(), find_zone("Europe/Madrid")))},
         {"management", i == 15 ? Json("none") : Json("anti_inflammatory_cream")},
         {"outcome", "resolved"},
         {"notes", "Mild redness at the vertex the next day; cream twice a day for 3 days."}});
  }
  if (i == 18 && n == 4) {
    clin_->ok(
        "POST", "/api/v1/patients/" + pid + "/adverse-events",
        {{"session_id", rec["id"]},
         {"type", "infection"},
         {"grade", 3},
         {"onset", format_date(local_date(clock_.now(), find_zone("Europe/Madrid")))},
         {"management", {"antibiotics", "referral"}},
         {"outcome", "recovering"},
         {"notes", "Pustules at two injection points; swab taken, referred to dermatology."}});
  }
}

// `density`: the baseline density at the marked site where an image was
// analysed there (the figures by hand then agree with it).
void Story::course(int i, const std::string& pid, const std::string& assessment, Date start,
                   int practitioner, int outcome, std::optional<double> baseline_density) {
  auto plan = clin_->ok("POST", "/api/v1/patients/" + pid + "/plans",
                        {{"assessment_id", assessment}, {"start_date", format_date(start)}});
  Json prefs = {{"practitioner_id", practitioners_[practitioner]}};
  if (i % 3 == 1) prefs["from"] = "10:00";
  if (i % 5 == 2) prefs["to"] = "13:00";
  auto booked =
      recep_->ok("POST", "/api/v1/plans/" + plan["id"].get<std::string>() + "/book", prefs);
  recep_->ok("GET", "/api/v1/patients/" + pid + "/aftercare");
  for (const auto& a : booked["appointments"]) {
    Instant t = *parse_instant(a["start"].get<std::string>()) + std::chrono::minutes(25);
    // One patient misses a session now and then.
    if (i == 9 && a["session_number"] == 3) {
      schedule(t, [this, a] {
        recep_->ok("POST", "/api/v1/appointments/" + a["id"].get<std::string>() + "/no-show");
      });
      continue;
    }
    schedule(t, [this, i, pid, a, outcome] { session_done(i, pid, a, outcome); });
  }
  // The evaluation visit four months in, booked with the course at the
  // practitioner's first free half hour from then, marked done on its day.
  const Date visit = add_months(start, 4);
  Json free = recep_->ok("GET", "/api/v1/practitioners/" + practitioners_[practitioner] +
                                    "/slots?minutes=30&date=" + format_date(visit) + "&to=" +
                                    format_date(add_days(visit, 14)) + "&patient_id=" + pid);
  if (!free["items"].empty()) {
    Json v = recep_->ok("POST", "/api/v1/appointments",
                        {{"plan_id", plan["id"]},
                         {"kind", "evaluation"},
                         {"practitioner_id", practitioners_[practitioner]},
                         {"start", free["items"][0]["start"]}});
    Instant t = *parse_instant(v["start"].get<std::string>()) + std::chrono::minutes(25);
    schedule(t, [this, id = v["id"].get<std::string>(), plan_id = plan["id"].get<std::string>()] {
      // A course on hold waits for the clinician: the reception calls the visit off.
      Json now = recep_->ok("GET", "/api/v1/plans/" + plan_id);
      if (now["status"] == "active" && now["booking_hold"] == true) {
        recep_->ok("POST", "/api/v1/appointments/" + id + "/cancel",
                   {{"reason", "Course on hold for the clinician's review"}});
      } else if (now["status"] != "stopped") {
        clin_->ok("POST", "/api/v1/appointments/" + id + "/complete");
      }
    });
  }
  // Measurements: baseline, then monthly from month 3.
  double density = baseline_density.value_or(120 + (i * 7) % 60), diameter = 46 + i % 9;
  for (int month : {0, 3, 4, 5, 6}) {
    Date day = add_months(start, month);
    schedule(local_to_instant(day, 12 * 60, find_zone("Europe/Madrid")),
             [=, this] { measurements(pid, day, density, diameter, month, outcome, i); });
  }
}

void Story::patient_story(int i) {
  const Person& who = kPeople[i];
  std::string family(who.family);
  std::string email =
      fold(who.given) + "." + fold(family.substr(0, family.find(' '))) + "@example.test";
  auto p = recep_->ok("POST", "/api/v1/patients",
                      {{"given_name", who.given},
                       {"family_name", who.family},
                       {"birth_date", who.birth},
                       {"sex", who.sex},
                       {"email", email},
                       {"phone", "+34 6" + std::to_string(10000000 + i * 7919)}});
  std::string pid = p["id"];
  if (i < 3) return;  // registered, not yet screened
  Json answers = {{"pregnant", false},  {"breastfeeding", false},     {"scalp_condition", false},
                  {"diabetes", "none"}, {"bleeding_disorder", false}, {"anticoagulants", false}};
  if (i == 3) answers["diabetes"] = "uncontrolled";
  if (i == 4) answers["pregnant"] = true;
  if (i == 5 || i == 6) answers["anticoagulants"] = true;
  auto screening =
      clin_->ok("POST", "/api/v1/patients/" + pid + "/screenings", {{"answers", answers}});
  if (i <= 5) return;  // ineligible, or awaiting a clinician's review
  if (i == 6) {
    clin_->ok(
        "POST",
        "/api/v1/patients/" + pid + "/screenings/" + screening["id"].get<std::string>() +
            "/override",
        {{"reason",
          "Low-dose aspirin for prevention; pause 3 days before each session, GP informed."}});
  }
  bool male = std::string(who.sex) == "male";
  static const char* kMale[] = {"II", "III", "III vertex", "IV", "V"};
  static const char* kFemale[] = {"I", "II", "I", "II", "III"};
  auto assessment =
      clin_->ok("POST", "/api/v1/patients/" + pid + "/assessments",
                {{"diagnosis", i % 11 == 0 ? "telogen_effluvium" : "androgenetic_alopecia"},
                 {"scale", male ? "norwood" : "ludwig"},
                 {"grade", male ? kMale[i % 5] : kFemale[i % 5]},
                 {"roots_retained", true},
                 {"pull_test_hairs", 2 + i % 5},
                 {"shedding_count", 40 + i % 30}});
  if (i <= 8) return;   // assessed; the course is still to be prescribed
  int outcome = i % 3;  // responders, partial and non-responders
  // Courses started at different times over the last nine months.
  Date start = add_days(local_date(clock_.now(), find_zone("Europe/Madrid")), 7);
  while (iso_weekday(start) > 5) start = add_days(start, 1);
  // Two patients have a trichoscopy image of the marked site before their
  // course: its density is their baseline.
  std::optional<double> density;
  if (i == 10 || i == 21) {
    double um = 0;
    std::string second;
    std::string png = sample_png(100 + i, i == 21, &second, &um);
    auto t = clin_->upload("/api/v1/patients/" + pid +
                               "/trichoscopy?site=vertex%20mark&um_per_px=" + std::to_string(um),
                           png, "image/png");
    density = t["result"]["density_per_cm2"].get<double>();
    if (!second.empty()) {
      clin_->upload("/api/v1/trichoscopy/" + t["id"].get<std::string>() + "/second?hours=60",
                    second, "image/png");
    }
  }
  course(i, pid, assessment["id"], start, i % 3, outcome, density);
}

Result<std::vector<DemoLogin>> Story::run() {
  start_ = clock_.now();
  app_ = std::make_unique<api::App>(db_, clock_, api::AppConfig{}, &clock_);
  router_ = std::make_unique<api::Router>(*app_, api::route_table());
  admin_ = std::make_unique<api::LocalClient>(*router_);
  clin_ = std::make_unique<api::LocalClient>(*router_);
  recep_ = std::make_unique<api::LocalClient>(*router_);
  std::string password = auth::generate_password();
  store::users::User admin{new_id(), "admin@anagen.local", "Administrator", auth::Role::kAdmin,
                           *auth::hash_password(password)};
  admin.created_at = clock_.now();
  ANAGEN_TRY(db_.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::protocols::seed_if_empty(tx, clock_.now()));
    return store::users::insert(tx, admin);
  }));
  logins_.push_back({"admin", admin.email, password});
  as(*admin_, logins_[0]);
  setup_clinic();
  // Patients arrive over the months (the first ones earliest).
  int n = static_cast<int>(std::size(kPeople));
  for (int i = n - 1; i >= 0; --i) {
    // Three courses started in the last three months (too early to judge).
    int day = i >= 9 && i <= 11 ? 190 + (11 - i) * 22 : 10 + (n - 1 - i) * 8;
    schedule(at(day, 9 + i % 6), [this, i] { patient_story(i); });
  }
  int done = 0;
  Instant last_use = clock_.now();
  while (!events_.empty()) {
    auto [t, f] = events_.top();
    events_.pop();
    clock_.set(t);
    if (t - last_use > std::chrono::days(6)) {
      as(*admin_, logins_[0]);
      as(*clin_, logins_[1]);
      as(*recep_, logins_[2]);
    }
    last_use = t;
    try {
      f();
    } catch (const std::exception& e) {
      return Error::internal(std::string("demo: ") + e.what());
    }
    if (++done % 100 == 0) out_ << "." << std::flush;
  }
  // One patient uses the portal.
  clock_.set(now_ - std::chrono::hours(1));
  as(*admin_, logins_[0]);
  admin_->ok("PUT", "/api/v1/clinic",
             {{"name", "Clínica Capilar Demo"},
              {"timezone", "Europe/Madrid"},
              {"session_idle_minutes", 12 * 60}});
  as(*recep_, logins_[2]);
  as(*clin_, logins_[1]);
  // Sara, in the middle of her course.
  auto found = recep_->ok("GET", "/api/v1/patients?q=sara%20ortiz");
  if (!found["items"].empty()) {
    std::string pid = found["items"][0]["id"];
    // A clinician hands the link over (a receptionist's goes by email only).
    auto inv = clin_->ok("POST", "/api/v1/patients/" + pid + "/invite");
    std::string link = inv["link"];
    std::string token = link.substr(link.find("token=") + 6);
    recep_->ok("POST", "/api/v1/portal/accept", {{"token", token}, {"password", "demo patient"}});
    logins_.push_back({"patient", inv["email"], "demo patient"});
  }
  out_ << "\n";
  return logins_;
}

}  // namespace

Result<std::vector<DemoLogin>> fill(store::Database& db, Instant now, std::ostream& progress) {
  Story story(db, now, progress);
  return story.run();
}

}  // namespace anagen::demo
