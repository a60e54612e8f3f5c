#ifndef BOOMERANG_CGLPK_SHIM_H
#define BOOMERANG_CGLPK_SHIM_H
#include <glpk.h>
#endif
