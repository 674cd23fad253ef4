// Lesson 04 exercise, part 2: restock() locks the inventory and then calls
// add(), which locks it again: a thread waiting for itself.
//
// Quick reference
//   std::recursive_mutex m;         the holder may lock it again (it counts)
//   a private helper, e.g. add_locked(), that expects the caller to hold the lock
//   std::scoped_lock lock(m);       locks until the end of the scope
//
// Check with: ./course check 04      Stuck? ./course hint 04

#include "inventory.hpp"

#include <mutex>

void Inventory::add(const std::string& item, int count) {
  std::scoped_lock lock(mutex_);
  items_[item] += count;
}

bool Inventory::remove(const std::string& item, int count) {
  std::scoped_lock lock(mutex_);
  auto found = items_.find(item);
  if (found == items_.end() || found->second < count) {
    return false;
  }
  found->second -= count;
  return true;
}

int Inventory::count(const std::string& item) const {
  std::scoped_lock lock(mutex_);
  const auto found = items_.find(item);
  return found == items_.end() ? 0 : found->second;
}

void Inventory::restock(const std::map<std::string, int>& delivery) {
  std::scoped_lock lock(mutex_);  // the whole delivery, as one step
  for (const auto& [item, count] : delivery) {
    // TODO: add() locks mutex_ again, and this thread already holds it.
    add(item, count);
  }
}
