// Session control: kernel_info, interrupt and shutdown.
#pragma once

#include <QCborMap>
#include <QString>

namespace kusari::protocol {

struct KernelInfoRequest {
  static constexpr const char* kType = "kernel_info_request";
  QCborMap toCbor() const { return {}; }
  static KernelInfoRequest fromCbor(const QCborMap&) { return {}; }
  bool operator==(const KernelInfoRequest&) const = default;
};

struct KernelInfoReply {
  static constexpr const char* kType = "kernel_info_reply";
  int protocolVersion = 0;
  QString implementation;         // "kusari-kernel"
  QString implementationVersion;
  QString languageVersion;        // the embedded Python's version, e.g. "3.11.7"
  bool kusariAvailable = false;   // whether `import kusari` works in the kernel
  QCborMap toCbor() const;
  static KernelInfoReply fromCbor(const QCborMap& map);
  bool operator==(const KernelInfoReply&) const = default;
};

// Same effect as SIGINT: KeyboardInterrupt in the running cell; ignored when idle. No reply.
struct InterruptRequest {
  static constexpr const char* kType = "interrupt_request";
  QCborMap toCbor() const { return {}; }
  static InterruptRequest fromCbor(const QCborMap&) { return {}; }
  bool operator==(const InterruptRequest&) const = default;
};

// Interrupts a running cell, aborts queued ones, replies, then the kernel exits.
struct ShutdownRequest {
  static constexpr const char* kType = "shutdown_request";
  bool restart = false;
  QCborMap toCbor() const;
  static ShutdownRequest fromCbor(const QCborMap& map);
  bool operator==(const ShutdownRequest&) const = default;
};

struct ShutdownReply {
  static constexpr const char* kType = "shutdown_reply";
  bool restart = false;
  QCborMap toCbor() const;
  static ShutdownReply fromCbor(const QCborMap& map);
  bool operator==(const ShutdownReply&) const = default;
};

}  // namespace kusari::protocol
