# Lesson 02's settings (see cmake/CourseLesson.cmake).
# Memory errors are the likely mistakes here: the check runs ASan and UBSan.
set(LESSON_GATES address)
