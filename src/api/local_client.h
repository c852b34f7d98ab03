// Calls the API in-process through the router (no sockets): the same
// handlers, checks and audit as over HTTP. Used by the demo clinic and the
// benchmarks.
#pragma once

#include <stdexcept>
#include <string>

#include "api/router.h"

namespace anagen::api {

class LocalClient {
 public:
  explicit LocalClient(Router& router) : router_(router) {}

  // Signs in; throws when it fails.
  void login(const std::string& email, const std::string& password);

  HttpResponse call(const std::string& method, const std::string& path, const Json& body = {},
                    const std::string& content_type = "application/json",
                    const std::string* raw = nullptr);
  // The parsed JSON answer; throws naming the request when it is not 2xx.
  Json ok(const std::string& method, const std::string& path, const Json& body = {});
  // Sends raw bytes (an image) and returns the parsed JSON answer.
  Json upload(const std::string& path, const std::string& bytes, const std::string& content_type);

  const std::string& token() const { return token_; }
  void set_token(std::string t) { token_ = std::move(t); }

 private:
  Router& router_;
  std::string token_;
};

}  // namespace anagen::api
