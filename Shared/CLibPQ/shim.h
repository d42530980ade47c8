#ifndef LINLI_CLIBPQ_SHIM_H
#define LINLI_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
