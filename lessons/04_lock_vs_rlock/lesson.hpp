#pragma once
// Lesson 04's scenes, one file each. `hang` keeps a deadlocked program hung
// for a debugger instead of ending it after the report.

void show_self_deadlock(bool hang);
void show_recursive_mutex();
void show_abba_deadlock(bool hang);
void show_scoped_lock_fix();
void show_lock_order_fix();
void show_philosophers_deadlock(int philosophers, bool hang);
void show_philosophers_fix(int philosophers);
void show_lucky_inversion();
void compare_lock_scopes();
