// The module is its header (include/CachePrefetch.h): one inline function.
#include "CachePrefetch.h"
