#include "domain/reminder.h"

#include <algorithm>

namespace anagen::domain {
namespace {

const char* kDays[] = {"",         "Monday", "Tuesday",  "Wednesday",
                       "Thursday", "Friday", "Saturday", "Sunday"};
const char* kMonths[] = {"",     "January", "February",  "March",   "April",    "May",     "June",
                         "July", "August",  "September", "October", "November", "December"};

std::string long_date(Date d) {
  return std::string(kDays[iso_weekday(d)]) + " " + std::to_string(static_cast<unsigned>(d.day())) +
         " " + kMonths[static_cast<unsigned>(d.month())];
}

}  // namespace

Message appointment_reminder(const std::string& given_name, const std::string& clinic,
                             const Appointment& a, const date::time_zone* zone) {
  auto secs = std::chrono::floor<std::chrono::seconds>(a.start);
  auto local = zone ? secs + zone->get_info(secs).offset : secs;
  auto day = std::chrono::floor<date::days>(local);
  int minute =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  std::string when = long_date(Date{day}) + " at " + format_hhmm(minute);
  if (!a.is_session()) {
    return {"Reminder: your hair results evaluation on " + when,
            "Hello " + given_name +
                ",\n\nThis is a reminder of the evaluation visit of your "
                "mesotherapy course at " +
                clinic + " on " + when +
                ": we photograph your scalp and measure your hair at the marked site, to "
                "compare with how it was before the course. There is no injection.\n\nPlease "
                "come with clean, dry hair and no styling products.\n\nIf you cannot come, "
                "please call us so we can find another time.\n\n" +
                clinic + "\n"};
  }
  return {"Reminder: your hair treatment session on " + when,
          "Hello " + given_name + ",\n\nThis is a reminder of session " +
              std::to_string(a.session_number) + " of your mesotherapy course at " + clinic +
              " on " + when +
              ".\n\nIf you are pregnant or think you might be, or if you have "
              "started any new medication, please tell us before the session.\n\nIf you cannot "
              "come, please call us so we can find another time within your treatment plan.\n\n" +
              clinic + "\n"};
}

Message aftercare_reminder(const std::string& given_name, const std::string& clinic,
                           const std::string& title, const std::string& description, Date due) {
  return {"Aftercare: " + title,
          "Hello " + given_name + ",\n\n" + description + " (" + long_date(due) +
              ")\n\nLooking after your hair between sessions helps the treatment work.\n\n" +
              clinic + "\n"};
}

std::chrono::minutes retry_delay(int attempts) {
  int exp = std::clamp(attempts - 1, 0, 9);
  return std::min(std::chrono::minutes(1 << exp), std::chrono::minutes(6 * 60));
}

}  // namespace anagen::domain
