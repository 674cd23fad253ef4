# Lesson 10's settings (see cmake/CourseLesson.cmake).
# The ring is shared by two threads: the race gate runs its tests under ThreadSanitizer.
set(LESSON_GATES thread)
# std::atomic<Pair> of two longs (16 bytes) is not lock-free with g++: its
# loads and stores are calls into libatomic.
target_link_libraries(${demo} PRIVATE atomic)
