// Placeholder: tests land with their checkers.
#include <gtest/gtest.h>
