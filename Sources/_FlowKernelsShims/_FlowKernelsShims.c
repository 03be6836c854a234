// Header-only module: the macros in include/_FlowKernelsShims.h are all there is.
#include "_FlowKernelsShims.h"
