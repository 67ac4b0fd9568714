#ifndef NETWARDEN_CNETSNMP_SHIM_H
#define NETWARDEN_CNETSNMP_SHIM_H
// sys/types.h must come before net-snmp-config.h: that header defines _GNU_SOURCE, which changes
// glibc's fd_set and clashes with Glibc/Foundation when seen first (see docs/building.md).
#include <sys/types.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#endif
