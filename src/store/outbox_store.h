// The durable outbox of messages to send.
#pragma once

#include <optional>
#include <vector>

#include "core/clock.h"
#include "store/db.h"

namespace anagen::store::outbox {

struct Message {
  std::string id;
  std::string dedupe_key;  // the same key is queued once
  std::string kind;        // appointment_reminder, aftercare_reminder, invitation
  std::optional<std::string> ref_id;
  std::optional<std::string> patient_id;
  std::string recipient;
  std::string subject;
  std::string body;
  Instant due_at{};
  std::string status = "pending";  // pending, held, sent, failed, skipped
  int attempts = 0;
  Instant next_attempt_at{};
  std::optional<std::string> last_error;
  Instant created_at{};
  std::optional<Instant> sent_at;
};

// Queues the message unless one with its dedupe_key exists; returns whether
// it was queued.
Result<bool> enqueue(Tx& tx, const Message& m);
// Claims up to `limit` messages due at `now`, leasing them until `lease_until`
// so that no other worker sends them meanwhile.
Result<std::vector<Message>> claim(Tx& tx, Instant now, Instant lease_until, int limit);
Status mark_sent(Tx& tx, const std::string& id, Instant at);
Status mark_skipped(Tx& tx, const std::string& id, const std::string& why);
// Holds the message (status held, not an attempt) until `until`, when it
// is looked at again, saying why.
Status hold(Tx& tx, const std::string& id, Instant until, const std::string& why);
// Held messages wait again now (a day off was taken back: those no longer
// on one go out at the next run).
Status release_held(Tx& tx, Instant now);
// Records a failed attempt; `next` is when to try again, nullopt to give up.
Status mark_failed(Tx& tx, const std::string& id, int attempts, std::optional<Instant> next,
                   const std::string& error);

struct Filter {
  std::optional<std::string> status;
  std::optional<std::string> patient_id;
  int limit = 200;
};
Result<std::vector<Message>> list(Tx& tx, const Filter& f);

}  // namespace anagen::store::outbox
