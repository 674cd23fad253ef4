# Lesson 06's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
set(LESSON_DEMO_USES_SOLUTION ON)
set(LESSON_LINKS course::asio)
# The untouched pool runs each task inline on the caller's thread: the tests must name that.
set(LESSON_UNSOLVED_SAYS "ran the task on the caller's thread")
