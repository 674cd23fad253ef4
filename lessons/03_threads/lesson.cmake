# Lesson 03's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
