// Analysed trichoscopy images and their results.
#pragma once

#include <optional>
#include <vector>

#include "core/json_reader.h"
#include "domain/outcome.h"
#include "store/db.h"

namespace anagen::store::trichoscopy {

struct Record {
  std::string id;
  std::string patient_id;
  std::string site;
  Date taken_on;
  double um_per_px = 0;
  Blob image;  // empty unless asked for
  std::string image_type;
  std::string image_sha256;
  Blob overlay;  // PNG; empty unless asked for
  Json result;
  Blob second_image;  // empty unless asked for
  std::optional<std::string> second_type;
  std::optional<double> hours;
  std::string created_by;
  Instant created_at{};
  std::optional<domain::Correction> entered_in_error;
};

Status insert(Tx& tx, const Record& r);
// Adds the second image (after clipping) with the paired result and overlay,
// if the record has none yet and is not marked entered in error (checked in the same statement, so
// of two concurrent calls only one succeeds). Returns whether it was added.
Result<bool> set_second(Tx& tx, const std::string& id, const Blob& image, const std::string& type,
                        double hours, const Json& result, const Blob& overlay);
// Marks the record entered in error; false if it already was.
Result<bool> mark_entered_in_error(Tx& tx, const std::string& id, const domain::Correction& c);
// The patient's record of the image with this SHA-256, if any and not marked
// entered in error (without images).
Result<std::optional<Record>> find_image(Tx& tx, const std::string& patient_id,
                                         const std::string& image_sha256);
// Without the images.
Result<std::optional<Record>> get(Tx& tx, const std::string& id);
// With the first image, second image and overlay.
Result<std::optional<Record>> get_with_images(Tx& tx, const std::string& id);
Result<std::vector<Record>> list_for_patient(Tx& tx, const std::string& patient_id);

}  // namespace anagen::store::trichoscopy
