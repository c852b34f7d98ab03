// The record of one session done (domain.md sections 1-2): zones treated,
// products by lot, anaesthetic, pain, technique. A record is never changed
// after the fact; corrections are addenda.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/outcome.h"
#include "domain/product.h"

namespace anagen::domain {

#define ANAGEN_ZONES                                                                      \
  {                                                                                       \
    "frontal", "mid_scalp", "vertex", "left_temporal", "right_temporal", "left_parietal", \
        "right_parietal", "occipital"                                                     \
  }
#define ANAGEN_TECHNIQUES \
  { "point_by_point", "nappage", "injector_gun" }
#define ANAGEN_ADJUNCTS \
  { "shampoo", "lotion", "massage" }

struct ZoneTreated {
  std::string zone;
  int points = 0;
  Microlitres volume = 0;
};

struct ProductUsed {
  std::string lot_id;
  std::string role;  // "cocktail" or "anaesthetic"
  Microlitres volume = 0;
};

struct Addendum {
  std::string id;
  std::string text;
  std::string created_by;
  Instant created_at{};
};

struct Treatment {
  std::string id;
  std::string appointment_id;
  std::string plan_id;
  int session_number = 0;
  std::string patient_id;
  std::string practitioner_id;
  Instant performed_at{};
  std::string performed_by;
  std::string pregnancy;  // "no" (asked, denied) or "not_asked" (male patient)
  std::optional<std::string> technique;
  std::optional<int> needle_gauge;
  std::optional<double> needle_length_mm;
  std::optional<double> depth_mm;
  bool anaesthetic = false;
  int pain_score = 0;
  std::vector<std::string> adjuncts;
  std::optional<std::string> notes;
  std::vector<ZoneTreated> zones;
  std::vector<ProductUsed> products;
  std::vector<Addendum> addenda;
  Instant created_at{};
  // Charted by mistake (a wrong lot, the wrong patient's appointment): kept
  // on record, counted nowhere.
  std::optional<Correction> entered_in_error;
};

// Pregnancy is re-asked before every session of a patient who is not male.
bool must_ask_pregnancy(const std::string& sex);

// When a session may be recorded as performed: not in the future, and not
// before the day of its appointment (clinic-local).
std::optional<std::string> performed_at_problem(Instant performed, Instant now,
                                                Date appointment_day, Date performed_day);

}  // namespace anagen::domain
