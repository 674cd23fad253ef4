# Lesson 08's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
set(LESSON_LINKS course::http course::ticker)
set(LESSON_UNITY_BUILD ON)

# A machine with a low open-file limit gets a message and a smaller demo, not a crash.
course_expect_exit(demo.08_coroutines.connections.few_files "demo;lesson08" 0 "too few to show many connections"
  bash -c "ulimit -n 64 2>/dev/null || true && exec $<TARGET_FILE:${demo}> connections")
course_expect_exit(demo.08_coroutines.fetch.few_files "demo;lesson08" 0 "fetching [0-9]+ URLs instead of 100|too few to fetch"
  bash -c "ulimit -n 128 2>/dev/null || true && exec $<TARGET_FILE:${demo}> fetch")
