// The HTTP request and response as the router sees them: plain values, so
// the router and handlers are tested without sockets (server.cc adapts Beast).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace anagen::api {

struct HttpRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // decoded path without the query string
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;

  // The first header of that (lower-case) name, or "".
  std::string_view header(std::string_view name) const;
  // A query parameter or nullptr.
  const std::string* param(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The path as it may be logged or audited: secret feed tokens replaced by ***.
std::string loggable_path(const std::string& path);

// Splits "a=1&b=x%20y" into decoded pairs; false on malformed
// percent-encoding, or on a name given twice ("site=a&site=b": which one was
// meant is not ours to guess), which it then puts in `repeated` if given.
bool parse_query(std::string_view qs, std::map<std::string, std::string>& out,
                 std::optional<std::string>* repeated = nullptr);
// Decodes %XX (and '+' as space when form is true); false when malformed.
bool percent_decode(std::string_view in, std::string& out, bool form);

}  // namespace anagen::api
