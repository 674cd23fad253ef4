#pragma once
// How a value crosses from a forked child back to the test that started it:
// as bytes through a pipe. The child is a copy of the same program, so a
// trivially copyable value (an int, an enum, a struct of numbers, a std::array
// of them) travels as its own bytes. Strings, vectors, optionals, pairs and
// tuples travel element by element. Pointers never travel: they would point
// into the child's memory, which is gone by the time the test reads them.

#include <cstddef>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace course::testing {

// Wire<T>::put appends a T to the bytes; Wire<T>::take reads one from the
// front of `bytes` and drops what it read. A test may specialise Wire for a
// type of its own.
template <typename T, typename = void>
struct Wire;

template <typename T>
void put(std::string& bytes, const T& value) {
  Wire<T>::put(bytes, value);
}

template <typename T>
T take(std::string_view& bytes) {
  return Wire<T>::take(bytes);
}

inline std::string_view take_bytes(std::string_view& bytes, std::size_t count) {
  if (bytes.size() < count) {
    throw std::runtime_error("the child's answer was cut short");
  }
  const std::string_view taken = bytes.substr(0, count);
  bytes.remove_prefix(count);
  return taken;
}

template <typename T>
struct Wire<T, std::enable_if_t<std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>>> {
  static void put(std::string& bytes, const T& value) {
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  static T take(std::string_view& bytes) {
    T value;
    std::memcpy(&value, take_bytes(bytes, sizeof value).data(), sizeof value);
    return value;
  }
};

template <>
struct Wire<std::string> {
  static void put(std::string& bytes, const std::string& value) {
    course::testing::put(bytes, value.size());
    bytes += value;
  }
  static std::string take(std::string_view& bytes) {
    const auto size = course::testing::take<std::size_t>(bytes);
    return std::string(take_bytes(bytes, size));
  }
};

template <typename T>
struct Wire<std::vector<T>> {
  static void put(std::string& bytes, const std::vector<T>& values) {
    course::testing::put(bytes, values.size());
    for (const T& value : values) {
      course::testing::put(bytes, value);
    }
  }
  static std::vector<T> take(std::string_view& bytes) {
    const auto size = course::testing::take<std::size_t>(bytes);
    std::vector<T> values;
    for (std::size_t i = 0; i < size; ++i) {
      values.push_back(course::testing::take<T>(bytes));
    }
    return values;
  }
};

template <>
struct Wire<std::vector<bool>> {
  static void put(std::string& bytes, const std::vector<bool>& values) {
    course::testing::put(bytes, values.size());
    for (const bool value : values) {
      course::testing::put(bytes, value);
    }
  }
  static std::vector<bool> take(std::string_view& bytes) {
    const auto size = course::testing::take<std::size_t>(bytes);
    std::vector<bool> values;
    for (std::size_t i = 0; i < size; ++i) {
      values.push_back(course::testing::take<bool>(bytes));
    }
    return values;
  }
};

template <typename T>
struct Wire<std::optional<T>, std::enable_if_t<!std::is_trivially_copyable_v<std::optional<T>>>> {
  static void put(std::string& bytes, const std::optional<T>& value) {
    course::testing::put(bytes, value.has_value());
    if (value) {
      course::testing::put(bytes, *value);
    }
  }
  static std::optional<T> take(std::string_view& bytes) {
    if (!course::testing::take<bool>(bytes)) {
      return std::nullopt;
    }
    return course::testing::take<T>(bytes);
  }
};

template <typename... Ts>
struct Wire<std::tuple<Ts...>, std::enable_if_t<!std::is_trivially_copyable_v<std::tuple<Ts...>>>> {
  static void put(std::string& bytes, const std::tuple<Ts...>& values) {
    std::apply([&bytes](const Ts&... value) { (course::testing::put(bytes, value), ...); }, values);
  }
  static std::tuple<Ts...> take(std::string_view& bytes) {
    // A braced list takes its elements left to right, in the order put wrote them.
    return std::tuple<Ts...>{course::testing::take<Ts>(bytes)...};
  }
};

template <typename A, typename B>
struct Wire<std::pair<A, B>, std::enable_if_t<!std::is_trivially_copyable_v<std::pair<A, B>>>> {
  static void put(std::string& bytes, const std::pair<A, B>& value) {
    course::testing::put(bytes, value.first);
    course::testing::put(bytes, value.second);
  }
  static std::pair<A, B> take(std::string_view& bytes) {
    A first = course::testing::take<A>(bytes);
    B second = course::testing::take<B>(bytes);
    return {std::move(first), std::move(second)};
  }
};

}  // namespace course::testing
