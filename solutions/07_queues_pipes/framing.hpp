#pragma once
// Lesson 07 exercise, part 2: messages over a byte stream (a pipe, a socket).
// A stream has no message boundaries: a 1 MB write may arrive as many reads,
// and a write may take only part of the bytes. Each message is therefore sent
// as an 8-byte length followed by that many bytes.

#include <optional>
#include <string>
#include <string_view>

// Sends one message: its length (8 bytes, this machine's byte order), then its bytes.
// Throws std::system_error if the other end is gone.
void write_message(int fd, std::string_view payload);

// Receives one whole message. Returns std::nullopt at end-of-file between
// messages (the writer closed its end); throws std::runtime_error if the
// stream ends in the middle of a message.
std::optional<std::string> read_message(int fd);
