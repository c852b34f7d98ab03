// Patients' requests from the portal to move a booked session.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/db.h"

namespace anagen::store::move_requests {

struct Request {
  std::string id;
  std::string appointment_id;
  std::string patient_id;
  std::string message;
  Instant created_at{};
};

Status insert(Tx& tx, const Request& r);
// The open requests (not closed), oldest first; of one patient if given.
Result<std::vector<Request>> open(Tx& tx, const std::optional<std::string>& patient_id);
Result<std::optional<Request>> open_for_appointment(Tx& tx, const std::string& appointment_id);
// Closes one open request; false when it was not open.
Result<bool> close(Tx& tx, const std::string& id, Instant at, const std::string& by,
                   const std::string& outcome);
// Closes the appointment's open request, if any (it was moved or cancelled).
Status close_for_appointment(Tx& tx, const std::string& appointment_id, Instant at,
                             const std::string& by, const std::string& outcome);

}  // namespace anagen::store::move_requests
