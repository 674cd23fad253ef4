# Lesson 05's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
set(LESSON_DEMO_USES_SOLUTION ON)
