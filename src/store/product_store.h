// Products, lots and their stock, and who received a lot (recall).
#pragma once

#include <optional>
#include <vector>

#include "domain/product.h"
#include "store/db.h"

namespace anagen::store::products {

Status insert(Tx& tx, const domain::Product& p, Instant now);
Status update(Tx& tx, const domain::Product& p);
Result<std::optional<domain::Product>> get(Tx& tx, const std::string& id);
Result<std::vector<domain::Product>> list(Tx& tx);

// kConflict naming the lot number when the product already has it.
Status insert_lot(Tx& tx, const domain::Lot& l, Instant now);
Result<std::optional<domain::Lot>> get_lot(Tx& tx, const std::string& id);
Result<std::vector<domain::Lot>> lots_of(Tx& tx, const std::string& product_id);
// Saves the lot's recall (recalled_on, recall_reason, recalled_by; none to
// take a recall back).
Status set_recall(Tx& tx, const domain::Lot& l);
// Lots usable on `day` (not expired, not recalled, not empty), soonest expiry first.
Result<std::vector<domain::Lot>> usable_lots(Tx& tx, Date day);
// Takes `volume` from the lot for a session on `day`; kConflict when less
// is left or it was recalled by then (checked in SQL, so two sessions cannot
// both take the last millilitre, nor one take from a lot recalled meanwhile).
Status take(Tx& tx, const std::string& lot_id, domain::Microlitres volume, Date day);
// Returns what a session record entered in error took.
Status give_back(Tx& tx, const std::string& lot_id, domain::Microlitres volume);

struct Recipient {
  std::string patient_id;
  std::string treatment_id;
  Instant performed_at{};
  domain::Microlitres volume = 0;
  std::string given_name, family_name;
  std::optional<std::string> email, phone;  // to reach the patient
};
// Every session (and its patient) that received the lot, in date order.
Result<std::vector<Recipient>> recipients(Tx& tx, const std::string& lot_id);

}  // namespace anagen::store::products
