// Messages to patients (appointment and aftercare reminders): their text,
// when they are due, and how delivery retries back off.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/time.h"
#include "domain/appointment.h"

namespace anagen::domain {

struct Message {
  std::string subject;
  std::string body;
};

// "Reminder: your hair treatment session on Monday 12 January at 10:00",
// or for an evaluation visit "Reminder: your hair results evaluation on ...".
Message appointment_reminder(const std::string& given_name, const std::string& clinic,
                             const Appointment& a, const date::time_zone* zone);
Message aftercare_reminder(const std::string& given_name, const std::string& clinic,
                           const std::string& title, const std::string& description, Date due);

// Waiting time before delivery attempt `attempts` + 1 after a failure:
// 1, 2, 4 ... minutes, at most 6 hours.
std::chrono::minutes retry_delay(int attempts);

// Attempts after which a message is given up (and shown as failed to staff).
inline constexpr int kMaxDeliveryAttempts = 12;

}  // namespace anagen::domain
