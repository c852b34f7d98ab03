#include "api/image_body.h"

#include <span>

#include "core/text.h"
#include "imaging/decode.h"

namespace anagen::api {

bool declares_image_type(const HttpRequest& req) {
  std::string declared = ascii_lower(std::string(req.header("content-type")));
  declared = declared.substr(0, declared.find(';'));
  while (!declared.empty() && declared.back() == ' ') declared.pop_back();
  return declared == "image/jpeg" || declared == "image/png";
}

Result<ImageBody> decode_image_body(const HttpRequest& req) {
  auto bytes = std::span<const unsigned char>(
      reinterpret_cast<const unsigned char*>(req.body.data()), req.body.size());
  auto decoded = imaging::decode_image(bytes);
  if (auto* why = std::get_if<std::string>(&decoded)) {
    return Error::invalid("body", "is not a readable image: " + *why);
  }
  return ImageBody{std::get<cv::Mat>(std::move(decoded)), imaging::image_media_type(bytes)};
}

}  // namespace anagen::api
