# Lesson 07's settings (see cmake/CourseLesson.cmake).
# Threads share a queue, and bytes cross pipes: both gates run.
set(LESSON_GATES thread address)
set(LESSON_DEMO_USES_SOLUTION ON)
