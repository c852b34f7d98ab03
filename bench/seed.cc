// Fills a fresh database with N believable patients for the HTTP benchmark
// and writes their ids, one per line, for the wrk scripts.
//   bench_seed --db URL --patients 100000 --ids-out ids.txt
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

#include "core/id.h"
#include "store/db.h"
#include "store/patient_store.h"

using namespace anagen;

int main(int argc, char** argv) {
  CLI::App cli{"Seed patients for the benchmark"};
  std::string url, ids_out;
  int n = 100000;
  cli.add_option("--db", url)->required();
  cli.add_option("--patients", n);
  cli.add_option("--ids-out", ids_out)->required();
  CLI11_PARSE(cli, argc, argv);

  auto db = store::Database::open(url, {});
  if (!db.ok() || !(*db)->migrate().ok()) {
    std::cerr << "bench_seed: cannot open " << url << "\n";
    return 1;
  }
  const char* given[] = {"Ana",   "Lucía", "María",  "José",  "Juan",  "Carmen", "Javier", "Laura",
                         "Pablo", "Marta", "Sergio", "Elena", "David", "Núria",  "Jordi",  "Sofía",
                         "Hugo",  "Irene", "Álvaro", "Paula", "Emma",  "Liam",   "Olivia", "Noah"};
  const char* family[] = {
      "García", "Fernández", "González", "Rodríguez", "López",   "Martínez",  "Sánchez",
      "Pérez",  "Gómez",     "Martín",   "Jiménez",   "Ruiz",    "Hernández", "Díaz",
      "Moreno", "Muñoz",     "Álvarez",  "Romero",    "Alonso",  "Gutiérrez", "Navarro",
      "Torres", "Domínguez", "Vázquez",  "Ramos",     "Gil",     "Ramírez",   "Serrano",
      "Blanco", "Molina",    "Smith",    "Brown",     "Ødegård", "Nowak"};
  std::mt19937 rng(42);
  std::ofstream out(ids_out);
  SystemClock clock;
  const int batch = 1000;
  for (int done = 0; done < n; done += batch) {
    std::vector<domain::Patient> ps;
    for (int i = done; i < std::min(n, done + batch); ++i) {
      domain::Patient p;
      p.id = new_id();
      p.fields.given_name = given[rng() % std::size(given)];
      p.fields.family_name =
          std::string(family[rng() % std::size(family)]) + " " + family[rng() % std::size(family)];
      p.fields.birth_date = Date{date::year{1940 + static_cast<int>(rng() % 65)},
                                 date::month{static_cast<unsigned>(1 + rng() % 12)},
                                 date::day{static_cast<unsigned>(1 + rng() % 28)}};
      p.fields.sex = rng() % 2 ? "female" : "male";
      // Most patients leave a mobile number and many an email, as at a
      // front desk; both add search terms (the phone's digit tails).
      if (rng() % 10 < 9) {
        char phone[32];
        std::snprintf(phone, sizeof phone, "+34 6%02u %03u %03u",
                      static_cast<unsigned>(rng() % 100), static_cast<unsigned>(rng() % 1000),
                      static_cast<unsigned>(rng() % 1000));
        p.fields.phone = phone;
      }
      if (rng() % 10 < 6) p.fields.email = "p" + std::to_string(i) + "@correo.example";
      p.created_at = p.updated_at = clock.now();
      ps.push_back(std::move(p));
    }
    auto st = (*db)->write([&](store::Tx& tx) -> Status {
      for (const auto& p : ps) ANAGEN_TRY(store::patients::insert(tx, p, "bench"));
      return ok_status();
    });
    if (!st.ok()) {
      std::cerr << "bench_seed: " << st.error().detail << "\n";
      return 1;
    }
    for (const auto& p : ps) out << p.id << "\n";
  }
  (*db)->close();
  std::cerr << "bench_seed: " << n << " patients\n";
  return 0;
}
