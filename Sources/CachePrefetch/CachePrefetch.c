// The module is its header (include/CachePrefetch.h): two processor hints Swift cannot emit, as
// inline functions.
#include "CachePrefetch.h"
