# Lesson 06's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
set(LESSON_DEMO_USES_SOLUTION ON)
set(LESSON_LINKS course::asio)
# The untouched pool never runs a task: waiting for one must be named as such.
set(LESSON_UNSOLVED_SAYS "likely a deadlock")
