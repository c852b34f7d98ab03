// An image uploaded as the raw request body (standard photos, trichoscopy):
// one set of checks and messages for every upload.
#pragma once

#include <opencv2/core.hpp>
#include <string>

#include "api/context.h"

namespace anagen::api {

// The message for a body whose Content-Type is not an image type.
inline constexpr const char* kImageBodyMessage =
    "must be a JPEG or PNG image sent with Content-Type image/jpeg or image/png";

// Whether the request declares image/jpeg or image/png. Media types are
// case-insensitive; parameters (";...") and trailing spaces are ignored.
bool declares_image_type(const HttpRequest& req);

struct ImageBody {
  cv::Mat image;     // decoded, 8-bit BGR
  std::string type;  // read from the bytes, not from the declared type
};

// Decodes the body (422 naming `body` if it is no readable image). The
// type comes from the bytes, so a JPEG declared as PNG is stored as JPEG.
Result<ImageBody> decode_image_body(const HttpRequest& req);

}  // namespace anagen::api
