// The reminder service: queues appointment and aftercare reminders in the
// durable outbox and delivers them over SMTP, retrying with backoff. A
// message is claimed with a short lease before delivery and marked sent as
// soon as the mail server accepts it; it keeps one Message-ID across
// retries, so the only repeat possible (a crash between the server's "250"
// and our commit) is recognisable downstream.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/app.h"
#include "interop/smtp.h"

namespace anagen::jobs {

struct ReminderConfig {
  interop::SmtpConfig smtp;
  int poll_ms = 5000;  // how often the background loop runs; 0 = only on demand
};

struct RunCounts {
  int queued = 0;
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int skipped = 0;
  int held = 0;  // waiting: the appointment falls on a day off
};

class ReminderService {
 public:
  ReminderService(api::App& app, ReminderConfig cfg) : app_(app), cfg_(std::move(cfg)) {}
  ~ReminderService() { stop(); }

  // Starts the background loop (when poll_ms > 0).
  void start();
  // Stops the loop after the current run.
  void stop();
  // One pass: queue what is due, then deliver what is due.
  Result<RunCounts> run_once();

 private:
  Result<int> queue_appointment_reminders(Instant now, const domain::ClinicSettings& s);
  Result<int> queue_aftercare_reminders(Instant now, const domain::ClinicSettings& s);
  Status deliver(Instant now, const domain::ClinicSettings& s, RunCounts& counts);

  api::App& app_;
  ReminderConfig cfg_;
  std::mutex run_mu_;  // one pass at a time in this process
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace anagen::jobs
