#include "api/local_client.h"

namespace anagen::api {

void LocalClient::login(const std::string& email, const std::string& password) {
  token_.clear();
  auto r = ok("POST", "/api/v1/auth/login", {{"email", email}, {"password", password}});
  token_ = r["token"];
}

HttpResponse LocalClient::call(const std::string& method, const std::string& path, const Json& body,
                               const std::string& content_type, const std::string* raw) {
  HttpRequest req;
  req.method = method;
  auto q = path.find('?');
  req.path = path.substr(0, q);
  if (q != std::string::npos) parse_query(path.substr(q + 1), req.query);
  if (!token_.empty()) req.headers.emplace_back("authorization", "Bearer " + token_);
  req.headers.emplace_back("content-type", content_type);
  if (raw) {
    req.body = *raw;
  } else if (!body.is_null()) {
    req.body = body.dump();
  }
  req.remote_ip = "127.0.0.1";
  req.request_id = "local";
  return router_.handle(req);
}

Json LocalClient::ok(const std::string& method, const std::string& path, const Json& body) {
  auto r = call(method, path, body);
  if (r.status >= 300) throw std::runtime_error(method + " " + path + ": " + r.body);
  return r.body.empty() ? Json() : Json::parse(r.body);
}

Json LocalClient::upload(const std::string& path, const std::string& bytes,
                         const std::string& content_type) {
  auto r = call("POST", path, {}, content_type, &bytes);
  if (r.status >= 300) throw std::runtime_error("POST " + path + ": " + r.body);
  return Json::parse(r.body);
}

}  // namespace anagen::api
