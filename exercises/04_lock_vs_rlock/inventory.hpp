#pragma once
// Lesson 04 exercise, part 2: a class whose public methods call each other,
// all under one lock.

#include <map>
#include <string>

#include "course/deadlock.hpp"

class Inventory {
 public:
  void add(const std::string& item, int count);
  // Takes `count` away if there are that many; returns whether it did.
  bool remove(const std::string& item, int count);
  int count(const std::string& item) const;

  // Adds a whole delivery as one step: no thread ever sees half of it.
  void restock(const std::map<std::string, int>& delivery);

 private:
  // TODO: restock() holds the lock and calls add(), which locks it again.
  //       Change what you need here (a helper, or another kind of mutex).
  mutable course::TrackedMutex mutex_{"inventory"};  // a std::mutex the watchdog can see
  std::map<std::string, int> items_;                 // guarded by mutex_
};
