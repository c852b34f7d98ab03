// Outcome measurements and standard photographs.
#pragma once

#include <optional>
#include <vector>

#include "domain/outcome.h"
#include "store/db.h"

namespace anagen::store::measurements {

Status insert(Tx& tx, const domain::Measurement& m);
// Those marked entered in error are left out unless `with_marked`.
Result<std::vector<domain::Measurement>> list_for_patient(Tx& tx, const std::string& patient_id,
                                                          bool with_marked = false);
// One measurement, marked entered in error or not.
Result<std::optional<domain::Measurement>> get(Tx& tx, const std::string& id);
// Marks one measurement entered in error; false if it already was (checked
// in the statement, so of two concurrent calls only one marks it).
Result<bool> mark_entered_in_error(Tx& tx, const std::string& id, const domain::Correction& c);
// Marks every figure an analysis gave; returns how many.
Result<int64_t> mark_analysis_entered_in_error(Tx& tx, const std::string& trichoscopy_id,
                                               const domain::Correction& c);

struct Photo {
  std::string id;
  std::string patient_id;
  std::string view;  // frontal, vertex, top, left, right
  Date taken_on;
  std::string content_type;
  int width = 0, height = 0;
  int64_t bytes = 0;
  std::string sha256;
  Blob data;  // empty when listed
  std::string recorded_by;
  Instant created_at{};
};
Status insert_photo(Tx& tx, const Photo& p);
// Metadata only (no image bytes).
Result<std::vector<Photo>> photos_of(Tx& tx, const std::string& patient_id);
// With the image bytes.
Result<std::optional<Photo>> photo(Tx& tx, const std::string& id);

}  // namespace anagen::store::measurements
