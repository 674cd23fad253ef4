# Lesson 09's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
set(LESSON_DEMO_USES_SOLUTION ON)
set(LESSON_LINKS course::http course::ticker)
set(LESSON_UNITY_BUILD ON)
