#include "conformance/checks/check_support.h"
