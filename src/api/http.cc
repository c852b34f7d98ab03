#include "api/http.h"

namespace anagen::api {

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

const std::string* HttpRequest::param(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? nullptr : &it->second;
}

std::string loggable_path(const std::string& path) {
  const std::string feeds = "/api/v1/feeds/";
  if (path.rfind(feeds, 0) != 0) return path;
  auto slash = path.find('/', feeds.size());
  return feeds + "***" + (slash == std::string::npos ? "" : path.substr(slash));
}

bool percent_decode(std::string_view in, std::string& out, bool form) {
  out.clear();
  out.reserve(in.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (form && in[i] == '+') {
      out += ' ';
    } else {
      out += in[i];
    }
  }
  return true;
}

bool parse_query(std::string_view qs, std::map<std::string, std::string>& out,
                 std::optional<std::string>* repeated) {
  while (!qs.empty()) {
    auto amp = qs.find('&');
    auto part = qs.substr(0, amp);
    qs = amp == std::string_view::npos ? std::string_view() : qs.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string k, v;
    if (!percent_decode(part.substr(0, eq), k, true)) return false;
    if (eq != std::string_view::npos && !percent_decode(part.substr(eq + 1), v, true)) return false;
    if (out.count(k)) {
      if (repeated) *repeated = std::move(k);
      return false;
    }
    out.emplace(std::move(k), std::move(v));
  }
  return true;
}

}  // namespace anagen::api
