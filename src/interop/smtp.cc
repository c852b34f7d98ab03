#include "interop/smtp.h"

#include <netdb.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>

namespace anagen::interop {
namespace {

std::string base64(const std::string& s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                    s.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// RFC 2047 encoded-word when the header has non-ASCII text.
std::string header_text(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return "=?UTF-8?B?" + base64(s) + "?=";
  }
  return s;
}

class Conn {
 public:
  ~Conn() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status open(const SmtpConfig& cfg) {
    addrinfo hints{}, *res = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    std::string port = std::to_string(cfg.port);
    if (getaddrinfo(cfg.host.c_str(), port.c_str(), &hints, &res) != 0 || !res) {
      return Error::unavailable("smtp: cannot resolve " + cfg.host);
    }
    for (addrinfo* a = res; a; a = a->ai_next) {
      fd_ = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
      if (fd_ < 0) continue;
      timeval tv{cfg.timeout_s, 0};
      setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      if (::connect(fd_, a->ai_addr, a->ai_addrlen) == 0) break;
      ::close(fd_);
      fd_ = -1;
    }
    freeaddrinfo(res);
    if (fd_ < 0) {
      return Error::unavailable("smtp: cannot connect to " + cfg.host + ":" + port);
    }
    return ok_status();
  }
  Status write(const std::string& s) {
    size_t done = 0;
    while (done < s.size()) {
      ssize_t n = ::send(fd_, s.data() + done, s.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return Error::unavailable("smtp: connection lost while sending");
      done += static_cast<size_t>(n);
    }
    return ok_status();
  }
  // Reads one (possibly multi-line) reply; returns its code.
  Result<int> reply(std::string* text = nullptr) {
    for (;;) {
      auto eol = buf_.find("\r\n");
      while (eol == std::string::npos) {
        char tmp[1024];
        ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
        if (n <= 0) return Error::unavailable("smtp: no reply from the server");
        buf_.append(tmp, static_cast<size_t>(n));
        eol = buf_.find("\r\n");
      }
      std::string line = buf_.substr(0, eol);
      buf_.erase(0, eol + 2);
      if (text) *text += line + " ";
      if (line.size() < 3) return Error::unavailable("smtp: malformed reply");
      if (line.size() == 3 || line[3] == ' ') return std::atoi(line.substr(0, 3).c_str());
    }
  }
  // Sends a command and checks the reply class.
  Status command(const std::string& cmd, int expected) {
    if (!cmd.empty()) ANAGEN_TRY(write(cmd + "\r\n"));
    std::string text;
    ANAGEN_ASSIGN(int code, reply(&text));
    if (code / 100 == expected / 100) return ok_status();
    std::string what =
        "smtp: " + (cmd.empty() ? std::string("greeting") : cmd.substr(0, cmd.find(':'))) +
        " refused: " + text;
    if (code >= 500) return Error{ErrorCode::kInvalid, what};
    return Error::unavailable(what);
  }

 private:
  int fd_ = -1;
  std::string buf_;
};

}  // namespace

std::string format_mail(const SmtpConfig& cfg, const Mail& m) {
  std::string body64 = base64(m.body);
  std::string wrapped;
  for (size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
  return "From: " + cfg.from + "\r\nTo: " + m.to + "\r\nSubject: " + header_text(m.subject) +
         "\r\nDate: " + m.date + "\r\nMessage-ID: " + m.message_id +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         wrapped;
}

Status send_mail(const SmtpConfig& cfg, const Mail& mail) {
  if (cfg.host.empty()) return Error::unavailable("smtp: no mail server configured");
  if (mail.to.find_first_of("\r\n<>") != std::string::npos) {
    return Error{ErrorCode::kInvalid, "smtp: bad recipient address"};
  }
  Conn c;
  ANAGEN_TRY(c.open(cfg));
  ANAGEN_TRY(c.command("", 220));
  ANAGEN_TRY(c.command("EHLO " + cfg.helo, 250));
  ANAGEN_TRY(c.command("MAIL FROM:<" + cfg.from + ">", 250));
  ANAGEN_TRY(c.command("RCPT TO:<" + mail.to + ">", 250));
  ANAGEN_TRY(c.command("DATA", 354));
  // Lines of the message never start with a dot (base64), so no stuffing.
  ANAGEN_TRY(c.write(format_mail(cfg, mail) + ".\r\n"));
  ANAGEN_TRY(c.command("", 250));
  (void)c.command("QUIT", 221);
  return ok_status();
}

}  // namespace anagen::interop
