// Shared helpers for the checkers (request identity, time formatting).
#ifndef DSCOSIM_CONFORMANCE_CHECKS_CHECK_SUPPORT_H_
#define DSCOSIM_CONFORMANCE_CHECKS_CHECK_SUPPORT_H_
#endif
